// Erasing a mailbox (the privacy issue) on both drivers: the SQL erasure (adapters/store/sql-erasure.ts), and the
// whole "erase user data" flow with the Graph side (jobs/erase-mailbox.ts). After either, no table of the schema
// holds a row of the mailbox, nor a row that names it; another mailbox keeps every row it had.
import { jest } from '@jest/globals';
import { createSessionStore, SqlMailboxErasure, type Database } from '../../../src/server/adapters/store/index.js';
import { eraseMailbox, eraseNamedMailbox } from '../../../src/server/jobs/erase-mailbox.js';
import { createLogger } from '../../../src/server/log/index.js';
import { PortFailure } from '../../../src/server/ports/write-results.js';
import { mailboxFootprint, nonZero, SEEDED_ROWS, seedMailboxRows, seedTenantRows, type SeededMailbox } from '../../support/mailbox-rows.js';
import { aLogEntry } from '../../support/state-fixtures.js';
import { TEST_DRIVERS, openTestDatabase, stopTestDatabases } from '../../support/test-database.js';

jest.setTimeout(60_000);
afterAll(stopTestDatabases);

const logger = createLogger({ level: 'silent', name: 'erasure-test' });

describe.each(TEST_DRIVERS)('mailbox erasure on %s', (driver) => {
  // One database per driver for the file; every test seeds mailboxes of its own (ids no other test uses).
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(driver);
    await seedTenantRows(db);
  });
  afterAll(async () => {
    await db.close();
  });

  async function leaverAndStayer(name: string, extra: { subscriptionIds?: string[] } = {}) {
    const leaver = await seedMailboxRows(db, `leaver-${name}`, extra);
    const stayer = await seedMailboxRows(db, `stayer-${name}`);
    const before = await mailboxFootprint(db, stayer);
    // The seed really reaches every mailbox table (else the checks below would prove nothing).
    expect(await mailboxFootprint(db, leaver)).toMatchObject({ ...SEEDED_ROWS, graph_subscriptions: extra.subscriptionIds?.length ?? 1 });
    return { leaver, stayer, before };
  }

  async function expectErased(leaver: SeededMailbox, stayer: SeededMailbox, before: Record<string, number>) {
    expect(nonZero(await mailboxFootprint(db, leaver))).toEqual({});
    expect(await mailboxFootprint(db, stayer)).toEqual(before);
    // Tenant-wide rows are nobody's to erase.
    expect((await db.query("SELECT 1 FROM cursors WHERE kind = 'crmHighWater' AND scope_id = 'tenant-1'")).rowCount).toBe(1);
    expect((await db.query("SELECT 1 FROM crm_delete_hints WHERE tenant_id = 'tenant-1'")).rowCount).toBe(1);
    expect((await db.query("SELECT 1 FROM tenants WHERE tenant_id = 'tenant-1'")).rowCount).toBe(1);
  }

  it('erases every row of the mailbox in every table, says how many per table, and leaves the other mailbox whole', async () => {
    const { leaver, stayer, before } = await leaverAndStayer('sql');
    const erased = await new SqlMailboxErasure(db).eraseMailbox(leaver.mailboxId);
    expect(erased).toEqual(SEEDED_ROWS);
    await expectErased(leaver, stayer, before);
    expect(await new SqlMailboxErasure(db).eraseMailbox(leaver.mailboxId)).toBeNull();
  });

  it('deletes nothing when any part fails: one transaction', async () => {
    const { leaver } = await leaverAndStayer('atomic');
    await db.exec(`
      CREATE FUNCTION refuse_hold_delete() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'hold delete refused'; END $$;
      CREATE TRIGGER refuse_hold_delete BEFORE DELETE ON guard_holds FOR EACH ROW EXECUTE FUNCTION refuse_hold_delete();`);
    try {
      await expect(new SqlMailboxErasure(db).eraseMailbox(leaver.mailboxId)).rejects.toThrow(/hold delete refused/);
    } finally {
      await db.exec('DROP TRIGGER refuse_hold_delete ON guard_holds; DROP FUNCTION refuse_hold_delete();');
    }
    // guard_holds comes after pairs, log, inbox and intents: their deletes were rolled back.
    expect(await mailboxFootprint(db, leaver)).toMatchObject(SEEDED_ROWS);
  });

  it('every table with a mailbox column cascades from mailboxes, so deleting the mailbox row alone leaves nothing', async () => {
    const { rows } = await db.query<{ table_name: string; cascades: boolean }>(
      `SELECT c.table_name,
              EXISTS (SELECT 1 FROM pg_constraint k
                       WHERE k.conrelid = (quote_ident(c.table_name))::regclass AND k.contype = 'f'
                         AND k.confrelid = 'mailboxes'::regclass AND k.confdeltype = 'c') AS cascades
         FROM information_schema.columns c
        WHERE c.table_schema = current_schema() AND c.column_name = 'mailbox_id' AND c.table_name <> 'mailboxes'
        ORDER BY c.table_name`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(7);
    expect(rows.filter((r) => !r.cascades).map((r) => r.table_name)).toEqual([]);

    const { leaver, stayer, before } = await leaverAndStayer('cascade');
    await db.query('DELETE FROM mailboxes WHERE mailbox_id = $1', [leaver.mailboxId]);
    // Only the cursors (scoped by the mailbox id, no key) are left for the erasure to delete.
    expect(nonZero(await mailboxFootprint(db, leaver))).toEqual({ cursors: 2, 'cursors mentions': 2 });
    await db.query('DELETE FROM cursors WHERE scope_id = $1', [leaver.mailboxId]);
    await expectErased(leaver, stayer, before);
  });

  it('refuses a late write of an erased mailbox (a session that was still running)', async () => {
    const { leaver } = await leaverAndStayer('late');
    await new SqlMailboxErasure(db).eraseMailbox(leaver.mailboxId);
    const store = createSessionStore(db, { ownsDatabase: false });
    await expect(store.transaction((tx) => tx.appendLog([aLogEntry({ mailboxId: leaver.mailboxId })]))).rejects.toThrow();
    await expect(store.putWriteIntents([{ mailboxId: leaver.mailboxId, pairId: 'p' } as never])).rejects.toThrow();
    expect(nonZero(await mailboxFootprint(db, leaver))).toEqual({});
  });

  describe('erase user data (Graph subscriptions, then the rows)', () => {
    it('deletes the subscriptions at Graph first, reports a 404 as gone and a failure as a failure, and erases all rows', async () => {
      const { leaver, stayer, before } = await leaverAndStayer('flow', { subscriptionIds: ['flow-sub-ok', 'flow-sub-gone', 'flow-sub-broken'] });
      const seenAtGraph: { id: string; rowsLeft: number; enabled: boolean }[] = [];
      const graph = {
        deleteSubscription: async (id: string): Promise<'deleted' | 'notFound'> => {
          // Before the database transaction: the rows are still there, and the mailbox is already disabled.
          const rowsLeft = (await db.query('SELECT 1 FROM sync_pairs WHERE mailbox_id = $1', [leaver.mailboxId])).rowCount;
          const enabled = (await db.query<{ enabled: boolean }>('SELECT enabled FROM mailboxes WHERE mailbox_id = $1', [leaver.mailboxId])).rows[0]?.enabled ?? true;
          seenAtGraph.push({ id, rowsLeft, enabled });
          if (id === 'flow-sub-gone') return 'notFound';
          if (id === 'flow-sub-broken') throw new PortFailure({ code: 'temporary', message: 'Graph answered 503' });
          return 'deleted';
        },
      };
      const store = createSessionStore(db, { ownsDatabase: false });
      const report = await eraseNamedMailbox({ store, erasure: new SqlMailboxErasure(db), graph, logger }, leaver.email.toUpperCase());
      expect(seenAtGraph.map((s) => s.id).sort()).toEqual(['flow-sub-broken', 'flow-sub-gone', 'flow-sub-ok']);
      expect(seenAtGraph.every((s) => s.rowsLeft === 2 && !s.enabled)).toBe(true);
      expect(report).toEqual({
        mailbox: { mailboxId: leaver.mailboxId, email: leaver.email },
        erased: { ...SEEDED_ROWS, graph_subscriptions: 3 },
        graphSubscriptions: { deleted: 1, alreadyGone: 1, failed: [{ subscriptionId: 'flow-sub-broken', message: 'temporary: Graph answered 503' }] },
        complete: false,
      });
      await expectErased(leaver, stayer, before);
      expect(await eraseNamedMailbox({ store, erasure: new SqlMailboxErasure(db), graph, logger }, leaver.mailboxId)).toBeNull();
    });

    it('is complete when Graph deleted every subscription; a failed transaction leaves the mailbox disabled, and a rerun finishes', async () => {
      const { leaver, stayer, before } = await leaverAndStayer('rerun');
      const store = createSessionStore(db, { ownsDatabase: false });
      const graph = { deleteSubscription: async (): Promise<'deleted' | 'notFound'> => 'deleted' };
      const real = new SqlMailboxErasure(db);
      const failing = { subscriptionIdsOf: (id: string) => real.subscriptionIdsOf(id), eraseMailbox: async () => Promise.reject(new Error('database went away')) };
      const mailbox = await store.getMailbox(leaver.mailboxId);
      if (!mailbox) throw new Error('seeded mailbox missing');
      await expect(eraseMailbox({ store, erasure: failing, graph, logger }, mailbox)).rejects.toThrow('database went away');
      expect((await store.getMailbox(leaver.mailboxId))?.enabled).toBe(false);

      const report = await eraseNamedMailbox({ store, erasure: real, graph, logger }, leaver.mailboxId);
      expect(report).toMatchObject({ erased: SEEDED_ROWS, graphSubscriptions: { deleted: 1, alreadyGone: 0, failed: [] }, complete: true });
      await expectErased(leaver, stayer, before);
    });
  });
});
