// Outlook's per app-and-mailbox limits (API-NOTES B.6): at most `concurrency` requests in flight and
// `requestsPerWindow` requests per window; beyond either, 429 with Retry-After and Graph's error body.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { GraphError } from './errors.js';
import type { GraphStore } from './store/graph-store.js';

export interface ThrottleLimits {
  concurrency: number;
  requestsPerWindow: number;
  windowSeconds: number;
}

export const DEFAULT_LIMITS: ThrottleLimits = { concurrency: 4, requestsPerWindow: 10_000, windowSeconds: 600 };

interface Bucket {
  inFlight: number;
  windowStart: number;
  used: number;
}

export class Throttle {
  limits: ThrottleLimits = { ...DEFAULT_LIMITS };
  private readonly buckets = new Map<string, Bucket>();
  throttled = 0;

  reset(limits: ThrottleLimits = DEFAULT_LIMITS): void {
    this.limits = { ...limits };
    this.buckets.clear();
    this.throttled = 0;
  }

  /** Admits a request or throws the 429; the caller must `release` an admitted request exactly once. */
  admit(key: string, now = Date.now()): void {
    const bucket = this.buckets.get(key) ?? { inFlight: 0, windowStart: now, used: 0 };
    this.buckets.set(key, bucket);
    const windowMs = this.limits.windowSeconds * 1000;
    if (now - bucket.windowStart >= windowMs) Object.assign(bucket, { windowStart: now, used: 0 });
    if (bucket.inFlight >= this.limits.concurrency) {
      this.throttled += 1;
      throw new GraphError(429, 'ApplicationThrottled', 'Application is over its MailboxConcurrency limit.', { 'retry-after': '1' });
    }
    if (bucket.used >= this.limits.requestsPerWindow) {
      this.throttled += 1;
      const retryAfter = Math.max(1, Math.ceil((bucket.windowStart + windowMs - now) / 1000));
      throw new GraphError(429, 'ApplicationThrottled', 'Application is over its MailboxRequestLimit limit. Please retry again later.', { 'retry-after': String(retryAfter) });
    }
    bucket.used += 1;
    bucket.inFlight += 1;
  }

  release(key: string): void {
    const bucket = this.buckets.get(key);
    if (bucket && bucket.inFlight > 0) bucket.inFlight -= 1;
  }
}

const MAILBOX_PATH = /^\/v1\.0\/(?:users\/([^/?]+)|me)(?:[/?]|$)/i;

/** The mailbox a /v1.0 request touches (object id), or undefined for tenant-level resources. */
export function mailboxKeyOf(store: GraphStore, req: FastifyRequest, meUserId: string | undefined): string | undefined {
  const m = MAILBOX_PATH.exec(req.url);
  if (!m) return undefined;
  if (m[1] === undefined) return meUserId;
  const raw = decodeURIComponent(m[1]);
  return store.findUser(raw)?.id ?? raw.toLowerCase();
}

/** Who is calling, read from the bearer token without verifying it (verification comes later, in auth). */
export function peekCaller(req: FastifyRequest): { appId: string; userId?: string } | undefined {
  const token = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    if (typeof claims.azp !== 'string') return undefined;
    return { appId: claims.azp, userId: claims.idtyp === 'app' || typeof claims.oid !== 'string' ? undefined : claims.oid };
  } catch {
    return undefined;
  }
}

/**
 * Two hooks around the control plane's: `admit` runs first, so a request holds its concurrency slot through
 * injected latency (as a slow Outlook would hold it), and `enforce` runs after authentication, so that the
 * control plane counts throttled requests too and a bad token is a 401 before it is a 429.
 */
export function throttlingHooks(getStore: () => GraphStore | undefined, throttle: Throttle) {
  const admitted = new WeakMap<FastifyRequest, string>();
  const refused = new WeakMap<FastifyRequest, GraphError>();
  const release = (req: FastifyRequest) => {
    const key = admitted.get(req);
    if (key === undefined) return;
    admitted.delete(req);
    throttle.release(key);
  };
  return {
    admit: (app: FastifyInstance) => {
      app.addHook('onRequest', async (req, reply) => {
        const store = getStore();
        const who = req.url.startsWith('/v1.0/') ? peekCaller(req) : undefined;
        const mailbox = store && who ? mailboxKeyOf(store, req, who.userId) : undefined;
        if (!who || !mailbox) return;
        const key = `${who.appId}|${mailbox}`;
        try {
          throttle.admit(key);
          admitted.set(req, key);
          // 'close' also fires when a fault destroys the socket, which skips onResponse.
          reply.raw.once('close', () => release(req));
        } catch (error) {
          if (error instanceof GraphError) refused.set(req, error);
          else throw error;
        }
      });
      app.addHook('onResponse', async (req) => release(req));
    },
    enforce: (app: FastifyInstance) => {
      app.addHook('onRequest', async (req) => {
        const error = refused.get(req);
        if (error) throw error;
      });
    },
  };
}
