// Erasing a mailbox (the privacy issue: a user who leaves): every row the service keeps about the mailbox goes, in
// one transaction, and the caller is told how many rows of each table went. Implemented over SQL by
// adapters/store/sql-erasure.ts; jobs/erase-mailbox.ts adds the Graph side (the mailbox's change subscriptions).
import type { ErasedTable } from '../../shared/admin-api.js';

export { ERASED_TABLES, type ErasedTable } from '../../shared/admin-api.js';

/** Rows deleted, per table. */
export type ErasedRows = Record<ErasedTable, number>;

export interface MailboxErasure {
  /** Ids of the Graph change subscriptions recorded for the mailbox (to delete at Graph before the rows go). */
  subscriptionIdsOf(mailboxId: string): Promise<string[]>;
  /**
   * Deletes every row of the mailbox, its registration included, in one transaction. Null when no such mailbox
   * is registered (nothing is deleted then).
   */
  eraseMailbox(mailboxId: string): Promise<ErasedRows | null>;
  /**
   * Deletes the mailbox's sync state (pairs, cursors, inbox, intents, holds, its sessions' log, its subscriptions'
   * records) but keeps its registration, so the service still knows the mailbox is not enrolled, and the user's sync
   * list (their choice, used again if the mailbox is enrolled again). Null when no such mailbox.
   */
  forgetSyncState(mailboxId: string): Promise<ErasedRows | null>;
}
