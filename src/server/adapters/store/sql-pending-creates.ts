// Write-ahead records of CRM creates (ports/pending-creates.ts), over SQL.
import type { PendingCreate } from '../../ports/pending-creates.js';
import type { Queryable } from './database.js';

export async function listPendingCreates(db: Queryable, mailboxId: string): Promise<PendingCreate[]> {
  const { rows } = await db.query<{ pair_id: string; outlook_id: string; kind: string; groupware_item_id: string }>(
    'SELECT pair_id, outlook_id, kind, groupware_item_id FROM pending_creates WHERE mailbox_id = $1 ORDER BY pair_id',
    [mailboxId],
  );
  return rows.map((r) => ({ mailboxId, pairId: r.pair_id, outlookId: r.outlook_id, kind: r.kind, groupwareItemId: r.groupware_item_id }));
}

export async function putPendingCreates(db: Queryable, entries: readonly PendingCreate[]): Promise<void> {
  if (entries.length === 0) return;
  const records = entries.map((e) => ({ mailbox_id: e.mailboxId, pair_id: e.pairId, outlook_id: e.outlookId, kind: e.kind, groupware_item_id: e.groupwareItemId }));
  await db.query(
    `INSERT INTO pending_creates (mailbox_id, pair_id, outlook_id, kind, groupware_item_id)
     SELECT r.mailbox_id, r.pair_id, r.outlook_id, r.kind, r.groupware_item_id
       FROM jsonb_to_recordset($1::jsonb) AS r(mailbox_id text, pair_id text, outlook_id text, kind text, groupware_item_id text)
     ON CONFLICT (mailbox_id, pair_id) DO UPDATE SET outlook_id = EXCLUDED.outlook_id, groupware_item_id = EXCLUDED.groupware_item_id`,
    [JSON.stringify(records)],
  );
}

export async function deletePendingCreates(db: Queryable, mailboxId: string, pairIds: readonly string[]): Promise<void> {
  if (pairIds.length === 0) return;
  await db.query('DELETE FROM pending_creates WHERE mailbox_id = $1 AND pair_id = ANY(SELECT jsonb_array_elements_text($2::jsonb))', [mailboxId, JSON.stringify(pairIds)]);
}
