// HTTP transport to the c4codataapi service: Basic auth with the technical user, JSON, timeouts, the CSRF token
// and session cookies for writes, and retries with backoff for 429/502/503/504 (Retry-After honoured) and, for
// requests that are safe to repeat, network errors. Plain fetch: @sap-cloud-sdk/http-client wants destinations
// and fetches its token with HEAD on the target URL, and neither re-fetches on `403 Required` nor honours
// Retry-After without its resilience package, so a small client is clearer here.
import type { Logger } from 'pino';
import { PortFailure } from '../../ports/write-results.js';
import { CookieJar, CsrfToken, isCsrfRejection } from './csrf-session.js';
import { isRetryableStatus, networkError, portErrorForStatus, retryAfterSeconds } from './http-errors.js';
import { DEFAULT_RETRY_POLICY, retryDelayMs, sleep, type RetryPolicy } from './retry-policy.js';

/** Where a GET may wait to go out in a shared $batch (read-batcher.ts); null: it goes alone, now. */
export interface BatchedReads {
  enqueue<T>(path: string, alone: (path: string) => Promise<T>): Promise<T> | null;
}

export interface C4cConnectionOptions {
  /** Service root, e.g. `https://my123456.crm.ondemand.com/sap/c4c/odata/v1/c4codataapi/`. */
  baseUrl: string;
  user: string;
  password: string;
  /**
   * The Authorization header to send instead of the technical user's Basic credentials: `Bearer <token>` to call C4C
   * as a business user (user-search.ts), with C4C applying that user's access restrictions.
   */
  authorization?: string;
  logger: Logger;
  timeoutMs: number;
  retry?: Partial<RetryPolicy>;
  /** Shared by the adapters of one C4C system: their GETs inside `reads.together` go out as one $batch. */
  reads?: BatchedReads;
  /** Told of every answer C4C gave (retries and CSRF fetches included), for the request rate on /metrics. */
  onResponse?: (status: number) => void;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE' | 'MERGE';
  /** Path and query below the service root (no leading '/'), or an absolute URL under the service root. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Repeat after a network error or timeout (only where a repeat cannot double an effect). */
  idempotent: boolean;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
}

export class ODataHttp {
  readonly serviceRoot: string;
  private readonly authorization: string;
  private readonly logger: Logger;
  private readonly timeoutMs: number;
  private readonly policy: RetryPolicy;
  private readonly cookies = new CookieJar();
  private readonly csrf: CsrfToken;
  private readonly reads: BatchedReads | undefined;
  private readonly onResponse: (status: number) => void;

  constructor(options: C4cConnectionOptions) {
    this.serviceRoot = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
    this.authorization = options.authorization ?? `Basic ${Buffer.from(`${options.user}:${options.password}`).toString('base64')}`;
    this.logger = options.logger;
    this.timeoutMs = options.timeoutMs;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.csrf = new CsrfToken(() => this.fetchCsrfToken());
    this.reads = options.reads;
    this.onResponse = options.onResponse ?? (() => undefined);
  }

