// R8, two copies of one meeting created at once. Every copy of a meeting names the same GroupwareItemID (its
// iCalUId), and a create first looks that id up (activity-writer.ts): a copy finds the activity another copy made.
// But the organizer's and an attendee's sessions run side by side (after a restart every mailbox catches up at
// once), and C4C has no unique key on GroupwareItemID, so both may look up, find nothing, and create. Each creator
// of a meeting therefore looks again after its create. The earliest activity of the id wins (creation time, then
// ObjectID: both creators order them the same way); a creator whose activity lost deletes it (seconds old, made by
// this service, and a duplicate: not a user's record, so R11's "never delete in C4C" does not apply) and joins or
// updates the winner as it would have had it found it first.
import type { NormalizedCalendarItem } from '../../domain/calendar-item.js';
import type { CrmWriteRequest } from '../../ports/crm-activities.js';
import type { ODataEntity } from './odata-read.js';

export type CreateRequest = Extract<CrmWriteRequest, { op: 'create' }>;

/** Only meetings can have a second copy in another synced mailbox: a create without attendees needs no second look. */
export function mayRace(req: CreateRequest): boolean {
  const fields: NormalizedCalendarItem = req.fields;
  return req.joinOnly !== undefined || fields.attendees.length > 0;
}

/** `CreatedOn` in ms (OData V2 JSON `/Date(ms)/`, or ISO); unknown sorts last. */
function createdAt(row: ODataEntity): number {
  const value = row['CreatedOn'];
  if (typeof value !== 'string') return Number.MAX_SAFE_INTEGER;
  const ms = /^\/Date\((-?\d+)/.exec(value)?.[1];
  const parsed = ms !== undefined ? Number(ms) : Date.parse(value);
  return Number.isFinite(parsed) ? parsed : Number.MAX_SAFE_INTEGER;
}

/** The activity every creator keeps: the earliest made, ties by ObjectID. `live`: the id's activities not cancelled. */
export function winnerOf(live: readonly ODataEntity[]): ODataEntity | undefined {
  return [...live].sort((a, b) => createdAt(a) - createdAt(b) || String(a['ObjectID']).localeCompare(String(b['ObjectID'])))[0];
}
