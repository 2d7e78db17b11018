// The job queue on pg-boss, in the same database as the sync state (PGlite embedded, PostgreSQL for scale-out).
//
// Queues use the `stately` policy with the mailbox (or tenant) as singleton key: at most one job queued and one
// active per key. So bursts of notifications coalesce into the one queued session, and a mailbox's sessions never
// run concurrently, across any number of worker processes sharing the database.
import { PgBoss, fromPglite, type ConstructorOptions, type Job } from 'pg-boss';
import type { Logger } from 'pino';
import type { JobQueue, JobWorker, MailboxSessionJob, SessionReason, SubscriptionEventJob, TenantPollJob } from '../../ports/job-queue.js';
import { FastLane } from './fast-lane.js';

export const QUEUES = {
  mailboxSession: 'mailbox-session',
  tenantPoll: 'tenant-poll',
  subscriptionEvent: 'subscription-event',
} as const;

const SCHEMA = 'pgboss';

/** How the queues of scheduled jobs (`every`) are polled: see `every`. */
export const SCHEDULE_POLLING = { pollingIntervalSeconds: 5, notifyPollingIntervalSeconds: 30 } as const;

export interface PgBossQueueOptions {
  /** Embedded mode: the PGlite instance of the store. */
  pglite?: Parameters<typeof fromPglite>[0];
  /** Server mode: the PostgreSQL URL. */
  connectionString?: string;
  logger: Logger;
  /** Seconds a session may run before pg-boss takes it back and retries it (a crashed worker's session). */
  sessionExpireSeconds: number;
  /**
   * A worker keeps a heartbeat on its running sessions; one silent this long (its process died) is failed and
   * retried by another worker, without waiting for `sessionExpireSeconds`. pg-boss needs ≥ 10; unset = off.
   */
  sessionHeartbeatSeconds?: number;
  /**
   * How often pg-boss refreshes its view of running sessions and looks for expired or silent ones (default 1 s):
   * a mailbox whose session had just ended may wait up to about twice this long for its next session.
   */
  superviseIntervalSeconds?: number;
  /** Poll interval when idle; LISTEN/NOTIFY wakes workers at once on PostgreSQL. */
  pollingIntervalSeconds: number;
  /** First retry delay of a failed session (then exponential backoff, up to 5 minutes). Default 5 s. */
  retryDelaySeconds?: number;
}


export class PgBossQueue implements JobQueue, JobWorker {
  /** Workers of this process per queue: woken at once when this process enqueues (see `wake`). */
  private readonly localWorkers = new Map<string, string[]>();
  /** The fast lanes of the queues this process works on (fast-lane.ts): a request for a key that runs here starts here. */
  private readonly lanes = new Map<string, FastLane<never>>();

  private constructor(
    private readonly boss: PgBoss,
    private readonly options: PgBossQueueOptions,
  ) {}

  static async start(options: PgBossQueueOptions): Promise<PgBossQueue> {
    const base: ConstructorOptions = options.pglite
      ? { db: fromPglite(options.pglite), backend: 'pglite' }
      : { connectionString: options.connectionString, useListenNotify: true, max: 4 };
    // Maintenance and scheduling run in every process; pg-boss elects one per database for each.
    // pg-boss skips the keys its last queue-stats pass saw active (stately: a second active job of a key would be
    // refused) and each process caches that list; both refresh every 60 s by default, so a mailbox whose session
    // had just ended could wait two minutes for its next one. One short interval for the stats pass (one counting
    // query per database, whichever process claims it), the expiry and heartbeat checks, and the cache.
    const every = options.superviseIntervalSeconds ?? 1;
    const boss = new PgBoss({
      ...base,
      schema: SCHEMA,
      superviseIntervalSeconds: every,
      monitorIntervalSeconds: every,
      queueCacheIntervalSeconds: every,
    });
    boss.on('error', (error: unknown) => options.logger.error({ err: error }, 'job queue error'));
    boss.on('warning', (warning: unknown) => options.logger.warn({ warning }, 'job queue warning'));
    await boss.start();
    const settings = {
      expireInSeconds: options.sessionExpireSeconds,
      ...(options.sessionHeartbeatSeconds ? { heartbeatSeconds: options.sessionHeartbeatSeconds } : {}),
      deleteAfterSeconds: 24 * 3600,
      retryLimit: 3,
      retryDelay: options.retryDelaySeconds ?? 5,
      retryBackoff: true,
      retryDelayMax: 300,
    };
    for (const name of Object.values(QUEUES)) {
      await boss.createQueue(name, { policy: 'stately', notify: true, ...settings });
      // createQueue leaves an existing queue as it was: apply changed settings on every start.
      await boss.updateQueue(name, settings);
    }
    return new PgBossQueue(boss, options);
  }

