// The C4C sandbox answers exact-value and lower-bound conditions from indexes (query-exec.ts, store-indexes.ts,
// range-index.ts): the rows, their order, paging and counts must be exactly those of a scan of the table, after
// inserts, updates, deletes, rolled-back changesets and ties in the change stamp.
import { jest } from '@jest/globals';
import { RangeIndex } from '../../../src/sandbox/c4c/range-index.js';
import { parseQueryOptions } from '../../../src/sandbox/c4c/query-options.js';
import { runQuery } from '../../../src/sandbox/c4c/query-exec.js';
import { loadSchema } from '../../../src/sandbox/c4c/schema.js';
import { C4cStore } from '../../../src/sandbox/c4c/store.js';

const schema = loadSchema();
const SET = 'AppointmentCollection';

describe('RangeIndex', () => {
  it('hands out the ids at or above a bound (inclusive or not) in value order, after adds and removes', () => {
    const idx = new RangeIndex();
    idx.build([
      [30, 'c'],
      [10, 'a'],
      [20, 'b2'],
      [20, 'b1'],
    ]);
    expect(idx.from(20, true)).toEqual(['b1', 'b2', 'c']);
    expect(idx.from(20, false)).toEqual(['c']);
    idx.add(20, 'b0');
    idx.add(40, 'd');
    idx.remove(30, 'c');
    idx.remove(30, 'not-there');
    expect(idx.from(15, true)).toEqual(['b0', 'b1', 'b2', 'd']);
    expect(idx.from(41, true)).toEqual([]);
    expect(idx.size).toBe(5);
  });
});

/** A deterministic PRNG, so that a failure replays. */
function prng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/** A tenant whose clock stands still for runs of writes, so that many rows share one EntityLastChangedOn ms. */
function tenant(seed: number): { store: C4cStore; ids: string[]; stamps: number[] } {
  const random = prng(seed);
  let now = Date.parse('2026-12-01T00:00:00Z');
  const store = new C4cStore(schema, () => now);
  const ids: string[] = [];
  const stamps: number[] = [];
  const gw = () => `GW-${Math.floor(random() * 40)}${random() < 0.3 ? 'x' : 'X'}`; // repeats, and differs only by case
  for (let i = 0; i < 400; i += 1) {
    if (random() < 0.2) now += 1 + Math.floor(random() * 3);
    const r = random();
    if (r < 0.55 || ids.length === 0) {
      const row = store.insert(SET, { Subject: `S${i}`, GroupwareItemID: random() < 0.9 ? gw() : null });
      ids.push(row.id);
    } else if (r < 0.8) {
      const id = ids[Math.floor(random() * ids.length)] ?? '';
      if (store.get(SET, id)) store.update(SET, id, { GroupwareItemID: gw() });
    } else if (r < 0.9) {
      const id = ids[Math.floor(random() * ids.length)] ?? '';
      if (store.get(SET, id)) store.remove(SET, id);
    } else {
      // A changeset that fails: its delete and insert are undone (the deleted row goes back to the table's end).
      const id = ids[Math.floor(random() * ids.length)] ?? '';
      expect(() =>
        store.transaction(() => {
          if (store.get(SET, id)) store.remove(SET, id);
          store.insert(SET, { Subject: 'rolled back', GroupwareItemID: gw() });
          throw new Error('changeset fails');
        }),
      ).toThrow('changeset fails');
    }
    const last = store.get(SET, ids[ids.length - 1] ?? '')?.values['EntityLastChangedOn'];
    if (typeof last === 'number') stamps.push(last);
  }
  return { store, ids, stamps };
}

const options = (query: Record<string, string>) => parseQueryOptions(schema, schema.entitySets.get(SET)!.type, new URLSearchParams(query));
const scan = (store: C4cStore, query: Record<string, string>) => runQuery(store, SET, options(query), () => store.table(SET).values());
const indexed = (store: C4cStore, query: Record<string, string>) => runQuery(store, SET, options(query));
const shape = (r: ReturnType<typeof runQuery>) => ({ ids: r.rows.map((row) => row.id), count: r.count, next: r.nextSkiptoken });
const iso = (ms: number) => `datetimeoffset'${new Date(ms).toISOString()}'`;

