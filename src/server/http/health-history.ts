// The admin console's health charts (issue 17): a small in-process ring buffer of the last hour, one sample every
// 30 s, taken from the same counters /metrics renders (metrics.ts) plus the queue depth, so the charts and a
// Prometheus scrape of this process never disagree. Each process keeps its own: nothing is written to the database
// for it, and a restart starts an empty hour (Prometheus, scraping every process, is the deployment-wide record).
// Insta-sync latencies are kept raw for the running interval only, so its p50/p95 are exact, not bucket bounds.
import type { HealthHistoryResponse, HealthSample } from '../../shared/admin-health-api.js';
import type { Metrics } from './metrics.js';

/** The counters the samples read (main.ts increments them; /metrics shows them). */
export const HEALTH_COUNTERS = {
  sessions: 'crmsync_sessions_total',
  graphRequests: 'crmsync_graph_requests_total',
  c4cRequests: 'crmsync_c4c_requests_total',
} as const;

export const HEALTH_INTERVAL_SECONDS = 30;
/** One hour of samples. */
export const HEALTH_SAMPLES = 3600 / HEALTH_INTERVAL_SECONDS;

interface Totals {
  sessions: number;
  failed: number;
  graph: number;
  c4c: number;
}

/** The value at quantile q (0–1) of sorted numbers, nearest rank. */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}

export interface HealthHistoryOptions {
  metrics: Metrics;
  queueDepth(): Promise<number>;
  role: HealthHistoryResponse['process']['role'];
  now?: () => number;
  intervalSeconds?: number;
  capacity?: number;
}

export class HealthHistory {
  private readonly samples: HealthSample[] = [];
  private insta: number[] = [];
  private last: Totals;
  private lastAt: number;
  private readonly startedAt: string;
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => number;
  private readonly intervalSeconds: number;
  private readonly capacity: number;

  constructor(private readonly options: HealthHistoryOptions) {
    this.now = options.now ?? Date.now;
    this.intervalSeconds = options.intervalSeconds ?? HEALTH_INTERVAL_SECONDS;
    this.capacity = options.capacity ?? HEALTH_SAMPLES;
    this.lastAt = this.now();
    this.startedAt = new Date(this.lastAt).toISOString();
    this.last = this.totals();
  }

  /** An insta-sync session's latency: from the request for it to its end. */
  observeInsta(ms: number): void {
    this.insta.push(ms);
  }

  private totals(): Totals {
    const m = this.options.metrics;
    return {
      sessions: m.total(HEALTH_COUNTERS.sessions),
      failed: m.total(HEALTH_COUNTERS.sessions, { outcome: 'error' }),
      graph: m.total(HEALTH_COUNTERS.graphRequests),
      c4c: m.total(HEALTH_COUNTERS.c4cRequests),
    };
  }

  private async sampleNow(partial: boolean): Promise<{ sample: HealthSample; totals: Totals; at: number }> {
    const queueDepth = await this.options.queueDepth().then(
      (n) => n,
      () => null,
    );
    const at = this.now();
    const totals = this.totals();
    const seconds = Math.max(0.001, (at - this.lastAt) / 1000);
    const perMinute = (n: number) => Math.round((60 * n * 100) / seconds) / 100;
    const sessions = totals.sessions - this.last.sessions;
    const sorted = [...this.insta].sort((a, b) => a - b);
    const sample: HealthSample = {
      at: new Date(at).toISOString(),
      seconds: Math.round(seconds * 1000) / 1000,
      queueDepth,
      sessionsPerMinute: perMinute(sessions),
      errorRate: sessions > 0 ? (totals.failed - this.last.failed) / sessions : null,
      instaP50Ms: quantile(sorted, 0.5),
      instaP95Ms: quantile(sorted, 0.95),
      graphRequestsPerMinute: perMinute(totals.graph - this.last.graph),
      c4cRequestsPerMinute: perMinute(totals.c4c - this.last.c4c),
      partial,
    };
    return { sample, totals, at };
  }

  /** Closes the running interval into a sample (the timer calls it; tests call it directly). */
  async tick(): Promise<void> {
    const { sample, totals, at } = await this.sampleNow(false);
    this.samples.push(sample);
    if (this.samples.length > this.capacity) this.samples.splice(0, this.samples.length - this.capacity);
    this.last = totals;
    this.lastAt = at;
    this.insta = [];
  }

  /** The last hour, with the running interval's figures so far as a last, partial sample. */
  async history(): Promise<HealthHistoryResponse> {
    const running = await this.sampleNow(true);
    return {
      intervalSeconds: this.intervalSeconds,
      process: { role: this.options.role, pid: process.pid, startedAt: this.startedAt },
      samples: [...this.samples, running.sample],
    };
  }

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.intervalSeconds * 1000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