  /**
   * Absolute URL of a request path. Absolute URLs (d.__next links) are re-based onto the configured service root
   * when their path lies under it (a proxy or load balancer may report another host name), and refused
   * otherwise, so the technical user's credentials never go to a host we were not configured with.
   */
  resolve(path: string): string {
    if (!/^https?:\/\//i.test(path)) return `${this.serviceRoot}${path.replace(/^\/+/, '')}`;
    if (path.startsWith(this.serviceRoot)) return path;
    const link = new URL(path);
    const root = new URL(this.serviceRoot);
    if (link.pathname.startsWith(root.pathname)) return `${root.origin}${link.pathname}${link.search}`;
    throw new PortFailure({ code: 'invalid', message: 'C4C returned a link outside the configured service root' });
  }

  /** GET that must succeed with JSON; other statuses become a PortFailure with the mapped code. */
  getJson<T>(path: string): Promise<T> {
    // Links C4C hands out (d.__next) are absolute; a $batch part is relative to the root, so those go alone.
    const batched = /^https?:\/\//i.test(path) ? null : this.reads?.enqueue<T>(path, (alone) => this.getJsonAlone<T>(alone));
    return batched ?? this.getJsonAlone<T>(path);
  }

  private async getJsonAlone<T>(path: string): Promise<T> {
    const res = await this.send({ method: 'GET', path, idempotent: true });
    if (res.status !== 200) throw new PortFailure(portErrorForStatus(res.status, res.text, res.headers.get('retry-after')));
    try {
      return JSON.parse(res.text) as T;
    } catch {
      throw new PortFailure({ code: 'temporary', message: 'C4C returned a response that is not JSON' });
    }
  }

  /** Any request; the caller interprets the status. Writes carry the CSRF token (re-fetched once on 403 Required). */
  async send(req: HttpRequest): Promise<HttpResponse> {
    const modifying = req.method !== 'GET';
    let csrfRenewed = false;
    for (let attempt = 1; ; attempt += 1) {
      const token = modifying ? await this.csrf.get() : undefined;
      let res: HttpResponse;
      try {
        res = await this.fetchOnce(req, token);
      } catch (err) {
        if (err instanceof PortFailure) throw err;
        const error = networkError(err);
        if (!req.idempotent || attempt >= this.policy.maxAttempts) throw new PortFailure(error);
        const wait = retryDelayMs(this.policy, attempt);
        this.logger.warn({ method: req.method, path: pathForLog(req.path), attempt, waitMs: wait, reason: error.message }, 'c4c request failed; retrying');
        await sleep(wait);
        continue;
      }
      if (token !== undefined && isCsrfRejection(res.status, res.headers) && !csrfRenewed) {
        this.logger.info({ method: req.method, path: pathForLog(req.path) }, 'c4c csrf token rejected; fetching a new one');
        this.csrf.invalidate(token);
        csrfRenewed = true;
        attempt -= 1;
        continue;
      }
      if (isRetryableStatus(res.status) && attempt < this.policy.maxAttempts) {
        const wait = retryDelayMs(this.policy, attempt, retryAfterSeconds(res.headers.get('retry-after')));
        this.logger.warn({ method: req.method, path: pathForLog(req.path), status: res.status, attempt, waitMs: wait }, 'c4c asked to retry later');
        await sleep(wait);
        continue;
      }
      return res;
    }
  }

  private async fetchOnce(req: HttpRequest, csrfToken: string | undefined): Promise<HttpResponse> {
    const headers: Record<string, string> = {
      authorization: this.authorization,
      accept: 'application/json',
      ...req.headers,
    };
    if (csrfToken !== undefined) headers['x-csrf-token'] = csrfToken;
    if (req.body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const cookie = this.cookies.header();
    if (cookie) headers['cookie'] = cookie;
    const started = Date.now();
    const response = await fetch(this.resolve(req.path), {
      method: req.method,
      headers,
      body: req.body,
      signal: AbortSignal.timeout(this.timeoutMs),
      redirect: 'manual',
    });
    this.cookies.store(response.headers);
    this.onResponse(response.status);
    const text = await response.text();
    this.logger.debug({ method: req.method, path: pathForLog(req.path), status: response.status, ms: Date.now() - started }, 'c4c request');
    return { status: response.status, headers: response.headers, text };
  }

  private async fetchCsrfToken(): Promise<string> {
    const res = await this.send({ method: 'GET', path: '', headers: { 'x-csrf-token': 'Fetch' }, idempotent: true });
    const token = res.headers.get('x-csrf-token');
    if (res.status !== 200 || !token || token.toLowerCase() === 'required') {
      throw new PortFailure(res.status === 200 ? { code: 'auth', message: 'C4C did not issue a CSRF token' } : portErrorForStatus(res.status, res.text, res.headers.get('retry-after')));
    }
    return token;
  }
}

/** Paths are logged without their query: search text and e-mail addresses stay out of logs. */
function pathForLog(path: string): string {
  return path.split('?', 1)[0] ?? '';
}
