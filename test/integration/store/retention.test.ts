// Retention (the privacy issue) on both drivers: rows older than the period go, in batches; newer ones, and old
// ones that are still live (a synced pair), stay; a hold nobody decided expires with its content. And the daily
// job that runs it.
import { jest } from '@jest/globals';
import { createSessionStore, SqlRetention, type Database } from '../../../src/server/adapters/store/index.js';
import { registerJobs } from '../../../src/server/jobs/register-jobs.js';
import { purgeExpired, RETENTION_BATCH_SIZE, RETENTION_CRON } from '../../../src/server/jobs/retention.js';
import { createLogger } from '../../../src/server/log/index.js';
import type { JobWorker } from '../../../src/server/ports/job-queue.js';
import { RETAINED_TABLES, type PurgedRows, type Retention } from '../../../src/server/ports/retention.js';
import { fixedClock } from '../../support/fixed-clock.js';
import { aHold, aLogEntry, aMailbox, aPair } from '../../support/state-fixtures.js';
import { TEST_DRIVERS, openTestDatabase, stopTestDatabases } from '../../support/test-database.js';
import { TEST_SEALER } from '../../support/test-sealer.js';

jest.setTimeout(60_000);
afterAll(stopTestDatabases);

const logger = createLogger({ level: 'silent', name: 'retention-test' });
const NOW = new Date('2026-12-01T00:00:00.000Z');
const CUTOFF = new Date('2026-09-02T00:00:00.000Z'); // NOW - 90 days
const OLD = '2026-08-01T00:00:00.000Z';
const NEW = '2026-11-30T00:00:00.000Z';

async function seed(db: Database): Promise<void> {
  const store = createSessionStore(db, { ownsDatabase: false });
  await store.transaction(async (tx) => {
    await tx.upsertMailbox(aMailbox({ mailboxId: 'mbx-r' }));
    await tx.appendLog([
      ...[1, 2, 3, 4, 5].map((n) => aLogEntry({ mailboxId: 'mbx-r', sessionId: `old-${n}`, at: OLD })),
      ...[1, 2].map((n) => aLogEntry({ mailboxId: 'mbx-r', sessionId: `new-${n}`, at: NEW })),
    ]);
    const pair = (pairId: string, status: 'synced' | 'error' | 'unlinked' | 'closed', updatedAt: string) =>
      aPair({ pairId, mailboxId: 'mbx-r', outlookId: `o-${pairId}`, crmObjectId: `c-${pairId}`, status, updatedAt });
    await tx.upsertPairs([
      pair('closed-old-1', 'closed', OLD),
      pair('closed-old-2', 'closed', OLD),
      pair('closed-old-3', 'closed', OLD),
      pair('closed-new', 'closed', NEW),
      pair('synced-old', 'synced', OLD),
      pair('unlinked-old', 'unlinked', OLD),
      pair('error-old', 'error', OLD),
    ]);
    for (const hold of [
      aHold({ holdId: 'released-old', mailboxId: 'mbx-r', createdAt: OLD, status: 'released', decidedAt: OLD, decidedBy: 'admin' }),
      aHold({ holdId: 'discarded-old', mailboxId: 'mbx-r', createdAt: OLD, status: 'discarded', decidedAt: OLD, decidedBy: 'admin' }),
      // Created long ago, decided recently: its age counts from the decision.
      aHold({ holdId: 'released-new', mailboxId: 'mbx-r', createdAt: OLD, status: 'released', decidedAt: NEW, decidedBy: 'admin' }),
      // Never decided within the period: it expires with the content of its actions.
      aHold({ holdId: 'held-old', mailboxId: 'mbx-r', createdAt: OLD, status: 'held' }),
      aHold({ holdId: 'held-new', mailboxId: 'mbx-r', createdAt: NEW, status: 'held' }),
    ])
      await tx.putHold(hold);
  });
  for (const [age, at] of [['old', OLD], ['new', NEW]] as const) {
    await db.query('INSERT INTO write_intents (mailbox_id, pair_id, intent, created_at) VALUES ($1, $2, $3::jsonb, $4::timestamptz)', ['mbx-r', `wi-${age}`, '{}', at]);
    await db.query(`INSERT INTO pending_creates (mailbox_id, pair_id, outlook_id, kind, groupware_item_id, created_at) VALUES ($1, $2, 'o', 'appointment', 'g', $3::timestamptz)`, ['mbx-r', `pc-${age}`, at]);
    await db.query(`INSERT INTO crm_inbox (mailbox_id, object_id, last_changed_on, activity, filed_at) VALUES ($1, $2, $3, '{}'::jsonb, $4::timestamptz)`, ['mbx-r', `in-${age}`, at, at]);
  }
}

