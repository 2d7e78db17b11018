// One Graph call with everything Graph asks of a well-behaved client: a bearer token (refreshed once on 401),
// at most N concurrent requests per mailbox, and retries of 429/5xx/network failures honouring Retry-After.
// Non-2xx answers that are not worth retrying come back as responses; callers map them to port errors.
import type { Logger } from 'pino';
import { PortFailure } from '../../ports/write-results.js';
import { MailboxLimiter } from './mailbox-limiter.js';
import type { ResolvedGraphOptions } from './options.js';
import { isRetryableStatus, parseRetryAfter, retryDelayMs, sleep } from './retry-policy.js';
import type { GraphTokenProvider } from './token-provider.js';

export type GraphMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface GraphRequest {
  method: GraphMethod;
  /** Relative to the versioned base (`/users/…`) or absolute (a nextLink / deltaLink). */
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface GraphResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Preferences on every event call: UTC times and text bodies, which domain/normalize-graph.ts reads best. */
export const EVENT_PREFER = 'outlook.timezone="UTC", outlook.body-content-type="text"';

/** Limiter key for tenant-level resources (/subscriptions): not a mailbox, but still bounded. */
export const TENANT_SCOPE = '@tenant';

export class GraphHttp {
  readonly limiter: MailboxLimiter;
  private readonly logger: Logger;

  constructor(
    readonly options: ResolvedGraphOptions,
    private readonly tokens: GraphTokenProvider,
  ) {
    this.limiter = new MailboxLimiter(options.maxConcurrencyPerMailbox);
    this.logger = options.logger;
  }

  /**
   * The URL a request goes to. Absolute URLs (a nextLink or deltaLink Graph handed us, or one stored in a cursor) go
   * to the configured Graph host only: one with another host but a path under the configured base is re-based onto
   * it (a proxy, or a cursor from before GRAPH_BASE_URL changed), anything else is refused, so the app's token never
   * goes to a host named by a response body (as the C4C client does with `d.__next`).
   */
  absoluteUrl(url: string): string {
    const base = this.options.graphBaseUrl;
    if (!/^https?:\/\//i.test(url)) return `${base}${url.startsWith('/') ? '' : '/'}${url}`;
    const link = new URL(url);
    const root = new URL(base.endsWith('/') ? base : `${base}/`);
    if (link.origin === root.origin && link.pathname.startsWith(root.pathname)) return url;
    if (link.pathname.startsWith(root.pathname)) return `${root.origin}${link.pathname}${link.search}`;
    throw new PortFailure({ code: 'invalid', message: 'Graph returned a link outside the configured Graph base URL' });
  }

  /**
   * Sends `request` for mailbox `scope`, retrying throttling and transient failures. `weight` is how many of the
   * mailbox's concurrent slots the request occupies (a $batch: its member count).
   */
  async send(scope: string, request: GraphRequest, weight = 1): Promise<GraphResponse> {
    const { maxAttempts, maxRetryAfterSeconds } = this.options.retry;
    let refreshedToken = false;
    let forceRefresh = false;
    for (let attempt = 1; ; attempt++) {
      let response: GraphResponse;
      try {
        const refresh = forceRefresh;
        forceRefresh = false;
        response = await this.limiter.run(scope, weight, () => this.once(request, refresh));
      } catch (error) {
        if (error instanceof PortFailure) throw error;
        if (attempt >= maxAttempts) {
          throw new PortFailure({ code: 'temporary', message: `Graph request failed: ${describe(error)}` });
        }
        const wait = retryDelayMs(attempt, undefined, this.options.retry);
        this.logger.warn({ method: request.method, path: pathOf(request.url), attempt, waitMs: wait, err: describe(error) }, 'graph network failure, retrying');
        await sleep(wait);
        continue;
      }
      if (response.status === 401 && !refreshedToken) {
        refreshedToken = true;
        forceRefresh = true;
        this.logger.info({ method: request.method, path: pathOf(request.url) }, 'graph rejected the token, acquiring a new one');
        continue;
      }
      if (!isRetryableStatus(response.status) || attempt >= maxAttempts) return response;
      const retryAfter = parseRetryAfter(response.headers['retry-after'], Date.now());
      if (retryAfter !== undefined && retryAfter > maxRetryAfterSeconds) return response;
      const wait = retryDelayMs(attempt, retryAfter, this.options.retry);
      this.logger.warn({ method: request.method, path: pathOf(request.url), status: response.status, attempt, waitMs: wait }, 'graph asked to retry');
      await sleep(wait);
    }
  }

  private async once(request: GraphRequest, forceRefresh: boolean): Promise<GraphResponse> {
    const token = await this.tokens.accessToken(forceRefresh);
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers, authorization: `Bearer ${token}` };
    let body: string | undefined;
    if (request.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.body);
    }
    const res = await fetch(this.absoluteUrl(request.url), {
      method: request.method,
      headers,
      body,
      signal: AbortSignal.timeout(this.options.requestTimeoutMs),
    });
    this.options.onResponse(res.status);
    const text = await res.text();
    const responseHeaders: Record<string, string> = {};
    res.headers.forEach((value, key) => {
      responseHeaders[key] = value;
    });
    return { status: res.status, headers: responseHeaders, body: parseBody(text, res.headers.get('content-type')) };
  }
}

function parseBody(text: string, contentType: string | null): unknown {
  if (text === '') return undefined;
  if (contentType?.includes('json') || /^[[{]/.test(text.trimStart())) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/** The path of a URL without its query (which may carry delta tokens): safe to log. */
export function pathOf(url: string): string {
  return url.replace(/^https?:\/\/[^/]+/i, '').split('?')[0] ?? url;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}
