// Mailbox provisioning: every user of the tenant who is also a C4C employee (matched by e-mail) gets a mailbox,
// the way server-side integration products enrol users. Runs at start-up (and from the CLI on a fresh store) and
// is idempotent: a mailbox an administrator disabled stays disabled. Each enabled mailbox then gets the sync
// categories in its master list (R1, R9), so Outlook's Categorize menu offers them before the add-in ever ran.
import pMap from 'p-map';
import type { Logger } from '../log/index.js';
import type { Mailbox } from '../domain/mailbox.js';
import { withDefaults } from '../domain/settings.js';
import type { CrmActivities } from '../ports/crm-activities.js';
import type { StateStore } from '../ports/state-store.js';
import type { TenantUser, TenantUsers } from '../ports/tenant-users.js';
import type { MasterCategoryKeeper } from '../sync/run/master-categories.js';

/** Mailboxes whose master list is checked at once (Graph limits per mailbox, so this only bounds our own load). */
const CATEGORY_CHECKS_AT_ONCE = 8;

export interface ProvisionDeps {
  store: Pick<StateStore, 'transaction' | 'getSettings'>;
  users: TenantUsers;
  crm: Pick<CrmActivities, 'resolveParties'>;
  logger: Logger;
  /** Creates the sync categories in the provisioned mailboxes' master lists; absent: not done here. */
  masterCategories?: MasterCategoryKeeper;
  /**
   * How long provisioning waits for the master list checks (default 10 s): start-up goes on after it, the checks in
   * the background (a large tenant has thousands of mailboxes; each check is one Graph read, and creates if needed).
   */
  categoryWaitMs?: number;
}

export interface CategoryCheckSummary {
  checked: number;
  /** Mailboxes where categories were created. */
  changed: number;
  failed: number;
}

export interface ProvisionReport {
  mailboxes: number;
  /** The master list checks; they may still run when provisioning returns. */
  categories: Promise<CategoryCheckSummary> | null;
}

export async function provisionMailboxes(deps: ProvisionDeps, tenantId: string): Promise<ProvisionReport> {
  const users = (await deps.users.listUsers()).filter((u) => (u.mail ?? u.userPrincipalName).includes('@'));
  const emailOf = (u: TenantUser) => (u.mail ?? u.userPrincipalName).toLowerCase();
  const parties = await deps.crm.resolveParties(tenantId, users.map(emailOf));
  const employees = new Map(parties.filter((p) => p.partyType === 'employee').map((p) => [p.email.toLowerCase(), p.partyId]));
  const provisioned: Mailbox[] = [];
  await deps.store.transaction(async (tx) => {
    for (const user of users) {
      const employeePartyId = employees.get(emailOf(user));
      if (!employeePartyId) continue;
      const existing = await tx.getMailbox(user.id);
      const mailbox: Mailbox = {
        mailboxId: user.id,
        tenantId,
        provider: 'graph',
        email: emailOf(user),
        displayName: user.displayName,
        employeePartyId,
        enabled: existing?.enabled ?? true,
      };
      await tx.upsertMailbox(mailbox);
      provisioned.push(mailbox);
    }
  });
  deps.logger.info({ users: users.length, mailboxes: provisioned.length }, 'mailboxes provisioned (users who are C4C employees)');
  const keeper = deps.masterCategories;
  if (!keeper) return { mailboxes: provisioned.length, categories: null };
  const categories = ensureCategories(deps, keeper, tenantId, provisioned.filter((m) => m.enabled));
  await Promise.race([categories, new Promise((resolve) => setTimeout(resolve, deps.categoryWaitMs ?? 10_000).unref())]);
  return { mailboxes: provisioned.length, categories };
}

async function ensureCategories(deps: ProvisionDeps, keeper: MasterCategoryKeeper, tenantId: string, mailboxes: readonly Mailbox[]): Promise<CategoryCheckSummary> {
  const summary: CategoryCheckSummary = { checked: 0, changed: 0, failed: 0 };
  const settings = withDefaults((await deps.store.getSettings(tenantId)) ?? {});
  await pMap(
    mailboxes,
    async (mailbox) => {
      try {
        const created = await keeper.ensure(mailbox, settings, { force: true });
        summary.checked += 1;
        if (created && created.length > 0) summary.changed += 1;
      } catch {
        // This mailbox's next session tries again (sync/run/master-categories.ts).
        summary.failed += 1;
      }
    },
    { concurrency: CATEGORY_CHECKS_AT_ONCE },
  );
  const message = "sync categories checked in the provisioned mailboxes' master category lists";
  if (summary.failed > 0) deps.logger.warn(summary, message);
  else deps.logger.info(summary, message);
  return summary;
}
