// Write intents of sessions (ports/write-intents.ts), over SQL.
import type { WriteIntent } from '../../domain/write-intent.js';
import type { Queryable } from './database.js';

export async function listWriteIntents(db: Queryable, mailboxId: string): Promise<WriteIntent<object>[]> {
  const { rows } = await db.query<{ intent: WriteIntent<object> }>('SELECT intent FROM write_intents WHERE mailbox_id = $1 ORDER BY pair_id', [mailboxId]);
  return rows.map((r) => r.intent);
}

export async function putWriteIntents(db: Queryable, intents: readonly WriteIntent<object>[]): Promise<void> {
  if (intents.length === 0) return;
  await db.query(
    `INSERT INTO write_intents (mailbox_id, pair_id, intent)
     SELECT r.mailbox_id, r.pair_id, r.intent
       FROM jsonb_to_recordset($1::jsonb) AS r(mailbox_id text, pair_id text, intent jsonb)
     ON CONFLICT (mailbox_id, pair_id) DO UPDATE SET intent = EXCLUDED.intent, created_at = now()`,
    [JSON.stringify(intents.map((i) => ({ mailbox_id: i.mailboxId, pair_id: i.pairId, intent: i })))],
  );
}

export async function clearWriteIntents(db: Queryable, mailboxId: string, pairIds: readonly string[]): Promise<void> {
  if (pairIds.length === 0) return;
  await db.query('DELETE FROM write_intents WHERE mailbox_id = $1 AND pair_id = ANY(SELECT jsonb_array_elements_text($2::jsonb))', [mailboxId, JSON.stringify(pairIds)]);
}
