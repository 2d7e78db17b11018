// The store's secondary indexes, each built on first use from the table and kept up to date on every write after
// that: sorted string indexes (sorted-index.ts: startswith / eq on a string property, case-insensitive) and numeric
// range indexes (range-index.ts: ge / gt on a change stamp). Also every row's position in its table's insertion
// order, so that rows found through an index can be handed out in the order a scan of the table would find them.
import type { StoredRecord } from './edm-values.js';
import { RangeIndex } from './range-index.js';
import { SortedIndex } from './sorted-index.js';

interface IndexedRow {
  id: string;
  values: StoredRecord;
}

export class StoreIndexes {
  /** set → property → index. */
  private readonly sortedBySet = new Map<string, Map<string, SortedIndex>>();
  private readonly rangeBySet = new Map<string, Map<string, RangeIndex>>();
  private readonly positions = new WeakMap<object, number>();
  private nextPosition = 0;

  clear(): void {
    this.sortedBySet.clear();
    this.rangeBySet.clear();
  }

  /** Records that `row` was put into its table: a new key goes to the end; a replaced row keeps the old one's place (Map.set). */
  placed(row: object, replaced: object | undefined): void {
    const kept = replaced === undefined ? undefined : this.positions.get(replaced);
    this.nextPosition += 1;
    this.positions.set(row, kept ?? this.nextPosition);
  }

  /** The row's place in its table's insertion order (a scan's order). */
  position(row: object): number {
    return this.positions.get(row) ?? 0;
  }

  sorted(set: string, property: string, rows: () => Iterable<IndexedRow>): SortedIndex {
    return this.lazily(this.sortedBySet, set, property, () => {
      const idx = new SortedIndex();
      const entries: [string, string][] = [];
      for (const row of rows()) {
        const v = row.values[property];
        if (typeof v === 'string') entries.push([v, row.id]);
      }
      idx.build(entries);
      return idx;
    });
  }

  range(set: string, property: string, rows: () => Iterable<IndexedRow>): RangeIndex {
    return this.lazily(this.rangeBySet, set, property, () => {
      const idx = new RangeIndex();
      const entries: [number, string][] = [];
      for (const row of rows()) {
        const v = row.values[property];
        if (typeof v === 'number') entries.push([v, row.id]);
      }
      idx.build(entries);
      return idx;
    });
  }

  /** A row's values changed from `before` to `after` (undefined: it was not there / is gone). */
  reindex(set: string, id: string, before: StoredRecord | undefined, after: StoredRecord | undefined): void {
    for (const [property, idx] of this.sortedBySet.get(set) ?? []) {
      const old = before?.[property];
      const now = after?.[property];
      if (old === now) continue;
      if (typeof old === 'string') idx.remove(old, id);
      if (typeof now === 'string') idx.add(now, id);
    }
    for (const [property, idx] of this.rangeBySet.get(set) ?? []) {
      const old = before?.[property];
      const now = after?.[property];
      if (old === now) continue;
      if (typeof old === 'number') idx.remove(old, id);
      if (typeof now === 'number') idx.add(now, id);
    }
  }

  private lazily<T>(bySet: Map<string, Map<string, T>>, set: string, property: string, build: () => T): T {
    let byProperty = bySet.get(set);
    if (!byProperty) bySet.set(set, (byProperty = new Map()));
    let idx = byProperty.get(property);
    if (!idx) byProperty.set(property, (idx = build()));
    return idx;
  }
}
