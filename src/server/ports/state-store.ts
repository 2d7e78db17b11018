// The sync state store (DESIGN §3 "Sync state", "Cursors"). Implemented on PGlite/PostgreSQL by
// adapters/store. Everything a session writes goes through one `transaction`, so pair rows, cursors and log
// entries of one batch commit together: a crash replays work, it never loses it.
import type { Mailbox, MailboxStatus } from '../domain/mailbox.js';
import type { SessionHold, HoldStatus, SyncLogEntry } from '../domain/sync-log.js';
import type { SyncPair } from '../domain/sync-pair.js';
import type { SyncSettings } from '../domain/settings.js';

/**
 * Which cursor. `graphDelta`/`googleSync`: scopeId = mailboxId, value = the delta link / sync token.
 * `crmHighWater`: scopeId = tenantId, value = ISO UTC EntityLastChangedOn high-water mark.
 */
export type CursorKind = 'graphDelta' | 'todoDelta' | 'contactDelta' | 'googleSync' | 'crmHighWater';
export type MailboxStatusUpdate = Omit<MailboxStatus, 'pairsInError'> & { pairsInError: number | 'count' };

export interface CursorKey {
  kind: CursorKind;
  scopeId: string;
}

/** Read access, usable inside and outside a transaction. */
export interface StateReader {
  /** All pair rows of a mailbox, any status. Order is unspecified. */
  loadPairs(mailboxId: string): Promise<SyncPair[]>;
  /** The pair of one Outlook item (task pane status), or null. */
  findPairByOutlookId(mailboxId: string, outlookId: string): Promise<SyncPair | null>;
  /** Pairs (in any mailbox) mirroring a C4C activity; used to fan C4C changes out to mailboxes. */
  findPairsByCrmObjectId(crmObjectId: string): Promise<SyncPair[]>;
  /** The same for many activities in one round trip (a tenant poll's changes), ordered by activity, then mailbox. */
  findPairsByCrmObjectIds(crmObjectIds: readonly string[]): Promise<SyncPair[]>;
  /** Null when the cursor was never set (the session then does a full read). */
  getCursor(key: CursorKey): Promise<string | null>;
  getMailbox(mailboxId: string): Promise<Mailbox | null>;
  listMailboxes(filter?: { tenantId?: string; enabledOnly?: boolean }): Promise<Mailbox[]>;
  getMailboxStatus(mailboxId: string): Promise<MailboxStatus | null>;
  /** Tenant settings, or null when the tenant never saved any (callers use DEFAULT_SYNC_SETTINGS). */
  getSettings(tenantId: string): Promise<SyncSettings | null>;
  /** Newest first. */
  listLog(filter: { mailboxId?: string; pairId?: string; limit: number }): Promise<SyncLogEntry[]>;
  /**
   * Which of these C4C ObjectIDs name records of a system the tenant was re-paired away from (sessions pass over an
   * Outlook item's name of such a record: it is unknown to the system synced now, not deleted).
   */
  forgottenCrmObjectIds(tenantId: string, crmObjectIds: readonly string[]): Promise<Set<string>>;
  /** Oldest first. */
  listHolds(filter: { holdId?: string; mailboxId?: string; status?: HoldStatus }): Promise<SessionHold[]>;
}

/** Writes; only available inside `transaction`. */
export interface StateWriter extends StateReader {
  /** Insert or replace by pairId (the whole row). */
  upsertPairs(pairs: readonly SyncPair<object, string>[]): Promise<void>;
  deletePairs(pairIds: readonly string[]): Promise<void>;
  /**
   * Set a cursor. Call it only in the transaction that also records the pairs/log entries of the changes read
   * with it, never before the work is recorded (DESIGN §3).
   */
  setCursor(key: CursorKey, value: string): Promise<void>;
  /** Forget a cursor (e.g. Graph answered 410: the next session does a full resync). */
  deleteCursor(key: CursorKey): Promise<void>;
  appendLog(entries: readonly SyncLogEntry[]): Promise<void>;
  upsertMailbox(mailbox: Mailbox): Promise<void>;
  /**
   * `pairsInError: 'count'` has the store count the mailbox's pairs in error itself, in the same statement (a
   * session's commit: no read of every pair just to count them).
   */
  setMailboxStatus(status: MailboxStatusUpdate): Promise<void>;
  saveSettings(tenantId: string, settings: SyncSettings): Promise<void>;
  /** Insert or replace by holdId. */
  putHold(hold: SessionHold): Promise<void>;
}

export interface StateStore extends StateReader {
  /**
   * Runs `fn` in one database transaction: all its writes commit together or none does (fn throws → rollback,
   * the error is rethrown). Transactions of one mailbox are serialized by the job queue, not by the store;
   * the store must still be safe with concurrent transactions of different mailboxes.
   */
  transaction<T>(fn: (tx: StateWriter) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
