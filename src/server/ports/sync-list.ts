// The sync list (R14): per mailbox, the C4C records (contacts, individual customers, employees, accounts) the user
// wants as Outlook contacts. The list is the user's: the task pane and /api change it for the signed-in user only;
// an admin rule may add entries too (source `rule`). Implemented by adapters/store (sql-sync-list.ts).
import type { SyncListEntry, SyncListEntryRef } from '../../shared/sync-list-api.js';

export type { SyncListEntry, SyncListEntryRef, SyncListRecordType } from '../../shared/sync-list-api.js';

export type SyncListAddResult =
  /** `added` is false when the record was on the list already (the entry is then the one that was there). */
  | { outcome: 'ok'; entry: SyncListEntry; added: boolean }
  /** The list holds `max` entries already; nothing was added. */
  | { outcome: 'full'; max: number };

export interface SyncList {
  /** The mailbox's entries, oldest first (ties by type and id, so the order is stable). */
  list(mailboxId: string): Promise<SyncListEntry[]>;
  /** Adds an entry unless the record is on the list or the list is full. Throws for a mailbox that is not registered. */
  add(mailboxId: string, ref: SyncListEntryRef, source: SyncListEntry['source']): Promise<SyncListAddResult>;
  /** Removes the entry; false when the record was not on the mailbox's list. */
  remove(mailboxId: string, ref: SyncListEntryRef): Promise<boolean>;
  /** The mailboxes whose list holds the record (a change to it concerns each of them). */
  holders(ref: SyncListEntryRef): Promise<string[]>;
}
