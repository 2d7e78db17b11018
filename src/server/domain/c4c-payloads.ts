// NormalizedCalendarItem → C4C write bodies for Appointment and Visit. OData v2 cannot PATCH child collections
// through the header, so a write is a header body plus, when they change, the full wanted set of party rows,
// BTD reference rows and the body note; the adapter deep-inserts them on create and reconciles them on update.
import type { SyncKind } from '../../shared/categories.js';
import { BTD_TYPE_CODES, C4C_BODY_TEXT_TYPE, C4C_FIELDS, C4C_PARTY_ROLE, C4C_PARTY_TYPE, C4C_PRIORITY_NORMAL, C4C_SENSITIVITY, C4C_STATUS, availabilityCodeOf } from './c4c-fields.js';
import type { CalendarItemPatch, NormalizedCalendarItem } from './calendar-item.js';
import { primaryLink, type CrmLink } from '../../shared/crm-links.js';
import type { PartyRef } from './party.js';
import { parseIsoUtc, sapZoneFromIana, toODataDate, wallClockToUtcMs } from './time.js';

export type C4cBody = Record<string, unknown>;

export interface C4cWrite {
  entitySet: 'AppointmentCollection' | 'VisitCollection';
  header: C4cBody;
  /** Full wanted set of party rows (attendees), when they change. */
  parties?: C4cBody[];
  /** The organizer's party row (organizer role), added when the activity has none. */
  organizer?: C4cBody;
  /** Full wanted set of BTD reference rows, when links change. */
  btdReferences?: C4cBody[];
  /** The body note's new text, when it changes. */
  bodyText?: string;
}

function timeValue(instant: string, isAllDay: boolean, zone: string): string {
  // All-day items: midnight of the date in the item's zone (C4C shows times in the zone code sent with them).
  return toODataDate(isAllDay ? wallClockToUtcMs(`${instant.slice(0, 10)}T00:00:00`, zone) : parseIsoUtc(instant));
}

function timeFields(kind: SyncKind, item: Pick<NormalizedCalendarItem, 'startUtc' | 'endUtc' | 'isAllDay' | 'timeZone'>): C4cBody {
  const names = C4C_FIELDS[kind];
  const sapZone = sapZoneFromIana(item.timeZone);
  const zone = sapZone === 'UTC' ? 'UTC' : item.timeZone;
  return {
    [names.start]: timeValue(item.startUtc, item.isAllDay, zone),
    [names.end]: timeValue(item.endUtc, item.isAllDay, zone),
    [names.startZone]: sapZone,
    [names.endZone]: sapZone,
    [names.allDay]: item.isAllDay,
  };
}

/** Header link fields: primary account → MainAccountPartyID, primary contact → MainContactPartyID. */
function headerLinkFields(links: readonly CrmLink[]): C4cBody {
  return { MainAccountPartyID: primaryLink(links, 'account')?.id ?? '', MainContactPartyID: primaryLink(links, 'contact')?.id ?? '' };
}

/** Other document links → BTD reference rows. */
export function btdReferenceRows(links: readonly CrmLink[]): C4cBody[] {
  return links.flatMap((l) => {
    const code = BTD_TYPE_CODES[l.type];
    return code ? [{ ID: l.id, TypeCode: code }] : [];
  });
}

/** Resolved attendees → involved party rows (unresolved attendees were left out by the resolver, R8). */
export function partyRows(kind: SyncKind, parties: readonly PartyRef[]): C4cBody[] {
  const emailField = C4C_FIELDS[kind].partyEmail[0] ?? 'Email';
  return parties.map((p) => ({
    PartyID: p.partyId,
    RoleCode: C4C_PARTY_ROLE.attendee,
    PartyTypeCode: p.partyType === 'employee' ? C4C_PARTY_TYPE.employee : C4C_PARTY_TYPE.contact,
    PartyName: p.name,
    [emailField]: p.email,
  }));
}

/**
 * R8: the meeting's organizer as C4C names them: OrganizerPartyID on the header (creatable and updatable on both
 * Appointment and Visit, c4codataapi $metadata) and an involved party in the organizer role, which an attendee
 * update leaves alone (only attendee rows are reconciled). Only an employee organizes in C4C; an outside organizer
 * keeps OrganizerEmailURI alone.
 */
export function organizerWrite(kind: SyncKind, organizer: PartyRef | null | undefined): Pick<C4cWrite, 'organizer'> & { header: C4cBody } {
  if (!organizer || organizer.partyType !== 'employee') return { header: {} };
  const emailField = C4C_FIELDS[kind].partyEmail[0] ?? 'Email';
  return {
    header: { OrganizerPartyID: organizer.partyId },
    organizer: { PartyID: organizer.partyId, RoleCode: C4C_PARTY_ROLE.organizer, PartyTypeCode: C4C_PARTY_TYPE.employee, PartyName: organizer.name, [emailField]: organizer.email },
  };
}

