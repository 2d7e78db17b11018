// The queue's promises, on both databases: bursts coalesce, a mailbox's sessions never overlap, different
// mailboxes run in parallel, failures are retried.
import { PGlite } from '@electric-sql/pglite';
import pino from 'pino';
import { PgBossQueue } from '../../../src/server/adapters/queue/pg-boss-queue.js';
import { migratedSnapshot, stopTestDatabases, testPostgresServer } from '../../support/test-database.js';

const logger = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await sleep(25);
  }
}

/**
 * A PGlite cluster loaded from the cached snapshot (~0.5 s; a new cluster took 5–13 s on the CI machines). pg-boss
 * creates its own schema beside the service's tables, as in the service.
 */
const newPglite = async (): Promise<PGlite> => PGlite.create('memory://', { loadDataDir: await migratedSnapshot() });

// One PostgreSQL server for the file; each block gets a new database on it.
afterAll(stopTestDatabases);

type Opened = { queue: PgBossQueue; second?: PgBossQueue; close(): Promise<void> };

const drivers: [string, () => Promise<Opened>][] = [
  [
    'pglite',
    async () => {
      const pglite = await newPglite();
      const queue = await PgBossQueue.start({ pglite, logger, sessionExpireSeconds: 60, pollingIntervalSeconds: 0.5, retryDelaySeconds: 1 });
      return { queue, close: async () => { await queue.stop(2000); await pglite.close(); } };
    },
  ],
  [
    'postgres (two workers)',
    async () => {
      const url = await (await testPostgresServer()).createDatabase();
      const queue = await PgBossQueue.start({ connectionString: url, logger, sessionExpireSeconds: 60, pollingIntervalSeconds: 0.5, retryDelaySeconds: 1 });
      const second = await PgBossQueue.start({ connectionString: url, logger, sessionExpireSeconds: 60, pollingIntervalSeconds: 0.5, retryDelaySeconds: 1 });
      return { queue, second, close: async () => { await second.stop(2000); await queue.stop(2000); } };
    },
  ],
];

describe.each(drivers)('job queue on %s', (_name, open) => {
  let opened: Opened;
  beforeAll(async () => {
    opened = await open();
  }, 60_000);
  afterAll(async () => opened.close(), 30_000);

  it('never runs two sessions of one mailbox at once, coalesces bursts, and runs other mailboxes in parallel', async () => {
    const active = new Map<string, number>();
    let maxPerMailbox = 0;
    let maxOverall = 0;
    const runs: string[] = [];
    const handler = async ({ mailboxId }: { mailboxId: string }) => {
      active.set(mailboxId, (active.get(mailboxId) ?? 0) + 1);
      const overall = [...active.values()].reduce((a, b) => a + b, 0);
      maxPerMailbox = Math.max(maxPerMailbox, active.get(mailboxId) ?? 0);
      maxOverall = Math.max(maxOverall, overall);
      await sleep(300);
      runs.push(mailboxId);
      active.set(mailboxId, (active.get(mailboxId) ?? 1) - 1);
    };
    await opened.queue.onMailboxSession(handler, { concurrency: 4 });
    await opened.second?.onMailboxSession(handler, { concurrency: 4 });

    for (let i = 0; i < 10; i++) await opened.queue.enqueueMailboxSession('ava', 'insta');
    await opened.queue.enqueueMailboxSession('ben', 'insta');
    await opened.queue.enqueueMailboxSession('chloe', 'insta');
    await waitFor(() => runs.includes('ben') && runs.includes('chloe') && runs.includes('ava'));
    // While ava's first session runs, one more may queue behind it; the burst of 10 never becomes 10 sessions.
    await sleep(1500);
    expect(runs.filter((m) => m === 'ava').length).toBeLessThanOrEqual(2);
    expect(maxPerMailbox).toBe(1);
    expect(maxOverall).toBeGreaterThan(1);
  }, 30_000);

  it('runs a subscription event once however often it is replayed while queued', async () => {
    const runs: string[] = [];
    let release: (() => void) | null = null;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await opened.queue.onSubscriptionEvent(async ({ subscriptionId, event }) => {
      runs.push(`${subscriptionId}:${event}`);
      await gate;
    });
    // One runs (and waits); of the five replays queued behind it, one is kept.
    await opened.queue.enqueueSubscriptionEvent('sub-1', 'subscriptionRemoved');
    await waitFor(() => runs.length === 1);
    for (let i = 0; i < 5; i++) await opened.queue.enqueueSubscriptionEvent('sub-1', 'subscriptionRemoved');
    (release as (() => void) | null)?.();
    await sleep(2500);
    expect(runs).toEqual(['sub-1:subscriptionRemoved', 'sub-1:subscriptionRemoved']);
  }, 30_000);

  it('retries a failed session', async () => {
    let attempts = 0;
    await opened.queue.onTenantPoll(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('C4C unavailable');
    });
    await opened.queue.enqueueTenantPoll('tenant-1', 'scheduled');
    await waitFor(() => attempts >= 2, 40_000).catch((e) => { throw new Error(`${String(e)} attempts=${attempts}`); });
    expect(attempts).toBe(2);
  }, 60_000);
});

