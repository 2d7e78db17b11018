// An in-memory mailbox with Graph's behaviour as far as the sync relies on it: a changeKey that changes on every
// write (categories too), a delta feed of changes since a cursor (current state, or a removal), If-Match on
// update/delete, and creates that are idempotent by transactionId.
import type { CategoryEdit } from '../../../src/server/domain/actions.js';
import type { CalendarItemPatch, NormalizedCalendarItem } from '../../../src/server/domain/calendar-item.js';
import { applyPatch } from '../../../src/server/domain/merge.js';
import type { OutlookItem, OutlookItemPresent } from '../../../src/server/domain/snapshots.js';

export interface StoredEvent {
  id: string;
  version: string;
  iCalUId: string;
  transactionId: string | null;
  categories: string[];
  fields: NormalizedCalendarItem;
}

export type FakeResult = { ok: true; id: string; version: string | null } | { ok: false; code: 'conflict' | 'notFound' | 'temporary' };

export class FakeOutlook {
  private readonly events = new Map<string, StoredEvent>();
  /** Change log: sequence number → item id (a removal leaves the id with no event). */
  private readonly log: { seq: number; id: string }[] = [];
  private seq = 0;
  private nextId = 0;
  private versionCounter = 0;

  private touch(id: string): void {
    this.seq += 1;
    this.log.push({ seq: this.seq, id });
  }

  private newVersion(): string {
    this.versionCounter += 1;
    return `ck${this.versionCounter}`;
  }

  get cursor(): number {
    return this.seq;
  }

  all(): StoredEvent[] {
    return [...this.events.values()];
  }

  get(id: string): StoredEvent | undefined {
    return this.events.get(id);
  }

  private snapshot(event: StoredEvent): OutlookItemPresent {
    return {
      removed: false,
      id: event.id,
      version: event.version,
      iCalUId: event.iCalUId,
      transactionId: event.transactionId,
      categories: [...event.categories],
      isOrganizer: true,
      type: 'singleInstance',
      fields: structuredClone(event.fields),
    };
  }

  /** Delta: every item touched after `cursor`, in its current state. */
  changesSince(cursor: number): OutlookItem[] {
    const ids = [...new Set(this.log.filter((e) => e.seq > cursor).map((e) => e.id))];
    return ids.map((id) => {
      const event = this.events.get(id);
      return event ? this.snapshot(event) : { removed: true as const, id };
    });
  }

  getItems(ids: readonly string[]): OutlookItem[] {
    return ids.map((id) => {
      const event = this.events.get(id);
      return event ? this.snapshot(event) : { removed: true as const, id };
    });
  }

  // --- the user's edits ---

  userCreate(fields: NormalizedCalendarItem, categories: string[]): string {
    this.nextId += 1;
    const id = `evt${this.nextId}`;
    this.events.set(id, { id, version: this.newVersion(), iCalUId: `ical-${id}`, transactionId: null, categories, fields });
    this.touch(id);
    return id;
  }

  userEdit(id: string, change: (event: StoredEvent) => void): void {
    const event = this.events.get(id);
    if (!event) return;
    change(event);
    event.version = this.newVersion();
    this.touch(id);
  }

  userDelete(id: string): void {
    if (this.events.delete(id)) this.touch(id);
  }

  // --- the service's writes ---

  create(transactionId: string, fields: NormalizedCalendarItem, categories: string[]): FakeResult {
    const existing = [...this.events.values()].find((e) => e.transactionId === transactionId);
    if (existing) {
      existing.fields = structuredClone(fields);
      existing.categories = [...new Set([...existing.categories, ...categories])];
      existing.version = this.newVersion();
      this.touch(existing.id);
      return { ok: true, id: existing.id, version: existing.version };
    }
    const id = this.userCreate(structuredClone(fields), [...categories]);
    const event = this.events.get(id) as StoredEvent;
    event.transactionId = transactionId;
    return { ok: true, id, version: event.version };
  }

  update(id: string, ifMatch: string, patch: CalendarItemPatch, edit: CategoryEdit | null): FakeResult {
    const event = this.events.get(id);
    if (!event) return { ok: false, code: 'notFound' };
    if (event.version !== ifMatch) return { ok: false, code: 'conflict' };
    event.fields = applyPatch(event.fields, structuredClone(patch));
    if (edit) event.categories = editCategories(event.categories, edit);
    event.version = this.newVersion();
    this.touch(id);
    return { ok: true, id, version: event.version };
  }

  delete(id: string, ifMatch: string): FakeResult {
    const event = this.events.get(id);
    if (!event) return { ok: true, id, version: null };
    if (event.version !== ifMatch) return { ok: false, code: 'conflict' };
    this.userDelete(id);
    return { ok: true, id, version: null };
  }

  editCategories(id: string, edit: CategoryEdit): FakeResult {
    const event = this.events.get(id);
    if (!event) return { ok: false, code: 'notFound' };
    event.categories = editCategories(event.categories, edit);
    event.version = this.newVersion();
    this.touch(id);
    return { ok: true, id, version: event.version };
  }

  setCategories(id: string, categories: readonly string[]): FakeResult {
    const event = this.events.get(id);
    if (!event) return { ok: false, code: 'notFound' };
    event.categories = [...categories];
    event.version = this.newVersion();
    this.touch(id);
    return { ok: true, id, version: event.version };
  }
}

export function editCategories(categories: readonly string[], edit: CategoryEdit): string[] {
  const remove = new Set(edit.remove.map((c) => c.toLowerCase()));
  const kept = categories.filter((c) => !remove.has(c.toLowerCase()));
  const have = new Set(kept.map((c) => c.toLowerCase()));
  return [...kept, ...edit.add.filter((c) => !have.has(c.toLowerCase()))];
}
