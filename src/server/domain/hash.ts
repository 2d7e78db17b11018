// Stable hash of an item's synced fields (DESIGN §3: a side changed when its version AND this hash differ).
// Canonical JSON (sorted keys, canonical field forms) → sha256 hex. Field order, whitespace at the ends, CRLF
// and e-mail case do not change it.
import { createHash } from 'node:crypto';
import type { SyncKind } from '../../shared/categories.js';
import { TWO_WAY_FIELDS, twoWayFieldsFor, type NormalizedCalendarItem } from './calendar-item.js';
import { activeAttendeeEmails, canonicalField, type CanonicalValue } from './canonical.js';

export type HashSide = 'outlook' | 'crm';

/** JSON with object keys sorted at every level, so equal values serialize identically. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The synced projection of an item as seen from one side. Outlook's includes the active attendees because they
 * flow Outlook → C4C (R8); C4C's does not, because C4C only holds the attendees it could resolve.
 */
export function syncedProjection(item: NormalizedCalendarItem, side: HashSide, kind: SyncKind): Record<string, CanonicalValue> {
  const projection: Record<string, CanonicalValue> = { kind };
  for (const field of twoWayFieldsFor(kind)) projection[field] = canonicalField(item, field);
  if (side === 'outlook') projection.attendees = activeAttendeeEmails(item.attendees, item.organizerEmail);
  return projection;
}

export function hashItem(item: NormalizedCalendarItem, side: HashSide, kind: SyncKind): string {
  return createHash('sha256').update(canonicalJson(syncedProjection(item, side, kind))).digest('hex');
}

/**
 * The canonical text of every field the calendar's merge compares with the base: the two-way fields and the
 * attendees that count for C4C (R8). Equal texts exactly when canonical.ts calls the values equal.
 */
export function calendarCanonicalFields(item: NormalizedCalendarItem): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const field of TWO_WAY_FIELDS) texts[field] = canonicalJson(canonicalField(item, field));
  texts.attendees = canonicalJson(activeAttendeeEmails(item.attendees, item.organizerEmail));
  return texts;
}
