// What the writes of a group mean for its pair row: on success, the planned row with the ids and versions the
// writes returned; on failure, an error row that keeps the last successful versions and hashes so the next
// session retries (R9). Pure, family-blind.
import type { SyncKind } from '../../../shared/categories.js';
import type { Action, CategoryEdit } from '../../domain/actions.js';
import type { NormalizedCalendarItem } from '../../domain/calendar-item.js';
import type { ItemError } from '../../domain/errors.js';
import type { ItemFamily } from '../../domain/family.js';
import type { SyncSettings } from '../../domain/settings.js';
import type { FieldDigests, PairBase } from '../../domain/state-digest.js';
import type { CrmRecord, GroupwareItemPresent } from '../../domain/snapshots.js';
import type { SyncPair } from '../../domain/sync-pair.js';
import type { WriteSuccess } from '../../ports/write-results.js';

export type WriteSide = 'outlook' | 'crm' | null;

/** Which side an action writes to (null: no remote write). */
export function sideOf(action: Pick<Action, 'type'> & { categoryEdit?: CategoryEdit | null }): WriteSide {
  switch (action.type) {
    case 'createCrm':
    case 'updateCrm':
    case 'cancelCrm':
      return 'crm';
    case 'createOutlook':
    case 'updateOutlook':
    case 'deleteOutlook':
    case 'removeCategoryAndNotify':
      return 'outlook';
    case 'markError':
    case 'clearError':
      return action.categoryEdit ? 'outlook' : null;
    case 'unlink':
    case 'recordState':
      return null;
  }
}

export interface AppliedWrite<F extends object = NormalizedCalendarItem, K extends string = SyncKind> {
  action: Action<F, K>;
  result: WriteSuccess;
}

/**
 * Category edits are read-modify-write without the plan's version (the user's own category changes must
 * survive them), so the version they return may include a user's edit made since the plan read the item. Taking
 * it would pair that edit's version with the hash of the older content, and the edit would pass for synced.
 */
const blindWrite = (action: Pick<Action, 'type'>): boolean => action.type === 'clearError' || action.type === 'markError' || action.type === 'removeCategoryAndNotify';

/**
 * The planned row with the ids and versions the successful writes returned (the last write per side wins).
 * Versions of blind writes are not taken: the row keeps the version the plan read, and the next session, seeing
 * a newer one, compares content instead (our own category edit hashes the same and is only recorded).
 */
export function completeRecordedState<F extends object, K extends string>(planned: SyncPair<F, K>, applied: readonly { action: Action<F, K>; result: WriteSuccess }[]): SyncPair<F, K> {
  const row: SyncPair<F, K> = { ...planned };
  for (const { action, result } of applied) {
    if (blindWrite(action)) continue;
    const side = sideOf(action);
    if (side === 'crm') {
      if (action.type === 'createCrm') row.crmObjectId = result.id;
      if (result.version !== null) row.crmVersion = result.version;
    } else if (side === 'outlook') {
      if (action.type === 'createOutlook') row.outlookId = result.id;
      if (result.version !== null) row.outlookVersion = result.version;
    }
  }
  return row;
}

/**
 * The row to store when a write of the group failed: the previous row (or the planned one stripped of what was
 * not synced, for a new pair) in error. Known ids (observed, or from creates that did succeed) are kept;
 * versions and hashes are not, so the next session sees the pending change again.
 */
