// The tenant-wide change query of one entity set (EntityLastChangedOn ≥ mark, children expanded), shared by the
// calendar (Appointments, Visits) and the tasks adapters. Keyset paging on EntityLastChangedOn instead of $skip
// over a moving result: an entity changed while we page moves to the end, where we read it, and none shifts
// into an already-read page (with $skip or C4C's $skiptoken offsets, a row changed behind the cursor would push
// the row at the page edge back into a page already read, and the next mark would pass it). Ties at the page
// edge are skipped by count; d.__next is followed too, for servers that page below $top.
import { parseODataDate } from '../../domain/time.js';
import { PortFailure } from '../../ports/write-results.js';
import type { ODataHttp } from './odata-http.js';
import { and, dateTimeOffsetLiteral, UnsafeFilterValue } from './odata-literals.js';
import { collectionPath, readAll, type ODataEntity } from './odata-read.js';

/** Rows per keyset page of the change query (C4C's own server-driven page size). */
export const CHANGE_PAGE_SIZE = 1000;
/** Upper bound on keyset pages of one change query (a million changed records). */
const MAX_CHANGE_PAGES = 1000;

/** EntityLastChangedOn in ms (OData `/Date(ms)/`), or null when absent. */
export function lastChangedMs(entity: ODataEntity): number | null {
  const value = entity['EntityLastChangedOn'];
  if (typeof value !== 'string') return null;
  try {
    return parseODataDate(value);
  } catch {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? null : ms;
  }
}

export interface ChangeQuery {
  entitySet: string;
  /** `$expand` of the children the records are normalized with (empty: none). */
  expand: string;
  /** Inclusive lower bound on EntityLastChangedOn, or null for no bound. */
  sinceMs: number | null;
  /** A further condition that holds on every page (the calendar's window on a first run), or null. */
  scope: string | null;
}

/** Every entity of the set matching the query, each once (by ObjectID), over all keyset pages. */
export async function readChangedSince(http: ODataHttp, query: ChangeQuery): Promise<ODataEntity[]> {
  const byId = new Map<string, ODataEntity>();
  let markMs = query.sinceMs;
  let skip = 0;
  for (let round = 0; ; round += 1) {
    // A server that ignored $skip would hand out the same page of ties forever.
    if (round >= MAX_CHANGE_PAGES) throw new PortFailure({ code: 'temporary', message: `C4C change query did not end after ${MAX_CHANGE_PAGES} pages` });
    const markFilter = markMs === null ? null : `EntityLastChangedOn ge ${dateTimeOffsetLiteral(new Date(markMs).toISOString())}`;
    const terms = [query.scope, markFilter].filter((t): t is string => t !== null);
    const page = await readAll(
      http,
      collectionPath(query.entitySet, {
        $filter: terms.length === 0 ? undefined : and(...terms),
        $orderby: 'EntityLastChangedOn asc',
        $top: CHANGE_PAGE_SIZE,
        $skip: skip > 0 ? skip : undefined,
        $expand: query.expand === '' ? undefined : query.expand,
      }),
    );
    for (const entity of page) {
      const id = entity['ObjectID'];
      if (typeof id === 'string') byId.set(id, entity);
    }
    if (page.length < CHANGE_PAGE_SIZE) break;
    const lastMs = lastChangedMs(page[page.length - 1] ?? {});
    if (lastMs === null) break; // cannot page by a mark the server does not return
    if (markMs !== null && lastMs <= markMs) {
      skip += page.length; // a whole page of ties: step over them
    } else {
      markMs = lastMs;
      skip = page.filter((e) => lastChangedMs(e) === lastMs).length;
    }
  }
  return [...byId.values()];
}

/** How far our clock may run ahead of C4C's when a first change query found nothing to take a mark from. */
export const CLOCK_SKEW_MARGIN_MS = 10 * 60_000;

/** Filter-building refusals (unmatchable values) surface as `invalid` port errors, never as raw exceptions. */
export async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof UnsafeFilterValue) throw new PortFailure({ code: 'invalid', message: err.message });
    throw err;
  }
}
