// Input and output of the pure planner.
import type { Action } from '../../domain/actions.js';
import type { WriteIntent } from '../../domain/write-intent.js';
import type { Mailbox } from '../../domain/mailbox.js';
import type { SyncSettings } from '../../domain/settings.js';
import type { CrmActivity, OutlookItem } from '../../domain/snapshots.js';
import type { SyncPair } from '../../domain/sync-pair.js';

export interface PlanInput {
  mailbox: Mailbox;
  settings: SyncSettings;
  /** Every pair row of the mailbox (any status). */
  pairs: readonly SyncPair[];
  /**
   * Outlook items changed since the cursor (or all in the window), plus the current state of every pair in
   * error (R9 retries: the runner re-reads them because the delta will not return them again).
   */
  outlookItems: readonly OutlookItem[];
  /** C4C activities changed since the high-water mark that concern this mailbox, plus pairs in error. */
  crmActivities: readonly CrmActivity[];
  /** ISO UTC time of the session (stamped on recorded rows; the planner reads no clock). */
  now: string;
  /** Write intents of an earlier session that did not commit (domain/write-intent.ts). */
  intents?: readonly WriteIntent[];
}

export type PlanWarningCode =
  | 'deleteGuard' // too many cancels/deletes: held for an admin
  | 'conflict' // R12: both sides changed a field; the winner's value was kept
  | 'unpairedGroupwareActivity' // a C4C activity from groupware whose Outlook item this mailbox does not have
  | 'crmItemNotSyncable' // a C4C activity that cannot land in Outlook (R4 …)
  | 'closedPairTouched'; // an item of a closed pair changed; closed pairs stay closed

export interface PlanWarning {
  code: PlanWarningCode;
  pairId: string | null;
  message: string;
}

export interface PlanOutput {
  /** Actions to apply now, grouped by pair, each group ending with its recordState. */
  actions: Action[];
  /** Groups the session guard held back (store them as a SessionHold; nothing of them is applied). */
  held: Action[];
  warnings: PlanWarning[];
}
