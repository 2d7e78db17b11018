// Idle cost: what one scheduled cycle costs when nothing changed anywhere. A cycle is the tenant's C4C change
// query plus one session per mailbox. Floor (DESIGN §3): one Graph delta call per synced folder or list of a mailbox
// and one C4C query per tenant and family. Counted by the sandboxes' request counters after the sync has settled.
// The contact family (R14) is measured with a few sync list entries per mailbox (its floor: one delta call on the
// service's contact folder, and one change query per contact record type of the tenant).
// `--family google` measures the demo's Google Workspace mailboxes (bench/lib/google-idle.ts).
//   npm run bench:idle-cost [-- --mailboxes 5 --cycles 3 --family calendar|tasks|contacts|google]
import { DEMO_USERS, type DemoUser } from '../src/sandbox/common/demo-tenant.js';
import type { SyncListEntryRef } from '../src/server/ports/sync-list.js';
import { contactSync } from '../src/server/sync/contact-sync.js';
import { calendarSync, taskSync, type FamilySync } from '../src/server/sync/family-sync.js';
import { runSession } from '../src/server/sync/run/session.js';
import { pollTenant } from '../src/server/sync/tenant/poll.js';
import { TENANT_ID, startSyncHarness, type SyncHarness } from '../test/support/sync-harness.js';
import { runGoogleIdleCost } from './lib/google-idle.js';
import { isMain, numberArg, printResult, stringArg, type BenchResult } from './lib/report.js';
import { TEST_SEALER } from '../test/support/test-sealer.js';

export interface IdleCostOptions {
  mailboxes?: number;
  cycles?: number;
  /** The item family measured (default the calendar). */
  family?: 'calendar' | 'tasks' | 'contacts';
}

/** Sync list entries per mailbox for the contact family: a few contacts, an account, an employee (the demo users). */
const CONTACT_ENTRIES = 4;

/** A few sync list entries per mailbox: two contacts of the tenant, an account, and a colleague as employee. */
export async function putFewEntriesOnLists(h: SyncHarness, users: readonly DemoUser[]): Promise<void> {
  const contacts = await h.c4c.query('ContactCollection', "StatusCode eq '2'");
  const [account] = await h.c4c.query('CorporateAccountCollection', "LifeCycleStatusCode eq '2'");
  for (const [i, user] of users.entries()) {
    const refs: SyncListEntryRef[] = contacts.slice(i * 2, i * 2 + CONTACT_ENTRIES - 2).map((c) => ({ type: 'contact', c4cId: String(c.ContactID) }));
    if (account) refs.push({ type: 'account', c4cId: String(account.AccountID) });
    const colleague = users[(i + 1) % users.length];
    if (colleague) refs.push({ type: 'employee', c4cId: colleague.c4cEmployeeId });
    for (const ref of refs) await h.syncList.add(user.id, ref, 'user');
  }
}

const isTokenRoute = (route: string) => /oauth2|discovery|openid/.test(route);

