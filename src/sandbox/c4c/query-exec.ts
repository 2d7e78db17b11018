// Runs a parsed query over a set's rows: candidate rows from an index when the filter has a prefix, exact-value
// or lower-bound condition on an indexed field (search-config.ts), then filter, $search, $orderby, $skip/$top and
// server paging (1,000 per page, continued with $skiptoken = 1-based position of the next row, as C4C does).
import type { StoredValue } from './edm-values.js';
import type { QueryOptions } from './query-options.js';
import { INDEXED_FIELDS, LOOKUP_FIELDS, RANGE_FIELDS, SEARCH_FIELDS } from './search-config.js';
import type { C4cStore, Row } from './store.js';

export const SERVER_PAGE_SIZE = 1000;

export interface QueryResult {
  rows: Row[];
  count?: number;
  /** The $skiptoken of the next page, when there is one. */
  nextSkiptoken?: number;
}

/** `wholeTable`: `all` is the set's table (not a navigation's rows or a code list), so its indexes can stand in for it. */
function candidates(store: C4cStore, set: string, opts: QueryOptions, all: () => Iterable<Row>, wholeTable: boolean): Iterable<Row> {
  const indexed = INDEXED_FIELDS[set] ?? [];
  const hint = opts.filter?.hints.find((h) => indexed.includes(h.property));
  if (!hint) return (wholeTable ? indexedCandidates(store, set, opts) : null) ?? all();
  const table = store.table(set);
  const ids = store.index(set, hint.property).matches(hint.prefix, hint.exact);
  return (function* () {
    for (const id of ids) {
      const row = table.get(id);
      if (row) yield row;
    }
  })();
}

/**
 * Rows that can match an exact-value condition (`P eq 'a' [or P eq 'b' …]`) on a LOOKUP_FIELDS property, else a
 * lower bound on a RANGE_FIELDS property, from their indexes; in the table's insertion order, so that the result is
 * the one a scan gives (paging and ties included). Null when the filter has neither.
 */
function indexedCandidates(store: C4cStore, set: string, opts: QueryOptions): Row[] | null {
  const filter = opts.filter;
  if (!filter) return null;
  let ids: Set<string> | null = null;
  for (const lookup of filter.lookups) {
    if (!LOOKUP_FIELDS.includes(lookup.property)) continue;
    const idx = store.index(set, lookup.property);
    const found = new Set(lookup.values.flatMap((v) => idx.lookup(v, true)));
    if (ids === null || found.size < ids.size) ids = found;
  }
  const range = filter.ranges.find((r) => RANGE_FIELDS.includes(r.property));
  if (ids === null && range) ids = new Set(store.rangeIndex(set, range.property).from(range.bound, range.inclusive));
  if (ids === null) return null;
  const table = store.table(set);
  const rows: Row[] = [];
  for (const id of ids) {
    const row = table.get(id);
    if (row) rows.push(row);
  }
  return rows.sort((x, y) => store.position(x) - store.position(y));
}

function compare(a: StoredValue | undefined, b: StoredValue | undefined): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  if (typeof a === 'string' && typeof b === 'string') return a.localeCompare(b);
  return a < b ? -1 : 1;
}

/** `visible`: the caller's read restriction (access.ts); rows it hides are not there for the query, its count included. */
export function runQuery(store: C4cStore, set: string, opts: QueryOptions, setRows?: () => Iterable<Row>, visible: (row: Row) => boolean = () => true): QueryResult {
  const predicate = opts.filter?.predicate;
  const searchFields = SEARCH_FIELDS[set] ?? ['Name', 'ID'];
  const term = opts.search?.toLowerCase();
  // Without $orderby or $inlinecount the scan can stop once the requested page (and one more row) is found.
  const start = opts.skiptoken === undefined ? 0 : Math.max(0, opts.skiptoken - 1);
  const enough = opts.orderby.length === 0 && !opts.inlinecount ? opts.skip + (opts.top ?? start + SERVER_PAGE_SIZE + 1) : Infinity;
  let rows: Row[] = [];
  const all = setRows ?? (() => store.table(set).values());
  for (const row of candidates(store, set, opts, all, setRows === undefined)) {
    if (rows.length >= enough) break;
    if (!visible(row)) continue;
    if (predicate && !predicate(row.values)) continue;
    if (term && !searchFields.some((f) => String(row.values[f] ?? '').toLowerCase().includes(term))) continue;
    rows.push(row);
  }
  if (opts.orderby.length > 0) {
    rows.sort((x, y) => {
      for (const o of opts.orderby) {
        const c = compare(x.values[o.property], y.values[o.property]);
        if (c !== 0) return o.desc ? -c : c;
      }
      return 0;
    });
  }
  const count = opts.inlinecount ? rows.length : undefined;
  rows = rows.slice(opts.skip);
  if (opts.top !== undefined) return { rows: rows.slice(0, opts.top), count };
  const page = rows.slice(start, start + SERVER_PAGE_SIZE);
  const next = start + SERVER_PAGE_SIZE < rows.length ? start + SERVER_PAGE_SIZE + 1 : undefined;
  return { rows: page, count, nextSkiptoken: next };
}
