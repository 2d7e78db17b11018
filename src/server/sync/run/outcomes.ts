// Helpers for the session runner: split a plan into per-pair groups, and turn write results into the pair row
// to store (success: the planned row with the ids/versions the writes returned; failure: an error row that keeps
// the last successful versions and hashes so the next session retries, R9).
import type { Action, CategoryEdit, RecordStateAction } from '../../domain/actions.js';
import type { NormalizedCalendarItem } from '../../domain/calendar-item.js';
import type { ItemError } from '../../domain/errors.js';
import { sameAttendees } from '../../domain/canonical.js';
import { hashItem } from '../../domain/hash.js';
import type { SyncSettings } from '../../domain/settings.js';
import type { SyncPair } from '../../domain/sync-pair.js';
import type { WriteSuccess } from '../../ports/write-results.js';

export interface ActionGroup {
  pairId: string;
  /** The remote writes and markers, in order (everything but the recordState). */
  steps: Action[];
  record: RecordStateAction;
}

/** Splits planned actions into their per-pair groups (each group ends with one recordState). */
export function groupByPair(actions: readonly Action[]): ActionGroup[] {
  const groups: ActionGroup[] = [];
  let steps: Action[] = [];
  for (const action of actions) {
    if (action.type === 'recordState') {
      groups.push({ pairId: action.pairId, steps, record: action });
      steps = [];
    } else {
      if (steps.length > 0 && steps[0]?.pairId !== action.pairId) throw new Error(`plan groups interleave at pair ${action.pairId}`);
      steps.push(action);
    }
  }
  if (steps.length > 0) throw new Error('plan ends without recordState');
  return groups;
}

export type WriteSide = 'outlook' | 'crm' | null;

/** Which side an action writes to (null: no remote write). */
export function sideOf(action: Action): WriteSide {
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

export interface AppliedWrite {
  action: Action;
  result: WriteSuccess;
}

/**
 * Category edits are read-modify-write without the plan's version (the user's own category changes must
 * survive them), so the version they return may include a user's edit made since the plan read the item. Taking
 * it would pair that edit's version with the hash of the older content, and the edit would pass for synced.
 */
const blindWrite = (action: Action): boolean => action.type === 'clearError' || action.type === 'markError' || action.type === 'removeCategoryAndNotify';

/**
 * The planned row with the ids and versions the successful writes returned (the last write per side wins).
 * Versions of blind writes are not taken: the row keeps the version the plan read, and the next session, seeing
 * a newer one, compares content instead (our own category edit hashes the same and is only recorded).
 */
export function completeRecordedState(planned: SyncPair, applied: readonly AppliedWrite[]): SyncPair {
  const row: SyncPair = { ...planned };
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
export function failedPairState(
  previous: SyncPair | null,
  planned: SyncPair,
  applied: readonly AppliedWrite[],
  error: ItemError,
  now: string,
  steps: readonly Action[] = [],
): SyncPair {
  const start: SyncPair = previous ?? {
    ...planned,
    outlookVersion: null,
    outlookHash: null,
    crmVersion: null,
    crmHash: null,
    base: null,
    outlookId: planned.origin === 'outlook' ? planned.outlookId : null,
    crmObjectId: planned.origin === 'crm' ? planned.crmObjectId : null,
  };
  const row: SyncPair = {
    ...start,
    // Ids the plan observed (e.g. the item a lost create made) are facts worth keeping, unlike versions.
    outlookId: start.outlookId ?? planned.outlookId,
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
  const partialBase = baseAfterPartialWrite(planned, applied, steps);
  if (partialBase) row.base = partialBase;
  return row;
}

/**
 * The base to merge against after a merge group failed part-way: the planned (merged) values, except that every
 * field an update did not write still has the value that side held. Then the retry sees exactly the writes still
 * owed as one-sided changes, and a user edit made meanwhile to a field we did write is not mistaken for a
 * conflict with our own write. Null when the group had no updates (the previous base stays).
 */
function baseAfterPartialWrite(planned: SyncPair, applied: readonly AppliedWrite[], steps: readonly Action[]): NormalizedCalendarItem | null {
  const updates = steps.filter((s) => s.type === 'updateCrm' || s.type === 'updateOutlook');
  if (!planned.base || planned.status !== 'synced' || updates.length === 0) return null;
  const done = new Set(applied.map((a) => a.action));
  const base: Record<string, unknown> = { ...planned.base };
  for (const step of updates) {
    if (done.has(step) || (step.type !== 'updateCrm' && step.type !== 'updateOutlook')) continue;
    for (const key of Object.keys(step.patch)) base[key] = (step.before as unknown as Record<string, unknown>)[key];
  }
  return base as unknown as NormalizedCalendarItem;
}

/** R9: the category edit the runner applies to the Outlook item of a failed group. */
export function errorCategoryEdit(settings: SyncSettings): CategoryEdit {
  return { add: [settings.categories.error], remove: [] };
}

/**
 * After a write failed with an unknown outcome (timeout, 5xx, throttled), the runner re-reads the record: when it
 * now holds exactly what the write intended, the write landed and counts as a success with the re-read
 * version. This keeps a later user edit from being mistaken for a conflict with our own lost write.
 */
export function updateLanded(action: Action, current: { version: string; fields: NormalizedCalendarItem } | null): WriteSuccess | null {
  if (!current) return null;
  // The C4C hash leaves attendees out (C4C holds only those it resolved): an attendee update counts as landed
  // only when C4C shows exactly the wanted attendees; otherwise it is simply sent again (it is idempotent).
  const attendeesLanded = action.type !== 'updateCrm' || !action.patch.attendees || sameAttendees(current.fields, action.after);
  if (action.type === 'updateCrm' && attendeesLanded && hashItem(current.fields, 'crm', action.kind) === hashItem(action.after, 'crm', action.kind)) {
    return { ok: true, id: action.crmObjectId, version: current.version };
  }
  // The Outlook projection (attendees included); taken with every two-way field, as the item holds them all.
  if (action.type === 'updateOutlook' && hashItem(current.fields, 'outlook', 'appointment') === hashItem(action.after, 'outlook', 'appointment')) {
    return { ok: true, id: action.outlookId, version: current.version };
  }
  return null;
}
