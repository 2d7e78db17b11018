// NormalizedCalendarItem → C4C write bodies for Appointment and Visit. OData v2 cannot PATCH child collections
// through the header, so a write is a header body plus, when they change, the full wanted set of party rows,
// BTD reference rows and the body note; the adapter deep-inserts them on create and reconciles them on update.
// Links: the primary account and contact are header fields, other accounts and contacts involved parties with the
// tenant's account/contact role, documents BTD references with the tenant's type codes (c4c-codes.ts). A link the
// tenant has no code for is listed in `unwritableLinks`, never dropped: the adapter refuses the write, naming it.
import type { SyncKind } from '../../shared/categories.js';
import { C4C_BODY_TEXT_TYPE, C4C_FIELDS, C4C_PARTY_TYPE, C4C_PRIORITY_NORMAL, C4C_SENSITIVITY, C4C_STATUS, availabilityCodeOf } from './c4c-fields.js';
import { STANDARD_ACTIVITY_CODES, type C4cActivityCodes, type DocumentLinkType } from './c4c-codes.js';
import type { CalendarItemPatch, NormalizedCalendarItem } from './calendar-item.js';
import { primaryLink, primaryRoleOf, type CrmLink } from '../../shared/crm-links.js';
import type { PartyRef } from './party.js';
import { parseIsoUtc, sapZoneFromIana, startOfDateMs, toODataDate } from './time.js';

export type C4cBody = Record<string, unknown>;

export interface C4cWrite {
  entitySet: 'AppointmentCollection' | 'VisitCollection';
  header: C4cBody;
  /** Full wanted set of attendee party rows, when attendees change. */
  parties?: C4cBody[];
  /** Full wanted set of the other accounts' and contacts' party rows, when links change. */
  linkParties?: C4cBody[];
  /** The organizer's party row (organizer role), added when the activity has none. */
  organizer?: C4cBody;
  /** Full wanted set of BTD reference rows, when links change. */
  btdReferences?: C4cBody[];
  /** The body note's new text, when it changes. */
  bodyText?: string;
  /** Links the tenant has no code for (a document type, or the account/contact role): the write must not happen. */
  unwritableLinks?: CrmLink[];
  /** An IANA zone the tenant has no time-zone code for (none keeps its offsets): the write must not happen (R9). */
  unwritableZone?: string;
}

function timeValue(instant: string, isAllDay: boolean, zone: string): string {
  // All-day items: midnight of the date in the item's zone (C4C shows times in the zone code sent with them).
  return toODataDate(isAllDay ? startOfDateMs(instant.slice(0, 10), zone) : parseIsoUtc(instant));
}

type TimedItem = Pick<NormalizedCalendarItem, 'startUtc' | 'endUtc' | 'isAllDay' | 'timeZone'>;

/**
 * The SAP code an item is written with: its zone's own, or one that keeps the same offsets (sap-time-zones.ts). Null
 * when the tenant has none: the writer refuses the item (R9) rather than write it as UTC.
 */
export function sapZoneOf(item: TimedItem, codes: C4cActivityCodes): string | null {
  return sapZoneFromIana(item.timeZone, parseIsoUtc(item.startUtc), codes.zones);
}

