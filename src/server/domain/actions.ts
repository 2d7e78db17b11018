// What the planner decides for a session: a list of actions, grouped by pair. The runner applies them.
//
// Contract for the runner (sync/session*.ts):
// - Actions come in groups per pairId, in order; every group ends with exactly one `recordState`.
// - Apply a group's remote writes in order. If all succeed, record `recordState.pair` after filling in the ids
//   and versions the writes returned (sync/record-state.ts `completeRecordedState`). If one fails, skip the rest
//   of the group and record the failure instead (`failedPairState`), which keeps the old versions and hashes so
//   the next session retries (R9).
// - `unlink` has no remote write; it only says why the group's recordState ends the mirroring.
import type { SyncKind } from '../../shared/categories.js';
import type { CalendarItemPatch, NormalizedCalendarItem } from './calendar-item.js';
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
export interface CreateCrmAction {
  type: 'createCrm';
  pairId: string;
  kind: SyncKind;
  groupwareItemId: string;
  fields: NormalizedCalendarItem;
  /**
   * The mailbox owner's employee party id (OwnerPartyID). Null when unresolved, and for an attendee's copy of a
   * meeting, which must not change the owner of the organizer's activity it may upsert into.
   */
  ownerPartyId: string | null;
  /** Lower-case e-mail of the mailbox owner. */
  ownerEmail: string;
}

/** Update a C4C activity: only the fields in `patch` (a PATCH with If-Match). */
export interface UpdateCrmAction {
  type: 'updateCrm';
  pairId: string;
  kind: SyncKind;
  crmObjectId: string;
  ifMatch: string;
  patch: CalendarItemPatch;
  /** The activity's fields as they will be after the write (unchanged fields and time zone for the payload). */
  after: NormalizedCalendarItem;
  /** The activity's fields as the plan saw them (what the patch replaces; used when the write fails). */
  before: NormalizedCalendarItem;
}

/** R11: a deleted synced Outlook item cancels the C4C activity (status, never a DELETE). */
export interface CancelCrmAction {
  type: 'cancelCrm';
  pairId: string;
  kind: SyncKind;
  crmObjectId: string;
  ifMatch: string;
}

/** R7: a C4C activity without an Outlook item lands in the target mailbox. Idempotent by transactionId. */
export interface CreateOutlookAction {
  type: 'createOutlook';
  pairId: string;
  mailboxId: string;
  kind: SyncKind;
  crmObjectId: string;
  /** Graph transactionId (= pairId): a retried create returns the first item instead of a duplicate. */
  transactionId: string;
  fields: NormalizedCalendarItem;
  categories: string[];
}

export interface UpdateOutlookAction {
  type: 'updateOutlook';
  pairId: string;
  mailboxId: string;
  outlookId: string;
  ifMatch: string;
  patch: CalendarItemPatch;
  /** The item's fields as they will be after the write. */
  after: NormalizedCalendarItem;
  /** The item's fields as the plan saw them (what the patch replaces; used when the write fails). */
  before: NormalizedCalendarItem;
  /** Category change made with this write (e.g. the error category is removed), or null. */
  categoryEdit: CategoryEdit | null;
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
export interface RecordStateAction {
  type: 'recordState';
  pairId: string;
  pair: SyncPair;
}

export type Action =
  | CreateCrmAction
  | UpdateCrmAction
  | CancelCrmAction
  | CreateOutlookAction
  | UpdateOutlookAction
  | DeleteOutlookAction
  | RemoveCategoryAndNotifyAction
  | UnlinkAction
  | MarkErrorAction
  | ClearErrorAction
  | RecordStateAction;

export type ActionType = Action['type'];

/** Actions that write to a remote side (everything but unlink and recordState, and markError/clearError without a category change). */
export function isRemoteWrite(action: Action): boolean {
  switch (action.type) {
    case 'unlink':
    case 'recordState':
      return false;
    case 'markError':
    case 'clearError':
      return action.categoryEdit !== null;
    default:
      return true;
  }
}

/** Destructive actions the session guard counts (settings.deleteGuardLimit). */
export function isDestructive(action: Action): boolean {
  return action.type === 'cancelCrm' || action.type === 'deleteOutlook';
}
