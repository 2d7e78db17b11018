// An in-memory mailbox calendar with Graph's behaviour as far as the sync relies on it (fake-groupware-store.ts: a
// changeKey that changes on every write, categories too, a delta feed, If-Match on update/delete), and creates
// that are idempotent by transactionId.
import type { NormalizedCalendarItem } from '../../../src/server/domain/calendar-item.js';
import type { OutlookItemPresent } from '../../../src/server/domain/snapshots.js';
import { FakeGroupwareStore, type FakeResult } from './fake-groupware-store.js';

export { editCategories, type FakeResult } from './fake-groupware-store.js';

export interface StoredEvent {
  id: string;
  version: string;
  iCalUId: string;
  transactionId: string | null;
  categories: string[];
  fields: NormalizedCalendarItem;
}

export class FakeOutlook extends FakeGroupwareStore<NormalizedCalendarItem, StoredEvent, OutlookItemPresent> {
  constructor() {
    super('evt', 'ck');
  }

  protected snapshot(event: StoredEvent): OutlookItemPresent {
    return {
      removed: false,
      id: event.id,
      version: event.version,
      iCalUId: event.iCalUId,
      transactionId: event.transactionId,
      categories: [...event.categories],
      isOrganizer: true,
      isCancelled: false,
      type: 'singleInstance',
      fields: structuredClone(event.fields),
    };
  }

  userCreate(fields: NormalizedCalendarItem, categories: string[]): string {
    return this.insert((id, version) => ({ id, version, iCalUId: `ical-${id}`, transactionId: null, categories, fields })).id;
  }

  /** The service's create: an upsert keyed by transactionId (a retry returns the first item, updated). */
  create(transactionId: string, fields: NormalizedCalendarItem, categories: string[]): FakeResult {
    const existing = this.all().find((e) => e.transactionId === transactionId);
    if (existing) {
      existing.fields = structuredClone(fields);
      existing.categories = [...new Set([...existing.categories, ...categories])];
      this.changed(existing);
      return { ok: true, id: existing.id, version: existing.version };
    }
    const event = this.insert((id, version) => ({ id, version, iCalUId: `ical-${id}`, transactionId, categories: [...categories], fields: structuredClone(fields) }));
    return { ok: true, id: event.id, version: event.version };
  }
}
