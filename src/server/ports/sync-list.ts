// The sync list (R14): per mailbox, the C4C records (contacts, individual customers, employees, accounts) the user
// wants as Outlook contacts. The list is the user's: the task pane and /api change it for the signed-in user only;
// an admin rule may add entries too (source `rule`). Implemented by adapters/store (sql-sync-list.ts).
import { syncListC4cIdSchema, type SyncListEntry, type SyncListEntryRef } from '../../shared/sync-list-api.js';

export type { SyncListEntry, SyncListEntryRef, SyncListRecordType } from '../../shared/sync-list-api.js';

/** Whether a C4C id may name a list entry (the /api's own check: 1–60 letters, digits, `_`, `.`, `-`). */
export const isSyncListC4cId = (id: string): boolean => syncListC4cIdSchema.safeParse(id).success;

export type SyncListAddResult =
  /** `added` is false when the record was on the list already (the entry is then the one that was there). */
  | { outcome: 'ok'; entry: SyncListEntry; added: boolean }
  /** The list holds `max` entries already; nothing was added. */
  | { outcome: 'full'; max: number };

export interface SyncList {
  /** The mailbox's entries, oldest first (ties by type and id, so the order is stable). */
  list(mailboxId: string): Promise<SyncListEntry[]>;
  /**
   * Adds an entry unless the record is on the list or the list is full. Throws for a mailbox that is not registered.
   * The user's add of a record the rule added makes it the user's (it stays when the rule goes).
   */
  add(mailboxId: string, ref: SyncListEntryRef, source: SyncListEntry['source']): Promise<SyncListAddResult>;
  /**
   * Removes the entry; false when the record was not on the mailbox's list. The removal is the user's choice, so it
   * is remembered: the admin rule does not add the record again until the user adds it themself.
   */
  remove(mailboxId: string, ref: SyncListEntryRef): Promise<boolean>;
  /**
   * Makes the mailbox's `rule` entries the records the admin rule names now: those it no longer names go (entries the
   * user added stay, whatever the rule says), new ones are added unless the user removed them before or the list is
   * full. An empty `refs` (the rule turned off) removes every rule entry. Returns how many were added and removed.
   */
  applyRule(mailboxId: string, refs: readonly SyncListEntryRef[]): Promise<{ added: number; removed: number }>;
  /** The mailboxes whose list holds the record (a change to it concerns each of them). */
  holders(ref: SyncListEntryRef): Promise<string[]>;
}
