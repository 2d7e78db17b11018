// The admin routes (`/api/admin/*`, contract: src/shared/admin-api.ts). They sit beside /api and share its bearer
// token check (api-routes.ts sets `req.caller`); on top, the token must carry the admin app role. Every admin
// action is logged with the admin's user id: erasing a user's data is exactly what an auditor asks about later.
import type { FastifyInstance } from 'fastify';
import { ADMIN_ROUTES, mailboxErasureParamsSchema, type MailboxErasureResponse } from '../../shared/admin-api.js';
import { HttpError } from './errors.js';
import type { VerifiedCaller } from './token-verifier.js';

export interface AdminDeps {
  /** The app role (Entra `roles` claim) an admin's token carries (ADMIN_ROLE). */
  adminRole: string;
  /**
   * Erases the mailbox named by its id or e-mail address (jobs/erase-mailbox.ts, wired by main.ts); null when there
   * is no such mailbox.
   */
  eraseMailbox(idOrEmail: string): Promise<MailboxErasureResponse | null>;
}

export function registerAdminRoutes(app: FastifyInstance, deps: AdminDeps): void {
  function admin(caller: VerifiedCaller | undefined): VerifiedCaller {
    if (!caller) throw new HttpError(401, 'unauthorized', 'Sign in first.');
    if (!caller.roles.includes(deps.adminRole)) throw new HttpError(403, 'forbidden', `This needs the ${deps.adminRole} app role.`);
    return caller;
  }

  app.delete(ADMIN_ROUTES.eraseMailbox.url, async (req): Promise<MailboxErasureResponse> => {
    const caller = admin(req.caller);
    const params = mailboxErasureParamsSchema.safeParse(req.params);
    if (!params.success) throw new HttpError(400, 'bad_request', 'mailbox: must be a mailbox id or an e-mail address');
    const report = await deps.eraseMailbox(params.data.mailbox);
    if (!report) throw new HttpError(404, 'not_found', 'No such mailbox.');
    req.log.info({ adminUserId: caller.userId, mailboxId: report.mailbox.mailboxId, erased: report.erased, complete: report.complete }, 'admin erased a mailbox');
    return report;
  });
}
