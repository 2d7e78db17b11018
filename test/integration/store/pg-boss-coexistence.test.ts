// pg-boss (the queue, DESIGN §3) runs on the same database as the store: on PGlite through `fromPglite` and the
// Database's `native.pgliteForQueue`, on PostgreSQL through the URL. Its schema `pgboss` and ours stay apart. On
// PostgreSQL a job can be enqueued inside a store transaction (it exists only if the transaction commits); on
// PGlite, whose single connection the transaction holds, such a call fails fast instead of hanging.
import { jest } from '@jest/globals';
import { PgBoss, fromPglite, type Db } from 'pg-boss';
import { TransactionMisuseError } from '../../../src/server/adapters/store/index.js';
import { migrate, type Database, type Transaction } from '../../../src/server/adapters/store/index.js';
import { TEST_DRIVERS, openTestDatabase, stopTestDatabases } from '../../support/test-database.js';

jest.setTimeout(120_000);
afterAll(stopTestDatabases);

/** pg-boss's database interface over a store transaction handle. */
const inTransaction = (tx: Transaction): Db => ({ executeSql: (text: string, values?: unknown[]) => tx.query(text, values ?? []) });

function bossOn(db: Database): PgBoss {
  const { pgliteForQueue, connectionString } = db.native;
  if (pgliteForQueue) return new PgBoss({ db: fromPglite(pgliteForQueue), backend: 'pglite', supervise: false, schedule: false });
  if (!connectionString) throw new Error('no connection string');
  return new PgBoss({ connectionString, supervise: false, schedule: false });
}

describe.each(TEST_DRIVERS)('pg-boss on the %s store', (driver) => {
  let db: Database;
  let boss: PgBoss;
  beforeAll(async () => {
    db = await openTestDatabase(driver);
    boss = bossOn(db);
    boss.on('error', (error) => console.error(error));
    await boss.start();
    await boss.createQueue('sync');
  });
  afterAll(async () => {
    await boss.stop({ graceful: false, close: true });
    await db.close();
  });

  it('keeps its own schema; our migrations still find nothing to do', async () => {
    const { rows } = await db.query<{ schema_name: string }>(
      "SELECT schema_name FROM information_schema.schemata WHERE schema_name IN ('pgboss', 'public') ORDER BY 1",
    );
    expect(rows.map((r) => r.schema_name)).toEqual(['pgboss', 'public']);
    expect((await migrate(db)).applied).toEqual([]);
  });

  if (driver === 'postgres') {
    it('enqueues a job only when the store transaction commits', async () => {
      await expect(
        db.transaction(async (tx) => {
          await tx.query("INSERT INTO cursors (kind, scope_id, value) VALUES ('graphDelta', 'mbx-rolled-back', 'x')");
          await boss.send('sync', { mailboxId: 'mbx-rolled-back' }, { db: inTransaction(tx) });
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(await boss.fetch('sync')).toEqual([]);

      await db.transaction(async (tx) => {
        await tx.query("INSERT INTO cursors (kind, scope_id, value) VALUES ('graphDelta', 'mbx-committed', 'y')");
        await boss.send('sync', { mailboxId: 'mbx-committed' }, { db: inTransaction(tx) });
      });
      const jobs = await boss.fetch<{ mailboxId: string }>('sync');
      expect(jobs.map((job) => job.data)).toEqual([{ mailboxId: 'mbx-committed' }]);
      await boss.complete('sync', jobs[0]?.id ?? '');
    });
  } else {
    it('refuses a queue call inside a store transaction instead of waiting for ever, and rolls back', async () => {
      await expect(
        db.transaction(async (tx) => {
          await tx.query("INSERT INTO cursors (kind, scope_id, value) VALUES ('graphDelta', 'mbx-in-tx', 'x')");
          await boss.send('sync', { mailboxId: 'mbx-in-tx' });
        }),
      ).rejects.toThrow(TransactionMisuseError);
      expect((await db.query("SELECT count(*)::int AS n FROM cursors WHERE scope_id = 'mbx-in-tx'")).rows[0]).toEqual({ n: 0 });
      // After the transaction, the same call works: enqueue after commit.
      await boss.send('sync', { mailboxId: 'mbx-after-commit' });
      const jobs = await boss.fetch<{ mailboxId: string }>('sync');
      expect(jobs.map((job) => job.data)).toEqual([{ mailboxId: 'mbx-after-commit' }]);
      await boss.complete('sync', jobs[0]?.id ?? '');
    });
  }

  it('serves queue calls and store transactions at the same time', async () => {
    await Promise.all([
      ...Array.from({ length: 5 }, (_, i) => boss.send('sync', { n: i })),
      ...Array.from({ length: 5 }, (_, i) =>
        db.transaction((tx) => tx.query("INSERT INTO cursors (kind, scope_id, value) VALUES ('googleSync', $1, 'z')", [`p-${i}`])),
      ),
    ]);
    expect((await boss.fetch('sync', { batchSize: 10 })).length).toBe(5);
    expect((await db.query("SELECT count(*)::int AS n FROM cursors WHERE kind = 'googleSync'")).rows[0]).toEqual({ n: 5 });
  });
});
