// The console's mailbox list and actions (contract: src/shared/admin-mailboxes-api.ts): keyset pages with filters,
// and pause / resume / full resync, each audited in the transaction that does it.
import type { FastifyInstance } from 'fastify';
import { ADMIN_ROUTES, mailboxErasureParamsSchema, mailboxListQuerySchema, type MailboxActionResponse, type MailboxListResponse, type MailboxRow } from '../../shared/admin-api.js';
import { nextDue } from '../jobs/schedule-slots.js';
import type { AdminMailboxes, MailboxOverview } from '../ports/admin-mailboxes.js';
import { requireAdmin } from './admin-guard.js';
import { HttpError } from './errors.js';

export interface AdminMailboxDeps {
  adminRole: string;
  tenantId: string;
  mailboxes: AdminMailboxes;
  /** The tenant's SYNC_INTERVAL_MINUTES as stored now (the next scheduled session of each mailbox follows from it). */
  intervalMinutes(): Promise<number>;
  /** Asks the workers for a session of the mailbox (after resume and resync). */
  askSession(mailboxId: string): Promise<void>;
  /** Whether a session of the mailbox runs now, in any process (the queue's active job). */
  sessionRunning(mailboxId: string): Promise<boolean>;
  /** How long a pause waits for a running session to finish before it answers; default 10 s. */
  pauseWaitMs?: number;
  now(): Date;
}

/** The page cursor: the last row's e-mail and id, opaque to clients. */
const encodeCursor = (row: MailboxOverview): string => Buffer.from(JSON.stringify([row.email, row.mailboxId])).toString('base64url');

function decodeCursor(cursor: string): { email: string; mailboxId: string } | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') return { email: value[0], mailboxId: value[1] };
  } catch {
    // Not ours: answered as a bad request below.
  }
  return null;
}

export function mailboxRow(m: MailboxOverview, interval: number, now: Date): MailboxRow {
  const errors = Object.values(m.families).reduce((n, f) => n + f.errors, 0);
  const scheduled = m.state !== 'paused' && m.state !== 'disabled';
  return {
    mailboxId: m.mailboxId,
    email: m.email,
    displayName: m.displayName,
    provider: m.provider,
    state: m.state,
    paused: m.pausedAt ? { at: m.pausedAt, by: m.pausedBy } : null,
    lastSessionAt: m.lastSessionAt,
    lastSuccessAt: m.lastSuccessAt,
    nextSessionAt: scheduled ? nextDue(m.mailboxId, interval, now).toISOString() : null,
    lastError: m.lastErrorCode || m.lastErrorMessage ? { code: m.lastErrorCode, message: m.lastErrorMessage } : null,
    families: m.families,
    openErrors: errors,
    openHolds: m.openHolds,
  };
}

export function registerAdminMailboxRoutes(app: FastifyInstance, deps: AdminMailboxDeps): void {
  const row = async (m: MailboxOverview): Promise<MailboxRow> => mailboxRow(m, await deps.intervalMinutes(), deps.now());

  app.get(ADMIN_ROUTES.listMailboxes.url, async (req): Promise<MailboxListResponse> => {
    requireAdmin(req.caller, deps.adminRole);
    const query = mailboxListQuerySchema.safeParse(req.query);
    if (!query.success) throw new HttpError(400, 'bad_request', 'limit: 1 to 200; state: active, paused, held, error or disabled; provider: graph or google; q: 1 to 200 characters');
    const after = query.data.cursor === undefined ? undefined : decodeCursor(query.data.cursor);
    if (after === null) throw new HttpError(400, 'bad_request', 'cursor: must be the next value of a previous page');
    const { rows, more } = await deps.mailboxes.page(deps.tenantId, { after, limit: query.data.limit, q: query.data.q, state: query.data.state, provider: query.data.provider });
    const interval = await deps.intervalMinutes();
    const now = deps.now();
    const last = rows.at(-1);
    return { mailboxes: rows.map((m) => mailboxRow(m, interval, now)), next: more && last ? encodeCursor(last) : null };
  });

  const actions = [
    [ADMIN_ROUTES.pauseMailbox.url, 'pause'],
    [ADMIN_ROUTES.resumeMailbox.url, 'resume'],
    [ADMIN_ROUTES.resyncMailbox.url, 'resync'],
  ] as const;
  for (const [url, action] of actions) {
    app.post(url, async (req): Promise<MailboxActionResponse> => {
      const caller = requireAdmin(req.caller, deps.adminRole);
      const found = await mailboxNamedBy(req.params, deps);
      const audit = { actor: caller.userId, action: `mailbox.${action}`, target: found.mailboxId, detail: {} };
      let changed = true;
      if (action === 'pause') changed = await deps.mailboxes.setPaused(deps.tenantId, found.mailboxId, { at: deps.now().toISOString() }, audit);
      else if (action === 'resume') changed = await deps.mailboxes.setPaused(deps.tenantId, found.mailboxId, null, audit);
      else await deps.mailboxes.forgetCursors(deps.tenantId, found.mailboxId, audit);
      // After the commit: the session reads the new state (a resumed mailbox syncs what waited; a resync reads all).
      if (changed && action !== 'pause') await deps.askSession(found.mailboxId);
      if (changed) req.log.info({ adminUserId: caller.userId, mailboxId: found.mailboxId, action }, `admin: mailbox ${action}`);
      // A session that started before the pause was recorded still writes: answer once it has finished, so an admin
      // (or a script) that pauses before touching the mailbox knows nothing more happens behind their back.
      const sessionRunning = action === 'pause' ? await stillRunningAfter(() => deps.sessionRunning(found.mailboxId), deps.pauseWaitMs ?? 10_000) : undefined;
      const after = await deps.mailboxes.find(deps.tenantId, found.mailboxId);
      return { mailbox: await row(after ?? found), changed, ...(sessionRunning === undefined ? {} : { sessionRunning }) };
    });
  }
}

/** Polls `running` until it says no or `waitMs` passed; whether it still ran then. */
async function stillRunningAfter(running: () => Promise<boolean>, waitMs: number): Promise<boolean> {
  const until = Date.now() + waitMs;
  for (;;) {
    if (!(await running())) return false;
    if (Date.now() >= until) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The mailbox a `:mailbox` route parameter names (its id or address): 400 when it is neither, 404 when no such one. */
export async function mailboxNamedBy(params: unknown, deps: { tenantId: string; mailboxes: Pick<AdminMailboxes, 'find'> }): Promise<MailboxOverview> {
  const parsed = mailboxErasureParamsSchema.safeParse(params);
  if (!parsed.success) throw new HttpError(400, 'bad_request', 'mailbox: must be a mailbox id or an e-mail address');
  const found = await deps.mailboxes.find(deps.tenantId, parsed.data.mailbox);
  if (!found) throw new HttpError(404, 'not_found', 'No such mailbox.');
  return found;
}