function timeFields(kind: SyncKind, item: TimedItem, codes: C4cActivityCodes): C4cBody & { unwritableZone?: string } {
  const names = C4C_FIELDS[kind];
  const sapZone = sapZoneOf(item, codes);
  if (sapZone === null) return { unwritableZone: item.timeZone };
  // All-day midnights are placed in the item's own zone: the code written keeps its offsets, so C4C shows the dates.
  const zone = item.timeZone;
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

interface LinkRows {
  rows: C4cBody[];
  unwritable: CrmLink[];
}

/** Document links → BTD reference rows with the tenant's type codes. */
export function btdReferenceRows(links: readonly CrmLink[], codes: C4cActivityCodes = STANDARD_ACTIVITY_CODES): LinkRows {
  const out: LinkRows = { rows: [], unwritable: [] };
  for (const link of links) {
    if (primaryRoleOf(link.type) !== null) continue;
    const code = codes.btdTypes[link.type as DocumentLinkType] ?? null;
    if (code) out.rows.push({ ID: link.id, TypeCode: code });
    else out.unwritable.push(link);
  }
  return out;
}

/**
 * Accounts (and individual customers) and contacts other than the primary ones → involved party rows with the
 * tenant's account/contact role, not main (MainIndicator false; the main ones are the header's fields).
 */
export function linkPartyRows(links: readonly CrmLink[], codes: C4cActivityCodes = STANDARD_ACTIVITY_CODES): LinkRows {
  const out: LinkRows = { rows: [], unwritable: [] };
  for (const link of links) {
    const role = primaryRoleOf(link.type);
    if (role === null || link.primary === true) continue;
    const code = codes.partyRoles[role];
    if (code) out.rows.push({ PartyID: link.id, RoleCode: code, MainIndicator: false });
    else out.unwritable.push(link);
  }
  return out;
}

/** The link rows of a write: BTD references and other accounts' and contacts' party rows, and what cannot be written. */
function linkRows(links: readonly CrmLink[], codes: C4cActivityCodes): Pick<C4cWrite, 'btdReferences' | 'linkParties' | 'unwritableLinks'> {
  const documents = btdReferenceRows(links, codes);
  const parties = linkPartyRows(links, codes);
  const unwritable = [...parties.unwritable, ...documents.unwritable];
  return { btdReferences: documents.rows, linkParties: parties.rows, ...(unwritable.length > 0 ? { unwritableLinks: unwritable } : {}) };
}

/** Resolved attendees → involved party rows (unresolved attendees were left out by the resolver, R8). */
export function partyRows(kind: SyncKind, parties: readonly PartyRef[], codes: C4cActivityCodes = STANDARD_ACTIVITY_CODES): C4cBody[] {
  const emailField = C4C_FIELDS[kind].partyEmail[0] ?? 'Email';
  return parties.map((p) => ({
    PartyID: p.partyId,
    RoleCode: codes.partyRoles.attendee,
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
export function organizerWrite(kind: SyncKind, organizer: PartyRef | null | undefined, codes: C4cActivityCodes = STANDARD_ACTIVITY_CODES): Pick<C4cWrite, 'organizer'> & { header: C4cBody } {
  if (!organizer || organizer.partyType !== 'employee') return { header: {} };
  const emailField = C4C_FIELDS[kind].partyEmail[0] ?? 'Email';
  return {
    header: { OrganizerPartyID: organizer.partyId },
    organizer: { PartyID: organizer.partyId, RoleCode: codes.partyRoles.organizer, PartyTypeCode: C4C_PARTY_TYPE.employee, PartyName: organizer.name, [emailField]: organizer.email },
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
  /** The tenant's codes (default C4C's standard ones). */
  codes?: C4cActivityCodes;
  /** The meeting's organizer, resolved (R8); null or absent when not a C4C party. */
  organizer?: PartyRef | null;
}

export function toC4cCreate(kind: SyncKind, item: NormalizedCalendarItem, context: C4cCreateContext): C4cWrite {
  const names = C4C_FIELDS[kind];
  const header: C4cBody = {
    Subject: item.subject,
    Location: item.location,
    [names.priority]: C4C_PRIORITY_NORMAL,
    [names.status]: C4C_STATUS.open,
    ...sensitivityFields(kind, item.sensitivity),
    ...(names.availability ? { [names.availability]: availabilityCodeOf(item.showAs) } : {}),
    GroupwareItemID: context.groupwareItemId,
    ...headerLinkFields(item.links),
  };
  if (context.ownerPartyId) header.OwnerPartyID = context.ownerPartyId;
  if (item.organizerEmail) header.OrganizerEmailURI = item.organizerEmail;
  const organizer = organizerWrite(kind, context.organizer, context.codes);
  Object.assign(header, organizer.header);
  const codes = context.codes ?? STANDARD_ACTIVITY_CODES;
  const { unwritableZone, ...times } = timeFields(kind, item, codes);
  Object.assign(header, times);
  if (item.seriesId && item.occurrenceDate) {
    // R6: each occurrence is its own activity, tied to its series.
    header.RecurrenceActGroupwareID = item.seriesId;
    header.OccurrenceDate = toODataDate(Date.parse(`${item.occurrenceDate}T00:00:00Z`));
  }
  return {
    entitySet: names.entitySet,
    header,
    parties: [...(organizer.organizer ? [organizer.organizer] : []), ...partyRows(kind, context.parties, codes)],
    ...linkRows(item.links, codes),
    bodyText: item.body,
    ...(unwritableZone !== undefined ? { unwritableZone } : {}),
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
  codes: C4cActivityCodes = STANDARD_ACTIVITY_CODES,
): C4cWrite {
  const header: C4cBody = {};
  let zoneRefused: string | undefined;
  if (patch.subject !== undefined) header.Subject = patch.subject;
  if (patch.location !== undefined) header.Location = patch.location;
  if (patch.startUtc !== undefined || patch.endUtc !== undefined || patch.isAllDay !== undefined) {
    const times = { startUtc: patch.startUtc ?? current.startUtc, endUtc: patch.endUtc ?? current.endUtc, isAllDay: patch.isAllDay ?? current.isAllDay, timeZone: current.timeZone };
    const { unwritableZone, ...fields } = timeFields(kind, times, codes);
    zoneRefused = unwritableZone;
    Object.assign(header, fields);
  }
  if (patch.sensitivity !== undefined) Object.assign(header, sensitivityFields(kind, patch.sensitivity));
  if (patch.links !== undefined) Object.assign(header, headerLinkFields(patch.links));
  const write: C4cWrite = { entitySet: C4C_FIELDS[kind].entitySet, header, ...(zoneRefused !== undefined ? { unwritableZone: zoneRefused } : {}) };
  if (patch.links !== undefined) Object.assign(write, linkRows(patch.links, codes));
  if (patch.body !== undefined) write.bodyText = patch.body;
  if (patch.attendees !== undefined) write.parties = partyRows(kind, parties ?? [], codes);
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
  const parties = [...(write.parties ?? []), ...(write.linkParties ?? [])];
  if (parties.length > 0) body[names.partiesNav] = parties;
  if (write.btdReferences && write.btdReferences.length > 0) body[names.btdNav] = write.btdReferences;
  if (write.bodyText) body[names.textNav] = [{ Text: write.bodyText, TypeCode: C4C_BODY_TEXT_TYPE, LanguageCode: 'EN' }];
  return body;
}
