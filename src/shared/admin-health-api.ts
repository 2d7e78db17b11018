// The admin console's health history (issue 17): the figures /metrics shows, sampled by the answering process over
// the last hour, for the console's small charts. Part of the admin contract (admin-api.ts re-exports it).
import { z } from 'zod';
import { API_PREFIX } from './api.js';

export const ADMIN_HEALTH_ROUTES = {
  healthHistory: { method: 'GET', url: `${API_PREFIX}/admin/health/history`, status: 200 },
} as const;

const rate = z.number().min(0);

export const healthSampleSchema = z.object({
  /** ISO UTC end of the interval the sample covers. */
  at: z.string(),
  /** Seconds the sample covers (the sampling interval; shorter for the interval still running). */
  seconds: z.number().positive(),
  /** Jobs waiting in the queue at `at` (the whole deployment's: the queue is shared); null when it could not be read. */
  queueDepth: z.number().int().min(0).nullable(),
  /** Sessions this process finished (or failed) in the interval, per minute. */
  sessionsPerMinute: rate,
  /** Share of those sessions that failed (0–1); null when none ran. */
  errorRate: z.number().min(0).max(1).nullable(),
  /**
   * Insta-sync latency in milliseconds of the interval's insta sessions: from the change notification's request for a
   * session to the session's end (queue wait included). Null when none ran.
   */
  instaP50Ms: z.number().min(0).nullable(),
  instaP95Ms: z.number().min(0).nullable(),
  /** Requests this process sent to Microsoft Graph and to C4C (retries included), per minute. */
  graphRequestsPerMinute: rate,
  c4cRequestsPerMinute: rate,
  /** The interval still running (its figures so far); only the last sample may be. */
  partial: z.boolean(),
});
export type HealthSample = z.infer<typeof healthSampleSchema>;

export const healthHistoryResponseSchema = z.object({
  /** Seconds between samples. */
  intervalSeconds: z.number().int().positive(),
  /**
   * Which process answered: each process keeps its own history (the queue depth is the deployment's). A `web`
   * process runs no sessions; a `worker` serves no requests. `all` runs both.
   */
  process: z.object({ role: z.enum(['all', 'web', 'worker']), pid: z.number().int(), startedAt: z.string() }),
  /** Oldest first, at most an hour. */
  samples: z.array(healthSampleSchema),
});
export type HealthHistoryResponse = z.infer<typeof healthHistoryResponseSchema>;
