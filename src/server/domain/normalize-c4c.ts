// C4C Appointment / Visit JSON (OData v2, with $expand of parties, BTD references and texts) → CrmActivity.
// Field names differ between the two entities; c4c-fields.ts names them. Codes (party roles, BTD reference types)
// are the tenant's (c4c-codes.ts; C4C's standard ones by default).
import type { SyncKind } from '../../shared/categories.js';
import { normalizePrimaries, type CrmLink } from '../../shared/crm-links.js';
import type { Attendee, NormalizedCalendarItem } from './calendar-item.js';
import { normalizeText } from './canonical.js';
import { C4C_BODY_TEXT_TYPE, C4C_FIELDS, C4C_PRIVATE_CODES, activityStatusOf, showAsOf } from './c4c-fields.js';
import { STANDARD_ACTIVITY_CODES, documentTypeOfCode, type C4cActivityCodes } from './c4c-codes.js';
import type { CrmActivity } from './snapshots.js';
import { allDayInstant, dateInZone, ianaFromSapZone, parseODataDate, toIsoUtc } from './time.js';

export type C4cJson = Record<string, unknown>;

function str(json: C4cJson, key: string): string | null {
  const value = json[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** An expanded navigation property: `[...]` or verbose `{results:[...]}`; deferred or absent → []. */
export function expanded(json: C4cJson, nav: string): C4cJson[] {
  const value = json[nav];
  if (Array.isArray(value)) return value as C4cJson[];
  if (value && typeof value === 'object' && Array.isArray((value as { results?: unknown }).results)) {
    return (value as { results: C4cJson[] }).results;
  }
  return [];
}

/** Instant of an OData date value (`/Date(ms)/` or ISO), or null. */
export function instant(json: C4cJson, key: string): number | null {
  const value = str(json, key);
  if (!value) return null;
  if (value.startsWith('/Date(')) return parseODataDate(value);
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** The version token: `__metadata.etag` when present (what If-Match wants), else the ETag property. */
export function c4cVersionOf(json: C4cJson): string {
  const meta = json.__metadata as { etag?: unknown } | undefined;
  if (meta && typeof meta.etag === 'string') return meta.etag;
  return str(json, 'ETag') ?? '';
}

function partyEmail(party: C4cJson, keys: readonly string[]): string | null {
  for (const key of keys) {
    const email = str(party, key);
    if (email) return email.toLowerCase();
  }
  return null;
}

/**
 * Header main account / main contact → the primary links (the rule: shared/crm-links.ts); involved parties in the
 * account or contact role that are not the main ones → the other accounts and contacts; BTD references → documents.
 */
function linksOf(json: C4cJson, kind: SyncKind, codes: C4cActivityCodes): CrmLink[] {
  const links: CrmLink[] = [];
  const account = str(json, 'MainAccountPartyID');
  if (account) links.push({ type: 'account', id: account, primary: true });
  const contact = str(json, 'MainContactPartyID');
  if (contact) links.push({ type: 'contact', id: contact, primary: true });
  const { account: accountRole, contact: contactRole } = codes.partyRoles;
  for (const party of expanded(json, C4C_FIELDS[kind].partiesNav)) {
    const role = str(party, 'RoleCode');
    const id = str(party, 'PartyID');
    // A main party row (C4C may keep one beside the header field) is the primary link already.
    if (!id || role === null || party['MainIndicator'] === true) continue;
    if (role === accountRole) links.push({ type: 'account', id });
    else if (role === contactRole) links.push({ type: 'contact', id });
  }
  for (const ref of expanded(json, C4C_FIELDS[kind].btdNav)) {
    const type = documentTypeOfCode(codes.btdTypes, str(ref, 'TypeCode'));
    const id = str(ref, 'ID');
    if (type && id) links.push({ type, id });
  }
  return normalizePrimaries(links);
}

function bodyOf(json: C4cJson, kind: SyncKind): string {
  const texts = expanded(json, C4C_FIELDS[kind].textNav);
  const note = texts.find((t) => str(t, 'TypeCode') === C4C_BODY_TEXT_TYPE) ?? texts[0];
  return normalizeText(note ? (str(note, 'Text') ?? '') : '');
}

/** Involved parties that are attendees: not the owner or organizer, not an account or contact linked to the activity. */
function attendeesOf(json: C4cJson, kind: SyncKind, codes: C4cActivityCodes): Attendee[] {
  const names = C4C_FIELDS[kind];
  const { owner, organizer, account, contact } = codes.partyRoles;
  const notAttendees = new Set([owner, organizer, account, contact].filter((r): r is string => r !== null));
  return expanded(json, names.partiesNav)
    .filter((p) => !notAttendees.has(str(p, 'RoleCode') ?? ''))
    .flatMap((p) => {
      const email = partyEmail(p, names.partyEmail);
      return email ? [{ email, name: str(p, 'PartyName') ?? '', type: 'required' as const, response: 'none' as const }] : [];
    });
}

function ownerEmailOf(json: C4cJson, kind: SyncKind, codes: C4cActivityCodes): string | null {
  const direct = str(json, 'OwnerEmailURI');
  if (direct) return direct.toLowerCase();
  const owner = expanded(json, C4C_FIELDS[kind].partiesNav).find((p) => str(p, 'RoleCode') === codes.partyRoles.owner);
  return owner ? partyEmail(owner, C4C_FIELDS[kind].partyEmail) : null;
}

export function normalizeC4cFields(json: C4cJson, kind: SyncKind, codes: C4cActivityCodes = STANDARD_ACTIVITY_CODES): NormalizedCalendarItem {
  const names = C4C_FIELDS[kind];
  // The tenant's zone codes (sap-time-zones.ts). A code it cannot map leaves UTC as a placeholder and marks the item,
  // which is then reported (R9), never synced as if it were UTC.
  const zoneCode = str(json, names.startZone);
  const known = ianaFromSapZone(zoneCode, codes.zones);
  const timeZone = known ?? 'UTC';
  const isAllDay = json[names.allDay] === true;
  const start = instant(json, names.start) ?? 0;
  const end = instant(json, names.end) ?? start;
  const sensitivityCode = names.sensitivity ? str(json, names.sensitivity) : null;
  const occurrence = instant(json, 'OccurrenceDate');
  return {
    subject: normalizeText(str(json, 'Subject') ?? ''),
    startUtc: isAllDay ? allDayInstant(dateInZone(start, timeZone)) : toIsoUtc(start),
    endUtc: isAllDay ? allDayInstant(dateInZone(end, timeZone)) : toIsoUtc(end),
    isAllDay,
    timeZone,
    location: normalizeText(str(json, 'Location') ?? ''),
    body: bodyOf(json, kind),
    sensitivity: sensitivityCode && C4C_PRIVATE_CODES.includes(sensitivityCode) ? 'private' : 'normal',
    showAs: names.availability ? showAsOf(str(json, names.availability)) : 'busy',
    organizerEmail: str(json, 'OrganizerEmailURI')?.toLowerCase() ?? null,
    attendees: attendeesOf(json, kind, codes),
    links: linksOf(json, kind, codes),
    seriesId: str(json, 'RecurrenceActGroupwareID'),
    occurrenceDate: occurrence === null ? null : toIsoUtc(occurrence).slice(0, 10),
    ...(known === null && zoneCode !== null ? { unknownZone: { side: 'crm' as const, name: zoneCode } } : {}),
  };
}

/** A C4C Appointment/Visit entity → CrmActivity. */
export function normalizeC4cActivity(json: C4cJson, kind: SyncKind, codes: C4cActivityCodes = STANDARD_ACTIVITY_CODES): CrmActivity {
  const names = C4C_FIELDS[kind];
  const status = kind === 'visit' && json.MarkedForDeletion === true ? 'cancelled' : activityStatusOf(str(json, names.status));
  const lastChanged = instant(json, 'EntityLastChangedOn');
  return {
    objectId: str(json, 'ObjectID') ?? '',
    displayId: str(json, 'ID'),
    kind,
    version: c4cVersionOf(json),
    groupwareItemId: str(json, 'GroupwareItemID'),
    status,
    removed: false,
    ownerPartyId: str(json, 'OwnerPartyID'),
    ownerEmail: ownerEmailOf(json, kind, codes),
    organizerPartyId: str(json, 'OrganizerPartyID'),
    organizerEmail: str(json, 'OrganizerEmailURI')?.toLowerCase() ?? null,
    // Milliseconds kept: the inbox orders versions of one activity by this, and two edits in one second are
    // common (a user's edit right after one of ours); whole seconds made the older one's ack drop the newer.
    lastChangedOn: new Date(lastChanged ?? 0).toISOString(),
    fields: normalizeC4cFields(json, kind, codes),
  };
}
