// A mailbox's page in the console (contract: src/shared/admin-mailboxes-api.ts): its recent sessions (the sync log's
// session summaries), its items in error (R9) with a retry each, and its conflicts (R12, the sync log's records).
import type { FastifyInstance } from 'fastify';
import { ADMIN_ROUTES, itemParamsSchema, mailboxErasureParamsSchema, type ConflictView, type ItemRetryResponse, type MailboxDetailResponse, type SessionView } from '../../shared/admin-api.js';
import type { SyncLogEntry } from '../domain/sync-log.js';
import { requireAdmin } from './admin-guard.js';
import { mailboxRow, type AdminMailboxDeps } from './admin-mailbox-routes.js';
import { HttpError } from './errors.js';

const SESSIONS = 20;
const ERRORS = 100;
const CONFLICTS = 50;

function sessionView(e: SyncLogEntry): SessionView | null {
  const s = e.session;
  if (!s) return null;
  return {
    sessionId: e.sessionId,
    at: e.at,
    reason: s.reason,
    outcome: e.outcome === 'error' ? 'error' : 'ok',
    fullRead: s.fullRead,
    read: s.read,
    applied: s.applied,
    failed: s.failed,
    held: s.held,
    durationMs: s.durationMs,
    error: e.outcome === 'error' ? { code: e.code, message: e.message } : null,
  };
}

function conflictView(e: SyncLogEntry): ConflictView | null {
  const c = e.conflict;
  if (!c) return null;
  return { at: e.at, sessionId: e.sessionId, pairId: e.pairId, fields: c.fields, winner: c.winner, applied: e.outcome === 'ok', outlook: { version: c.outlook.version }, crm: { version: c.crm.version } };
}

export function registerAdminMailboxPageRoutes(app: FastifyInstance, deps: AdminMailboxDeps): void {
  app.get(ADMIN_ROUTES.mailbox.url, async (req): Promise<MailboxDetailResponse> => {
    requireAdmin(req.caller, deps.adminRole);
    const params = mailboxErasureParamsSchema.safeParse(req.params);
    if (!params.success) throw new HttpError(400, 'bad_request', 'mailbox: must be a mailbox id or an e-mail address');
    const found = await deps.mailboxes.find(deps.tenantId, params.data.mailbox);
    if (!found) throw new HttpError(404, 'not_found', 'No such mailbox.');
    const [sessions, errors, conflicts, interval] = await Promise.all([
      deps.mailboxes.logOf(found.mailboxId, 'session', SESSIONS),
      deps.mailboxes.errorsOf(found.mailboxId, ERRORS),
      deps.mailboxes.logOf(found.mailboxId, 'conflict', CONFLICTS),
      deps.intervalMinutes(),
    ]);
    return {
      mailbox: mailboxRow(found, interval, deps.now()),
      sessions: sessions.flatMap((e) => sessionView(e) ?? []),
      errors,
      conflicts: conflicts.flatMap((e) => conflictView(e) ?? []),
    };
  });

  app.post(ADMIN_ROUTES.retryItem.url, async (req, reply): Promise<ItemRetryResponse> => {
    const caller = requireAdmin(req.caller, deps.adminRole);
    const params = itemParamsSchema.safeParse(req.params);
    if (!params.success) throw new HttpError(400, 'bad_request', 'mailbox: a mailbox id or e-mail address; pairId: an item id of the mailbox page');
    const found = await deps.mailboxes.find(deps.tenantId, params.data.mailbox);
    if (!found) throw new HttpError(404, 'not_found', 'No such mailbox.');
    const { pairId } = params.data;
    const audit = { actor: caller.userId, action: 'item.retry', target: found.mailboxId, detail: { pairId } };
    if (!(await deps.mailboxes.retryItem(deps.tenantId, found.mailboxId, pairId, audit))) throw new HttpError(404, 'not_found', 'The mailbox has no such item in error.');
    // A session reads every item in error again (R9): this one among them, now rather than at the next turn.
    await deps.askSession(found.mailboxId);
    req.log.info({ adminUserId: caller.userId, mailboxId: found.mailboxId, pairId }, 'admin retried an item');
    reply.code(202);
    return { pairId, sessionAsked: true };
  });
}
