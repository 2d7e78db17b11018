// An in-memory C4C with the behaviour the sync relies on: an ETag per write, a change query by
// EntityLastChangedOn (whole seconds, inclusive bound, blind to hard deletes: those reach the service as
// `deleted` notifications), If-Match on update/cancel, creates that are idempotent by GroupwareItemID, and a
// lossy representation: it keeps only the attendees it can resolve to parties, no link names, and accounts as
// accounts.
import type { SyncKind } from '../../../src/shared/categories.js';
import type { CrmLink } from '../../../src/shared/crm-links.js';
import type { Attendee, CalendarItemPatch, NormalizedCalendarItem } from '../../../src/server/domain/calendar-item.js';
import { isCrmRepresentableLink } from '../../../src/server/domain/canonical.js';
import { applyPatch } from '../../../src/server/domain/merge.js';
import type { CrmActivity, CrmActivityStatus } from '../../../src/server/domain/snapshots.js';
import type { FakeResult } from './fake-outlook.js';

export const RESOLVABLE_DOMAIN = '@contoso.example';

export interface StoredActivity {
  objectId: string;
  kind: SyncKind;
  version: string;
  groupwareItemId: string | null;
  status: CrmActivityStatus;
  organizerEmail: string;
  fields: NormalizedCalendarItem;
  seq: number;
  /** EntityLastChangedOn in ms (whole seconds, as C4C keeps it). */
  changedOnMs: number;
  /** Who created it: a C4C user, or the service (a create request). */
  origin: 'user' | 'service';
}

/** The time C4C stamps on its changes; each change moves it on a little, so several share a second. */
export interface CrmTime {
  now(): Date;
  advance(ms: number): void;
}

function internalTime(): CrmTime {
  let ms = Date.UTC(2026, 10, 21, 12, 0, 0);
  return { now: () => new Date(ms), advance: (by) => void (ms += by) };
}

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function crmLinks(links: readonly CrmLink[]): CrmLink[] {
  return links.filter(isCrmRepresentableLink).map((l) => ({
    type: l.type === 'individualCustomer' ? 'account' : l.type,
    id: l.id,
    ...(l.primary ? { primary: true } : {}),
  }));
}

function crmAttendees(attendees: readonly Attendee[]): Attendee[] {
  return attendees
    .filter((a) => a.email.endsWith(RESOLVABLE_DOMAIN))
    .map((a) => ({ email: a.email.toLowerCase(), name: '', type: 'required' as const, response: 'none' as const }));
}

/** What C4C keeps of an item. */
export function asStoredByCrm(fields: NormalizedCalendarItem, kind: SyncKind): NormalizedCalendarItem {
  return {
    ...structuredClone(fields),
    links: crmLinks(fields.links),
    attendees: crmAttendees(fields.attendees),
    sensitivity: kind === 'visit' ? 'normal' : fields.sensitivity,
    showAs: 'busy',
  };
}

export class FakeCrm {
  private readonly activities = new Map<string, StoredActivity>();
  /** Hard deletes whose `deleted` notification was not delivered yet. */
  private notifications: { kind: SyncKind; objectId: string }[] = [];
  private seq = 0;
  private nextId = 0;
  private etag = 0;

  constructor(
    private readonly mailboxEmail: string,
    private readonly time: CrmTime = internalTime(),
  ) {}

  all(): StoredActivity[] {
    return [...this.activities.values()];
  }

  get(objectId: string): StoredActivity | undefined {
    return this.activities.get(objectId);
  }

  private bump(activity: StoredActivity): void {
    this.seq += 1;
    this.etag += 1;
    activity.seq = this.seq;
    activity.version = `etag${this.etag}`;
    this.time.advance(250);
    activity.changedOnMs = Math.floor(this.time.now().getTime() / 1000) * 1000;
  }

  private snapshot(a: StoredActivity): CrmActivity {
    return {
      objectId: a.objectId,
      kind: a.kind,
      version: a.version,
      groupwareItemId: a.groupwareItemId,
      status: a.status,
      removed: false,
      ownerPartyId: 'E-OWNER',
      ownerEmail: this.mailboxEmail,
      organizerPartyId: null,
      organizerEmail: a.organizerEmail,
      lastChangedOn: iso(a.changedOnMs),
      fields: structuredClone(a.fields),
    };
  }

  private removedSnapshot(objectId: string, kind: SyncKind): CrmActivity {
    return {
      objectId, kind, version: '', groupwareItemId: null, status: 'cancelled', removed: true,
      ownerPartyId: null, ownerEmail: null, organizerPartyId: null, organizerEmail: null, lastChangedOn: iso(0), fields: asStoredByCrm({
        subject: '', startUtc: '1970-01-01T00:00:00Z', endUtc: '1970-01-01T00:00:00Z', isAllDay: false, timeZone: 'UTC', location: '', body: '',
        sensitivity: 'normal', showAs: 'busy', organizerEmail: null, attendees: [], links: [], seriesId: null, occurrenceDate: null,
      }, kind),
    };
  }

