// Canonical forms of the synced fields: what "equal" means when comparing the two sides, hashing or merging.
// They drop what one side cannot carry (link names, attendee names and responses) so that a faithful round
// trip through either system compares equal.
import { primaryRoleOf, type CrmLink, type CrmObjectType } from '../../shared/crm-links.js';
import type { SyncKind } from '../../shared/categories.js';
import { twoWayFieldsFor, type Attendee, type NormalizedCalendarItem, type TwoWayField } from './calendar-item.js';

export function normalizeText(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim();
}

/**
 * C4C stores the account link as MainAccountPartyID only, so account and individual customer compare equal: a
 * link's family is its primary role (shared/crm-links.ts), or its type for links that cannot be primary.
 */
function linkFamily(type: CrmObjectType): string {
  return primaryRoleOf(type) ?? type;
}

/**
 * Sorted `family:id` keys of the links; `*` marks the primary account/contact. C4C holds every link: the primary
 * account and contact in its header, other accounts and contacts as involved parties, documents as BTD references
 * (c4c-payloads.ts). A link a tenant cannot hold fails the item (R9); it is never left out of the comparison.
 */
export function canonicalLinks(links: readonly CrmLink[]): string[] {
  const keys = links.map((l) => `${linkFamily(l.type)}:${l.id}${l.primary ? '*' : ''}`);
  return [...new Set(keys)].sort();
}

/**
 * R8: the attendees that count for C4C: every invitee who has not declined, by lower-case e-mail, sorted. The
 * organizer is not an invitee.
 */
export function activeAttendeeEmails(attendees: readonly Attendee[], organizerEmail: string | null = null): string[] {
  const organizer = organizerEmail?.toLowerCase() ?? null;
  const emails = attendees
    .filter((a) => a.response !== 'declined' && a.response !== 'organizer')
    .map((a) => a.email.trim().toLowerCase())
    .filter((e) => e.length > 0 && e !== organizer);
  return [...new Set(emails)].sort();
}

export type CanonicalValue = string | boolean | string[];

export function canonicalField(item: NormalizedCalendarItem, field: TwoWayField): CanonicalValue {
  switch (field) {
    case 'subject':
    case 'location':
    case 'body':
      return normalizeText(item[field]);
    case 'startUtc':
    case 'endUtc':
      return item[field];
    case 'isAllDay':
      return item.isAllDay;
    case 'sensitivity':
      return item.sensitivity;
    case 'links':
      return canonicalLinks(item.links);
  }
}

export function sameCanonical(a: CanonicalValue, b: CanonicalValue): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}

export function fieldEqual(a: NormalizedCalendarItem, b: NormalizedCalendarItem, field: TwoWayField): boolean {
  return sameCanonical(canonicalField(a, field), canonicalField(b, field));
}

export function sameAttendees(a: NormalizedCalendarItem, b: NormalizedCalendarItem): boolean {
  return sameCanonical(activeAttendeeEmails(a.attendees, a.organizerEmail), activeAttendeeEmails(b.attendees, b.organizerEmail));
}

/**
 * C4C lists an active attendee the Outlook side does not (R8: attendees flow Outlook → C4C, and C4C holds a subset
 * of Outlook's, the ones it could resolve). Such drift comes from a write that landed but was never recorded.
 */
export function crmHasExtraAttendees(outlook: NormalizedCalendarItem, crm: NormalizedCalendarItem): boolean {
  const wanted = new Set(activeAttendeeEmails(outlook.attendees, outlook.organizerEmail));
  return activeAttendeeEmails(crm.attendees, crm.organizerEmail).some((email) => !wanted.has(email));
}

/** Two-way fields (of this kind) where a and b differ. */
export function differingFields(a: NormalizedCalendarItem, b: NormalizedCalendarItem, kind: SyncKind): TwoWayField[] {
  return twoWayFieldsFor(kind).filter((f) => !fieldEqual(a, b, f));
}
