// The doctor's Graph permission checks on one mailbox (DOCTOR_MAILBOX, else the first enrolled one, else the tenant's
// first user): the tenant's users, the calendar and the master categories read and written, To Do. Each ✖ names the
// application permission and where to grant it.
import type { GraphProbes, ProbeFailure, ProbeMailbox, ProbeOutcome, StoreProbe } from '../ports/doctor-probes.js';
import { described, fail, grantGraphPermission, ok, skip, type CheckResult } from './check.js';

function mailboxFix(failure: ProbeFailure, named: boolean): string | null {
  if (/ErrorInvalidUser|MailboxNotEnabledForRESTAPI|Request_ResourceNotFound/i.test(failure.code)) {
    return named ? "DOCTOR_MAILBOX names no user with an Exchange Online mailbox: set it to a synced user's address." : "Set DOCTOR_MAILBOX to a synced user's address (this user has no Exchange Online mailbox).";
  }
  return null;
}

/** A permission line: ✔, or ✖ with where to grant the permission (or which mailbox to use instead). */
export function permissionLine(id: string, title: string, permission: string, outcome: ProbeOutcome, named: boolean, success: string): CheckResult {
  if (outcome.ok) return ok(id, title, outcome.note ?? success);
  const fix = outcome.status === 403 || outcome.status === 401 ? grantGraphPermission(permission) : (mailboxFix(outcome, named) ?? `Graph refused; see the answer. The permission it needs: ${permission}.`);
  return fail(id, title, described(outcome), fix);
}

export interface PermissionChecks {
  lines: CheckResult[];
  /** The mailbox checked, or null when none could be picked (its line says why). */
  mailbox: ProbeMailbox | null;
}

async function pickMailbox(graph: GraphProbes, store: StoreProbe | null, named: string | null, users: Awaited<ReturnType<GraphProbes['firstUser']>>): Promise<CheckResult & { mailbox?: ProbeMailbox }> {
  const title = 'Mailbox to check';
  if (named) {
    const found = await graph.findUser(named);
    if (!found.ok) return fail('graph.mailbox', title, described(found), mailboxFix(found, true) ?? grantGraphPermission('User.Read.All'));
    return { ...ok('graph.mailbox', title, `${found.mailbox.email} (DOCTOR_MAILBOX)`), mailbox: found.mailbox };
  }
  const enrolled = await store?.firstMailbox();
  if (enrolled) return { ...ok('graph.mailbox', title, `${enrolled.email} (the first enrolled mailbox)`), mailbox: enrolled };
  if (users.ok && users.mailbox) return { ...ok('graph.mailbox', title, `${users.mailbox.email} (the tenant's first user with a mail address)`), mailbox: users.mailbox };
  return fail('graph.mailbox', title, 'no enrolled mailbox and no user with a mail address to try', "Set DOCTOR_MAILBOX to a synced user's address.");
}

export async function permissionChecks(graph: GraphProbes, store: StoreProbe | null, settings: { mailbox: string | null; tasks: boolean }): Promise<PermissionChecks> {
  const usersTitle = "Graph: the tenant's users (User.Read.All)";
  const users = await graph.firstUser();
  const lines = [users.ok ? ok('graph.users', usersTitle, 'listed') : permissionLine('graph.users', usersTitle, 'User.Read.All', users, false, 'listed')];
  const { mailbox, ...picked } = await pickMailbox(graph, store, settings.mailbox, users);
  lines.push(picked);
  if (!mailbox) return { lines, mailbox: null };
  const named = settings.mailbox !== null;
  lines.push(permissionLine('graph.calendar.read', "Graph: read the mailbox's calendar", 'Calendars.ReadWrite', await graph.readCalendar(mailbox), named, 'read'));
  lines.push(permissionLine('graph.calendar.write', "Graph: write the mailbox's calendar", 'Calendars.ReadWrite', await graph.writeCalendar(mailbox), named, 'written'));
  lines.push(permissionLine('graph.categories.read', "Graph: read the mailbox's master categories", 'MailboxSettings.ReadWrite', await graph.readMasterCategories(mailbox), named, 'read'));
  lines.push(permissionLine('graph.categories.write', "Graph: write the mailbox's master categories", 'MailboxSettings.ReadWrite', await graph.writeMasterCategories(mailbox), named, 'written'));
  if (settings.tasks) lines.push(permissionLine('graph.todo', "Graph: the mailbox's To Do", 'Tasks.ReadWrite.All', await graph.todo(mailbox), named, 'read and written'));
  else lines.push(skip('graph.todo', "Graph: the mailbox's To Do", 'the tasks family is off (SYNC_FAMILIES)'));
  return { lines, mailbox };
}
