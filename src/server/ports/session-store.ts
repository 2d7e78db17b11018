// The store as a session uses it: sync state plus the records a session keeps beside it (the C4C inbox, pending
// creates, delete notes, write intents), written in one transaction.
import type { Mailbox } from '../domain/mailbox.js';
import type { SyncSettings } from '../domain/settings.js';
import type { CrmRecord } from '../domain/snapshots.js';
import type { SessionHold } from '../domain/sync-log.js';
import type { SyncPair } from '../domain/sync-pair.js';
import type { WriteIntent } from '../domain/write-intent.js';
import type { CrmDeleteHints, CrmDeleteHintsWriter } from './crm-delete-notes.js';
import type { CrmInboxReader, CrmInboxWriter, InboxEntry } from './crm-inbox.js';
import type { PendingCreate, PendingCreates, PendingCreatesWriter } from './pending-creates.js';
import type { CursorKey, CursorKind, MailboxStatusUpdate, StateReader, StateWriter } from './state-store.js';
import type { WriteIntents, WriteIntentsWriter } from './write-intents.js';

export type SessionWriter = StateWriter & CrmInboxWriter & PendingCreatesWriter & CrmDeleteHintsWriter & WriteIntentsWriter;

/** A session's mailbox and its tenant's stored settings (null: never saved), read together. */
export interface SessionMailbox {
  mailbox: Mailbox;
  settings: SyncSettings | null;
}

/** Everything a session starts from beside its mailbox, read at one moment. */
export interface SessionState {
  pairs: SyncPair[];
  /** The mailbox's groupware cursors by kind (scope: the mailbox); a kind never set is absent. */
  cursors: ReadonlyMap<CursorKind, string>;
  inbox: InboxEntry<CrmRecord>[];
  pendingCreates: PendingCreate[];
  writeIntents: WriteIntent<object>[];
  /** Holds an admin released, oldest first. */
  releasedHolds: SessionHold[];
}

/**
 * What a session records for its families that changed nothing (no pairs, log entries, holds, write-ahead records or
 * inbox entries): each one's cursor, when it moved, and the mailbox's status.
 */
export interface IdleCommit {
  /** One per idle family: the cursor to write, null when it did not move (or must stay). */
  families: { cursor: { key: CursorKey; value: string } | null }[];
  status: MailboxStatusUpdate;
}

export interface SessionStore extends StateReader, CrmInboxReader, PendingCreates, CrmDeleteHints, WriteIntents {
  transaction<T>(fn: (tx: SessionWriter) => Promise<T>): Promise<T>;
  /** getMailbox and getSettings of its tenant in one read; null when the mailbox is unknown. */
  readSessionMailbox(mailboxId: string): Promise<SessionMailbox | null>;
  /** loadPairs, getCursor of each kind, listInbox, listPendingCreates, listWriteIntents and the released holds in one read. */
  readSessionState(mailboxId: string, cursorKinds: readonly CursorKind[]): Promise<SessionState>;
  /**
   * Records the idle families' commit atomically (one statement on SQL): what their commits' transactions would have
   * written, the cursors and the status.
   */
  recordIdleSession(commit: IdleCommit): Promise<void>;
}