async function ids(db: Database, sql: string): Promise<string[]> {
  return (await db.query<{ id: string }>(sql)).rows.map((r) => r.id).sort();
}

describe.each(TEST_DRIVERS)('retention on %s', (driver) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(driver);
    await seed(db);
  });
  afterAll(async () => {
    await db.close();
  });

  it('deletes the rows older than the cutoff in batches of the given size, and keeps the newer and the live ones', async () => {
    const statements: Record<string, number> = {};
    const counting = {
      query: (sql: string, params?: readonly unknown[]) => {
        const table = /^DELETE FROM (\w+)/.exec(sql)?.[1];
        if (table) statements[table] = (statements[table] ?? 0) + 1;
        return db.query(sql, params);
      },
    } as unknown as Database;

    const purged = await new SqlRetention(counting).purgeBefore(CUTOFF, { batchSize: 2 });
    expect(purged).toEqual({ sync_log: 5, sync_pairs: 3, guard_holds: 3, write_intents: 1, pending_creates: 1, crm_inbox: 1 });
    // 5 old log entries in batches of 2: 2 + 2 + 1, the short batch ends the loop; 3 closed pairs: 2 + 1 …
    expect(statements).toEqual({ sync_log: 3, sync_pairs: 2, guard_holds: 2, write_intents: 1, pending_creates: 1, crm_inbox: 1 });

    expect(await ids(db, 'SELECT session_id AS id FROM sync_log')).toEqual(['new-1', 'new-2']);
    expect(await ids(db, 'SELECT pair_id AS id FROM sync_pairs')).toEqual(['closed-new', 'error-old', 'synced-old', 'unlinked-old']);
    expect(await ids(db, 'SELECT hold_id AS id FROM guard_holds')).toEqual(['held-new', 'released-new']);
    expect(await ids(db, 'SELECT pair_id AS id FROM write_intents')).toEqual(['wi-new']);
    expect(await ids(db, 'SELECT pair_id AS id FROM pending_creates')).toEqual(['pc-new']);
    expect(await ids(db, 'SELECT object_id AS id FROM crm_inbox')).toEqual(['in-new']);

    // Nothing old is left: a second run deletes nothing.
    expect(await new SqlRetention(db).purgeBefore(CUTOFF, { batchSize: 2 })).toEqual(Object.fromEntries(RETAINED_TABLES.map((t) => [t, 0])));
  });
});

describe('the retention job', () => {
  it('purges before now minus the retention period, 500 rows per statement', async () => {
    const calls: { cutoff: string; batchSize: number }[] = [];
    const zero = Object.fromEntries(RETAINED_TABLES.map((t) => [t, 0])) as PurgedRows;
    const retention: Retention = { purgeBefore: async (cutoff, { batchSize }) => (calls.push({ cutoff: cutoff.toISOString(), batchSize }), { ...zero, sync_log: 7 }) };
    const purged = await purgeExpired({ retention, clock: fixedClock(NOW), logger, retentionDays: 90 });
    expect(calls).toEqual([{ cutoff: CUTOFF.toISOString(), batchSize: RETENTION_BATCH_SIZE }]);
    expect(RETENTION_BATCH_SIZE).toBe(500);
    expect(purged.sync_log).toBe(7);
  });

  it('is scheduled daily with the other jobs when a retention store is given, and not otherwise', async () => {
    const scheduled = async (withRetention: boolean) => {
      const schedules = new Map<string, { cron: string; handler: () => Promise<void> }>();
      const worker: JobWorker = {
        onMailboxSession: async () => undefined,
        takeQueuedSession: async () => false,
        takeQueuedTenantPoll: async () => false,
        onTenantPoll: async () => undefined,
        onSubscriptionEvent: async () => undefined,
        every: async (name, cron, handler) => void schedules.set(name, { cron, handler }),
        stop: async () => undefined,
      };
      const calls: Date[] = [];
      const retention: Retention = { purgeBefore: async (cutoff) => (calls.push(cutoff), Object.fromEntries(RETAINED_TABLES.map((t) => [t, 0])) as PurgedRows) };
      await registerJobs({
        worker,
        queue: {} as never,
        store: {} as never,
        families: [],
        sealer: TEST_SEALER,
        clock: fixedClock(NOW),
        logger,
        intervalMinutes: 30,
        sessionConcurrency: 1,
        subscriptions: null,
        ...(withRetention ? { retention: { store: retention, days: 30 } } : {}),
      });
      return { schedules, calls };
    };
    const on = await scheduled(true);
    expect(on.schedules.get('retention')?.cron).toBe(RETENTION_CRON);
    await on.schedules.get('retention')?.handler();
    expect(on.calls).toEqual([new Date('2026-11-01T00:00:00.000Z')]);
    expect((await scheduled(false)).schedules.has('retention')).toBe(false);
  });
});