export function failedPairState<F extends object, K extends string>(
  previous: SyncPair<F, K> | null,
  planned: SyncPair<F, K>,
  applied: readonly { action: Action<F, K>; result: WriteSuccess }[],
  error: ItemError,
  now: string,
  steps: readonly Action<F, K>[],
  digestsOf: (fields: F) => FieldDigests,
): SyncPair<F, K> {
  const start: SyncPair<F, K> = previous ?? {
    ...planned,
    outlookVersion: null,
    outlookHash: null,
    crmVersion: null,
    crmHash: null,
    base: null,
    outlookId: planned.origin === 'outlook' ? planned.outlookId : null,
    crmObjectId: planned.origin === 'crm' ? planned.crmObjectId : null,
  };
  // A planned create in Outlook on a closed pair reopened (a record put back on the sync list) means the id its row
  // still names is that of the copy deleted back then, which the next session would take for one the user deleted,
  // and drop the record from the list again (issue 14). Only there: a live row's id may be the item a lost create
  // made, which must stay known so that its deletion by the user is seen (the fault soak's To Do task came back).
  const createsOutlook = previous?.status === 'closed' && steps.some((s) => s.type === 'createOutlook');
  const row: SyncPair<F, K> = {
    ...start,
    // Ids the plan observed (e.g. the item a lost create made) are facts worth keeping, unlike versions.
    outlookId: createsOutlook ? planned.outlookId : (start.outlookId ?? planned.outlookId),
    crmObjectId: start.crmObjectId ?? planned.crmObjectId,
    status: 'error',
    lastError: error,
    errorSince: start.errorSince ?? now,
    updatedAt: now,
  };
  for (const { action, result } of applied) {
    const created = (action.type === 'createCrm' && row.crmObjectId === null) || (action.type === 'createOutlook' && row.outlookId === null);
    if (action.type === 'createCrm' && row.crmObjectId === null) row.crmObjectId = result.id;
    if (action.type === 'createOutlook' && row.outlookId === null) row.outlookId = result.id;
    // The new record holds the planned fields: they are the base the next session merges against.
    if (created && row.base === null) row.base = planned.base;
  }
  const partialBase = baseAfterPartialWrite(planned, applied, steps, digestsOf);
  if (partialBase) row.base = partialBase;
  return row;
}

/**
 * The base to merge against after a merge group failed part-way: the planned (merged) values, except that every
 * field an update did not write still has the value that side held. Then the retry sees exactly the writes still
 * owed as one-sided changes, and a user edit made meanwhile to a field we did write is not mistaken for a
 * conflict with our own write. Null when the group had no updates (the previous base stays). `digestsOf`: the
 * keyed digests of an item's fields (the base keeps digests, domain/state-digest.ts).
 */
function baseAfterPartialWrite<F extends object, K extends string>(
  planned: SyncPair<F, K>,
  applied: readonly { action: Action<F, K> }[],
  steps: readonly Action<F, K>[],
  digestsOf: (fields: F) => FieldDigests,
): PairBase | null {
  const updates = steps.filter((s) => s.type === 'updateCrm' || s.type === 'updateOutlook');
  if (!planned.base || planned.status !== 'synced' || updates.length === 0) return null;
  const done = new Set(applied.map((a) => a.action));
  const digests: Record<string, string> = { ...planned.base.digests };
  for (const step of updates) {
    if (done.has(step) || (step.type !== 'updateCrm' && step.type !== 'updateOutlook')) continue;
    const before = digestsOf(step.before);
    for (const key of Object.keys(step.patch)) if (before[key] !== undefined) digests[key] = before[key];
  }
  return { ...planned.base, digests };
}

/** R9: the category edit a failed group's groupware item gets. */
export function errorCategoryEdit(settings: SyncSettings): CategoryEdit {
  return { add: [settings.categories.error], remove: [] };
}

/**
 * After a write failed with an unknown outcome (timeout, 5xx, throttled), the runner re-reads the record: when it
 * now holds exactly what the write intended, the write landed and counts as a success with the re-read
 * version. This keeps a later user edit from being mistaken for a conflict with our own lost write.
 */
export function updateLanded<G extends GroupwareItemPresent, C extends CrmRecord<G['fields']>>(
  family: Pick<ItemFamily<G, C>, 'hash' | 'holdsUpdate' | 'kinds'>,
  action: Action<G['fields'], C['kind']>,
  current: { version: string; fields: G['fields'] } | null,
): WriteSuccess | null {
  if (!current) return null;
  if (action.type === 'updateCrm') {
    const holds = family.holdsUpdate?.('crm', current.fields, action.after, action.patch) ?? true;
    if (holds && family.hash(current.fields, 'crm', action.kind) === family.hash(action.after, 'crm', action.kind)) return { ok: true, id: action.crmObjectId, version: current.version };
  }
  // The groupware projection, taken with every merge field (the family's first kind has them all), as the item
  // holds them all.
  const fullest = family.kinds[0];
  if (action.type === 'updateOutlook' && fullest !== undefined && (family.holdsUpdate?.('outlook', current.fields, action.after, action.patch) ?? true) &&
    family.hash(current.fields, 'outlook', fullest) === family.hash(action.after, 'outlook', fullest)) {
    return { ok: true, id: action.outlookId, version: current.version };
  }
  return null;
}
