// Reading Tasks: the tenant-wide change query (change-query.ts), reads by ObjectID, and the look-up of tasks by
// the To Do key in their reference text entry. Entities come with their texts and BTD references expanded.
import pMap from 'p-map';
import { C4C_TASK_NAMES, C4C_TASK_REFERENCE_TEXT_TYPE, keyOfReferenceText, referenceText } from '../../domain/c4c-task-fields.js';
import { readChangedSince, lastChangedMs } from './change-query.js';
import type { ODataHttp } from './odata-http.js';
import { and, eq, eqAny } from './odata-literals.js';
import { chunks, collectionPath, readAll, type ODataEntity } from './odata-read.js';

export const TASK_EXPAND = `${C4C_TASK_NAMES.textNav},${C4C_TASK_NAMES.btdNav}`;
/** ObjectIDs / keys per `or` filter (URL length). */
const IDS_PER_QUERY = 20;
/** Queries by id at once (as for activities). */
const QUERIES_AT_ONCE = 4;

/** Every task changed at or after `sinceMs`, over all pages. */
export function readChangedTasks(http: ODataHttp, sinceMs: number): Promise<ODataEntity[]> {
  return readChangedSince(http, { entitySet: C4C_TASK_NAMES.entitySet, expand: TASK_EXPAND, sinceMs, scope: null });
}

export async function readTasksByIds(http: ODataHttp, objectIds: readonly string[]): Promise<Map<string, ODataEntity>> {
  const found = new Map<string, ODataEntity>();
  const pages = await pMap(
    chunks([...new Set(objectIds)], IDS_PER_QUERY),
    (ids) => readAll(http, collectionPath(C4C_TASK_NAMES.entitySet, { $filter: eqAny('ObjectID', ids), $expand: TASK_EXPAND })),
    { concurrency: QUERIES_AT_ONCE },
  );
  for (const row of pages.flat()) if (typeof row['ObjectID'] === 'string') found.set(row['ObjectID'], row);
  return found;
}

/**
 * Tasks by the To Do key of their reference entry: `TasksTextCollectionCollection?$filter=TypeCode eq … and
 * (Text eq … or …)`, then the tasks themselves. The text match is checked again here, case-sensitive: To Do keys
 * are case-sensitive (base64), and C4C may compare strings ignoring case. When several tasks carry one key (a
 * copy made in C4C copies its texts), the least recently changed wins, as for activities' GroupwareItemID.
 */
export async function readTasksByKeys(http: ODataHttp, keys: readonly string[]): Promise<Map<string, ODataEntity>> {
  const parentsByKey = new Map<string, Set<string>>();
  for (const group of chunks([...new Set(keys)], IDS_PER_QUERY)) {
    const filter = and(eq('TypeCode', C4C_TASK_REFERENCE_TEXT_TYPE), eqAny('Text', group.map(referenceText)));
    const rows = await readAll(http, collectionPath(C4C_TASK_NAMES.textSet, { $filter: filter, $select: 'ParentObjectID,Text,TypeCode' }));
    for (const row of rows) {
      const key = keyOfReferenceText(typeof row['Text'] === 'string' ? row['Text'] : null);
      const parent = row['ParentObjectID'];
      if (key === null || typeof parent !== 'string' || !group.includes(key)) continue;
      parentsByKey.set(key, (parentsByKey.get(key) ?? new Set()).add(parent));
    }
  }
  const tasks = await readTasksByIds(http, [...parentsByKey.values()].flatMap((ids) => [...ids]));
  const found = new Map<string, ODataEntity>();
  for (const [key, parents] of parentsByKey) {
    const candidates = [...parents].flatMap((id): ODataEntity[] => {
      const task = tasks.get(id);
      return task ? [task] : [];
    });
    candidates.sort((a, b) => (lastChangedMs(a) ?? 0) - (lastChangedMs(b) ?? 0));
    if (candidates[0]) found.set(key, candidates[0]);
  }
  return found;
}
