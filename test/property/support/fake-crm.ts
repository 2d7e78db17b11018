// An in-memory C4C with the behaviour the sync relies on: an ETag per write, a change query by a high-water
// mark, If-Match on update/cancel, creates that are idempotent by GroupwareItemID, and a lossy representation:
// it keeps only the attendees it can resolve to parties, no link names, and accounts as accounts.
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
}

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
  /** Deleted activities: reported once by the change query as removed. */
  private readonly deleted = new Map<string, { kind: SyncKind; seq: number }>();
  private seq = 0;
  private nextId = 0;
  private etag = 0;

  constructor(private readonly mailboxEmail: string) {}

  get highWater(): number {
    return this.seq;
  }

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
      lastChangedOn: `seq-${a.seq}`,
      fields: structuredClone(a.fields),
    };
  }

  private removedSnapshot(objectId: string, kind: SyncKind): CrmActivity {
    return {
      objectId, kind, version: '', groupwareItemId: null, status: 'cancelled', removed: true,
      ownerPartyId: null, ownerEmail: null, organizerPartyId: null, organizerEmail: null, lastChangedOn: '', fields: asStoredByCrm({
        subject: '', startUtc: '1970-01-01T00:00:00Z', endUtc: '1970-01-01T00:00:00Z', isAllDay: false, timeZone: 'UTC', location: '', body: '',
        sensitivity: 'normal', showAs: 'busy', organizerEmail: null, attendees: [], links: [], seriesId: null, occurrenceDate: null,
      }, kind),
    };
  }

  changedSince(highWater: number): CrmActivity[] {
    const changed = this.all().filter((a) => a.seq > highWater).map((a) => this.snapshot(a));
    const removed = [...this.deleted.entries()].filter(([, d]) => d.seq > highWater).map(([id, d]) => this.removedSnapshot(id, d.kind));
    return [...changed, ...removed];
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
      fields: asStoredByCrm({ ...fields, organizerEmail: this.mailboxEmail }, kind), seq: 0,
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
    this.seq += 1;
    this.deleted.set(objectId, { kind: a.kind, seq: this.seq });
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
    a.organizerEmail = fields.organizerEmail ?? this.mailboxEmail;
    a.fields = asStoredByCrm(fields, kind);
    return { ok: true, id: objectId, version: a.version };
  }

  update(objectId: string, ifMatch: string, patch: CalendarItemPatch): FakeResult {
    const a = this.activities.get(objectId);
    if (!a) return { ok: false, code: 'notFound' };
    if (a.version !== ifMatch) return { ok: false, code: 'conflict' };
    a.fields = asStoredByCrm(applyPatch(a.fields, structuredClone(patch)), a.kind);
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