  /** Retries and scheduled jobs are not announced by NOTIFY, so the backstop poll stays short. */
  private polling() {
    const seconds = Math.max(0.5, this.options.pollingIntervalSeconds);
    return { pollingIntervalSeconds: seconds, notifyPollingIntervalSeconds: Math.max(seconds, 2) };
  }

  async enqueueMailboxSession(mailboxId: string, reason: SessionReason): Promise<void> {
    if (await this.retryWaits(QUEUES.mailboxSession, mailboxId)) return;
    const data: MailboxSessionJob = { mailboxId, reason, requestedAt: new Date().toISOString() };
    // null = a session for this mailbox is already queued: this request coalesces into it.
    this.served(QUEUES.mailboxSession, mailboxId, await this.boss.send(QUEUES.mailboxSession, data, { singletonKey: mailboxId }));
  }

  async enqueueTenantPoll(tenantId: string, reason: SessionReason): Promise<void> {
    if (await this.retryWaits(QUEUES.tenantPoll, tenantId)) return;
    const data: TenantPollJob = { tenantId, reason };
    this.served(QUEUES.tenantPoll, tenantId, await this.boss.send(QUEUES.tenantPoll, data, { singletonKey: tenantId }));
  }

  /** Whether a session of the mailbox runs now, in any process sharing the queue (its job is active). */
  async mailboxSessionRunning(mailboxId: string): Promise<boolean> {
    const result = (await this.boss.getDb().executeSql(`SELECT 1 FROM ${SCHEMA}.job WHERE name = $1 AND singleton_key = $2 AND state = 'active' LIMIT 1`, [QUEUES.mailboxSession, mailboxId])) as { rows: unknown[] };
    return result.rows.length > 0;
  }

  /**
   * Whether the key's last job failed and waits for its retry (backoff): a new request then coalesces into that retry,
   * which reads whatever arrived meanwhile. The stately policy allows a queued job beside a retrying one, so without
   * this a mailbox whose sessions fail after writing (a store error at commit, Graph throttling) was run again at once
   * by the echo of its own writes, hundreds of times a minute, instead of backing off.
   */
  private async retryWaits(queue: string, key: string): Promise<boolean> {
    const result = (await this.boss.getDb().executeSql(`SELECT 1 FROM ${SCHEMA}.job WHERE name = $1 AND singleton_key = $2 AND state = 'retry' LIMIT 1`, [queue, key])) as { rows: unknown[] };
    return result.rows.length > 0;
  }

  /**
   * After a request was sent (and is durable in the queue): the queue's fast lane in this process serves it if the
   * key runs or just ran here; otherwise this process's workers are woken for it.
   */
  private served(queue: string, key: string, jobId: string | null): void {
    if (this.lanes.get(queue)?.requested(key)) return;
    if (jobId !== null) this.wake(queue);
  }

  async enqueueSubscriptionEvent(subscriptionId: string, event: SubscriptionEventJob['event']): Promise<void> {
    const data: SubscriptionEventJob = { subscriptionId, event };
    // Keyed by subscription and event: a replayed notification finds its twin queued and is absorbed by it.
    if ((await this.boss.send(QUEUES.subscriptionEvent, data, { singletonKey: `${subscriptionId} ${event}` })) !== null) this.wake(QUEUES.subscriptionEvent);
  }

  /**
   * A new job wakes this process's own workers of its queue instead of leaving it to their next poll. On PGlite
   * (no LISTEN/NOTIFY; web and worker are one process) that is what makes insta-sync instant; on PostgreSQL the
   * other processes still hear of it by NOTIFY.
   */
  private wake(queue: string): void {
    for (const workerId of this.localWorkers.get(queue) ?? []) this.boss.notifyWorker(workerId);
  }

  private remember(queue: string, workerId: string): void {
    this.localWorkers.set(queue, [...(this.localWorkers.get(queue) ?? []), workerId]);
  }

  async depth(): Promise<number> {
    let total = 0;
    for (const name of Object.values(QUEUES)) {
      const queue = await this.boss.getQueue(name);
      total += queue?.queuedCount ?? 0;
    }
    return total;
  }

