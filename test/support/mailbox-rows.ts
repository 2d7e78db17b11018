// A mailbox with a row in every table that holds mailbox data, and the mailbox's footprint over the WHOLE schema,
// for the erasure tests (the privacy issue). The footprint lists the tables from information_schema, so a table
// added later is looked at too: one with a `mailbox_id` column is counted by it; one without must be named in
// NOT_KEYED_BY_MAILBOX with the rule that finds a mailbox's rows in it, or the footprint refuses to answer.
import type { Database, Queryable } from '../../src/server/adapters/store/index.js';
import { createSessionStore } from '../../src/server/adapters/store/index.js';
import { aHold, aLogEntry, aMailbox, aPair } from './state-fixtures.js';

export interface SeededMailbox {
  mailboxId: string;
  email: string;
}

/** The rows seedMailboxRows writes, per table (what an erasure of the mailbox must report). */
export const SEEDED_ROWS = {
  sync_pairs: 2,
  sync_log: 2,
  crm_inbox: 1,
  write_intents: 1,
  pending_creates: 1,
  guard_holds: 1,
  graph_subscriptions: 1,
  sync_list_entries: 1,
  sync_list_dismissals: 1,
  cursors: 2,
  mailboxes: 1,
} as const;

/** Registers the mailbox (tenant `tenant-1`) and writes SEEDED_ROWS for it. */
export async function seedMailboxRows(db: Database, mailboxId: string, extra: { subscriptionIds?: string[] } = {}): Promise<SeededMailbox> {
  const email = `${mailboxId}@contoso.example`;
  const store = createSessionStore(db, { ownsDatabase: false });
  await store.transaction(async (tx) => {
    await tx.upsertMailbox(aMailbox({ mailboxId, email, displayName: `User ${mailboxId}` }));
    await tx.upsertPairs([
      aPair({ pairId: `${mailboxId}-p1`, mailboxId, outlookId: `${mailboxId}-o1`, crmObjectId: `${mailboxId}-c1` }),
      aPair({ pairId: `${mailboxId}-p2`, mailboxId, outlookId: `${mailboxId}-o2`, crmObjectId: `${mailboxId}-c2`, status: 'closed' }),
    ]);
    await tx.appendLog([
      aLogEntry({ mailboxId, pairId: `${mailboxId}-p1`, sessionId: `${mailboxId}-s1` }),
      aLogEntry({ mailboxId, pairId: null, sessionId: `${mailboxId}-s1`, event: 'session', outcome: 'error', code: 'authFailed', message: `token of ${email} rejected` }),
    ]);
    await tx.putHold(aHold({ holdId: `${mailboxId}-h1`, mailboxId }));
    await tx.setCursor({ kind: 'graphDelta', scopeId: mailboxId }, `https://graph.example/delta?token=${mailboxId}`);
    // The contact folder's delta (R14) is the mailbox's too.
    await tx.setCursor({ kind: 'contactDelta', scopeId: mailboxId }, 'https://graph.example/contacts/delta?token=c1');
    await tx.setMailboxStatus({ mailboxId, health: 'error', lastSessionAt: '2026-11-21T08:00:00.000Z', lastSuccessAt: null, lastErrorCode: 'authFailed', lastErrorMessage: `token of ${email} rejected`, pairsInError: 1 });
  });
  await db.query(`INSERT INTO crm_inbox (mailbox_id, object_id, last_changed_on, activity) VALUES ($1, $2, '2026-11-21T08:00:00.000Z', $3::jsonb)`, [
    mailboxId,
    `${mailboxId}-c9`,
    JSON.stringify({ objectId: `${mailboxId}-c9`, organizerEmail: email }),
  ]);
  await db.query('INSERT INTO write_intents (mailbox_id, pair_id, intent) VALUES ($1, $2, $3::jsonb)', [mailboxId, `${mailboxId}-p1`, JSON.stringify({ mailboxId, pairId: `${mailboxId}-p1` })]);
  await db.query(`INSERT INTO pending_creates (mailbox_id, pair_id, outlook_id, kind, groupware_item_id) VALUES ($1, $2, $3, 'appointment', $4)`, [
    mailboxId,
    `${mailboxId}-p3`,
    `${mailboxId}-o3`,
    `${mailboxId}-g3`,
  ]);
  await db.query(`INSERT INTO sync_list_entries (mailbox_id, record_type, c4c_id) VALUES ($1, 'contact', $2)`, [mailboxId, `${mailboxId}-k1`]);
  await db.query(`INSERT INTO sync_list_dismissals (mailbox_id, record_type, c4c_id) VALUES ($1, 'contact', $2)`, [mailboxId, `${mailboxId}-k2`]);
  for (const subscriptionId of extra.subscriptionIds ?? [`${mailboxId}-sub`]) {
    await db.query(`INSERT INTO graph_subscriptions (subscription_id, mailbox_id, resource, expires_at, client_state_hash) VALUES ($1, $2, $3, now() + interval '2 days', 'hash')`, [
      subscriptionId,
      mailboxId,
      `users/${mailboxId}/events`,
    ]);
  }
  return { mailboxId, email };
}

