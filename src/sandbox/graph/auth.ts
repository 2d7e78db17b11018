// Bearer-token checks for /v1.0: missing, expired, badly signed or wrong-audience tokens get Graph's 401. App
// tokens may act on any /users/{id}; delegated tokens only on /me and their own user.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { GRAPH_APP_ID, GRAPH_RESOURCE, type TokenService, type VerifiedToken } from '../identity/tokens.js';
import { GraphError } from './errors.js';
import type { GraphStore, Mailbox } from './store/graph-store.js';

declare module 'fastify' {
  interface FastifyRequest {
    graphCaller?: VerifiedToken;
  }
}

const unauthorized = (message: string) =>
  new GraphError(401, 'InvalidAuthenticationToken', message, { 'www-authenticate': 'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"' });

export function installGraphAuth(app: FastifyInstance, tokens: TokenService): void {
  app.decorateRequest('graphCaller', undefined);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/v1.0')) return;
    const header = req.headers.authorization ?? '';
    const token = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
    if (!token) throw unauthorized('Access token is empty.');
    const verified = await tokens.verify(token, [GRAPH_RESOURCE, GRAPH_APP_ID, `${GRAPH_RESOURCE}/`]);
    if (verified === 'expired') throw unauthorized('Lifetime validation failed, the token is expired.');
    if (verified === 'audience') throw unauthorized('Access token validation failure. Invalid audience.');
    if (verified === 'invalid') throw unauthorized('Access token validation failure.');
    req.graphCaller = verified;
    checkPermission(req.method, req.url, verified);
  });
}

/** Permissions a request needs (either one suffices), by what it touches, as Graph documents per API. */
function requiredPermissions(method: string, url: string): string[] | undefined {
  const path = url.split('?')[0] ?? '';
  const write = method !== 'GET';
  if (/\/outlook\/masterCategories/i.test(path)) return write ? ['MailboxSettings.ReadWrite'] : ['MailboxSettings.Read', 'MailboxSettings.ReadWrite'];
  // To Do (learn.microsoft.com todotask-*, todotasklist-*): Tasks.Read/ReadWrite delegated, Tasks.*.All for apps.
  if (/\/todo(\/|$)/i.test(path)) return write ? ['Tasks.ReadWrite', 'Tasks.ReadWrite.All'] : ['Tasks.Read', 'Tasks.ReadWrite', 'Tasks.Read.All', 'Tasks.ReadWrite.All'];
  // Personal contacts (learn.microsoft.com contact-*, contactfolder-*): Contacts.Read/ReadWrite, delegated and app alike.
  if (/\/(contacts|contactFolders)(\/|$)/i.test(path)) return write ? ['Contacts.ReadWrite'] : ['Contacts.Read', 'Contacts.ReadWrite'];
  if (/\/(events|calendar|calendars|calendarView)(\/|$)/i.test(path)) return write ? ['Calendars.ReadWrite'] : ['Calendars.Read', 'Calendars.ReadWrite'];
  return undefined;
}

/** 403 when the token holds none of the permissions (app: roles; delegated: scp) the request needs. */
function checkPermission(method: string, url: string, token: VerifiedToken): void {
  const needed = requiredPermissions(method, url);
  if (!needed) return;
  const held = token.userId ? token.scopes : token.roles;
  if (!needed.some((p) => held.includes(p))) {
    throw new GraphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
  }
}

export function caller(req: FastifyRequest): VerifiedToken {
  if (!req.graphCaller) throw new GraphError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
  return req.graphCaller;
}

/**
 * The mailbox a request addresses: `userId` from /users/{userId}, or the signed-in user for /me (userId
 * undefined). Enforces who may read whose mailbox.
 */
export function resolveMailbox(store: GraphStore, req: FastifyRequest, userId: string | undefined): Mailbox {
  const who = caller(req);
  if (userId === undefined) {
    if (!who.userId) throw new GraphError(400, 'BadRequest', '/me request is only valid with delegated authentication flow.');
    const own = store.mailboxes.get(who.userId);
    if (!own) throw new GraphError(404, 'ErrorInvalidUser', "The requested user '/me' is invalid.");
    return own;
  }
  const mailbox = store.findMailbox(userId);
  if (!mailbox) {
    throw new GraphError(404, 'ErrorInvalidUser', `The requested user '${userId}' is invalid.`);
  }
  if (who.userId && who.userId !== mailbox.user.id) {
    throw new GraphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
  }
  if (!who.userId && who.roles.length === 0) {
    throw new GraphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
  }
  return mailbox;
}
