// The C4C inbox (ports/crm-inbox.ts), over SQL.
import type { CrmRecord } from '../../domain/snapshots.js';
import type { InboxEntry } from '../../ports/crm-inbox.js';
import type { Queryable } from './database.js';

export async function listInbox(db: Queryable, mailboxId: string): Promise<InboxEntry<CrmRecord>[]> {
  const { rows } = await db.query<{ activity: CrmRecord }>('SELECT activity FROM crm_inbox WHERE mailbox_id = $1 ORDER BY object_id', [mailboxId]);
  return rows.map((row) => ({ mailboxId, activity: row.activity }));
}

export async function putInbox(db: Queryable, entries: readonly InboxEntry<CrmRecord>[]): Promise<void> {
  if (entries.length === 0) return;
  const records = entries.map((e) => ({ mailbox_id: e.mailboxId, object_id: e.activity.objectId, last_changed_on: e.activity.lastChangedOn, activity: e.activity }));
  // Text comparison of ISO UTC instants of one format orders them in time.
  await db.query(
    `INSERT INTO crm_inbox (mailbox_id, object_id, last_changed_on, activity)
     SELECT r.mailbox_id, r.object_id, r.last_changed_on, r.activity
       FROM jsonb_to_recordset($1::jsonb) AS r(mailbox_id text, object_id text, last_changed_on text, activity jsonb)
     ON CONFLICT (mailbox_id, object_id) DO UPDATE
       SET last_changed_on = EXCLUDED.last_changed_on, activity = EXCLUDED.activity, filed_at = now()
       WHERE crm_inbox.last_changed_on::timestamptz <= EXCLUDED.last_changed_on::timestamptz`,
    [JSON.stringify(records)],
  );
}

export async function ackInbox(db: Queryable, mailboxId: string, consumed: readonly { objectId: string; lastChangedOn: string }[]): Promise<void> {
  if (consumed.length === 0) return;
  await db.query(
    `DELETE FROM crm_inbox i
      USING jsonb_to_recordset($2::jsonb) AS c(object_id text, last_changed_on text)
      WHERE i.mailbox_id = $1 AND i.object_id = c.object_id
        AND i.last_changed_on::timestamptz <= c.last_changed_on::timestamptz`,
    [mailboxId, JSON.stringify(consumed.map((c) => ({ object_id: c.objectId, last_changed_on: c.lastChangedOn })))],
  );
}
