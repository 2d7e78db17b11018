// The C4C inbox: one C4C change query per tenant (DESIGN §3) yields activities for many mailboxes. The tenant
// poll files each activity under every mailbox it concerns, and advances the tenant's high-water mark in the
// same transaction; each mailbox's session consumes its entries and acknowledges them in the transaction that
// records the work. A crash at any point replays; nothing read from C4C is lost.
import type { SyncKind } from '../../shared/categories.js';
import type { CrmActivity } from '../domain/snapshots.js';
import type { WriteIntent } from '../domain/write-intent.js';
import type { StateReader, StateWriter } from './state-store.js';

export interface InboxEntry {
  mailboxId: string;
  activity: CrmActivity;
}

export interface CrmInboxReader {
  /** The newest filed version of each activity for the mailbox. */
  listInbox(mailboxId: string): Promise<InboxEntry[]>;
}

export interface CrmInboxWriter extends CrmInboxReader {
  /** Files entries; a newer version of an activity replaces an older one (by lastChangedOn). */
  putInbox(entries: readonly InboxEntry[]): Promise<void>;
  /**
   * Removes consumed entries, but only the versions consumed: an entry filed again meanwhile with a newer
   * lastChangedOn stays for the next session.
   */
  ackInbox(mailboxId: string, consumed: readonly { objectId: string; lastChangedOn: string }[]): Promise<void>;
}

/** The store as a session uses it: sync state plus the C4C inbox, written in one transaction. */
export interface SessionStore extends StateReader, CrmInboxReader, PendingCreates, CrmDeleteHints, WriteIntents {
  transaction<T>(fn: (tx: StateWriter & CrmInboxWriter & PendingCreatesWriter & CrmDeleteHintsWriter & WriteIntentsWriter) => Promise<T>): Promise<T>;
}

/** Write intents of a session (domain/write-intent.ts). */
export interface WriteIntents {
  listWriteIntents(mailboxId: string): Promise<WriteIntent[]>;
  /** Commits at once, in its own transaction (it must survive a crash of the session). */
  putWriteIntents(intents: readonly WriteIntent[]): Promise<void>;
}

export interface WriteIntentsWriter {
  /** All of the mailbox's intents: the committing session has read the earlier ones and recorded its own. */
  clearWriteIntents(mailboxId: string): Promise<void>;
}

/** A C4C `deleted` notification not yet confirmed with C4C (sync/crm-deletes.ts). */
export interface CrmDeleteHint {
  tenantId: string;
  kind: SyncKind;
  objectId: string;
  /** ISO UTC time the first notification for the activity arrived. */
  notedAt: string;
}

export interface CrmDeleteHints {
  /** Commits at once, in its own transaction; a repeated notification keeps the first time. */
  noteCrmDelete(tenantId: string, kind: SyncKind, objectId: string): Promise<void>;
  listCrmDeleteHints(tenantId: string): Promise<CrmDeleteHint[]>;
}

export interface CrmDeleteHintsWriter {
  dropCrmDeleteHints(tenantId: string, objectIds: readonly string[]): Promise<void>;
}

/**
 * A C4C create about to be sent, recorded (committed) before it is sent: if the process dies between the C4C
 * commit and the session's state commit, and the user then deletes the Outlook item, the next session still
 * knows which activity to cancel (R11) — it finds it by GroupwareItemID.
 */
export interface PendingCreate {
  mailboxId: string;
  pairId: string;
  outlookId: string;
  kind: SyncKind;
  groupwareItemId: string;
}

export interface PendingCreates {
  listPendingCreates(mailboxId: string): Promise<PendingCreate[]>;
  /** Commits at once, in its own transaction (it must survive a crash of the session). */
  putPendingCreates(entries: readonly PendingCreate[]): Promise<void>;
}

export interface PendingCreatesWriter {
  deletePendingCreates(mailboxId: string, pairIds: readonly string[]): Promise<void>;
}
