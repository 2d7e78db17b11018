// The fast lane of a stately queue (mailbox sessions, tenant polls): a request for a key whose job runs or has just
// run in this process is started here at once instead of when pg-boss next looks.
//
// Why: pg-boss skips a key while its list of active keys shows it, and that list is refreshed by a stats pass and
// cached per process (each at most once a second). So a request arriving while the key's job runs, after the
// handler's last look for requests (JobWorker.takeQueuedSession), or within about two seconds after the job ended,
// waited one to two seconds: the insta-sync tail (issue 18).
//
// How, keeping the queue's guarantees:
// - The request is always sent to pg-boss first: the queued job is the durable record of it. If this process dies
//   (kill -9), the job is still queued, or active and retried by pg-boss's expiry/heartbeat check.
// - A request made while the key's job runs here marks it dirty; when the handler returns, the lane settles that
//   job itself (the key is then free in the database) and claims the queued request in the same slot.
// - A request made shortly after the key's job ended here is claimed at once if the process has a free slot.
// - A claim is one UPDATE of that key's queued job to active. pg-boss's unique index on stately queues (one active
//   job per key, `job_i3`) refuses it while the key's job is active anywhere, in any process: then the request
//   stays queued for whoever runs the key (its handler takes it, or the queue starts it). So one job per key runs at
//   a time, whichever path started it. Claims per key and ending are bounded (MAX_CLAIMS), then the queue takes over.
import type { Job, PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import { Slots } from './slots.js';

/** Requests one slot claims in a row for the same key before leaving the next to the queue (others get their turn). */
const MAX_CLAIMS = 5;

export interface FastLaneOptions<T> {
  boss: PgBoss;
  queue: string;
  /** pg-boss's schema; its `job` table is the parent of every queue's partition. */
  schema: string;
  slots: number;
  /** How long after a key's job ended pg-boss may still count it active: its stats pass plus its cache, 2 × interval. */
  staleMs: number;
  keyOf(data: T): string;
  handler(data: T): Promise<void>;
  /** Wakes this process's pg-boss workers of the queue (work was left to the queue). */
  wake(): void;
  logger: Logger;
  now?: () => number;
}

interface Claimed<T> {
  id: string;
  retryCount: number;
  heartbeatSeconds: number | null;
  data: T;
}

export class FastLane<T> {
  private readonly slots: Slots;
  /** Keys whose job runs in this process, and whether a request for the key was made here meanwhile. */
  private readonly running = new Map<string, { dirty: boolean }>();
  /** Keys whose job ended here lately (ms since epoch): pg-boss may still skip them as active. */
  private readonly ended = new Map<string, number>();
  private readonly now: () => number;

  constructor(private readonly options: FastLaneOptions<T>) {
    this.slots = new Slots(options.slots);
    this.now = options.now ?? Date.now;
  }

  /** pg-boss's worker callback for one job of the queue: runs it in a slot, then claims what arrived meanwhile. */
  async runJob(job: Job<T>): Promise<void> {
    const key = this.options.keyOf(job.data);
    await this.slots.take();
    try {
      const dirty = await this.track(key, () => this.options.handler(job.data));
      if (!dirty) return;
      // Settled here so the key is free in the database for the claim; pg-boss's own completion after this callback
      // then finds the attempt settled and changes nothing.
      await this.options.boss.complete(this.options.queue, attempt(job));
      await this.claimAndRun(key);
    } finally {
      this.slots.release();
    }
  }

  /**
   * A request for `key` was sent to the queue from this process. Returns true when the lane serves it (now or at the
   * end of the key's running job); false leaves it to the queue's workers.
   */
  requested(key: string): boolean {
    const running = this.running.get(key);
    if (running) {
      running.dirty = true;
      return true;
    }
    const ended = this.ended.get(key);
    if (ended === undefined || this.now() - ended >= this.options.staleMs || !this.slots.tryTake()) return false;
    void this.claimAndRun(key)
      .catch((error: unknown) => this.options.logger.warn({ queue: this.options.queue, err: (error as Error).message }, 'fast lane claim failed; the queue runs the request'))
      .finally(() => {
        this.slots.release();
        this.options.wake();
      });
    return true;
  }

  /** Claims the key's queued request and runs it, again while requests keep arriving meanwhile (bounded). */
  private async claimAndRun(key: string): Promise<void> {
    for (let claims = 0; claims < MAX_CLAIMS; claims += 1) {
      const job = await this.claim(key);
      if (job === null) return;
      const beat = this.heartbeat(job);
      let dirty: boolean;
      try {
        dirty = await this.track(key, () => this.options.handler(job.data));
        await this.options.boss.complete(this.options.queue, attempt(job));
      } catch (error) {
        // As pg-boss does for its workers: the job fails and is retried with backoff.
        await this.options.boss.fail(this.options.queue, attempt(job), { message: (error as Error)?.message ?? String(error) }).catch((e: unknown) =>
          this.options.logger.error({ queue: this.options.queue, err: (e as Error).message }, 'could not fail a job; its expiry retries it'),
        );
        return;
      } finally {
        clearInterval(beat);
      }
      if (!dirty) return;
    }
    this.options.wake();
  }

  /** Runs `work` with `key` marked running; true when a request for the key was made meanwhile. */
  private async track(key: string, work: () => Promise<void>): Promise<boolean> {
    const entry = { dirty: false };
    this.running.set(key, entry);
    try {
      await work();
    } finally {
      this.running.delete(key);
      this.forgetOld();
      this.ended.set(key, this.now());
    }
    return entry.dirty;
  }

  private forgetOld(): void {
    const before = this.now() - this.options.staleMs;
    for (const [key, at] of this.ended) if (at < before) this.ended.delete(key);
  }

  /** The key's queued, due request made active; null when there is none or the key's job is active (23505). */
  private async claim(key: string): Promise<Claimed<T> | null> {
    const { schema, queue } = this.options;
    const table = `${schema}.job`;
    // The same state change as pg-boss's own fetch (plans.fetchNextJob), for one key.
    const sql = `
      UPDATE ${table} j SET
        state = 'active',
        started_on = ${schema}.job_now(),
        heartbeat_on = ${schema}.job_now(),
        retry_count = CASE WHEN started_on IS NOT NULL THEN retry_count + 1 ELSE retry_count END
      WHERE j.name = $1 AND j.id = (
        SELECT id FROM ${table}
        WHERE name = $1 AND singleton_key = $2 AND state < 'active' AND NOT blocked AND start_after <= ${schema}.job_now()
        ORDER BY priority DESC, created_on
        LIMIT 1
        FOR UPDATE SKIP LOCKED
      )
      RETURNING j.id, j.retry_count AS "retryCount", j.heartbeat_seconds AS "heartbeatSeconds", j.data`;
    try {
      const result = (await this.options.boss.getDb().executeSql(sql, [queue, key])) as { rows: Claimed<T>[] };
      return result.rows[0] ?? null;
    } catch (error) {
      if ((error as { code?: string }).code === '23505') return null;
      throw error;
    }
  }

  /** Keeps the claimed job's heartbeat, as pg-boss does for the jobs its workers fetched. */
  private heartbeat(job: Claimed<T>): ReturnType<typeof setInterval> | undefined {
    if (!job.heartbeatSeconds) return undefined;
    const timer = setInterval(() => {
      this.options.boss.touch(this.options.queue, attempt(job)).catch((error: unknown) => this.options.logger.warn({ queue: this.options.queue, err: (error as Error).message }, 'heartbeat failed'));
    }, (job.heartbeatSeconds * 1000) / 2);
    timer.unref();
    return timer;
  }
}

/** The attempt a settle or heartbeat is fenced to (pg-boss ignores it once the job was claimed again). */
function attempt(job: { id: string; retryCount: number }): { id: string; retryCount: number } {
  return { id: job.id, retryCount: job.retryCount };
}
