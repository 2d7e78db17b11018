// The enrolment policy's routes (contract: src/shared/admin-enrolment-api.ts): read it, preview a proposed one
// (writes nothing), apply it, and enrol or remove one mailbox. Writes are audited in the transaction that makes them.
import type { FastifyInstance } from 'fastify';
import { ADMIN_ROUTES, checkEnrolmentPolicy, type EnrolmentApplied, type EnrolmentPolicy, type EnrolmentPreview, type EnrolmentResponse, type MailboxActionResponse } from '../../shared/admin-api.js';
import { applyEnrolment, previewEnrolment, type EnrolmentActionsDeps } from '../jobs/enrolment.js';
import type { AdminMailboxes } from '../ports/admin-mailboxes.js';
import type { StoredEnrolment } from '../ports/enrolment.js';
import { requireAdmin } from './admin-guard.js';
import { mailboxNamedBy, mailboxRow } from './admin-mailbox-routes.js';
import { HttpError } from './errors.js';

export interface AdminEnrolmentDeps extends EnrolmentActionsDeps {
  adminRole: string;
  mailboxes: AdminMailboxes;
  intervalMinutes(): Promise<number>;
  now(): Date;
}

/** The body's policy, or a 400 naming the field that is wrong. */
function policyOf(body: unknown): EnrolmentPolicy {
  const policy = typeof body === 'object' && body !== null ? (body as { policy?: unknown }).policy : undefined;
  if (policy === undefined) throw new HttpError(400, 'bad_request', 'policy: required, e.g. {"policy":{"mode":"group","groupId":"…"}}');
  const checked = checkEnrolmentPolicy(policy);
  if (!checked.ok) throw new HttpError(400, 'bad_request', checked.message);
  return checked.policy;
}

/** An unknown group is a bad policy: the answer names the field. */
async function orBadGroup<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if ((error as Error).name === 'UnknownGroupError') throw new HttpError(400, 'bad_request', (error as Error).message);
    throw error;
  }
}

export function registerAdminEnrolmentRoutes(app: FastifyInstance, deps: AdminEnrolmentDeps): void {
  const view = async (stored: StoredEnrolment): Promise<EnrolmentResponse> => {
    const known = await deps.store.knownMailboxes(deps.tenantId);
    const enrolled = known.filter((m) => m.enabled).length;
    return { ...stored, enrolled, notEnrolled: known.length - enrolled };
  };

  app.get(ADMIN_ROUTES.enrolment.url, async (req): Promise<EnrolmentResponse> => {
    requireAdmin(req.caller, deps.adminRole);
    return view(await deps.store.readPolicy(deps.tenantId));
  });

  app.post(ADMIN_ROUTES.previewEnrolment.url, async (req): Promise<EnrolmentPreview> => {
    requireAdmin(req.caller, deps.adminRole);
    const policy = policyOf(req.body);
    const { addedIds: _added, removedIds: _removed, ...preview } = await orBadGroup(() => previewEnrolment(deps, policy));
    return preview;
  });

  app.put(ADMIN_ROUTES.applyEnrolment.url, async (req): Promise<EnrolmentApplied> => {
    const caller = requireAdmin(req.caller, deps.adminRole);
    const policy = policyOf(req.body);
    const { preview, stored } = await orBadGroup(() => applyEnrolment(deps, policy, caller.userId));
    return { ...preview, enrolment: await view(stored) };
  });

  for (const [url, decision] of [[ADMIN_ROUTES.enrolMailbox.url, 'enrolled'], [ADMIN_ROUTES.removeMailbox.url, 'removed']] as const) {
    app.post(url, async (req): Promise<MailboxActionResponse> => {
      const caller = requireAdmin(req.caller, deps.adminRole);
      const found = await mailboxNamedBy(req.params, deps);
      const action = decision === 'enrolled' ? 'enrol' : 'remove';
      const changed = await deps.store.setMailboxEnrolment(deps.tenantId, found.mailboxId, decision, { actor: caller.userId, action: `mailbox.${action}`, target: found.mailboxId, detail: {} });
      // After the commit: the mailbox is disabled (no session starts any more) before its state goes.
      if (changed && decision === 'removed') await deps.forget(found.mailboxId);
      if (changed && decision === 'enrolled') await deps.askSession(found.mailboxId);
      if (changed) req.log.info({ adminUserId: caller.userId, mailboxId: found.mailboxId, action }, `admin: mailbox ${action}`);
      const after = (await deps.mailboxes.find(deps.tenantId, found.mailboxId)) ?? found;
      return { mailbox: mailboxRow(after, await deps.intervalMinutes(), deps.now()), changed };
    });
  }
}
