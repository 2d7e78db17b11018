// The queue's fast lane (adapters/queue/fast-lane.ts), on both databases: a request for a mailbox whose session runs
// or has just run in this process starts at once, not when pg-boss next refreshes its list of active keys (up to
// about 2 s later: the insta-sync tail of issue 18), and still never beside another session of the mailbox, in
// any process.
import { PGlite } from '@electric-sql/pglite';
import pino from 'pino';
import { PgBossQueue } from '../../../src/server/adapters/queue/pg-boss-queue.js';
import type { MailboxSessionJob } from '../../../src/server/ports/job-queue.js';
import { migratedSnapshot, stopTestDatabases, testPostgresServer } from '../../support/test-database.js';

const logger = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const options = { logger, sessionExpireSeconds: 60, pollingIntervalSeconds: 0.5, retryDelaySeconds: 1 };

async function waitFor(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await sleep(10);
  }
}

// The PostgreSQL server of this test process (test-database.ts), stopped after the file.
afterAll(stopTestDatabases);

/** One queue per service process: on PostgreSQL two processes share the database. */
type Opened = { queues: PgBossQueue[]; close(): Promise<void> };

const drivers: [string, () => Promise<Opened>][] = [
  [
    'pglite',
    async () => {
      // From the cached migrated snapshot: ~0.5 s, where a new cluster took 5–13 s on the CI machines.
      const pglite = await PGlite.create('memory://', { loadDataDir: await migratedSnapshot() });
      const queue = await PgBossQueue.start({ pglite, ...options });
      return { queues: [queue], close: async () => { await queue.stop(2000); await pglite.close(); } };
    },
  ],
  [
    'postgres (two processes)',
    async () => {
      const url = await (await testPostgresServer()).createDatabase();
      const queues = [await PgBossQueue.start({ connectionString: url, ...options }), await PgBossQueue.start({ connectionString: url, ...options })];
      return { queues, close: async () => { for (const q of queues) await q.stop(2000); } };
    },
  ],
];

interface Run {
  mailboxId: string;
  reason: string;
  process: number;
  start: number;
  end: number;
}

describe.each(drivers)('the fast lane on %s', (_name, open) => {
  let opened: Opened;
  const runs: Run[] = [];
  const active = new Map<string, number>();
  let overlaps = 0;
  /** What a session of a test's mailbox does while it runs (given the queue of the process running it). */
  const behaviour = new Map<string, (job: MailboxSessionJob, queue: PgBossQueue) => Promise<void>>();

  beforeAll(async () => {
    opened = await open();
    for (const [index, queue] of opened.queues.entries()) {
      await queue.onMailboxSession(
        async (job) => {
          const now = (active.get(job.mailboxId) ?? 0) + 1;
          active.set(job.mailboxId, now);
          if (now > 1) overlaps += 1;
          const run: Run = { ...job, process: index, start: Date.now(), end: 0 };
          try {
            await (behaviour.get(job.mailboxId) ?? (() => sleep(20)))(job, queue);
          } finally {
            active.set(job.mailboxId, (active.get(job.mailboxId) ?? 1) - 1);
            run.end = Date.now();
            runs.push(run);
          }
        },
        { concurrency: 2 },
      );
    }
  }, 60_000);
  afterAll(async () => opened.close(), 30_000);

  it('starts a request made during a session as soon as it ends, and one made just after at once', async () => {
    // The first session runs long enough for pg-boss's stats pass and its cache (1 s each) to list the mailbox as
    // active; before the fast lane, a request queued behind it waited until both had been refreshed after its end.
    behaviour.set('eve', async (job, queue) => {
      if (job.reason !== 'insta') return sleep(20);
      await sleep(2500);
      // A notification arriving after the handler's last look for requests (JobWorker.takeQueuedSession).
      await queue.enqueueMailboxSession('eve', 'manual');
    });
    await opened.queues[0]!.enqueueMailboxSession('eve', 'insta');
    await waitFor(() => runs.some((r) => r.mailboxId === 'eve' && r.reason === 'manual'));
    const [first, followUp] = runs.filter((r) => r.mailboxId === 'eve');
    expect(followUp!.start - first!.end).toBeLessThan(400);

    // Just after the end (pg-boss still counts the mailbox active), through the process that ran it.
    const asked = Date.now();
    await opened.queues[followUp!.process]!.enqueueMailboxSession('eve', 'retry');
    await waitFor(() => runs.some((r) => r.mailboxId === 'eve' && r.reason === 'retry'));
    expect(runs.find((r) => r.mailboxId === 'eve' && r.reason === 'retry')!.start - asked).toBeLessThan(400);
    expect(runs.filter((r) => r.mailboxId === 'eve').map((r) => r.reason)).toEqual(['insta', 'manual', 'retry']);
    expect(overlaps).toBe(0);
  }, 30_000);

  it('never runs one mailbox twice at once under a stream of requests from every process, and serves the last one', async () => {
    // Each session asks for another now and then (its own notification), while the test asks from every process.
    let asks = 0;
    behaviour.set('fay', async (_job, queue) => {
      await sleep(40);
      if (asks++ % 3 === 0) await queue.enqueueMailboxSession('fay', 'insta');
    });
    const until = Date.now() + 2500;
    for (let i = 0; Date.now() < until; i += 1) {
      await opened.queues[i % opened.queues.length]!.enqueueMailboxSession('fay', 'insta');
      await sleep(15);
    }
    // The last request is served: a session of fay starts after it was made.
    const last = Date.now();
    await opened.queues[0]!.enqueueMailboxSession('fay', 'manual');
    await waitFor(() => runs.some((r) => r.mailboxId === 'fay' && r.start >= last));
    await waitFor(() => (active.get('fay') ?? 0) === 0);
    expect(overlaps).toBe(0);
    // Bursts still coalesce: far fewer sessions than requests.
    expect(runs.filter((r) => r.mailboxId === 'fay').length).toBeLessThan(2500 / 15 / 2);
  }, 30_000);
});
