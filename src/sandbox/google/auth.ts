// Bearer authentication of the Calendar API: every /calendar/v3 request needs an access token from the token
// endpoint (oauth.ts), unexpired, with a Calendar scope. The token is bound to the user it was issued for, so a
// request acts as that user only (store.ts: another user's calendar is 404).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { GoogleError, authError, sendGoogleError } from './errors.js';
import { CALENDAR_SCOPE, type ServiceAccount } from './service-account.js';

export const API_PREFIX = '/calendar/v3';
const callers = new WeakMap<FastifyRequest, string>();

/** Whom a request acts for (set by the hook below for every /calendar/v3 request). */
export function callerOf(req: FastifyRequest): string {
  const caller = callers.get(req);
  if (caller === undefined) throw authError();
  return caller;
}

export function bearerOf(req: FastifyRequest): string | undefined {
  const [scheme = '', token] = (req.headers.authorization ?? '').split(/\s+/, 2);
  return scheme.toLowerCase() === 'bearer' && token ? token : undefined;
}

export function installCalendarAuth(app: FastifyInstance, account: () => ServiceAccount): void {
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith(API_PREFIX)) return;
    const token = bearerOf(req);
    const grant = token ? account().grantOf(token) : undefined;
    if (!grant) return sendGoogleError(reply, authError());
    if (!grant.scopes.includes(CALENDAR_SCOPE)) {
      return sendGoogleError(reply, new GoogleError(403, 'insufficientPermissions', 'Request had insufficient authentication scopes.'));
    }
    callers.set(req, grant.email);
  });
}
