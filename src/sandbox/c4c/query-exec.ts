// Runs a parsed query over a set's rows: candidate rows from a sorted index when the filter has a prefix
// condition on an indexed field, then filter, $search, $orderby, $skip/$top and server paging (1,000 per page,
// continued with $skiptoken = 1-based position of the next row, as C4C does).
import type { StoredValue } from './edm-values.js';
import type { QueryOptions } from './query-options.js';
import { INDEXED_FIELDS, SEARCH_FIELDS } from './search-config.js';
import type { C4cStore, Row } from './store.js';

export const SERVER_PAGE_SIZE = 1000;

export interface QueryResult {
  rows: Row[];
  count?: number;
  /** The $skiptoken of the next page, when there is one. */
  nextSkiptoken?: number;
}

function candidates(store: C4cStore, set: string, opts: QueryOptions, all: () => Iterable<Row>): Iterable<Row> {
  const indexed = INDEXED_FIELDS[set] ?? [];
  const hint = opts.filter?.hints.find((h) => indexed.includes(h.property));
  if (!hint) return all();
  const table = store.table(set);
  const ids = store.index(set, hint.property).matches(hint.prefix, hint.exact);
  return (function* () {
    for (const id of ids) {
      const row = table.get(id);
      if (row) yield row;
    }
  })();
}

function compare(a: StoredValue | undefined, b: StoredValue | undefined): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  if (typeof a === 'string' && typeof b === 'string') return a.localeCompare(b);
  return a < b ? -1 : 1;
}

/** `visible`: the caller's read restriction (access.ts); rows it hides are not there for the query, its count included. */
export function runQuery(store: C4cStore, set: string, opts: QueryOptions, all: () => Iterable<Row> = () => store.table(set).values(), visible: (row: Row) => boolean = () => true): QueryResult {
  const predicate = opts.filter?.predicate;
  const searchFields = SEARCH_FIELDS[set] ?? ['Name', 'ID'];
  const term = opts.search?.toLowerCase();
  // Without $orderby or $inlinecount the scan can stop once the requested page (and one more row) is found.
  const start = opts.skiptoken === undefined ? 0 : Math.max(0, opts.skiptoken - 1);
  const enough = opts.orderby.length === 0 && !opts.inlinecount ? opts.skip + (opts.top ?? start + SERVER_PAGE_SIZE + 1) : Infinity;
  let rows: Row[] = [];
  for (const row of candidates(store, set, opts, all)) {
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
