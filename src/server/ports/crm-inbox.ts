// The C4C inbox: one C4C change query per tenant (DESIGN §3) yields records for many mailboxes. The tenant
// poll files each record under every mailbox it concerns, and advances the tenant's high-water mark in the
// same transaction; each mailbox's session consumes its entries and acknowledges them in the transaction that
// records the work. A crash at any point replays; nothing read from C4C is lost. An entry's kind says its family.
import type { CrmActivity, CrmRecord } from '../domain/snapshots.js';

export interface InboxEntry<C extends CrmRecord = CrmActivity> {
  mailboxId: string;
  activity: C;
}

export interface CrmInboxReader {
  /** The newest filed version of each activity for the mailbox. */
  listInbox(mailboxId: string): Promise<InboxEntry<CrmRecord>[]>;
}

export interface CrmInboxWriter extends CrmInboxReader {
  /** Files entries; a newer version of an activity replaces an older one (by lastChangedOn). */
  putInbox(entries: readonly InboxEntry<CrmRecord>[]): Promise<void>;
  /**
   * Removes consumed entries, but only the versions consumed: an entry filed again meanwhile with a newer
   * lastChangedOn stays for the next session.
   */
  ackInbox(mailboxId: string, consumed: readonly { objectId: string; lastChangedOn: string }[]): Promise<void>;
}

