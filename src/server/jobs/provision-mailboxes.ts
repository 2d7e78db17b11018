// Mailbox provisioning: every user of the tenant who is also a C4C employee (matched by e-mail) gets a mailbox,
// the way server-side integration products enrol users. Runs at start-up (and from the CLI on a fresh store) and
// is idempotent. The enrolment policy (issue 17, jobs/enrolment.ts) decides which of them are enrolled (synced);
// the others are registered but disabled, so the admin console lists them and can enrol them. Each enabled mailbox
// then gets the sync categories in its master list (R1, R9), so Outlook's Categorize menu offers them before the
// add-in ever ran.
import pMap from 'p-map';
import type { Logger } from '../log/index.js';
import type { Mailbox } from '../domain/mailbox.js';
import { providerOf, type GoogleEnrolment } from '../domain/mailbox-provider.js';
import { withDefaults } from '../domain/settings.js';
import type { CrmActivities } from '../ports/crm-activities.js';
import type { StateStore } from '../ports/state-store.js';
import type { TenantUser, TenantUsers } from '../ports/tenant-users.js';
import type { MasterCategoryKeeper } from '../sync/run/master-categories.js';
import { enrolmentDecider, type EnrolmentDeciderDeps } from './enrolment.js';

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
  /**
   * R10: the users at Google (the others are at Microsoft 365), and the Google calendar source that creates each
   * Google mailbox's two calendars. A listed address the directory lacks still gets a mailbox (id `google:<address>`).
   */
  google?: { enrolment: GoogleEnrolment; calendars: { ensureCalendars(mailbox: Mailbox): Promise<unknown> } };
  /**
   * The stored enrolment policy and the directory's groups; absent: every C4C employee is enrolled (the `all`
   * policy). `forget`: forgets the sync state of a mailbox the policy no longer takes in (jobs/erase-mailbox.ts).
   */
  enrolment?: EnrolmentDeciderDeps & { forget?(mailboxId: string): Promise<unknown> };
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
  const listed = (await deps.users.listUsers()).filter((u) => (u.mail ?? u.userPrincipalName).includes('@'));
  const emailOf = (u: TenantUser) => (u.mail ?? u.userPrincipalName).toLowerCase();
  const known = new Set(listed.map(emailOf));
  const googleOnly: TenantUser[] = (deps.google?.enrolment.users ?? []).filter((mail) => !known.has(mail)).map((mail) => ({ id: `google:${mail}`, displayName: mail, mail, userPrincipalName: mail }));
  const users = [...listed, ...googleOnly];
  const enrolment = deps.google?.enrolment ?? { users: [], domains: [] };
  const parties = await deps.crm.resolveParties(tenantId, users.map(emailOf));
  const employees = new Map(parties.filter((p) => p.partyType === 'employee').map((p) => [p.email.toLowerCase(), p.partyId]));
  const decide = deps.enrolment ? await enrolmentDecider(deps.enrolment, tenantId, deps.logger) : null;
  const provisioned: Mailbox[] = [];
  const leaving: string[] = [];
  await deps.store.transaction(async (tx) => {
    for (const user of users) {
      const employeePartyId = employees.get(emailOf(user));
      if (!employeePartyId) continue;
      const existing = await tx.getMailbox(user.id);
      const wanted = providerOf(emailOf(user), enrolment);
      // A mailbox keeps its provider: its pairs, cursor and item ids are that provider's. Moving a user to the other
      // one is an erasure (DELETE /api/admin/mailboxes/…) and the next start's provisioning.
      if (existing && existing.provider !== wanted) deps.logger.warn({ mailboxId: user.id, provider: existing.provider, setting: wanted }, "a mailbox's provider differs from the Google enrolment setting; it keeps its provider until it is erased");
      const mailbox: Mailbox = {
        mailboxId: user.id,
        tenantId,
        provider: existing?.provider ?? wanted,
        email: emailOf(user),
        displayName: user.displayName,
        employeePartyId,
        enabled: decide ? decide({ mailboxId: user.id, email: emailOf(user) }, existing?.enabled ?? null) : (existing?.enabled ?? true),
      };
      if (existing?.enabled && !mailbox.enabled) leaving.push(mailbox.mailboxId);
      await tx.upsertMailbox(mailbox);
      provisioned.push(mailbox);
    }
  });
  deps.logger.info({ users: users.length, mailboxes: provisioned.length, notEnrolled: provisioned.filter((m) => !m.enabled).length, google: provisioned.filter((m) => m.provider === 'google').length }, 'mailboxes provisioned (users who are C4C employees)');
  // Mailboxes the policy no longer takes in (they left the group): their sync state goes, as when an admin removes one.
  const forget = deps.enrolment?.forget;
  if (forget) for (const mailboxId of leaving) await forget(mailboxId).catch((error: unknown) => deps.logger.warn({ mailboxId, err: (error as Error).message }, "a mailbox left the enrolment policy but its sync state could not be forgotten; it is disabled all the same"));
  const google = deps.google;
  if (google) {
    // R10: each Google mailbox's two calendars, before its first session (which would otherwise make them itself).
    const calendars = Promise.all(
      provisioned.filter((m) => m.enabled && m.provider === 'google').map((m) =>
        google.calendars.ensureCalendars(m).catch((error: unknown) => deps.logger.warn({ mailboxId: m.mailboxId, err: (error as Error).message }, "a Google mailbox's calendars could not be made ready; its next session tries again")),
      ),
    );
    await Promise.race([calendars, new Promise((resolve) => setTimeout(resolve, deps.categoryWaitMs ?? 10_000).unref())]);
  }
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