export async function runIdleCost(options: IdleCostOptions = {}): Promise<BenchResult> {
  const users = DEMO_USERS.slice(0, Math.min(DEMO_USERS.length, options.mailboxes ?? DEMO_USERS.length));
  const cycles = options.cycles ?? 3;
  const family = options.family ?? 'calendar';
  // The task source trusts a listing of To Do lists for 30 minutes in the service, as here.
  const h = await startSyncHarness('pglite', { users, families: [family], taskListRefreshMs: 30 * 60_000 });
  const families =
    family === 'tasks'
      ? [taskSync({ tasks: h.tasks, crm: h.crmTasks }) as unknown as FamilySync]
      : family === 'contacts'
        ? [contactSync({ contacts: h.contacts, crm: h.crmContacts, syncList: h.syncList }) as unknown as FamilySync]
        : [calendarSync(h)];
  try {
    if (family === 'contacts') await putFewEntriesOnLists(h, users);
    await h.settle(6);
    const inError: string[] = [];
    for (const user of users) {
      for (const pair of await h.store.loadPairs(user.id)) if (pair.status === 'error') inError.push(`${user.mail}: ${pair.lastError?.code ?? '?'}`);
    }
    const graphPerMailbox: number[] = [];
    const c4cPerTenant: number[] = [];
    const routes: Record<string, number> = {};
    const rereads: string[] = [];
    // The contact family here is a new instance (a new process): its first session reads each list entry once by id,
    // which is a restart's cost, not an idle cycle's. One uncounted cycle warms it.
    if (family === 'contacts') {
      await pollTenant({ store: h.store, families, clock: h.clock }, TENANT_ID);
      for (const user of users) await runSession({ store: h.store, families, clock: h.clock, sealer: TEST_SEALER }, user.id);
    }
    for (let cycle = 0; cycle < cycles; cycle += 1) {
      await h.resetCounters();
      const poll = await pollTenant({ store: h.store, families, clock: h.clock }, TENANT_ID);
      for (const user of users) await runSession({ store: h.store, families, clock: h.clock, sealer: TEST_SEALER }, user.id);
      const { graph, c4c } = await h.counters();
      const count = (byRoute: Record<string, number>) =>
        Object.entries(byRoute).reduce((n, [route, k]) => {
          if (isTokenRoute(route)) return n;
          routes[route] = (routes[route] ?? 0) + k;
          return n + k;
        }, 0);
      graphPerMailbox.push(count(graph.byRoute) / users.length);
      c4cPerTenant.push(count(c4c.byRoute));
      rereads.push(`${poll.activities} activities for ${poll.mailboxIds.length} mailboxes`);
    }
    const max = (xs: number[]) => Math.max(...xs);
    // Tasks: a mailbox has its default list and the service list, so two delta calls are its floor. Contacts: the
    // service's contact folder, one delta call; C4C: one change query per record type (four entity sets).
    const graphFloor = family === 'tasks' ? 2 : 1;
    const c4cFloor = family === 'contacts' ? 4 : 1;
    return {
      bench: `idle cost of the ${family} family (${users.length} mailboxes, 1 tenant, ${cycles} idle cycles after settling)`,
      figures: [
        { name: 'Graph requests per mailbox per cycle (max)', value: max(graphPerMailbox), unit: 'req', baseline: graphFloor, baselineLabel: family === 'tasks' ? 'floor: one delta call per list (2)' : family === 'contacts' ? 'floor: one delta call on the contact folder' : 'floor: one delta call' },
        { name: 'C4C requests per tenant per cycle (max)', value: max(c4cPerTenant), unit: 'req', baseline: c4cFloor, baselineLabel: family === 'contacts' ? 'floor: one change query per record type (4)' : 'floor: one change query' },
      ],
      notes: [
        `pairs in error after settling: ${inError.length}${inError.length > 0 ? ` (${inError.join(', ')})` : ''}; R9 re-reads them every session unless only an edit of the item can clear the error (allDayTooLong, invalidItem)`,
        family === 'contacts'
          ? `contacts: ${CONTACT_ENTRIES} sync list entries per mailbox (contacts, an account, a colleague as employee); C4C keeps the four record types in four entity sets, one change query each per tenant`
          : family === 'calendar'
          ? 'C4C keeps Appointments and Visits in two entity sets (AppointmentCollection, VisitCollection; its ActivityCollection holds only memo activities), so syncing both kinds takes two change queries'
          : 'tasks: one change query on TasksCollection per tenant; one task delta call per To Do list of a mailbox (its lists are listed again at most every 30 minutes)',
        `the idle change queries returned (per cycle): ${rereads.join('; ')} (the high-water bound is inclusive, so the newest second is read again)`,
        `requests by route over all idle cycles: ${JSON.stringify(routes)}`,
      ],
    };
  } finally {
    await h.close();
  }
}

if (isMain(import.meta.url)) {
  const family = stringArg('family', 'calendar');
  if (family === 'google') printResult(await runGoogleIdleCost({ cycles: numberArg('cycles', 3) }));
  else if (family !== 'calendar' && family !== 'tasks' && family !== 'contacts') throw new Error('--family must be calendar, tasks, contacts or google');
  else printResult(await runIdleCost({ mailboxes: numberArg('mailboxes', 5), cycles: numberArg('cycles', 3), family }));
}
