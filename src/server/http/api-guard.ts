// The gate in front of /api and /api/admin: bearer token check, then the rate limit, then the refusal of callers
// without a valid token. The limit counts a signed-in caller by their Entra object id (`oid`), after the token is
// verified, and everyone else by client address in one coarse bucket: behind the HTTPS proxy PUBLIC_URL needs,
// every caller can share one address, and counting signed-in users by it let anonymous traffic lock them out.
// The client address is the socket's unless TRUST_PROXY names the proxy hop(s) whose X-Forwarded-For counts.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from './errors.js';
import { SigningKeysUnavailable, TokenRejected, type TokenVerifier } from './token-verifier.js';

export interface ApiRateLimits {
  /** Requests per minute per signed-in caller (their `oid`). */
  perUserPerMinute: number;
  /** Requests per minute per client address of callers without a valid token. */
  anonymousPerAddressPerMinute: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Why the bearer token was refused (set by the gate; the refusal itself comes after the rate limit). */
    tokenRejection?: string;
  }
}

/** The rate-limit key of a request: the verified caller, else the client address. */
export function rateLimitKey(req: Pick<FastifyRequest, 'caller' | 'ip'>): string {
  return req.caller ? `user:${req.caller.userId}` : `address:${req.ip}`;
}

/**
 * Registers the plugin-wide rate-limit support once (on the root app), with error bodies of the API's shape
 * (src/shared/api.ts: every non-2xx answer carries `error.code` and `error.message`).
 */
export async function registerRateLimitSupport(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    // The plugin throws what this returns; the error handler (errors.ts) turns an HttpError into the API's body.
    errorResponseBuilder: (_req, context) => {
      const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
      return new HttpError(429, 'rate_limited', `Too many requests; retry in ${seconds} s.`, seconds);
    },
  });
}

/**
 * The /api gate, on the plugin that holds every /api route (so it applies to each of them whatever the spelling
 * of the URL: a percent-encoded path reaches the same route and the same hooks).
 */
export function installApiGate(api: FastifyInstance, verifyToken: TokenVerifier, limits: ApiRateLimits): void {
  api.addHook('onRequest', async (req) => {
    try {
      req.caller = await verifyToken(req.headers.authorization);
    } catch (error) {
      if (error instanceof SigningKeysUnavailable) throw new HttpError(503, 'upstream_unavailable', 'Sign-in could not be checked right now (the identity provider did not answer); try again shortly.', 5);
      if (!(error instanceof TokenRejected)) throw error;
      req.tokenRejection = error.message;
    }
  });
  api.addHook(
    'onRequest',
    api.rateLimit({
      timeWindow: '1 minute',
      keyGenerator: rateLimitKey,
      max: (_req, key) => (key.startsWith('user:') ? limits.perUserPerMinute : limits.anonymousPerAddressPerMinute),
    }),
  );
  api.addHook('onRequest', async (req) => {
    if (!req.caller) throw new HttpError(401, 'unauthorized', req.tokenRejection ?? 'Sign in first.');
  });
}
