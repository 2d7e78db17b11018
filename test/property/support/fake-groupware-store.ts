// The part of Graph's behaviour every groupware fake shares (calendar events in FakeOutlook, To Do tasks in
// FakeTodo): a version that changes on every write (categories too), a delta feed of changes since a cursor
// (current state, or a removal), If-Match on update/delete ('*' matches any version), and category edits without
// If-Match. What a service keeps of the fields it is given (`keep`) is the subclass's.
import type { CategoryEdit } from '../../../src/server/domain/actions.js';
import { applyPatch } from '../../../src/server/domain/family.js';
import type { OutlookItemRemoved } from '../../../src/server/domain/snapshots.js';

export type FakeResult = { ok: true; id: string; version: string | null } | { ok: false; code: 'conflict' | 'notFound' | 'temporary' | 'invalid' };

export interface StoredGroupwareItem<F extends object> {
  id: string;
  version: string;
  categories: string[];
  fields: F;
}

export function editCategories(categories: readonly string[], edit: CategoryEdit): string[] {
  const remove = new Set(edit.remove.map((c) => c.toLowerCase()));
  const kept = categories.filter((c) => !remove.has(c.toLowerCase()));
  const have = new Set(kept.map((c) => c.toLowerCase()));
  return [...kept, ...edit.add.filter((c) => !have.has(c.toLowerCase()))];
}

export abstract class FakeGroupwareStore<F extends object, S extends StoredGroupwareItem<F>, P> {
  protected readonly items = new Map<string, S>();
  /** Change log: sequence number → item id (a removal leaves the id with no item). */
  private readonly log: { seq: number; id: string }[] = [];
  private seq = 0;
  private nextId = 0;
  private versionCounter = 0;

  constructor(
    private readonly idPrefix: string,
    private readonly versionPrefix: string,
  ) {}

  /** The item as the adapter reads it. */
  protected abstract snapshot(item: S): P;

  /** What the service keeps of fields it is given (by a user or a write). */
  protected keep(fields: F): F {
    return fields;
  }

  protected touch(id: string): void {
    this.seq += 1;
    this.log.push({ seq: this.seq, id });
  }

  protected newVersion(): string {
    this.versionCounter += 1;
    return `${this.versionPrefix}${this.versionCounter}`;
  }

  /** Stores a new item built by `make` from its id and first version. */
  protected insert(make: (id: string, version: string) => S): S {
    this.nextId += 1;
    const item = make(`${this.idPrefix}${this.nextId}`, this.newVersion());
    item.fields = this.keep(item.fields);
    this.items.set(item.id, item);
    this.touch(item.id);
    return item;
  }

  /** A write of the item's fields or categories: a new version and a delta entry. */
  protected changed(item: S): void {
    item.fields = this.keep(item.fields);
    item.version = this.newVersion();
    this.touch(item.id);
  }

  get cursor(): number {
    return this.seq;
  }

  all(): S[] {
    return [...this.items.values()];
  }

  get(id: string): S | undefined {
    return this.items.get(id);
  }

  /** Delta: every item touched after `cursor`, in its current state. */
  changesSince(cursor: number): (P | OutlookItemRemoved)[] {
    return this.getItems([...new Set(this.log.filter((e) => e.seq > cursor).map((e) => e.id))]);
  }

  getItems(ids: readonly string[]): (P | OutlookItemRemoved)[] {
    return ids.map((id) => {
      const item = this.items.get(id);
      return item ? this.snapshot(item) : { removed: true as const, id };
    });
  }

  // --- the user's edits ---

  userEdit(id: string, change: (item: S) => void): void {
    const item = this.items.get(id);
    if (!item) return;
    change(item);
    this.changed(item);
  }

  userDelete(id: string): void {
    if (this.items.delete(id)) this.touch(id);
  }

  // --- the service's writes ---

  update(id: string, ifMatch: string, patch: Partial<F>, edit: CategoryEdit | null): FakeResult {
    const item = this.items.get(id);
    if (!item) return { ok: false, code: 'notFound' };
    if (ifMatch !== '*' && item.version !== ifMatch) return { ok: false, code: 'conflict' };
    item.fields = applyPatch(item.fields, structuredClone(patch));
    if (edit) item.categories = editCategories(item.categories, edit);
    this.changed(item);
    return { ok: true, id, version: item.version };
  }

  delete(id: string, ifMatch: string): FakeResult {
    const item = this.items.get(id);
    if (!item) return { ok: true, id, version: null };
    if (item.version !== ifMatch) return { ok: false, code: 'conflict' };
    this.userDelete(id);
    return { ok: true, id, version: null };
  }

  editCategories(id: string, edit: CategoryEdit): FakeResult {
    const item = this.items.get(id);
    if (!item) return { ok: false, code: 'notFound' };
    item.categories = editCategories(item.categories, edit);
    this.changed(item);
    return { ok: true, id, version: item.version };
  }

  setCategories(id: string, categories: readonly string[]): FakeResult {
    const item = this.items.get(id);
    if (!item) return { ok: false, code: 'notFound' };
    item.categories = [...categories];
    this.changed(item);
    return { ok: true, id, version: item.version };
  }
}
