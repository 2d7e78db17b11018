// Every Calendar API call goes through `callGoogle`: Google's rate limits (403 rateLimitExceeded /
// userRateLimitExceeded, 429) and transient trouble (500, 502, 503, 504, a dropped connection) are retried after
// Retry-After when Google sends one, otherwise with exponential back-off and full jitter (Google's guidance: back
// off exponentially), the same policy as the Graph and C4C adapters. What is left becomes a PortFailure with a code
// the engine knows; Google's message stays in `detail`, which is never logged (it can echo an event's content).
import type { PortError } from '../../domain/errors.js';
import { PortFailure } from '../../ports/write-results.js';
import type { GoogleRetryOptions } from './options.js';

export interface GoogleErrorInfo {
  status: number;
  /** errors[0].reason of Google's error body, e.g. userRateLimitExceeded, duplicate, conditionNotMet, fullSyncRequired. */
  reason: string;
  message: string;
  retryAfterSeconds?: number;
}

const RATE_LIMIT_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded']);
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'UND_ERR_SOCKET', 'TimeoutError', 'AbortError']);

interface GaxiosLike {
  status?: number;
  code?: string | number;
  message?: string;
  response?: { status?: number; headers?: { get?(name: string): string | null }; data?: unknown };
  cause?: unknown;
}

function retryAfterOf(value: string | null | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - nowMs) / 1000);
}

/** What a failed call says: status (0: no answer), Google's reason and message, Retry-After. */
export function googleErrorOf(error: unknown): GoogleErrorInfo {
  const e = (error ?? {}) as GaxiosLike;
  const status = e.response?.status ?? e.status ?? 0;
  const data = (e.response?.data ?? {}) as { error?: { message?: string; errors?: { reason?: string }[] } | string; error_description?: string };
  const body = typeof data.error === 'object' ? data.error : undefined;
  const reason = body?.errors?.[0]?.reason ?? (typeof data.error === 'string' ? data.error : status === 0 ? String(e.code ?? 'network') : '');
  const message = body?.message ?? data.error_description ?? e.message ?? 'no answer';
  const retryAfterSeconds = retryAfterOf(e.response?.headers?.get?.('retry-after'), Date.now());
  return { status, reason, message, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) };
}

/** Whether the same request may simply be sent again. */
export function isRetryable(info: GoogleErrorInfo): boolean {
  if (info.status === 0) return NETWORK_CODES.has(info.reason) || info.reason === 'network';
  if (info.status === 403) return RATE_LIMIT_REASONS.has(info.reason);
  return info.status === 429 || info.status === 500 || info.status === 502 || info.status === 503 || info.status === 504;
}

export function portErrorOf(info: GoogleErrorInfo, what: string): PortError {
  const after = info.retryAfterSeconds !== undefined ? { retryAfterSeconds: info.retryAfterSeconds } : {};
  const message = `Google ${what}: ${info.status || 'no answer'}${info.reason ? ` ${info.reason}` : ''}`;
  const detail = { detail: info.message };
  if (info.status === 429 || (info.status === 403 && RATE_LIMIT_REASONS.has(info.reason))) return { code: 'throttled', message, ...detail, ...after };
  if (info.status === 401 || info.status === 403 || (info.status === 400 && /grant|unauthorized_client|scope/.test(info.reason))) return { code: 'auth', message, ...detail };
  if (info.status === 404 || info.status === 410) return { code: 'notFound', message, ...detail };
  if (info.status === 412) return { code: 'conflict', message, ...detail };
  if (info.status === 400) return { code: 'invalid', message, ...detail };
  return { code: 'temporary', message, ...detail, ...after };
}

export function retryDelayMs(attempt: number, retryAfterSeconds: number | undefined, policy: GoogleRetryOptions, random = Math.random): number {
  if (retryAfterSeconds !== undefined) return Math.min(policy.maxDelayMs, Math.ceil(retryAfterSeconds * 1000));
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `call`, retrying what `isRetryable` allows. Returns the answer's data, or `onError`'s value for a failure it
 * takes (e.g. 409 duplicate, 410 fullSyncRequired); any other failure throws a PortFailure.
 */
export async function callGoogle<T, R = never>(
  what: string,
  policy: GoogleRetryOptions,
  call: () => Promise<{ data: T }>,
  onError?: (info: GoogleErrorInfo) => { value: R } | undefined,
): Promise<T | R> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return (await call()).data;
    } catch (error) {
      const info = googleErrorOf(error);
      const taken = onError?.(info);
      if (taken) return taken.value;
      if (attempt >= policy.maxAttempts || !isRetryable(info)) throw new PortFailure(portErrorOf(info, what));
      await sleep(retryDelayMs(attempt, info.retryAfterSeconds, policy));
    }
  }
}
