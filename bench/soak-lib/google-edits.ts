// The soak's edits of a Google Workspace user's events (R10), the Google counterpart of the Outlook calendar edits in
// edits.ts: creates in "SAP Appointments" or "SAP Visits" (a third all-day, a quarter private), summary edits,
// deletes, and moves between the two calendars (a kind switch: the service cancels the old kind's record and makes
// one of the new kind). Every event carries the item's tag in its summary, description and location, as Outlook's do.
import { randomBytes } from 'node:crypto';
import type { GoogleKind, GoogleSide } from './google-side.js';
import type { TrackedItem } from './edits.js';

const DAY = 86_400_000;
const dayAt = (days: number) => Math.floor(Date.now() / DAY) * DAY + days * DAY;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A client-chosen event id (base32hex, as events.insert accepts): a retried insert cannot make a second event. */
const eventId = () => randomBytes(10).toString('hex');

export type GoogleEditKind = 'createGoogle' | 'updateGoogle' | 'moveGoogle' | 'deleteGoogle';

export class GoogleEdits {
  constructor(private readonly side: GoogleSide, private readonly random: () => number) {}

  /** Creates the item's event in one of the two calendars (item.kind says which). */
  async create(item: TrackedItem): Promise<void> {
    const kind: GoogleKind = this.random() < 0.34 ? 'visit' : 'appointment';
    const day = 1 + Math.floor(this.random() * 20);
    const allDay = this.random() < 0.34;
    const isPrivate = this.random() < 0.25;
    const id = eventId();
    await this.side.insert(item.user, kind, {
      id,
      summary: item.lastOutlookSubject,
      description: `${item.tag} agenda`,
      location: `${item.tag} room`,
      ...(allDay
        ? { start: { date: isoDate(dayAt(day)) }, end: { date: isoDate(dayAt(day + 1)) } }
        : { start: { dateTime: new Date(dayAt(day) + 11 * 3_600_000).toISOString(), timeZone: 'UTC' }, end: { dateTime: new Date(dayAt(day) + 12 * 3_600_000).toISOString(), timeZone: 'UTC' } }),
      ...(isPrivate ? { visibility: 'private' } : {}),
    });
    item.private = isPrivate;
    item.eventId = id;
    item.kind = kind;
  }

  /** One edit of a live Google item; false when it does not apply. */
  async edit(kind: Exclude<GoogleEditKind, 'createGoogle'>, item: TrackedItem, eventIdOf: (item: TrackedItem) => Promise<string | null>): Promise<boolean> {
    const id = await eventIdOf(item);
    if (!id) return false;
    if (kind === 'updateGoogle') {
      const subject = `${item.tag} v${++item.version}`;
      await this.side.patch(item.user, item.kind, id, { summary: subject });
      item.lastOutlookSubject = subject;
      item.lastEditSide = 'outlook';
    } else if (kind === 'moveGoogle') {
      item.kind = await this.side.move(item.user, item.kind, id);
      item.kindSwitches += 1;
      // The record of the new kind is another C4C object: found again by subject when a C4C edit needs it.
      item.objectId = null;
    } else {
      await this.side.remove(item.user, item.kind, id);
      item.state = 'deletedInOutlook';
    }
    return true;
  }
}
