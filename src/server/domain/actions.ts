// What the planner decides for a session: action groups, one per pair. The runner applies them. Actions are
// family-blind: `F` is the family's normalized item (domain/family.ts), `K` its kinds; the defaults are the
// calendar's.
//
// Contract for the runner (sync/run/):
// - A group's steps are applied in order. If all succeed, the group's `record.pair` is stored after filling in
//   the ids and versions the writes returned (sync/run/outcomes.ts `completeRecordedState`). If one fails, the
//   rest of the group is skipped and the failure recorded instead (`failedPairState`), which keeps the old
//   versions and hashes so the next session retries (R9).
// - `unlink` has no remote write; it only says why the group's record ends the mirroring.
import type { SyncKind } from '../../shared/categories.js';
import type { NormalizedCalendarItem } from './calendar-item.js';
import type { ConflictRecord } from './conflict-record.js';
import type { ItemError } from './errors.js';
import type { SyncPair } from './sync-pair.js';

/**
 * A change to an Outlook item's categories, applied read-modify-write by the adapter (so the planner needs not
 * know the current list, and a user's concurrent category change is kept). Names compare case-insensitively.
 */
export interface CategoryEdit {
  add: string[];
  remove: string[];
}

/** Create a C4C activity from a tagged Outlook item. Idempotent upsert keyed by groupwareItemId. */
export interface CreateCrmAction<F extends object = NormalizedCalendarItem, K extends string = SyncKind> {
  type: 'createCrm';
  pairId: string;
  kind: K;
  groupwareItemId: string;
  fields: F;
  /**
   * The mailbox owner's employee party id (OwnerPartyID). Null when unresolved, and for an attendee's copy of a
   * meeting, which must not change the owner of the organizer's activity it may upsert into.
   */
  ownerPartyId: string | null;
  /** Lower-case e-mail of the mailbox owner. */
  ownerEmail: string;
  /**
   * R8: a copy of a shared record (an attendee's copy of a meeting): when the record already exists (the organizer's,
   * or another attendee's), the create only adds the mailbox owner to it as a party; nothing of the copy is written.
   */
  shared?: boolean;
}

/** Update a C4C activity: only the fields in `patch` (a PATCH with If-Match). */
export interface UpdateCrmAction<F extends object = NormalizedCalendarItem, K extends string = SyncKind> {
  type: 'updateCrm';
  pairId: string;
  kind: K;
  crmObjectId: string;
  ifMatch: string;
  patch: Partial<F>;
  /** The activity's fields as they will be after the write (unchanged fields and time zone for the payload). */
  after: F;
  /** The activity's fields as the plan saw them (what the patch replaces; used when the write fails). */
  before: F;
}

/** R11: a deleted synced Outlook item cancels the C4C activity (status, never a DELETE). */
export interface CancelCrmAction<K extends string = SyncKind> {
  type: 'cancelCrm';
  pairId: string;
  kind: K;
  crmObjectId: string;
  ifMatch: string;
}

/** R7: a C4C activity without an Outlook item lands in the target mailbox. Idempotent by transactionId. */
export interface CreateOutlookAction<F extends object = NormalizedCalendarItem, K extends string = SyncKind> {
  type: 'createOutlook';
  pairId: string;
  mailboxId: string;
  kind: K;
  crmObjectId: string;
  /** Graph transactionId (= pairId): a retried create returns the first item instead of a duplicate. */
  transactionId: string;
  fields: F;
  categories: string[];
}

export interface UpdateOutlookAction<F extends object = NormalizedCalendarItem> {
  type: 'updateOutlook';
  pairId: string;
  mailboxId: string;
  outlookId: string;
  ifMatch: string;
  patch: Partial<F>;
  /** The item's fields as they will be after the write. */
  after: F;
  /** The item's fields as the plan saw them (what the patch replaces; used when the write fails). */
  before: F;
  /** Category change made with this write (e.g. the error category is removed), or null. */
  categoryEdit: CategoryEdit | null;
  /** Why, for the item's user, where the family shows it (GroupwareWriteRequest's notice): a released item's reason. */
  notice?: string;
  /** R9's error shown on the item with this write (a reverted edit's reason), or null when it clears (GroupwareWriteRequest's error). */
  error?: ItemError | null;
}

