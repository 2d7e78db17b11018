// Configuration of the Graph adapter. The authority and the Graph base URL are settings, so the same code talks
// to Entra ID + graph.microsoft.com in production and to the local sandbox in the demo and in tests.
import type { Logger } from 'pino';
import { systemClock, type Clock } from '../../ports/clock.js';
import type { Mailbox } from '../../domain/mailbox.js';

export interface GraphRetryOptions {
  /** Attempts per request (and rounds per batch) before a throttled/temporary failure is reported. */
  maxAttempts: number;
  /** Back-off when the server gave no Retry-After: base × 2^attempt with jitter, capped at maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the call fails with `throttled` and the hint instead. */
  maxRetryAfterSeconds: number;
}

export interface GraphAdapterOptions {
  /** `https://graph.microsoft.com/v1.0` or the sandbox's `http://127.0.0.1:PORT/v1.0`. */
  graphBaseUrl: string;
  /** Authority host, e.g. `https://login.microsoftonline.com` or the sandbox's `https://127.0.0.1:PORT`. */
  authority: string;
  /** Entra tenant id the service's app registration lives in. */
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** The add-in's manifest id: CRM links live in the extended property `cecp-<addinId>`. */
  addinId: string;
  logger: Logger;
  /** Outlook allows 4 concurrent requests per app and mailbox (API-NOTES B.6). */
  maxConcurrencyPerMailbox?: number;
  /** Token scope; national clouds use another Graph host. */
  graphScope?: string;
  /** `Prefer: odata.maxpagesize` for delta and list calls. */
  pageSize?: number;
  /** From how many items needing details a calendarView listing is cheaper than one GET per item. */
  listDetailsThreshold?: number;
  /** Per-request timeout. */
  requestTimeoutMs?: number;
  retry?: Partial<GraphRetryOptions>;
  /** The `/users/{id}` segment of a mailbox; default its mailboxId (the Entra object id). */
  userIdOf?: (mailbox: Mailbox) => string;
  clock?: Clock;
  /** Told of every answer Graph gave (retries included), for the request rate on /metrics; absent: nobody. */
  onResponse?: (status: number) => void;
}

export type ResolvedGraphOptions = Required<Omit<GraphAdapterOptions, 'retry'>> & { retry: GraphRetryOptions };

export const DEFAULT_GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

export function resolveGraphOptions(options: GraphAdapterOptions): ResolvedGraphOptions {
  return {
    ...options,
    graphBaseUrl: options.graphBaseUrl.replace(/\/+$/, ''),
    authority: options.authority.replace(/\/+$/, ''),
    maxConcurrencyPerMailbox: Math.max(1, options.maxConcurrencyPerMailbox ?? 4),
    graphScope: options.graphScope ?? DEFAULT_GRAPH_SCOPE,
    pageSize: options.pageSize ?? 100,
    listDetailsThreshold: options.listDetailsThreshold ?? 40,
    requestTimeoutMs: options.requestTimeoutMs ?? 60_000,
    retry: { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterSeconds: 120, ...options.retry },
    userIdOf: options.userIdOf ?? ((mailbox) => mailbox.mailboxId),
    clock: options.clock ?? systemClock,
    onResponse: options.onResponse ?? (() => undefined),
  };
}
