// Idle cost: what one scheduled cycle costs when nothing changed anywhere. A cycle is the tenant's C4C change
// query plus one session per mailbox. Floor (DESIGN §3): one Graph delta call per synced folder or list of a mailbox
// and one C4C query per tenant and family. Counted by the sandboxes' request counters after the sync has settled.
//   npm run bench:idle-cost [-- --mailboxes 5 --cycles 3 --family calendar|tasks]
import { DEMO_USERS } from '../src/sandbox/common/demo-tenant.js';
import { calendarSync, taskSync, type FamilySync } from '../src/server/sync/family-sync.js';
import { runSession } from '../src/server/sync/run/session.js';
import { pollTenant } from '../src/server/sync/tenant/poll.js';
import { TENANT_ID, startSyncHarness } from '../test/support/sync-harness.js';
import { isMain, numberArg, printResult, stringArg, type BenchResult } from './lib/report.js';
import { TEST_SEALER } from '../test/support/test-sealer.js';

export interface IdleCostOptions {
  mailboxes?: number;
  cycles?: number;
  /** The item family measured (default the calendar). */
  family?: 'calendar' | 'tasks';
}

const isTokenRoute = (route: string) => /oauth2|discovery|openid/.test(route);

export async function runIdleCost(options: IdleCostOptions = {}): Promise<BenchResult> {
  const users = DEMO_USERS.slice(0, Math.min(DEMO_USERS.length, options.mailboxes ?? DEMO_USERS.length));
  const cycles = options.cycles ?? 3;
  const family = options.family ?? 'calendar';
  // The task source trusts a listing of To Do lists for 30 minutes in the service, as here.
  const h = await startSyncHarness('pglite', { users, families: [family], taskListRefreshMs: 30 * 60_000 });
  const families = family === 'tasks' ? [taskSync({ tasks: h.tasks, crm: h.crmTasks }) as unknown as FamilySync] : [calendarSync(h)];
  try {
    await h.settle(6);
    const inError: string[] = [];
    for (const user of users) {
      for (const pair of await h.store.loadPairs(user.id)) if (pair.status === 'error') inError.push(`${user.mail}: ${pair.lastError?.code ?? '?'}`);
    }
    const graphPerMailbox: number[] = [];
    const c4cPerTenant: number[] = [];
    const routes: Record<string, number> = {};
    const rereads: string[] = [];
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
    // Tasks: a mailbox has its default list and the service list, so two delta calls are its floor.
    const graphFloor = family === 'tasks' ? 2 : 1;
    return {
      bench: `idle cost of the ${family} family (${users.length} mailboxes, 1 tenant, ${cycles} idle cycles after settling)`,
      figures: [
        { name: 'Graph requests per mailbox per cycle (max)', value: max(graphPerMailbox), unit: 'req', baseline: graphFloor, baselineLabel: family === 'tasks' ? 'floor: one delta call per list (2)' : 'floor: one delta call' },
        { name: 'C4C requests per tenant per cycle (max)', value: max(c4cPerTenant), unit: 'req', baseline: 1, baselineLabel: 'floor: one change query' },
      ],
      notes: [
        `pairs in error after settling: ${inError.length}${inError.length > 0 ? ` (${inError.join(', ')})` : ''}; R9 re-reads them every session unless only an edit of the item can clear the error (allDayTooLong, invalidItem)`,
        family === 'calendar'
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
  if (family !== 'calendar' && family !== 'tasks') throw new Error('--family must be calendar or tasks');
  printResult(await runIdleCost({ mailboxes: numberArg('mailboxes', 5), cycles: numberArg('cycles', 3), family }));
}
