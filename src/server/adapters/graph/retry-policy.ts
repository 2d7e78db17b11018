// When and how long to wait before retrying a Graph request: 429 and transient 5xx honour Retry-After (seconds
// or an HTTP date); without one, exponential back-off with full jitter. Graph's guidance: wait at least what
// Retry-After says, and back off when it says nothing.
import type { GraphRetryOptions } from './options.js';

/** Statuses worth repeating unchanged: throttling and transient server trouble. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 503 || status === 504 || status === 502 || status === 500 || status === 408;
}

/** Seconds from a Retry-After header value, or undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, (date - nowMs) / 1000);
}

/** Milliseconds to wait before attempt `attempt + 1` (attempt counts from 1). */
export function retryDelayMs(attempt: number, retryAfterSeconds: number | undefined, options: GraphRetryOptions, random = Math.random): number {
  if (retryAfterSeconds !== undefined) return Math.ceil(retryAfterSeconds * 1000);
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
