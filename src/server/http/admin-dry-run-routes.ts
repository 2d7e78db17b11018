// POST /api/admin/dry-run (contract: src/shared/admin-dry-run-api.ts): what the next session of a mailbox would do,
// under the stored settings or proposed ones checked exactly as PUT /api/admin/settings checks them. The run itself
// (sync/run/dry-run.ts) writes nothing; so neither does this route: no audit row either (nothing changed), only a log
// line naming the admin and the mailbox. It reads a whole mailbox and the C4C records it concerns, so besides /api's
// limit each admin gets a few a minute (counted here, per process: @fastify/rate-limit runs one limiter per request,
// and /api's gate already used it).
import type { FastifyInstance } from 'fastify';
import { ADMIN_DRY_RUN_ROUTES, DRY_RUN_LISTED_ITEMS, dryRunRequestSchema, type DryRunResponse } from '../../shared/admin-api.js';
import { applySettingValues } from '../config/tenant-settings.js';
import type { Mailbox } from '../domain/mailbox.js';
import type { SyncSettings } from '../domain/settings.js';
import type { DryRunPlan } from '../sync/run/dry-run.js';
import { requireAdmin } from './admin-guard.js';
import { HttpError } from './errors.js';

/** Dry runs per admin per minute. */
export const DRY_RUNS_PER_MINUTE = 4;

export interface AdminDryRunDeps {
  adminRole: string;
  /** The mailbox named by id or e-mail, enrolled or not; null when there is none. */
  findMailbox(idOrEmail: string): Promise<Mailbox | null>;
  /** The tenant's stored settings (what the next session would read). */
  storedSettings(): Promise<SyncSettings>;
  run(mailbox: Mailbox, settings: SyncSettings, rereads: boolean): Promise<DryRunPlan>;
}

/** Refuses an admin's dry run beyond DRY_RUNS_PER_MINUTE in the last minute (a sliding window). */
function dryRunLimiter(now: () => number = Date.now): (adminId: string) => void {
  const recent = new Map<string, number[]>();
  return (adminId) => {
    const at = now();
    const kept = (recent.get(adminId) ?? []).filter((t) => at - t < 60_000);
    if (kept.length >= DRY_RUNS_PER_MINUTE) {
      const seconds = Math.max(1, Math.ceil((kept[0]! + 60_000 - at) / 1000));
      throw new HttpError(429, 'rate_limited', `Too many dry runs; retry in ${seconds} s.`, seconds);
    }
    recent.set(adminId, [...kept, at]);
    // Admins who stopped leave nothing behind.
    for (const [id, times] of recent) if (times.every((t) => at - t >= 60_000)) recent.delete(id);
  };
}

export function registerAdminDryRunRoutes(app: FastifyInstance, deps: AdminDryRunDeps): void {
  const limit = dryRunLimiter();
  app.post(ADMIN_DRY_RUN_ROUTES.dryRun.url, async (req): Promise<DryRunResponse> => {
    const caller = requireAdmin(req.caller, deps.adminRole);
    limit(caller.userId);
    const body = dryRunRequestSchema.safeParse(req.body);
    if (!body.success) throw new HttpError(400, 'bad_request', 'mailbox: a mailbox id or e-mail address; settings: setting names and values, as for PUT /api/admin/settings');
    const stored = await deps.storedSettings();
    const proposed = applySettingValues(stored, body.data.settings ?? {});
    if (!proposed.ok) throw new HttpError(400, 'bad_request', proposed.issues.map((i) => `${i.name}: ${i.message}`).join('; '));
    const mailbox = await deps.findMailbox(body.data.mailbox);
    if (!mailbox) throw new HttpError(404, 'not_found', 'No such mailbox.');
    const plan = await deps.run(mailbox, proposed.settings, proposed.rereads);
    req.log.info({ adminUserId: caller.userId, mailboxId: mailbox.mailboxId, settings: proposed.changes.map((c) => c.setting), items: plan.items.length }, 'admin ran a dry run');
    return {
      mailbox: { mailboxId: mailbox.mailboxId, email: mailbox.email, enrolled: mailbox.enabled },
      settingChanges: proposed.changes,
      families: plan.families,
      items: plan.items.slice(0, DRY_RUN_LISTED_ITEMS),
      itemCount: plan.items.length,
    };
  });
}