  /**
   * The change query: activities in the window changed at or after `highWater` (inclusive, whole seconds), and the
   * new mark. Hard-deleted activities have no EntityLastChangedOn and never come back from it.
   */
  changedSince(highWater: string | null, window: { startUtc: string; endUtc: string }): { activities: CrmActivity[]; nextHighWater: string } {
    const since = highWater === null ? Number.NEGATIVE_INFINITY : Date.parse(highWater);
    const [start, end] = [Date.parse(window.startUtc), Date.parse(window.endUtc)];
    const changed = this.all()
      .filter((a) => a.changedOnMs >= since && Date.parse(a.fields.endUtc) >= start && Date.parse(a.fields.startUtc) <= end)
      .sort((a, b) => a.seq - b.seq);
    const newest = changed.reduce((ms, a) => Math.max(ms, a.changedOnMs), Number.NEGATIVE_INFINITY);
    const nextHighWater = Number.isFinite(newest) ? iso(newest) : (highWater ?? iso(this.time.now().getTime() - 5 * 60_000));
    return { activities: changed.map((a) => this.snapshot(a)), nextHighWater };
  }

  findByGroupwareItemId(kind: SyncKind, groupwareItemId: string): CrmActivity | null {
    const found = this.all().find((a) => a.kind === kind && a.groupwareItemId === groupwareItemId);
    return found ? this.snapshot(found) : null;
  }

  /** The `deleted` notifications C4C sent since the last call (the web process notes them as hints). */
  takeDeleteNotifications(): { kind: SyncKind; objectId: string }[] {
    const taken = this.notifications;
    this.notifications = [];
    return taken;
  }

  getByIds(refs: readonly { objectId: string; kind: SyncKind }[]): CrmActivity[] {
    return refs.map((r) => {
      const a = this.activities.get(r.objectId);
      return a ? this.snapshot(a) : this.removedSnapshot(r.objectId, r.kind);
    });
  }

  // --- users in C4C ---

  userCreate(kind: SyncKind, fields: NormalizedCalendarItem): string {
    this.nextId += 1;
    const objectId = `OBJ${this.nextId}`;
    const activity: StoredActivity = {
      objectId, kind, version: '', groupwareItemId: null, status: 'open', organizerEmail: this.mailboxEmail,
      fields: asStoredByCrm({ ...fields, organizerEmail: this.mailboxEmail }, kind), seq: 0, changedOnMs: 0, origin: 'user',
    };
    this.bump(activity);
    this.activities.set(objectId, activity);
    return objectId;
  }

  userEdit(objectId: string, change: (fields: NormalizedCalendarItem) => NormalizedCalendarItem): void {
    const a = this.activities.get(objectId);
    if (!a) return;
    a.fields = asStoredByCrm(change(structuredClone(a.fields)), a.kind);
    this.bump(a);
  }

  userCancel(objectId: string): void {
    const a = this.activities.get(objectId);
    if (!a || a.status === 'cancelled') return;
    a.status = 'cancelled';
    this.bump(a);
  }

  userDelete(objectId: string): void {
    const a = this.activities.get(objectId);
    if (!a) return;
    this.activities.delete(objectId);
    this.notifications.push({ kind: a.kind, objectId });
  }

  // --- the service's writes ---

  create(kind: SyncKind, groupwareItemId: string, fields: NormalizedCalendarItem): FakeResult {
    const existing = this.all().find((a) => a.kind === kind && a.groupwareItemId === groupwareItemId);
    if (existing) {
      existing.fields = asStoredByCrm(fields, kind);
      this.bump(existing);
      return { ok: true, id: existing.objectId, version: existing.version };
    }
    const objectId = this.userCreate(kind, fields);
    const a = this.activities.get(objectId) as StoredActivity;
    a.groupwareItemId = groupwareItemId;
    a.origin = 'service';
    a.organizerEmail = fields.organizerEmail ?? this.mailboxEmail;
    a.fields = asStoredByCrm(fields, kind);
    return { ok: true, id: objectId, version: a.version };
  }

  /** `ifMatch` '*' matches any version; `groupwareItemId` also sets GroupwareItemID. */
  update(objectId: string, ifMatch: string, patch: CalendarItemPatch, groupwareItemId?: string): FakeResult {
    const a = this.activities.get(objectId);
    if (!a) return { ok: false, code: 'notFound' };
    if (ifMatch !== '*' && a.version !== ifMatch) return { ok: false, code: 'conflict' };
    a.fields = asStoredByCrm(applyPatch(a.fields, structuredClone(patch)), a.kind);
    if (groupwareItemId !== undefined) a.groupwareItemId = groupwareItemId;
    this.bump(a);
    return { ok: true, id: objectId, version: a.version };
  }

  cancel(objectId: string, ifMatch: string): FakeResult {
    const a = this.activities.get(objectId);
    if (!a) return { ok: true, id: objectId, version: null };
    if (a.version !== ifMatch) return { ok: false, code: 'conflict' };
    a.status = 'cancelled';
    this.bump(a);
    return { ok: true, id: objectId, version: a.version };
  }
}
