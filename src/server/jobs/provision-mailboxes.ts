// Mailbox provisioning: every user of the tenant who is also a C4C employee (matched by e-mail) gets a mailbox,
// the way server-side integration products enrol users. Runs at start-up (and from the CLI on a fresh store) and
// is idempotent: a mailbox an administrator disabled stays disabled.
import type { Logger } from '../log/index.js';
import type { CrmActivities } from '../ports/crm-activities.js';
import type { StateStore } from '../ports/state-store.js';
import type { TenantUser, TenantUsers } from '../ports/tenant-users.js';

export interface ProvisionDeps {
  store: Pick<StateStore, 'transaction'>;
  users: TenantUsers;
  crm: Pick<CrmActivities, 'resolveParties'>;
  logger: Logger;
}

export async function provisionMailboxes(deps: ProvisionDeps, tenantId: string): Promise<number> {
  const users = (await deps.users.listUsers()).filter((u) => (u.mail ?? u.userPrincipalName).includes('@'));
  const emailOf = (u: TenantUser) => (u.mail ?? u.userPrincipalName).toLowerCase();
  const parties = await deps.crm.resolveParties(tenantId, users.map(emailOf));
  const employees = new Map(parties.filter((p) => p.partyType === 'employee').map((p) => [p.email.toLowerCase(), p.partyId]));
  let count = 0;
  await deps.store.transaction(async (tx) => {
    for (const user of users) {
      const employeePartyId = employees.get(emailOf(user));
      if (!employeePartyId) continue;
      const existing = await tx.getMailbox(user.id);
      await tx.upsertMailbox({
        mailboxId: user.id,
        tenantId,
        provider: 'graph',
        email: emailOf(user),
        displayName: user.displayName,
        employeePartyId,
        enabled: existing?.enabled ?? true,
      });
      count += 1;
    }
  });
  deps.logger.info({ users: users.length, mailboxes: count }, 'mailboxes provisioned (users who are C4C employees)');
  return count;
}