  async onMailboxSession(handler: (job: MailboxSessionJob) => Promise<void>, options: { concurrency: number }): Promise<void> {
    // One pg-boss worker per slot, each with its own id, so that `wake` and `refetchAfter` can reach every slot
    // (pg-boss hands back only the first id of a `localConcurrency` group).
    // They share the slots of the queue's fast lane, which starts a request at once where pg-boss would wait.
    const lane = this.laneOf(QUEUES.mailboxSession, options.concurrency, (job: MailboxSessionJob) => job.mailboxId, handler);
    for (let slot = 0; slot < Math.max(1, options.concurrency); slot += 1) await this.workOn(QUEUES.mailboxSession, handler, lane);
  }

  private laneOf<T>(queue: string, slots: number, keyOf: (data: T) => string, handler: (data: T) => Promise<void>): FastLane<T> {
    const lane = new FastLane<T>({
      boss: this.boss,
      queue,
      schema: SCHEMA,
      slots,
      // pg-boss's stats pass and its per-process cache each lag up to one supervise interval.
      staleMs: 2 * (this.options.superviseIntervalSeconds ?? 1) * 1000 + 500,
      keyOf,
      handler,
      wake: () => this.wake(queue),
      logger: this.options.logger,
    });
    this.lanes.set(queue, lane as FastLane<never>);
    return lane;
  }

  takeQueuedSession(mailboxId: string): Promise<boolean> {
    return this.takeQueued(QUEUES.mailboxSession, mailboxId);
  }

  takeQueuedTenantPoll(tenantId: string): Promise<boolean> {
    return this.takeQueued(QUEUES.tenantPoll, tenantId);
  }

  private async takeQueued(queue: string, key: string): Promise<boolean> {
    // Stately queues keep one job per key and state up to active (pg-boss's unique index job_i3): while this key's
    // job is active, its queued job cannot become active elsewhere, so removing it races with nothing.
    const queued = await this.boss.findJobs(queue, { key, queued: true });
    if (queued.length === 0) return false;
    const removed = (await this.boss.deleteJob(queue, queued.map((job) => job.id))) as { affected?: number };
    return (removed.affected ?? 0) > 0;
  }

  async onTenantPoll(handler: (job: TenantPollJob) => Promise<void>): Promise<void> {
    await this.workOn(QUEUES.tenantPoll, handler, this.laneOf(QUEUES.tenantPoll, 1, (job: TenantPollJob) => job.tenantId, handler));
  }

  async onSubscriptionEvent(handler: (job: SubscriptionEventJob) => Promise<void>): Promise<void> {
    await this.workOn(QUEUES.subscriptionEvent, handler);
  }

  private async workOn<T extends object>(queue: string, handler: (data: T) => Promise<void>, lane?: FastLane<T>): Promise<void> {
    const self: { id: string | null } = { id: null };
    const workerId = await this.boss.work<T>(queue, { localConcurrency: 1, batchSize: 1, ...this.polling() }, async (jobs: Job<T>[]) => {
      try {
        for (const job of jobs) await (lane ? lane.runJob(job) : handler(job.data));
      } finally {
        // pg-boss waits out the poll interval after every job, so a worker would take at most one job per
        // interval. Notified, it fetches again as soon as this job is completed: a backlog drains at the pace
        // of the work, and a session queued behind this one (same mailbox) starts without waiting a poll.
        if (self.id !== null) this.boss.notifyWorker(self.id);
      }
    });
    self.id = workerId;
    this.remember(queue, workerId);
  }

  /**
   * A job on a schedule (once a minute at most). Its queue gets a job only from pg-boss's cron, whose own worker
   * moves a due job into it up to 5 s late anyway; polled like the session queues (every 0.5 s), the four schedules'
   * queues were 8 of the ~20 queries a second an idle worker process sent (bench/RESULTS.md, "idle worker"). So they
   * poll every 5 s, and on PostgreSQL the cron's insert wakes them by NOTIFY at once (the 30 s poll is a backstop).
   */
  async every(name: string, cron: string, handler: () => Promise<void>): Promise<void> {
    await this.boss.createQueue(name, { policy: 'stately', notify: true, expireInSeconds: 600, retryLimit: 0, deleteAfterSeconds: 3600 });
    // createQueue leaves a queue made before notify was asked for as it was.
    await this.boss.updateQueue(name, { notify: true });
    await this.boss.schedule(name, cron, null, { singletonKey: name });
    await this.boss.work(name, { batchSize: 1, ...SCHEDULE_POLLING }, async () => handler());
  }

  async stop(timeoutMs: number): Promise<void> {
    await this.boss.stop({ graceful: true, timeout: timeoutMs, close: true });
  }
}
