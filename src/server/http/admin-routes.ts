// The admin routes (`/api/admin/*`, contract: src/shared/admin-api.ts). They sit beside /api and share its bearer
// token check (api-routes.ts sets `req.caller`); on top, the token must carry the admin app role. Every admin
// action is logged with the admin's user id: erasing a user's data, releasing held deletes or re-pairing a tenant is
// exactly what an auditor asks about later.
import type { FastifyInstance } from 'fastify';
import {
  ADMIN_ROUTES,
  holdListQuerySchema,
  holdParamsSchema,
  mailboxErasureParamsSchema,
  type HoldListResponse,
  type HoldSummary,
  type DoctorReport,
  type MailboxErasureResponse,
  type SyncNowResponse,
  type TenantPairingResponse,
  type TenantRepairResponse,
} from '../../shared/admin-api.js';
import type { AuditRecord } from '../ports/admin-console.js';
import { heldPairIds, type HoldStatus, type SessionHold } from '../domain/sync-log.js';
import type { HealthHistoryResponse } from '../../shared/admin-health-api.js';
import { requireAdmin } from './admin-guard.js';
import { registerAdminEnrolmentRoutes, type AdminEnrolmentDeps } from './admin-enrolment-routes.js';
import { registerAdminDryRunRoutes, type AdminDryRunDeps } from './admin-dry-run-routes.js';
import { registerAdminHealthRoutes } from './admin-health-routes.js';
import { registerAdminMailboxPageRoutes } from './admin-mailbox-page-routes.js';
import { registerAdminMailboxRoutes, type AdminMailboxDeps } from './admin-mailbox-routes.js';
import { registerAdminSettingsRoutes, type AdminConsoleDeps } from './admin-settings-routes.js';
import { HttpError } from './errors.js';
import type { VerifiedCaller } from './token-verifier.js';

/** Pair ids listed per hold; the counts per change are always complete. */
const LISTED_PAIRS = 100;

export interface AdminDeps {
  /** The app role (Entra `roles` claim) an admin's token carries (ADMIN_ROLE). */
  adminRole: string;
  /**
   * Erases the mailbox named by its id or e-mail address (jobs/erase-mailbox.ts, wired by main.ts); null when there
   * is no such mailbox.
   */
  eraseMailbox(idOrEmail: string): Promise<MailboxErasureResponse | null>;
  /** The mailbox id of a mailbox named by id or e-mail, or null. */
  resolveMailbox(idOrEmail: string): Promise<string | null>;
  listHolds(filter: { mailboxId?: string; status?: HoldStatus }): Promise<SessionHold[]>;
  /** sync/tenant/holds.ts: null when no such hold; throws HoldNotOpenError (→ 409) when decided already. */
  decideHold(holdId: string, decision: 'release' | 'discard', decidedBy: string): Promise<SessionHold | null>;
  tenant(): TenantPairingResponse | Promise<TenantPairingResponse>;
  /** jobs/sync-now.ts: a session of the named mailbox now, and what it did; null when no such mailbox. */
  syncMailbox(idOrEmail: string): Promise<SyncNowResponse | null>;
  repairTenant(by: string): Promise<TenantRepairResponse>;
  /** The doctor's checks with the service's configuration (doctor/run-checks.ts); absent: 404. */
  checks?(): Promise<DoctorReport>;
  /** The console's settings and audit trail (admin-settings-routes.ts); absent: those routes are not served. */
  console?: Omit<AdminConsoleDeps, 'adminRole'>;
  /** The console's mailbox list and actions (admin-mailbox-routes.ts); absent: those routes are not served. */
  mailboxes?: Omit<AdminMailboxDeps, 'adminRole'>;
  /** The enrolment policy and the enrol / remove actions (admin-enrolment-routes.ts); absent: not served. */
  enrolment?: Omit<AdminEnrolmentDeps, 'adminRole'>;
  /** This process's last hour of health figures (health-history.ts); absent: GET /api/admin/health/history is 404. */
  healthHistory?(): Promise<HealthHistoryResponse>;
  /** The dry run (admin-dry-run-routes.ts); absent: POST /api/admin/dry-run is 404 (a process that runs no sessions' reads). */
  dryRun?: Omit<AdminDryRunDeps, 'adminRole'>;
}

export function holdSummary(hold: SessionHold): HoldSummary {
  const changes: Record<string, number> = {};
  for (const action of hold.actions) if (action.type !== 'recordState') changes[action.type] = (changes[action.type] ?? 0) + 1;
  const { holdId, mailboxId, createdAt, reason, status, decidedAt, decidedBy } = hold;
  return { holdId, mailboxId, createdAt, reason, status, decidedAt, decidedBy, changes, pairIds: heldPairIds(hold).slice(0, LISTED_PAIRS) };
}