describe('C4C sandbox queries answered from indexes', () => {
  it.each([1, 2, 3, 4])('give exactly what a scan gives (tenant %i)', (seed) => {
    const { store, ids, stamps } = tenant(seed);
    const some = (n: number) => ids.filter((_, i) => i % n === 0);
    const mid = stamps[Math.floor(stamps.length / 2)] ?? 0;
    const queries: Record<string, string>[] = [
      { $filter: `GroupwareItemID eq 'gw-7x'` },
      { $filter: `GroupwareItemID eq 'GW-7X' or GroupwareItemID eq 'gw-12x' or GroupwareItemID eq 'GW-30x'`, $inlinecount: 'allpages' },
      { $filter: `GroupwareItemID eq 'GW-3X' or GroupwareItemID eq 'GW-4x'`, $orderby: 'Subject desc', $top: '5', $skip: '1' },
      { $filter: some(9).map((id) => `ObjectID eq '${id.toLowerCase()}'`).join(' or ') },
      { $filter: `(ObjectID eq '${ids[3]}' or ObjectID eq '${ids[5]}') and startswith(Subject,'S')` },
      { $filter: `EntityLastChangedOn ge ${iso(mid)}`, $orderby: 'EntityLastChangedOn asc', $top: '30' },
      { $filter: `EntityLastChangedOn ge ${iso(mid)}`, $orderby: 'EntityLastChangedOn asc', $top: '30', $skip: '7' },
      { $filter: `EntityLastChangedOn gt ${iso(mid)}`, $inlinecount: 'allpages' },
      { $filter: `EntityLastChangedOn ge ${iso(0)} and GroupwareItemID eq 'GW-1x'`, $orderby: 'EntityLastChangedOn asc' },
      { $filter: `EntityLastChangedOn ge ${iso(mid)} and EntityLastChangedOn le ${iso(mid + 2)}` },
      { $filter: `EntityLastChangedOn ge ${iso(mid)}`, $top: '3' },
      { $filter: `EntityLastChangedOn ge ${iso(mid)}`, $skiptoken: '2' },
    ];
    for (const q of queries) expect(shape(indexed(store, q))).toEqual(shape(scan(store, q)));
    // Not vacuous: the queries find rows, and ties in the stamp are there.
    expect(indexed(store, queries[1] ?? {}).count).toBeGreaterThan(3);
    expect(indexed(store, queries[7] ?? {}).count).toBeGreaterThan(20);
    expect(new Set(stamps).size).toBeLessThan(stamps.length);
  });

  it('reads candidates from the indexes instead of every row', () => {
    const { store } = tenant(5);
    // Built on first use (that reads the table once), then kept up to date by the writes.
    store.index(SET, 'GroupwareItemID');
    store.rangeIndex(SET, 'EntityLastChangedOn');
    store.insert(SET, { Subject: 'after the build', GroupwareItemID: 'gw-7x' });
    const table = store.table(SET);
    const values = jest.spyOn(table, 'values');
    const lookup = jest.spyOn(store, 'index');
    const range = jest.spyOn(store, 'rangeIndex');
    expect(indexed(store, { $filter: `GroupwareItemID eq 'gw-7x' or GroupwareItemID eq 'gw-8x'` }).rows.map((r) => r.values['Subject'])).toContain('after the build');
    indexed(store, { $filter: `EntityLastChangedOn ge ${iso(Date.parse('2026-12-01T00:00:00.100Z'))}` });
    expect(lookup).toHaveBeenCalledWith(SET, 'GroupwareItemID');
    expect(range).toHaveBeenCalledWith(SET, 'EntityLastChangedOn');
    expect(values).not.toHaveBeenCalled();
    // A condition no index answers is still a scan.
    indexed(store, { $filter: `Subject eq 'S1'` });
    expect(values).toHaveBeenCalled();
  });

  it('leaves a navigation’s own rows alone: the index of the whole set does not stand in for them', () => {
    const { store, ids } = tenant(6);
    const first = store.get(SET, ids[0] ?? '');
    const q = { $filter: `GroupwareItemID eq '${String(first?.values['GroupwareItemID'])}'` };
    const only = runQuery(store, SET, options(q), () => (first ? [first] : []));
    expect(only.rows.map((r) => r.id)).toEqual(first ? [first.id] : []);
  });
});
