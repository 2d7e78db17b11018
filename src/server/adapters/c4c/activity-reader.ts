// Reading Appointments and Visits: the tenant-wide change query (EntityLastChangedOn ≥ mark), reads by
// ObjectID and by GroupwareItemID. Entities come with their parties, BTD references and texts expanded, and are
// normalized by domain/normalize-c4c.ts.
import pMap from 'p-map';
import type { SyncKind } from '../../../shared/categories.js';
import { C4C_FIELDS } from '../../domain/c4c-fields.js';
import { emptyCalendarItem } from '../../domain/calendar-item.js';
import { normalizeC4cActivity } from '../../domain/normalize-c4c.js';
import type { CrmActivity } from '../../domain/snapshots.js';
import { parseODataDate, toIsoUtc } from '../../domain/time.js';
import { PortFailure } from '../../ports/write-results.js';
import type { ODataHttp } from './odata-http.js';
import { and, dateTimeOffsetLiteral, eqAny } from './odata-literals.js';
import { chunks, collectionPath, readAll, type ODataEntity } from './odata-read.js';

export const SYNC_KINDS: readonly SyncKind[] = ['appointment', 'visit'];

/** Rows per keyset page of the change query (C4C's own server-driven page size). */
export const CHANGE_PAGE_SIZE = 1000;
/** Upper bound on keyset pages of one change query (a million changed activities). */
const MAX_CHANGE_PAGES = 1000;
/** ObjectIDs / GroupwareItemIDs per `or` filter. */
const IDS_PER_QUERY = 20;
/** Queries by id a session runs at once (C4C answers each in tens of milliseconds; four keep its load modest). */
const QUERIES_AT_ONCE = 4;

export function expandOf(kind: SyncKind): string {
  const names = C4C_FIELDS[kind];
  return [names.partiesNav, names.btdNav, names.textNav].join(',');
}

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

export interface ChangeWindow {
  startUtc: string;
  endUtc: string;
}

/**
 * All entities of one kind changed at or after `sinceMs` (or, with no mark, overlapping the window). Keyset
 * paging on EntityLastChangedOn instead of $skip over a moving result: an entity changed while we page moves
 * to the end, where we read it, and none shifts into an already-read page. Ties at the page edge are skipped
 * by count; d.__next is followed too, for servers that page below $top.
 */
export async function readChangedEntities(http: ODataHttp, kind: SyncKind, sinceMs: number | null, window: ChangeWindow): Promise<ODataEntity[]> {
  const names = C4C_FIELDS[kind];
  const windowFilter = and(`${names.start} lt ${dateTimeOffsetLiteral(window.endUtc)}`, `${names.end} ge ${dateTimeOffsetLiteral(window.startUtc)}`);
  const byId = new Map<string, ODataEntity>();
  let markMs = sinceMs;
  let skip = 0;
  for (let round = 0; ; round += 1) {
    // A server that ignored $skip would hand out the same page of ties forever.
    if (round >= MAX_CHANGE_PAGES) throw new PortFailure({ code: 'temporary', message: `C4C change query did not end after ${MAX_CHANGE_PAGES} pages` });
    const markFilter = markMs === null ? null : `EntityLastChangedOn ge ${dateTimeOffsetLiteral(new Date(markMs).toISOString())}`;
    const filter = sinceMs === null ? (markFilter ? and(windowFilter, markFilter) : windowFilter) : (markFilter ?? '');
    const page = await readAll(
      http,
      collectionPath(names.entitySet, {
        $filter: filter,
        $orderby: 'EntityLastChangedOn asc',
        $top: CHANGE_PAGE_SIZE,
        $skip: skip > 0 ? skip : undefined,
        $expand: expandOf(kind),
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

export async function readByIds(http: ODataHttp, kind: SyncKind, objectIds: readonly string[]): Promise<Map<string, ODataEntity>> {
  const names = C4C_FIELDS[kind];
  const found = new Map<string, ODataEntity>();
  // A session that merges many changed pairs reads their records by id (the base keeps no values): a few queries
  // at a time, not one after the other.
  const pages = await pMap(chunks([...new Set(objectIds)], IDS_PER_QUERY), (ids) => readAll(http, collectionPath(names.entitySet, { $filter: eqAny('ObjectID', ids), $expand: expandOf(kind) })), {
    concurrency: QUERIES_AT_ONCE,
  });
  for (const row of pages.flat()) if (typeof row['ObjectID'] === 'string') found.set(row['ObjectID'], row);
  return found;
}

/** Entities by GroupwareItemID (duplicates from before this adapter may exist; the least recently changed wins). */
export async function readByGroupwareItemIds(http: ODataHttp, kind: SyncKind, groupwareItemIds: readonly string[]): Promise<Map<string, ODataEntity>> {
  const names = C4C_FIELDS[kind];
  const found = new Map<string, ODataEntity>();
  for (const ids of chunks([...new Set(groupwareItemIds)], IDS_PER_QUERY)) {
    const rows = await readAll(
      http,
      collectionPath(names.entitySet, { $filter: eqAny('GroupwareItemID', ids), $orderby: 'EntityLastChangedOn asc', $expand: expandOf(kind) }),
    );
    for (const row of rows) {
      const key = row['GroupwareItemID'];
      if (typeof key === 'string' && !found.has(key)) found.set(key, row);
    }
  }
  return found;
}

/** What getByIds reports for an activity C4C no longer has. */
export function removedActivity(kind: SyncKind, objectId: string): CrmActivity {
  return {
    objectId,
    kind,
    version: '',
    groupwareItemId: null,
    status: 'cancelled',
    removed: true,
    ownerPartyId: null,
    ownerEmail: null,
    organizerPartyId: null,
    organizerEmail: null,
    lastChangedOn: toIsoUtc(0),
    fields: emptyCalendarItem(),
  };
}

export function toActivity(entity: ODataEntity, kind: SyncKind): CrmActivity {
  return normalizeC4cActivity(entity, kind);
}