/** R11: a C4C cancel/delete removes an Outlook item the service created from C4C. */
export interface DeleteOutlookAction {
  type: 'deleteOutlook';
  pairId: string;
  mailboxId: string;
  outlookId: string;
  ifMatch: string;
}

/** R11: an Outlook-originated meeting cancelled in C4C is never deleted: it loses the category and gets a notice. */
export interface RemoveCategoryAndNotifyAction {
  type: 'removeCategoryAndNotify';
  pairId: string;
  mailboxId: string;
  outlookId: string;
  /** Removes the sync and error categories. */
  categoryEdit: CategoryEdit;
  notice: string;
}

/** R2: the category was removed in Outlook; mirroring ends, the C4C activity stays. No remote write. */
export interface UnlinkAction {
  type: 'unlink';
  pairId: string;
  mailboxId: string;
  reason: string;
}

/** R4/R9: the item cannot sync; it gets the error category (when it lacks it) and the reason. */
export interface MarkErrorAction {
  type: 'markError';
  pairId: string;
  mailboxId: string;
  outlookId: string | null;
  error: ItemError;
  /** Adds the error category; null when the item has it already or there is no Outlook item. */
  categoryEdit: CategoryEdit | null;
}

/** R9: the item synced again; the error category goes. */
export interface ClearErrorAction {
  type: 'clearError';
  pairId: string;
  mailboxId: string;
  outlookId: string;
  /** Removes the error category; null when the item is known not to carry it. */
  categoryEdit: CategoryEdit | null;
}

/** The pair row to store once the group's writes succeeded (ids/versions filled from write results). */
export interface RecordStateAction<F extends object = NormalizedCalendarItem, K extends string = SyncKind> {
  type: 'recordState';
  pairId: string;
  pair: SyncPair<F, K>;
  /**
   * The values the group means both sides to hold (what `pair.base` digests), in memory only: a write intent names
   * them while the writes are in flight. Null when the group writes no field.
   */
  intended: F | null;
}

/** What the planner decides: the steps of a pair's group, and the record that closes it. */
export type Action<F extends object = NormalizedCalendarItem, K extends string = SyncKind> =
  | CreateCrmAction<F, K>
  | UpdateCrmAction<F, K>
  | CancelCrmAction<K>
  | CreateOutlookAction<F, K>
  | UpdateOutlookAction<F>
  | DeleteOutlookAction
  | RemoveCategoryAndNotifyAction
  | UnlinkAction
  | MarkErrorAction
  | ClearErrorAction
  | RecordStateAction<F, K>;

export type ActionType = Action['type'];

/**
 * Everything that happens to one pair in a session: its remote writes and markers in order, then the row to
 * record. The planner returns these; the guard, the write-ahead records and the runner take them as they are.
 */
export interface ActionGroup<F extends object = NormalizedCalendarItem, K extends string = SyncKind> {
  pairId: string;
  /** The remote writes and markers, in order (never a recordState). */
  steps: Action<F, K>[];
  record: RecordStateAction<F, K>;
  /** R12: the conflict the merge decided for this pair, logged with the group's outcome (domain/conflict-record.ts). */
  conflict?: ConflictRecord;
}

/**
 * The changes the session guard counts (sync/plan/guard.ts): cancels, deletes, the sync category removed, the error
 * category put on an item.
 */
export function isMassChange(action: Action<object, string>): boolean {
  switch (action.type) {
    case 'cancelCrm':
    case 'deleteOutlook':
    case 'removeCategoryAndNotify':
      return true;
    case 'markError':
      return action.categoryEdit !== null && action.outlookId !== null;
    default:
      return false;
  }
}
