// Reading Appointments and Visits: the tenant-wide change query (change-query.ts, scoped to the window on a first run), reads by
// ObjectID and by GroupwareItemID. Entities come with their parties, BTD references and texts expanded, and are
// normalized by domain/normalize-c4c.ts.
import pMap from 'p-map';
import type { SyncKind } from '../../../shared/categories.js';
import type { C4cActivityCodes } from '../../domain/c4c-codes.js';
import { C4C_FIELDS } from '../../domain/c4c-fields.js';
import { emptyCalendarItem } from '../../domain/calendar-item.js';
import { normalizeC4cActivity } from '../../domain/normalize-c4c.js';
import type { CrmActivity } from '../../domain/snapshots.js';
import { toIsoUtc } from '../../domain/time.js';
import { readChangedSince } from './change-query.js';
import type { ODataHttp } from './odata-http.js';
import { and, dateTimeOffsetLiteral, eqAny } from './odata-literals.js';
import { chunks, collectionPath, readAll, type ODataEntity } from './odata-read.js';

export const SYNC_KINDS: readonly SyncKind[] = ['appointment', 'visit'];

/** ObjectIDs / GroupwareItemIDs per `or` filter. */
const IDS_PER_QUERY = 20;
/** Queries by id a session runs at once (C4C answers each in tens of milliseconds; four keep its load modest). */
const QUERIES_AT_ONCE = 4;

export function expandOf(kind: SyncKind): string {
  const names = C4C_FIELDS[kind];
  return [names.partiesNav, names.btdNav, names.textNav].join(',');
}

export interface ChangeWindow {
  startUtc: string;
  endUtc: string;
}

/**
 * All entities of one kind changed at or after `sinceMs` (or, with no mark, overlapping the window), over all
 * keyset pages (change-query.ts).
 */
export async function readChangedEntities(http: ODataHttp, kind: SyncKind, sinceMs: number | null, window: ChangeWindow): Promise<ODataEntity[]> {
  const names = C4C_FIELDS[kind];
  const windowFilter = and(`${names.start} lt ${dateTimeOffsetLiteral(window.endUtc)}`, `${names.end} ge ${dateTimeOffsetLiteral(window.startUtc)}`);
  return readChangedSince(http, { entitySet: names.entitySet, expand: expandOf(kind), sinceMs, scope: sinceMs === null ? windowFilter : null });
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

/** Every entity of each GroupwareItemID (two copies of one meeting created at once make two: raced-creates.ts). */
export async function readAllByGroupwareItemIds(http: ODataHttp, kind: SyncKind, groupwareItemIds: readonly string[]): Promise<Map<string, ODataEntity[]>> {
  const names = C4C_FIELDS[kind];
  const found = new Map<string, ODataEntity[]>();
  for (const ids of chunks([...new Set(groupwareItemIds)], IDS_PER_QUERY)) {
    for (const row of await readAll(http, collectionPath(names.entitySet, { $filter: eqAny('GroupwareItemID', ids), $expand: expandOf(kind) }))) {
      const key = row['GroupwareItemID'];
      if (typeof key === 'string') found.set(key, [...(found.get(key) ?? []), row]);
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

/** `codes`: the tenant's party roles and BTD reference types (activity-codes.ts). */
export function toActivity(entity: ODataEntity, kind: SyncKind, codes: C4cActivityCodes): CrmActivity {
  return normalizeC4cActivity(entity, kind, codes);
}
