// The part of C4C's behaviour every C4C fake shares (Appointments and Visits in FakeCrm, Tasks in FakeC4cTasks): an
// ETag per write, a change query by EntityLastChangedOn (whole seconds, inclusive bound, blind to hard deletes:
// those reach the service as `deleted` notifications), If-Match on update/cancel ('*' matches any ETag on update),
// cancel as a status, and creates that are upserts keyed by GroupwareItemID. What C4C keeps of the fields it is
// given (`keep`) and how a record reads are the subclass's.
import type { CrmActivityStatus } from '../../../src/server/domain/snapshots.js';
import { applyPatch } from '../../../src/server/domain/family.js';
import type { FakeResult } from './fake-groupware-store.js';

export interface StoredC4cRecord<F extends object, K extends string> {
  objectId: string;
  kind: K;
  version: string;
  groupwareItemId: string | null;
  status: CrmActivityStatus;
  fields: F;
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

export function internalTime(): CrmTime {
  let ms = Date.UTC(2026, 10, 21, 12, 0, 0);
  return { now: () => new Date(ms), advance: (by) => void (ms += by) };
}

export const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export abstract class FakeC4cStore<F extends object, K extends string, S extends StoredC4cRecord<F, K>, R> {
  protected readonly records = new Map<string, S>();
  /** Hard deletes whose `deleted` notification was not delivered yet. */
  private notifications: { kind: K; objectId: string }[] = [];
  private seq = 0;
  private nextId = 0;
  private etag = 0;

  constructor(
    private readonly idPrefix: string,
    private readonly etagPrefix: string,
    protected readonly time: CrmTime,
  ) {}

  /** What C4C keeps of fields it is given. */
  protected abstract keep(fields: F, kind: K): F;
  protected abstract snapshot(record: S): R;
  protected abstract removedSnapshot(objectId: string, kind: K): R;
  /** Whether the change query's window holds the record. */
  protected abstract inWindow(record: S, window: { startUtc: string; endUtc: string }): boolean;

  all(): S[] {
    return [...this.records.values()];
  }

  get(objectId: string): S | undefined {
    return this.records.get(objectId);
  }

  protected bump(record: S): void {
    this.seq += 1;
    this.etag += 1;
    record.seq = this.seq;
    record.version = `${this.etagPrefix}${this.etag}`;
    this.time.advance(250);
    record.changedOnMs = Math.floor(this.time.now().getTime() / 1000) * 1000;
  }

  /** Stores a new record built by `make` from its ObjectID (its fields as given: `make` applies `keep`). */
  protected insert(make: (objectId: string) => S): S {
    this.nextId += 1;
    const record = make(`${this.idPrefix}${this.nextId}`);
    this.bump(record);
    this.records.set(record.objectId, record);
    return record;
  }

  /** The numeric part of an ObjectID (the record's `ID`, the number users see). */
  protected displayIdOf(objectId: string): string {
    return objectId.slice(this.idPrefix.length);
  }

  /**
   * The change query: records changed at or after `highWater` (inclusive, whole seconds) in the window, and the
   * new mark. Hard-deleted records have no EntityLastChangedOn and never come back from it.
   */
  changedSince(highWater: string | null, window: { startUtc: string; endUtc: string }): { activities: R[]; nextHighWater: string } {
    const since = highWater === null ? Number.NEGATIVE_INFINITY : Date.parse(highWater);
    const changed = this.all()
      .filter((r) => r.changedOnMs >= since && this.inWindow(r, window))
      .sort((a, b) => a.seq - b.seq);
    const newest = changed.reduce((ms, r) => Math.max(ms, r.changedOnMs), Number.NEGATIVE_INFINITY);
    const nextHighWater = Number.isFinite(newest) ? iso(newest) : (highWater ?? iso(this.time.now().getTime() - 5 * 60_000));
    return { activities: changed.map((r) => this.snapshot(r)), nextHighWater };
  }

  /** As the C4C adapter: the live record of the item when there is one (a switch back leaves a cancelled one beside it). */
  findByGroupwareItemId(kind: K, groupwareItemId: string): R | null {
    const records = this.all().filter((r) => r.kind === kind && r.groupwareItemId === groupwareItemId);
    const found = records.find((r) => r.status !== 'cancelled') ?? records[0];
    return found ? this.snapshot(found) : null;
  }

  /** The `deleted` notifications C4C sent since the last call (the web process notes them as hints). */
  takeDeleteNotifications(): { kind: K; objectId: string }[] {
    const taken = this.notifications;
    this.notifications = [];
    return taken;
  }

  getByIds(refs: readonly { objectId: string; kind: K }[]): R[] {
    return refs.map((ref) => {
      const record = this.records.get(ref.objectId);
      return record ? this.snapshot(record) : this.removedSnapshot(ref.objectId, ref.kind);
    });
  }

  // --- users in C4C ---

  userEdit(objectId: string, change: (fields: F) => F): void {
    const record = this.records.get(objectId);
    if (!record) return;
    record.fields = this.keep(change(structuredClone(record.fields)), record.kind);
    this.bump(record);
  }

  userCancel(objectId: string): void {
    const record = this.records.get(objectId);
    if (!record || record.status === 'cancelled') return;
    record.status = 'cancelled';
    this.bump(record);
  }

  userDelete(objectId: string): void {
    const record = this.records.get(objectId);
    if (!record) return;
    this.records.delete(objectId);
    this.notifications.push({ kind: record.kind, objectId });
  }

  // --- the service's writes ---

  /**
   * The create: an upsert keyed by GroupwareItemID (a retry updates the first record that `reusable` allows); else
   * `make` builds it.
   */
  protected upsert(kind: K, groupwareItemId: string, fields: F, make: (objectId: string) => S, reusable: (record: S) => boolean = () => true): FakeResult {
    const existing = this.all().find((r) => r.kind === kind && r.groupwareItemId === groupwareItemId && reusable(r));
    if (existing) {
      existing.fields = this.keep(fields, kind);
      this.bump(existing);
      return { ok: true, id: existing.objectId, version: existing.version };
    }
    const record = this.insert(make);
    return { ok: true, id: record.objectId, version: record.version };
  }

  /** `ifMatch` '*' matches any version; `groupwareItemId` also sets GroupwareItemID. */
  update(objectId: string, ifMatch: string, patch: Partial<F>, groupwareItemId?: string): FakeResult {
    const record = this.records.get(objectId);
    if (!record) return { ok: false, code: 'notFound' };
    if (ifMatch !== '*' && record.version !== ifMatch) return { ok: false, code: 'conflict' };
    record.fields = this.keep(applyPatch(record.fields, structuredClone(patch)), record.kind);
    if (groupwareItemId !== undefined) record.groupwareItemId = groupwareItemId;
    this.bump(record);
    return { ok: true, id: objectId, version: record.version };
  }

  cancel(objectId: string, ifMatch: string): FakeResult {
    const record = this.records.get(objectId);
    if (!record) return { ok: true, id: objectId, version: null };
    if (record.version !== ifMatch) return { ok: false, code: 'conflict' };
    record.status = 'cancelled';
    this.bump(record);
    return { ok: true, id: objectId, version: record.version };
  }
}