export function registerAdminRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const admin = (caller: VerifiedCaller | undefined): VerifiedCaller => requireAdmin(caller, deps.adminRole);
  if (deps.console) registerAdminSettingsRoutes(app, { ...deps.console, adminRole: deps.adminRole });
  if (deps.mailboxes) {
    registerAdminMailboxRoutes(app, { ...deps.mailboxes, adminRole: deps.adminRole });
    registerAdminMailboxPageRoutes(app, { ...deps.mailboxes, adminRole: deps.adminRole });
  }
  if (deps.enrolment) registerAdminEnrolmentRoutes(app, { ...deps.enrolment, adminRole: deps.adminRole });
  if (deps.dryRun) registerAdminDryRunRoutes(app, { ...deps.dryRun, adminRole: deps.adminRole });
  if (deps.healthHistory) registerAdminHealthRoutes(app, { adminRole: deps.adminRole, history: deps.healthHistory });
  // The audit trail of the actions below (written after the action: their stores are not the console's).
  const audit = async (record: AuditRecord): Promise<void> => {
    if (deps.console) await deps.console.store.recordAudit(deps.console.tenantId, record);
  };

  app.delete(ADMIN_ROUTES.eraseMailbox.url, async (req): Promise<MailboxErasureResponse> => {
    const caller = admin(req.caller);
    const params = mailboxErasureParamsSchema.safeParse(req.params);
    if (!params.success) throw new HttpError(400, 'bad_request', 'mailbox: must be a mailbox id or an e-mail address');
    const report = await deps.eraseMailbox(params.data.mailbox);
    if (!report) throw new HttpError(404, 'not_found', 'No such mailbox.');
    req.log.info({ adminUserId: caller.userId, mailboxId: report.mailbox.mailboxId, erased: report.erased, complete: report.complete }, 'admin erased a mailbox');
    // Whose data it was is exactly what an erasure must not keep: the row says who erased a mailbox, and when.
    await audit({ actor: caller.userId, action: 'mailbox.erase', target: null, detail: { rows: Object.values(report.erased).reduce((a, b) => a + b, 0), complete: report.complete } });
    return report;
  });

  app.post(ADMIN_ROUTES.syncMailbox.url, async (req): Promise<SyncNowResponse> => {
    const caller = admin(req.caller);
    const params = mailboxErasureParamsSchema.safeParse(req.params);
    if (!params.success) throw new HttpError(400, 'bad_request', 'mailbox: must be a mailbox id or an e-mail address');
    let report: SyncNowResponse | null;
    try {
      report = await deps.syncMailbox(params.data.mailbox);
    } catch (error) {
      if ((error as Error).name === 'MailboxPausedError') throw new HttpError(409, 'conflict', (error as Error).message);
      throw error;
    }
    if (!report) throw new HttpError(404, 'not_found', 'No such mailbox.');
    req.log.info({ adminUserId: caller.userId, mailboxId: report.mailbox.mailboxId, finished: report.finished }, 'admin ran a session');
    return report;
  });

  app.get(ADMIN_ROUTES.listHolds.url, async (req): Promise<HoldListResponse> => {
    admin(req.caller);
    const query = holdListQuerySchema.safeParse(req.query);
    if (!query.success) throw new HttpError(400, 'bad_request', 'mailbox: a mailbox id or e-mail address; status: held, released, applied or discarded');
    let mailboxId: string | undefined;
    if (query.data.mailbox !== undefined) {
      mailboxId = (await deps.resolveMailbox(query.data.mailbox)) ?? undefined;
      if (!mailboxId) throw new HttpError(404, 'not_found', 'No such mailbox.');
    }
    return { holds: (await deps.listHolds({ mailboxId, status: query.data.status })).map(holdSummary) };
  });

  for (const decision of ['release', 'discard'] as const) {
    const route = decision === 'release' ? ADMIN_ROUTES.releaseHold : ADMIN_ROUTES.discardHold;
    app.post(route.url, async (req): Promise<HoldSummary> => {
      const caller = admin(req.caller);
      const params = holdParamsSchema.safeParse(req.params);
      if (!params.success) throw new HttpError(400, 'bad_request', 'holdId: must name a hold');
      let hold: SessionHold | null;
      try {
        hold = await deps.decideHold(params.data.holdId, decision, caller.userId);
      } catch (error) {
        if ((error as Error).name === 'HoldNotOpenError') throw new HttpError(409, 'conflict', (error as Error).message);
        throw error;
      }
      if (!hold) throw new HttpError(404, 'not_found', 'No such hold.');
      req.log.info({ adminUserId: caller.userId, holdId: hold.holdId, mailboxId: hold.mailboxId, decision, changes: holdSummary(hold).changes }, `admin ${decision === 'release' ? 'released' : 'discarded'} a hold`);
      await audit({ actor: caller.userId, action: `hold.${decision}`, target: hold.mailboxId, detail: { holdId: hold.holdId, changes: holdSummary(hold).changes } });
      return holdSummary(hold);
    });
  }

  // Slow on purpose (real calls to Graph and C4C, and test records written and deleted): admins only, logged.
  app.get(ADMIN_ROUTES.checks.url, async (req): Promise<DoctorReport> => {
    const caller = admin(req.caller);
    if (!deps.checks) throw new HttpError(404, 'not_found', 'This process does not run the checks.');
    const report = await deps.checks();
    req.log.info({ adminUserId: caller.userId, failed: report.checks.filter((c) => c.status === 'fail').map((c) => c.id) }, 'admin ran the checks');
    return report;
  });

  app.get(ADMIN_ROUTES.tenant.url, async (req): Promise<TenantPairingResponse> => {
    admin(req.caller);
    return deps.tenant();
  });

  app.post(ADMIN_ROUTES.repairTenant.url, async (req): Promise<TenantRepairResponse> => {
    const caller = admin(req.caller);
    const result = await deps.repairTenant(caller.userId);
    req.log.warn({ adminUserId: caller.userId, pairedWith: result.pairedWith, pairsForgotten: result.pairsForgotten }, 'admin re-paired the tenant with a C4C system');
    await audit({ actor: caller.userId, action: 'tenant.re-pair', target: 'tenant', detail: { systemId: result.pairedWith.systemId, pairsForgotten: result.pairsForgotten } });
    return result;
  });
}
