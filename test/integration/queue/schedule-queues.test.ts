// The queues of scheduled jobs (`every`) cost an idle process little: polled every 5 s, not every 0.5 s like the
// session queues, and on PostgreSQL woken by NOTIFY when pg-boss's cron puts a job in them, so a due job still
// starts at once (issue 18, goal 5: an idle worker process's cost).
import { PGlite } from '@electric-sql/pglite';
import { PgBoss } from 'pg-boss';
import pino from 'pino';
import { PgBossQueue } from '../../../src/server/adapters/queue/pg-boss-queue.js';
import { sql } from '../service/pg-jobs.js';
import { startPostgres, type TestPostgres } from '../../support/postgres.js';

const logger = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A schedule that never comes due in a test (1 January, midnight). */
const YEARLY = '0 0 1 1 *';

describe('the queue of a scheduled job', () => {
  it('is polled every few seconds, not twice a second (embedded PGlite, no NOTIFY)', async () => {
    const pglite = await PGlite.create();
    // Counts pg-boss's fetches from the schedule's queue: its fetch names the queue in the SQL (sent by exec).
    let fetches = 0;
    const count = (text: string): void => void (/j\.name = 'idle-schedule'/.test(text) && (fetches += 1));
    const counted = {
      query: <T>(text: string, params?: unknown[]) => {
        count(text);
        return pglite.query<T>(text, params);
      },
      exec: (text: string) => {
        count(text);
        return pglite.exec(text);
      },
      listen: (channel: string, callback: (payload: string) => void) => pglite.listen(channel, callback),
    };
    const queue = await PgBossQueue.start({ pglite: counted, logger, sessionExpireSeconds: 60, pollingIntervalSeconds: 0.5 });
    try {
      await queue.every('idle-schedule', YEARLY, async () => undefined);
      await sleep(500);
      const before = fetches;
      await sleep(4_000);
      // Every 5 s: at most one fetch in 4 s (every 0.5 s, as before, made 8).
      expect(fetches - before).toBeLessThanOrEqual(1);
    } finally {
      await queue.stop(2000);
      await pglite.close();
    }
  }, 30_000);

  describe('on PostgreSQL', () => {
    let pg: TestPostgres;
    beforeAll(async () => {
      pg = await startPostgres();
    }, 60_000);
    afterAll(async () => pg.stop(), 30_000);

    it('is woken by NOTIFY when a job arrives, also a queue made before notify was asked for', async () => {
      // Made as the code before this change made it: without notify.
      const cron = new PgBoss({ connectionString: pg.url, schema: 'pgboss', supervise: false, schedule: false });
      await cron.start();
      await cron.createQueue('old-schedule', { policy: 'stately', expireInSeconds: 600, retryLimit: 0, deleteAfterSeconds: 3600 });
      const queue = await PgBossQueue.start({ connectionString: pg.url, logger, sessionExpireSeconds: 60, pollingIntervalSeconds: 0.5 });
      const ran: number[] = [];
      try {
        await queue.every('old-schedule', YEARLY, async () => void ran.push(Date.now()));
        const rows = await sql<{ notify: boolean }>(pg.url, "SELECT notify FROM pgboss.queue WHERE name = 'old-schedule'");
        expect(rows).toEqual([{ notify: true }]);
        // Past the worker's first fetch, so only NOTIFY (not a poll, every 30 s) can start the job below at once.
        await sleep(1_000);
        const sent = Date.now();
        // As pg-boss's cron hands a due job to the schedule's queue: a send from another process.
        await cron.send('old-schedule', null, { singletonKey: 'old-schedule' });
        const deadline = sent + 3_000;
        while (ran.length === 0 && Date.now() < deadline) await sleep(25);
        expect(ran.length).toBe(1);
        expect((ran[0] ?? Infinity) - sent).toBeLessThan(3_000);
      } finally {
        await queue.stop(2000);
        await cron.stop({ graceful: false, close: true });
      }
    }, 60_000);
  });
});
