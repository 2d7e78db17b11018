// The C4C inbox over SQL, and the SessionStore that writes it in the same transaction as the sync state.
import type { CrmActivity } from '../../domain/snapshots.js';
import type { CrmInboxReader, CrmInboxWriter, InboxEntry, SessionStore } from '../../ports/crm-inbox.js';
import type { StateWriter } from '../../ports/state-store.js';
import type { Database, Queryable } from './database.js';
import { SqlStateStore } from './state-store.js';
import { SqlStateWriter } from './sql-state-writer.js';

async function listInbox(db: Queryable, mailboxId: string): Promise<InboxEntry[]> {
  const { rows } = await db.query<{ activity: CrmActivity }>(
    'SELECT activity FROM crm_inbox WHERE mailbox_id = $1 ORDER BY object_id',
    [mailboxId],
  );
  return rows.map((row) => ({ mailboxId, activity: row.activity }));
}

class SqlSessionWriter extends SqlStateWriter implements CrmInboxWriter {
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

  override transaction<T>(fn: (tx: StateWriter & CrmInboxWriter) => Promise<T>): Promise<T> {
    return this.database.transaction((tx) => fn(new SqlSessionWriter(tx)));
  }
}

export function createSessionStore(db: Database, options: { ownsDatabase?: boolean } = {}): SqlSessionStore {
  return new SqlSessionStore(db, options.ownsDatabase ?? true);
}
