// Input and output of the pure planner, for any item family (domain/family.ts).
import type { ActionGroup } from '../../domain/actions.js';
import type { FieldsOf, ItemFamily, KindOf } from '../../domain/family.js';
import type { Mailbox } from '../../domain/mailbox.js';
import type { SyncSettings } from '../../domain/settings.js';
import type { StateSeal } from '../../domain/state-digest.js';
import type { CrmActivity, CrmRecord, GroupwareItem, GroupwareItemPresent, OutlookItemPresent } from '../../domain/snapshots.js';
import type { SyncPair } from '../../domain/sync-pair.js';
import type { WriteIntent } from '../../domain/write-intent.js';

/** The engine's types for a family whose groupware items are `G` and CRM records `C` (defaults: the calendar's). */
export type PairOf<G extends GroupwareItemPresent, C extends CrmRecord<FieldsOf<G>>> = SyncPair<FieldsOf<G>, KindOf<C>>;
export type GroupOf<G extends GroupwareItemPresent, C extends CrmRecord<FieldsOf<G>>> = ActionGroup<FieldsOf<G>, KindOf<C>>;

export interface PlanInput<G extends GroupwareItemPresent = OutlookItemPresent, C extends CrmRecord<FieldsOf<G>> = CrmActivity> {
  family: ItemFamily<G, C>;
  mailbox: Mailbox;
  settings: SyncSettings;
  /** Every pair row of the mailbox in this family (any status). */
  pairs: readonly PairOf<G, C>[];
  /**
   * Groupware items changed since the cursor (or all in the window), plus the current state of every pair in
   * error (R9 retries: the runner re-reads them because the delta will not return them again).
   */
  outlookItems: readonly GroupwareItem<G>[];
  /** CRM records changed since the high-water mark that concern this mailbox, plus pairs in error. */
  crmActivities: readonly C[];
  /** ISO UTC time of the session (stamped on recorded rows; the planner reads no clock). */
  now: string;
  /** Write intents of an earlier session that did not commit (domain/write-intent.ts). */
  intents?: readonly WriteIntent<FieldsOf<G>>[];
  /** The CRM records this session should have read could not all be read (its inbox read failed). */
  crmIncomplete?: boolean;
  /** The tenant's keyed hashing (domain/state-digest.ts). */
  seal: StateSeal;
  /** Pairs of holds an admin released (sync/plan/guard.ts): their mass changes are not held again. */
  released?: ReadonlySet<string>;
  /**
   * Lower-case e-mails of the tenant's other synced users among the owners of shared records the items name
   * (`ItemFamily.sharedOwnerOf`; calendar: organizers of meetings this mailbox attends). Absent: none.
   */
  peers?: ReadonlySet<string>;
}

export type PlanWarningCode =
  | 'deleteGuard' // too many mass changes (sync/plan/guard.ts): held for an admin
  | 'conflict' // R12: both sides changed a field; the winner's value was kept
  | 'unpairedGroupwareActivity' // a C4C activity from groupware whose Outlook item this mailbox does not have
  | 'crmItemNotSyncable' // a C4C activity that cannot land in Outlook (R4 …)
  | 'closedPairTouched'; // an item of a closed pair changed; closed pairs stay closed

export interface PlanWarning {
  code: PlanWarningCode;
  pairId: string | null;
  message: string;
}

export interface PlanOutput<G extends GroupwareItemPresent = OutlookItemPresent, C extends CrmRecord<FieldsOf<G>> = CrmActivity> {
  /** One group per pair to apply now, each with its steps and the row to record. */
  groups: GroupOf<G, C>[];
  /** Groups the session guard held back (stored as a SessionHold; nothing of them is applied). */
  held: GroupOf<G, C>[];
  warnings: PlanWarning[];
}