function sensitivityFields(kind: SyncKind, sensitivity: NormalizedCalendarItem['sensitivity']): C4cBody {
  const field = C4C_FIELDS[kind].sensitivity;
  return field ? { [field]: sensitivity === 'private' ? C4C_SENSITIVITY.private : C4C_SENSITIVITY.normal } : {};
}

export interface C4cCreateContext {
  groupwareItemId: string;
  ownerPartyId: string | null;
  parties: readonly PartyRef[];
  /** The meeting's organizer, resolved (R8); null or absent when not a C4C party. */
  organizer?: PartyRef | null;
}

export function toC4cCreate(kind: SyncKind, item: NormalizedCalendarItem, context: C4cCreateContext): C4cWrite {
  const names = C4C_FIELDS[kind];
  const header: C4cBody = {
    Subject: item.subject,
    Location: item.location,
    ...timeFields(kind, item),
    [names.priority]: C4C_PRIORITY_NORMAL,
    [names.status]: C4C_STATUS.open,
    ...sensitivityFields(kind, item.sensitivity),
    ...(names.availability ? { [names.availability]: availabilityCodeOf(item.showAs) } : {}),
    GroupwareItemID: context.groupwareItemId,
    ...headerLinkFields(item.links),
  };
  if (context.ownerPartyId) header.OwnerPartyID = context.ownerPartyId;
  if (item.organizerEmail) header.OrganizerEmailURI = item.organizerEmail;
  const organizer = organizerWrite(kind, context.organizer);
  Object.assign(header, organizer.header);
  if (item.seriesId && item.occurrenceDate) {
    // R6: each occurrence is its own activity, tied to its series.
    header.RecurrenceActGroupwareID = item.seriesId;
    header.OccurrenceDate = toODataDate(Date.parse(`${item.occurrenceDate}T00:00:00Z`));
  }
  return {
    entitySet: names.entitySet,
    header,
    parties: [...(organizer.organizer ? [organizer.organizer] : []), ...partyRows(kind, context.parties)],
    btdReferences: btdReferenceRows(item.links),
    bodyText: item.body,
  };
}

/**
 * A PATCH for the changed fields. Start, end, all-day and zone travel together (C4C validates them together);
 * `current` supplies the unchanged ones. `parties` is required when the patch changes attendees.
 */
export function toC4cUpdate(
  kind: SyncKind,
  patch: CalendarItemPatch,
  current: NormalizedCalendarItem,
  parties?: readonly PartyRef[],
): C4cWrite {
  const header: C4cBody = {};
  if (patch.subject !== undefined) header.Subject = patch.subject;
  if (patch.location !== undefined) header.Location = patch.location;
  if (patch.startUtc !== undefined || patch.endUtc !== undefined || patch.isAllDay !== undefined) {
    Object.assign(
      header,
      timeFields(kind, {
        startUtc: patch.startUtc ?? current.startUtc,
        endUtc: patch.endUtc ?? current.endUtc,
        isAllDay: patch.isAllDay ?? current.isAllDay,
        timeZone: current.timeZone,
      }),
    );
  }
  if (patch.sensitivity !== undefined) Object.assign(header, sensitivityFields(kind, patch.sensitivity));
  if (patch.links !== undefined) Object.assign(header, headerLinkFields(patch.links));
  const write: C4cWrite = { entitySet: C4C_FIELDS[kind].entitySet, header };
  if (patch.links !== undefined) write.btdReferences = btdReferenceRows(patch.links);
  if (patch.body !== undefined) write.bodyText = patch.body;
  if (patch.attendees !== undefined) write.parties = partyRows(kind, parties ?? []);
  return write;
}

/** R11: cancel, never delete. */
export function toC4cCancel(kind: SyncKind): C4cWrite {
  return { entitySet: C4C_FIELDS[kind].entitySet, header: { [C4C_FIELDS[kind].status]: C4C_STATUS.cancelled } };
}

/** One POST body with child rows inlined (OData v2 deep insert) for a create. */
export function toC4cDeepInsertBody(kind: SyncKind, write: C4cWrite): C4cBody {
  const names = C4C_FIELDS[kind];
  const body: C4cBody = { ...write.header };
  if (write.parties && write.parties.length > 0) body[names.partiesNav] = write.parties;
  if (write.btdReferences && write.btdReferences.length > 0) body[names.btdNav] = write.btdReferences;
  if (write.bodyText) body[names.textNav] = [{ Text: write.bodyText, TypeCode: C4C_BODY_TEXT_TYPE, LanguageCode: 'EN' }];
  return body;
}
