// The doctor's Microsoft Graph checks: an app token, the clock against Graph's, the mailbox to try, each permission
// the service needs on it, and a real subscription (whose validation handshake tests PUBLIC_URL).
import type { Clock } from '../ports/clock.js';
import type { GraphProbes, ProbeFailure, ProbeMailbox, ProbeOutcome, StoreProbe } from '../ports/doctor-probes.js';
import { described, fail, grantGraphPermission, ok, skip, type CheckResult } from './check.js';

export interface GraphCheckSettings {
  publicUrl: string;
  /** DOCTOR_MAILBOX: the mailbox to try (id or address); null: the first enrolled one, else the tenant's first user. */
  mailbox: string | null;
  /** Whether the To Do family runs (SYNC_FAMILIES includes tasks). */
  tasks: boolean;
}

/** Largest difference between this machine's clock and Graph's that tokens and subscriptions tolerate well. */
export const MAX_CLOCK_SKEW_MS = 60_000;

function tokenFix(failure: ProbeFailure): string {
  const text = `${failure.code} ${failure.message}`;
  if (/AADSTS7000215|AADSTS7000222|invalid_client/i.test(text)) {
    return 'CLIENT_SECRET is not a current secret of the app CLIENT_ID: Entra admin center › App registrations › (the service app) › Certificates & secrets › New client secret, then set CLIENT_SECRET to its value (docs/deploy.md, section 2).';
  }
  if (/AADSTS700016|unauthorized_client/i.test(text)) return 'CLIENT_ID names no app of tenant TENANT_ID: copy the Application (client) ID from the app registration\'s overview.';
  if (/AADSTS90002|invalid_tenant|AADSTS900023/i.test(text)) return 'TENANT_ID is not a tenant: copy the Directory (tenant) ID from the app registration\'s overview.';
  return 'Check GRAPH_AUTHORITY (https://login.microsoftonline.com for Microsoft\'s cloud) and that this machine reaches it (proxy, firewall).';
}

function mailboxFix(failure: ProbeFailure, named: boolean): string | null {
  if (/ErrorInvalidUser|MailboxNotEnabledForRESTAPI|Request_ResourceNotFound/i.test(failure.code)) {
    return named ? 'DOCTOR_MAILBOX names no user with an Exchange Online mailbox: set it to a synced user\'s address.' : 'Set DOCTOR_MAILBOX to a synced user\'s address (this user has no Exchange Online mailbox).';
  }
  return null;
}

/** A permission line: ✔, or ✖ with where to grant the permission (or which mailbox to use instead). */
function permissionLine(id: string, title: string, permission: string, outcome: ProbeOutcome, named: boolean, success: string): CheckResult {
  if (outcome.ok) return ok(id, title, outcome.note ?? success);
  const fix = outcome.status === 403 || outcome.status === 401 ? grantGraphPermission(permission) : (mailboxFix(outcome, named) ?? `Graph refused; see the answer. The permission it needs: ${permission}.`);
  return fail(id, title, described(outcome), fix);
}

async function pickMailbox(graph: GraphProbes, store: StoreProbe | null, settings: GraphCheckSettings, users: Awaited<ReturnType<GraphProbes['firstUser']>>): Promise<{ mailbox: ProbeMailbox; how: string } | CheckResult> {
  const title = 'Mailbox to check';
  if (settings.mailbox) {
    const found = await graph.findUser(settings.mailbox);
    if (!found.ok) return fail('graph.mailbox', title, described(found), mailboxFix(found, true) ?? grantGraphPermission('User.Read.All'));
    return { mailbox: found.mailbox, how: 'DOCTOR_MAILBOX' };
  }
  const enrolled = await store?.firstMailbox();
  if (enrolled) return { mailbox: enrolled, how: 'the first enrolled mailbox' };
  if (users.ok && users.mailbox) return { mailbox: users.mailbox, how: "the tenant's first user with a mail address" };
  return fail('graph.mailbox', title, 'no enrolled mailbox and no user with a mail address to try', 'Set DOCTOR_MAILBOX to a synced user\'s address.');
}