/** Tenant-wide rows that are nobody's mailbox data (they must survive any erasure). */
export async function seedTenantRows(db: Database): Promise<void> {
  await db.query(`INSERT INTO cursors (kind, scope_id, value) VALUES ('crmHighWater', 'tenant-1', '2026-11-21T08:00:00.000Z') ON CONFLICT DO NOTHING`);
  await db.query(`INSERT INTO crm_delete_hints (tenant_id, object_id, kind) VALUES ('tenant-1', 'c4c-deleted-1', 'appointment') ON CONFLICT DO NOTHING`);
}

type RowRule = (db: Queryable, mailbox: SeededMailbox) => Promise<number>;
const none: RowRule = async () => 0;

/** Tables without a `mailbox_id` column, and how a mailbox's rows are found in them. */
const NOT_KEYED_BY_MAILBOX: Record<string, RowRule> = {
  // Delta links / sync tokens are scoped by the mailbox id (CursorKey); the C4C high-water mark by the tenant.
  cursors: async (db, m) => (await db.query('SELECT 1 FROM cursors WHERE scope_id = $1', [m.mailboxId])).rowCount,
  // Tenant-wide: settings, and C4C delete notes (activity ids, before any mailbox is known).
  tenants: none,
  crm_delete_hints: none,
  // Tenant-wide: which C4C system the sync state belongs to.
  tenant_pairings: none,
  // Tenant-wide: ObjectIDs of a C4C system the tenant was re-paired away from (no personal data).
  forgotten_crm_records: none,
  schema_migrations: none,
  // What admins did: the rows about a mailbox name it as their target (an erasure clears target and detail).
  admin_audit: async (db, m) => (await db.query('SELECT 1 FROM admin_audit WHERE target = $1', [m.mailboxId])).rowCount,
};

async function tablesOfSchema(db: Queryable): Promise<{ table: string; keyed: boolean }[]> {
  const { rows } = await db.query<{ table_name: string; keyed: boolean }>(
    `SELECT t.table_name,
            EXISTS (SELECT 1 FROM information_schema.columns c
                     WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name AND c.column_name = 'mailbox_id') AS keyed
       FROM information_schema.tables t
      WHERE t.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
      ORDER BY t.table_name`,
  );
  return rows.map((r) => ({ table: r.table_name, keyed: r.keyed }));
}

/**
 * Per table of the schema: the mailbox's rows (`<table>`), and the rows anywhere that mention its id or e-mail
 * address in any column (`<table> mentions`): a log message or a JSON document naming the user counts too.
 */
export async function mailboxFootprint(db: Queryable, mailbox: SeededMailbox): Promise<Record<string, number>> {
  const footprint: Record<string, number> = {};
  for (const { table, keyed } of await tablesOfSchema(db)) {
    const rule = NOT_KEYED_BY_MAILBOX[table];
    if (!keyed && !rule) throw new Error(`Table ${table} has no mailbox_id column and is not in NOT_KEYED_BY_MAILBOX (test/support/mailbox-rows.ts): say how its rows relate to a mailbox, and make erasure delete them.`);
    footprint[table] = keyed ? (await db.query(`SELECT 1 FROM ${table} WHERE mailbox_id = $1`, [mailbox.mailboxId])).rowCount : await (rule as RowRule)(db, mailbox);
    footprint[`${table} mentions`] = (
      await db.query(`SELECT 1 FROM ${table} t WHERE strpos(row_to_json(t)::text, $1) > 0 OR strpos(lower(row_to_json(t)::text), $2) > 0`, [mailbox.mailboxId, mailbox.email])
    ).rowCount;
  }
  return footprint;
}

/** The footprint with only its non-zero entries (what must be empty after an erasure). */
export function nonZero(footprint: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(footprint).filter(([, n]) => n > 0));
}
