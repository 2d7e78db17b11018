// Mailbox provisioning: every user of the tenant who is also a C4C employee (matched by e-mail) gets a mailbox,
// the way server-side integration products enrol users. Runs at start-up and is idempotent.
import type { C4cCrmActivities } from './adapters/c4c/index.js';
import type { GraphCalendarSource } from './adapters/graph/index.js';
import type { SqlSessionStore } from './adapters/store/index.js';
import type { Logger } from './log/index.js';

export async function provisionMailboxes(
  deps: { store: SqlSessionStore; calendar: Pick<GraphCalendarSource, 'listUsers'>; crm: Pick<C4cCrmActivities, 'resolveParties'>; logger: Logger },
  tenantId: string,
): Promise<number> {
  const users = (await deps.calendar.listUsers()).filter((u) => (u.mail ?? u.userPrincipalName).includes('@'));
  const emailOf = (u: { mail: string | null; userPrincipalName: string }) => (u.mail ?? u.userPrincipalName).toLowerCase();
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
