// Mailbox erasure (ports/mailbox-erasure.ts) over SQL: every row of one mailbox, in one transaction.
//
// Each table is deleted from explicitly, so the caller learns how many rows of each went; the keys to `mailboxes`
// cascade as well (migration 0009), which catches a table added later and forgotten here. The mailbox's row is
// locked first: inserting a row that references it waits for that lock, so a session committing at the same
// moment either lands before (and its rows are counted and deleted) or fails after (its mailbox is gone).
import type { ErasedRows, MailboxErasure } from '../../ports/mailbox-erasure.js';
import type { Database, Queryable } from './database.js';

/** Cursor kinds whose scope is a mailbox (ports/state-store.ts CursorKey); `crmHighWater` is the tenant's. */
const MAILBOX_CURSOR_KINDS = ['graphDelta', 'todoDelta', 'contactDelta', 'googleSync'];

/** Tables with a `mailbox_id` column, children before the mailbox itself. */
const MAILBOX_TABLES = ['sync_pairs', 'sync_log', 'crm_inbox', 'write_intents', 'pending_creates', 'guard_holds', 'graph_subscriptions', 'sync_list_entries', 'sync_list_dismissals'] as const;

/** What the user chose, not what was synced: kept when a mailbox is only removed from the sync (forgetIn). */
const USER_CHOICES: readonly string[] = ['sync_list_entries', 'sync_list_dismissals'];

/**
 * Deletes the mailbox's rows, its registration excepted; `keepChoices`: the user's sync list stays too (a removed
 * mailbox, which may be enrolled again). Null when no such mailbox.
 */
async function forgetIn(tx: Queryable, mailboxId: string, keepChoices = true): Promise<ErasedRows | null> {
  const locked = await tx.query('SELECT mailbox_id FROM mailboxes WHERE mailbox_id = $1 FOR UPDATE', [mailboxId]);
  if (locked.rowCount === 0) return null;
  const counts: Partial<ErasedRows> = { mailboxes: 0 };
  const tables = MAILBOX_TABLES.filter((t) => !(keepChoices && USER_CHOICES.includes(t)));
  for (const table of USER_CHOICES) counts[table as (typeof MAILBOX_TABLES)[number]] = 0;
  // Table names come from the constant list above, never from input.
  for (const table of tables) counts[table] = (await tx.query(`DELETE FROM ${table} WHERE mailbox_id = $1`, [mailboxId])).rowCount;
  counts.cursors = (
    await tx.query('DELETE FROM cursors WHERE scope_id = $1 AND kind IN (SELECT jsonb_array_elements_text($2::jsonb))', [mailboxId, JSON.stringify(MAILBOX_CURSOR_KINDS)])
  ).rowCount;
  return counts as ErasedRows;
}

async function eraseIn(tx: Queryable, mailboxId: string): Promise<ErasedRows | null> {
  const counts = await forgetIn(tx, mailboxId, false);
  if (!counts) return null;
  counts.mailboxes = (await tx.query('DELETE FROM mailboxes WHERE mailbox_id = $1', [mailboxId])).rowCount;
  // The admin audit (migration 0015) keeps who did what and when, but no longer to whom: its rows about this mailbox
  // lose their target and detail (ids, counts), so nothing in the store names the erased user.
  await tx.query(`UPDATE admin_audit SET target = NULL, detail = '{"erasedMailbox": true}'::jsonb WHERE target = $1`, [mailboxId]);
  return counts as ErasedRows;
}

export class SqlMailboxErasure implements MailboxErasure {
  constructor(private readonly db: Database) {}

  async subscriptionIdsOf(mailboxId: string): Promise<string[]> {
    const { rows } = await this.db.query<{ subscription_id: string }>('SELECT subscription_id FROM graph_subscriptions WHERE mailbox_id = $1 ORDER BY subscription_id', [mailboxId]);
    return rows.map((r) => r.subscription_id);
  }

  eraseMailbox(mailboxId: string): Promise<ErasedRows | null> {
    return this.db.transaction((tx) => eraseIn(tx, mailboxId));
  }

  forgetSyncState(mailboxId: string): Promise<ErasedRows | null> {
    return this.db.transaction((tx) => forgetIn(tx, mailboxId));
  }
}