export async function graphChecks(graph: GraphProbes, store: StoreProbe | null, settings: GraphCheckSettings, clock: Clock): Promise<CheckResult[]> {
  const lines: CheckResult[] = [];
  const token = await graph.token();
  if (!token.ok) {
    lines.push(fail('graph.token', 'App token from Entra ID', described(token), tokenFix(token)));
    const why = 'not run: no app token';
    for (const [id, title] of [['graph.clock', 'Clock within 1 minute of Graph'], ['graph.permissions', 'Graph permissions'], ['graph.publicUrl', 'PUBLIC_URL reachable by Graph']]) lines.push(skip(id as string, title as string, why));
    return lines;
  }
  lines.push(ok('graph.token', 'App token from Entra ID', 'client credentials accepted'));

  const users = await graph.firstUser();
  lines.push(users.ok ? ok('graph.users', "Graph: the tenant's users (User.Read.All)", 'listed') : permissionLine('graph.users', "Graph: the tenant's users (User.Read.All)", 'User.Read.All', users, false, 'listed'));

  const graphDate = await graph.serverDate();
  const skew = graphDate ? clock.now().getTime() - graphDate.getTime() : null;
  if (skew === null) lines.push(skip('graph.clock', 'Clock within 1 minute of Graph', 'Graph sent no Date header'));
  else if (Math.abs(skew) <= MAX_CLOCK_SKEW_MS) lines.push(ok('graph.clock', 'Clock within 1 minute of Graph', `${Math.round(skew / 1000)} s from Graph's Date header`));
  else {
    lines.push(fail('graph.clock', 'Clock within 1 minute of Graph', `this machine's clock is ${Math.round(skew / 1000)} s ${skew > 0 ? 'ahead of' : 'behind'} Graph's Date header`, 'Synchronize the clock with NTP (e.g. `timedatectl set-ntp true`, chrony): token lifetimes, subscription expiry and the sync window all depend on it.'));
  }

  const picked = await pickMailbox(graph, store, settings, users);
  if ('status' in picked) {
    lines.push(picked);
    lines.push(skip('graph.publicUrl', 'PUBLIC_URL reachable by Graph', 'not run: no mailbox to subscribe to'));
    return lines;
  }
  const { mailbox, how } = picked;
  const named = settings.mailbox !== null;
  lines.push(ok('graph.mailbox', 'Mailbox to check', `${mailbox.email} (${how})`));
  lines.push(permissionLine('graph.calendar.read', "Graph: read the mailbox's calendar", 'Calendars.ReadWrite', await graph.readCalendar(mailbox), named, 'read'));
  lines.push(permissionLine('graph.calendar.write', "Graph: write the mailbox's calendar", 'Calendars.ReadWrite', await graph.writeCalendar(mailbox), named, 'written'));
  lines.push(permissionLine('graph.categories.read', "Graph: read the mailbox's master categories", 'MailboxSettings.ReadWrite', await graph.readMasterCategories(mailbox), named, 'read'));
  lines.push(permissionLine('graph.categories.write', "Graph: write the mailbox's master categories", 'MailboxSettings.ReadWrite', await graph.writeMasterCategories(mailbox), named, 'written'));
  if (settings.tasks) lines.push(permissionLine('graph.todo', "Graph: the mailbox's To Do", 'Tasks.ReadWrite.All', await graph.todo(mailbox), named, 'read and written'));
  else lines.push(skip('graph.todo', "Graph: the mailbox's To Do", 'the tasks family is off (SYNC_FAMILIES)'));

  const webhook = `${settings.publicUrl}/webhooks/graph`;
  const subscription = await graph.subscription(mailbox, { notificationUrl: webhook, lifecycleNotificationUrl: `${webhook}/lifecycle` });
  const subTitle = 'Graph: create and delete a change subscription';
  const urlTitle = 'PUBLIC_URL reachable by Graph';
  if (subscription.ok) {
    lines.push(ok('graph.subscription', subTitle, subscription.note ?? 'created and deleted'));
    lines.push(ok('graph.publicUrl', urlTitle, `Graph's validation handshake with ${webhook} succeeded`));
  } else if (subscription.status === 400 && /ValidationError/i.test(subscription.code)) {
    lines.push(skip('graph.subscription', subTitle, 'not known: Graph could not validate the notification URL (next line)'));
    lines.push(
      fail(
        'graph.publicUrl',
        urlTitle,
        `Graph's validation request to ${webhook} got no 200 with the token: ${subscription.message}`,
        'PUBLIC_URL must be the https address at which Graph reaches this service from the internet: check the DNS name, the TLS certificate (a public CA), and that the reverse proxy passes /webhooks/ through without authentication or buffering, answering within 10 s (docs/deploy.md, sections 1 and 7). Is the service running there?',
      ),
    );
  } else {
    lines.push(permissionLine('graph.subscription', subTitle, 'Calendars.Read', subscription, named, 'created and deleted'));
    lines.push(skip('graph.publicUrl', urlTitle, 'not known: Graph refused the subscription'));
  }
  return lines;
}
