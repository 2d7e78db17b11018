// The SessionStore (ports/session-store.ts) over SQL: the sync state and the records a session keeps beside it,
// each record in its own SQL file, written in one transaction.
import type { CrmRecord } from '../../domain/snapshots.js';
import type { WriteIntent } from '../../domain/write-intent.js';
import type { CrmDeleteHint } from '../../ports/crm-delete-notes.js';
import type { InboxEntry } from '../../ports/crm-inbox.js';
import type { PendingCreate } from '../../ports/pending-creates.js';
import type { IdleCommit, SessionMailbox, SessionState, SessionStore, SessionWriter } from '../../ports/session-store.js';
import type { CursorKind } from '../../ports/state-store.js';
import type { Database, Queryable } from './database.js';
import { dropCrmDeleteHints, listCrmDeleteHints, noteCrmDelete } from './sql-crm-delete-hints.js';
import { ackInbox, listInbox, putInbox } from './sql-crm-inbox.js';
import { deletePendingCreates, listPendingCreates, putPendingCreates } from './sql-pending-creates.js';
import { readSessionMailbox, readSessionState, recordIdleSession } from './sql-session-reads.js';
import { SqlStateWriter } from './sql-state-writer.js';
import { clearWriteIntents, listWriteIntents, putWriteIntents } from './sql-write-intents.js';
import { SqlStateStore } from './state-store.js';

class SqlSessionWriter extends SqlStateWriter implements SessionWriter {
  constructor(private readonly tx: Queryable) {
    super(tx);
  }

  listInbox(mailboxId: string): Promise<InboxEntry<CrmRecord>[]> {
    return listInbox(this.tx, mailboxId);
  }

  putInbox(entries: readonly InboxEntry<CrmRecord>[]): Promise<void> {
    return putInbox(this.tx, entries);
  }

  ackInbox(mailboxId: string, consumed: readonly { objectId: string; lastChangedOn: string }[]): Promise<void> {
    return ackInbox(this.tx, mailboxId, consumed);
  }

  dropCrmDeleteHints(tenantId: string, objectIds: readonly string[]): Promise<void> {
    return dropCrmDeleteHints(this.tx, tenantId, objectIds);
  }

  clearWriteIntents(mailboxId: string, pairIds: readonly string[]): Promise<void> {
    return clearWriteIntents(this.tx, mailboxId, pairIds);
  }

  deletePendingCreates(mailboxId: string, pairIds: readonly string[]): Promise<void> {
    return deletePendingCreates(this.tx, mailboxId, pairIds);
  }
}

export class SqlSessionStore extends SqlStateStore implements SessionStore {
  constructor(
    private readonly database: Database,
    ownsDatabase = true,
  ) {
    super(database, ownsDatabase);
  }

  listInbox(mailboxId: string): Promise<InboxEntry<CrmRecord>[]> {
    return listInbox(this.database, mailboxId);
  }

  listPendingCreates(mailboxId: string): Promise<PendingCreate[]> {
    return listPendingCreates(this.database, mailboxId);
  }

  /** Commits at once (the record must survive a crash of the session). */
  async putPendingCreates(entries: readonly PendingCreate[]): Promise<void> {
    if (entries.length > 0) await this.database.transaction((tx) => putPendingCreates(tx, entries));
  }

  listWriteIntents(mailboxId: string): Promise<WriteIntent<object>[]> {
    return listWriteIntents(this.database, mailboxId);
  }

  async putWriteIntents(intents: readonly WriteIntent<object>[]): Promise<void> {
    if (intents.length > 0) await this.database.transaction((tx) => putWriteIntents(tx, intents));
  }

  noteCrmDelete(tenantId: string, kind: string, objectId: string): Promise<void> {
    return noteCrmDelete(this.database, tenantId, kind, objectId);
  }

  listCrmDeleteHints(tenantId: string): Promise<CrmDeleteHint[]> {
    return listCrmDeleteHints(this.database, tenantId);
  }

  override transaction<T>(fn: (tx: SessionWriter) => Promise<T>): Promise<T> {
    return this.database.transaction((tx) => fn(new SqlSessionWriter(tx)));
  }

  readSessionMailbox(mailboxId: string): Promise<SessionMailbox | null> {
    return readSessionMailbox(this.database, mailboxId);
  }

  readSessionState(mailboxId: string, cursorKinds: readonly CursorKind[]): Promise<SessionState> {
    return readSessionState(this.database, mailboxId, cursorKinds);
  }

  /** One statement, committed on its own: no BEGIN and COMMIT around it. */
  recordIdleSession(commit: IdleCommit): Promise<void> {
    return recordIdleSession(this.database, commit);
  }
}

export function createSessionStore(db: Database, options: { ownsDatabase?: boolean } = {}): SqlSessionStore {
  return new SqlSessionStore(db, options.ownsDatabase ?? true);
}
