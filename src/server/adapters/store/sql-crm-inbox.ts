// The C4C inbox over SQL, and the SessionStore that writes it in the same transaction as the sync state.
import type { CrmActivity } from '../../domain/snapshots.js';
import type { SyncKind } from '../../../shared/categories.js';
import type { CrmDeleteHint, CrmDeleteHintsWriter, CrmInboxReader, CrmInboxWriter, InboxEntry, PendingCreate, PendingCreatesWriter, SessionStore, WriteIntentsWriter } from '../../ports/crm-inbox.js';
import type { WriteIntent } from '../../domain/write-intent.js';
import { clearWriteIntents, listWriteIntents, putWriteIntents } from './sql-write-intents.js';
import type { StateWriter } from '../../ports/state-store.js';
import type { Database, Queryable } from './database.js';
import { dropCrmDeleteHints, listCrmDeleteHints, noteCrmDelete } from './sql-crm-delete-hints.js';
import { SqlStateStore } from './state-store.js';
import { SqlStateWriter } from './sql-state-writer.js';

async function listInbox(db: Queryable, mailboxId: string): Promise<InboxEntry[]> {
  const { rows } = await db.query<{ activity: CrmActivity }>(
    'SELECT activity FROM crm_inbox WHERE mailbox_id = $1 ORDER BY object_id',
    [mailboxId],
  );
  return rows.map((row) => ({ mailboxId, activity: row.activity }));
}

class SqlSessionWriter extends SqlStateWriter implements CrmInboxWriter, PendingCreatesWriter, CrmDeleteHintsWriter, WriteIntentsWriter {
  constructor(private readonly tx: Queryable) {
    super(tx);
  }

  listInbox(mailboxId: string): Promise<InboxEntry[]> {
    return listInbox(this.tx, mailboxId);
  }

  async putInbox(entries: readonly InboxEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const records = entries.map((e) => ({
      mailbox_id: e.mailboxId,
      object_id: e.activity.objectId,
      last_changed_on: e.activity.lastChangedOn,
      activity: e.activity,
    }));
    // Text comparison of ISO UTC instants of one format orders them in time.
    await this.tx.query(
      `INSERT INTO crm_inbox (mailbox_id, object_id, last_changed_on, activity)
       SELECT r.mailbox_id, r.object_id, r.last_changed_on, r.activity
         FROM jsonb_to_recordset($1::jsonb) AS r(mailbox_id text, object_id text, last_changed_on text, activity jsonb)
       ON CONFLICT (mailbox_id, object_id) DO UPDATE
         SET last_changed_on = EXCLUDED.last_changed_on, activity = EXCLUDED.activity, filed_at = now()
         WHERE crm_inbox.last_changed_on::timestamptz <= EXCLUDED.last_changed_on::timestamptz`,
      [JSON.stringify(records)],
    );
  }

  dropCrmDeleteHints(tenantId: string, objectIds: readonly string[]): Promise<void> {
    return dropCrmDeleteHints(this.tx, tenantId, objectIds);
  }

  clearWriteIntents(mailboxId: string): Promise<void> {
    return clearWriteIntents(this.tx, mailboxId);
  }

  async deletePendingCreates(mailboxId: string, pairIds: readonly string[]): Promise<void> {
    if (pairIds.length === 0) return;
    await this.tx.query('DELETE FROM pending_creates WHERE mailbox_id = $1 AND pair_id = ANY(SELECT jsonb_array_elements_text($2::jsonb))', [
      mailboxId,
      JSON.stringify(pairIds),
    ]);
  }

  async ackInbox(mailboxId: string, consumed: readonly { objectId: string; lastChangedOn: string }[]): Promise<void> {
    if (consumed.length === 0) return;
    await this.tx.query(
      `DELETE FROM crm_inbox i
        USING jsonb_to_recordset($2::jsonb) AS c(object_id text, last_changed_on text)
        WHERE i.mailbox_id = $1 AND i.object_id = c.object_id
          AND i.last_changed_on::timestamptz <= c.last_changed_on::timestamptz`,
      [mailboxId, JSON.stringify(consumed.map((c) => ({ object_id: c.objectId, last_changed_on: c.lastChangedOn })))],
    );
  }
}

export class SqlSessionStore extends SqlStateStore implements SessionStore, CrmInboxReader {
  constructor(
    private readonly database: Database,
    ownsDatabase = true,
  ) {
    super(database, ownsDatabase);
  }

  listInbox(mailboxId: string): Promise<InboxEntry[]> {
    return listInbox(this.database, mailboxId);
  }

  async listPendingCreates(mailboxId: string): Promise<PendingCreate[]> {
    const { rows } = await this.database.query<{ pair_id: string; outlook_id: string; kind: 'appointment' | 'visit'; groupware_item_id: string }>(
      'SELECT pair_id, outlook_id, kind, groupware_item_id FROM pending_creates WHERE mailbox_id = $1 ORDER BY pair_id',
      [mailboxId],
    );
    return rows.map((r) => ({ mailboxId, pairId: r.pair_id, outlookId: r.outlook_id, kind: r.kind, groupwareItemId: r.groupware_item_id }));
  }

  async putPendingCreates(entries: readonly PendingCreate[]): Promise<void> {
    if (entries.length === 0) return;
    const records = entries.map((e) => ({ mailbox_id: e.mailboxId, pair_id: e.pairId, outlook_id: e.outlookId, kind: e.kind, groupware_item_id: e.groupwareItemId }));
    await this.database.transaction((tx) =>
      tx.query(
        `INSERT INTO pending_creates (mailbox_id, pair_id, outlook_id, kind, groupware_item_id)
         SELECT r.mailbox_id, r.pair_id, r.outlook_id, r.kind, r.groupware_item_id
           FROM jsonb_to_recordset($1::jsonb) AS r(mailbox_id text, pair_id text, outlook_id text, kind text, groupware_item_id text)
         ON CONFLICT (mailbox_id, pair_id) DO UPDATE SET outlook_id = EXCLUDED.outlook_id, groupware_item_id = EXCLUDED.groupware_item_id`,
        [JSON.stringify(records)],
      ),
    );
  }

  listWriteIntents(mailboxId: string): Promise<WriteIntent[]> {
    return listWriteIntents(this.database, mailboxId);
  }

  async putWriteIntents(intents: readonly WriteIntent[]): Promise<void> {
    if (intents.length > 0) await this.database.transaction((tx) => putWriteIntents(tx, intents));
  }

  noteCrmDelete(tenantId: string, kind: SyncKind, objectId: string): Promise<void> {
    return noteCrmDelete(this.database, tenantId, kind, objectId);
  }

  listCrmDeleteHints(tenantId: string): Promise<CrmDeleteHint[]> {
    return listCrmDeleteHints(this.database, tenantId);
  }

  override transaction<T>(fn: (tx: StateWriter & CrmInboxWriter & PendingCreatesWriter & CrmDeleteHintsWriter & WriteIntentsWriter) => Promise<T>): Promise<T> {
    return this.database.transaction((tx) => fn(new SqlSessionWriter(tx)));
  }
}

export function createSessionStore(db: Database, options: { ownsDatabase?: boolean } = {}): SqlSessionStore {
  return new SqlSessionStore(db, options.ownsDatabase ?? true);
}