describe.each(drivers)('a running session takes what arrived meanwhile, on %s', (_name, open) => {
  let opened: Opened;
  beforeAll(async () => {
    opened = await open();
  }, 60_000);
  afterAll(async () => opened.close(), 30_000);

  it('takes the request queued behind it, so the queue never starts it; nothing when none waits', async () => {
    const started: string[] = [];
    const taken: boolean[] = [];
    let release: (() => void) | null = null;
    const handler = async ({ mailboxId, reason }: { mailboxId: string; reason: string }) => {
      started.push(`${mailboxId}:${reason}`);
      if (reason !== 'insta') return;
      await new Promise<void>((resolve) => (release = resolve));
      // Arrived while this one ran: queued behind it (it cannot start while this session is active).
      await opened.queue.enqueueMailboxSession(mailboxId, 'manual');
      taken.push(await (opened.second ?? opened.queue).takeQueuedSession(mailboxId));
      taken.push(await opened.queue.takeQueuedSession(mailboxId));
    };
    await opened.queue.onMailboxSession(handler, { concurrency: 2 });
    await opened.second?.onMailboxSession(handler, { concurrency: 2 });
    await opened.queue.enqueueMailboxSession('dan', 'insta');
    await waitFor(() => release !== null);
    (release as unknown as () => void)();
    await waitFor(() => taken.length === 2);
    expect(taken).toEqual([true, false]);
    // The queue never starts the request that was taken (a queue look-up comes within about 2 s).
    await sleep(3000);
    expect(started).toEqual(['dan:insta']);
    // The tenant poll's queue works the same way; nothing waits for this tenant.
    expect(await opened.queue.takeQueuedTenantPoll('tenant-without-polls')).toBe(false);
  }, 30_000);
});

describe('requests for a mailbox whose session failed (PGlite)', () => {
  let pglite: PGlite;
  let queue: PgBossQueue;
  beforeAll(async () => {
    pglite = await newPglite();
    // A retry delay long enough that the burst below is over before the retry is due, however loaded the machine.
    queue = await PgBossQueue.start({ pglite, logger, sessionExpireSeconds: 60, pollingIntervalSeconds: 0.5, retryDelaySeconds: 4 });
  }, 60_000);
  afterAll(async () => {
    await queue.stop(2000);
    await pglite.close();
  }, 30_000);

  it('wait for its retry and join it, instead of running it again at once; the queue says when a session runs', async () => {
    let attempts = 0;
    let release: () => void = () => undefined;
    await queue.onMailboxSession(async ({ mailboxId }) => {
      if (mailboxId === 'ben') return new Promise<void>((resolve) => (release = resolve));
      attempts += 1;
      if (attempts === 1) throw new Error('duplicate key value violates unique constraint');
    }, { concurrency: 2 });
    // What a pause waits for (admin-mailbox-routes.ts): Ben's session is active until it returns.
    expect(await queue.mailboxSessionRunning('ben')).toBe(false);
    await queue.enqueueMailboxSession('ben', 'manual');
    const runningSeen = Date.now();
    while (!(await queue.mailboxSessionRunning('ben'))) {
      if (Date.now() - runningSeen > 15_000) throw new Error('Ben’s session never ran');
      await sleep(25);
    }
    release();
    while (await queue.mailboxSessionRunning('ben')) await sleep(25);

    await queue.enqueueMailboxSession('ava', 'insta');
    await waitFor(() => attempts === 1);
    // The echoes of the failed session's own writes: without the check, each ran a session at once (stately queues
    // allow a queued job beside a retrying one).
    for (let i = 0; i < 12; i++) {
      await queue.enqueueMailboxSession('ava', 'insta');
      await sleep(50);
    }
    expect(attempts).toBe(1);
    await waitFor(() => attempts >= 2, 30_000);
    await sleep(1000);
    expect(attempts).toBe(2);
  }, 60_000);
});
