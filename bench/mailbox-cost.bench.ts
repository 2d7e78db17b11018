// The cost of a mailbox (issue 18, goal 4): per item family, what one idle session and one changed item cost the
// service — CPU milliseconds, database round trips, Graph requests and C4C requests — and what the tenant's change
// query costs per cycle. The sandboxes run in a child process, so the CPU figures are the service's own (with PGlite
// in process, the embedded database's work is included: an upper bound for a worker on PostgreSQL). Database round
// trips are counted on the store's connection (a transaction adds BEGIN and COMMIT). bench/lib/capacity.ts turns the
// figures into the machines a tenant of 1,000 to 100,000 mailboxes needs.
// On PostgreSQL (a private server started for the run) the server's work is not the service's: the worker's figure.
//   npm run bench:mailbox-cost [-- --mailboxes 5 --cycles 5 --items 50 --family calendar,tasks,contacts --driver pglite|postgres]
import { DEMO_USERS, type DemoUser } from '../src/sandbox/common/demo-tenant.js';
import { contactSync } from '../src/server/sync/contact-sync.js';
import { calendarSync, taskSync, type FamilySync } from '../src/server/sync/family-sync.js';
import { runSession } from '../src/server/sync/run/session.js';
import { pollTenant } from '../src/server/sync/tenant/poll.js';
import { TENANT_ID, startSyncHarness, type SyncHarness } from '../test/support/sync-harness.js';
import type { Json } from '../test/support/sync-harness-http.js';
import { stopTestDatabases } from '../test/support/test-database.js';
import { TEST_SEALER } from '../test/support/test-sealer.js';
import { putFewEntriesOnLists } from './idle-cost.bench.js';
import { calendarProbe, taskProbe, type GroupwareProbe } from './insta-sync.bench.js';
import { capacityTable, type Cost, type FamilyCost } from './lib/capacity.js';
import { countRoundTrips, type CountedDatabase } from './lib/db-round-trips.js';
import { countFetches } from './lib/fetch-counter.js';
import { spawnSandboxProcess } from './lib/sandbox-process.js';
import { isMain, mean, numberArg, printResult, stringArg, type BenchResult, type Figure } from './lib/report.js';

type Family = 'calendar' | 'tasks' | 'contacts';

const isTokenRoute = (route: string) => /oauth2|discovery|openid|token/.test(route);
const requests = (byRoute: Record<string, number>) => Object.entries(byRoute).reduce((n, [route, k]) => (isTokenRoute(route) ? n : n + k), 0);

/**
 * What `work` costs: this process's CPU, the store's round trips, and the requests both sandboxes served. Graph's
 * `graph` counts every $batch member as a request (the Graph sandbox replays each against itself, as Graph counts
 * members against a mailbox's limits) and the $batch too; `graphTrips` is the HTTP round trips the service sent.
 */
async function measure(h: SyncHarness, db: CountedDatabase, work: () => Promise<unknown>): Promise<MeasuredCost> {
  await h.resetCounters();
  db.reset();
  const trips = countFetches([`${h.graphUrl}/v1.0/`]);
  const cpu = process.cpuUsage();
  try {
    await work();
  } finally {
    trips.restore();
  }
  const used = process.cpuUsage(cpu);
  const dbTrips = db.count();
  const { graph, c4c } = await h.counters();
  const graphRoutes = Object.fromEntries(Object.entries(graph.byRoute).filter(([route]) => !isTokenRoute(route)));
  return { cpuMs: (used.user + used.system) / 1000, dbTrips, graph: requests(graph.byRoute), c4c: requests(c4c.byRoute), graphTrips: trips.snapshot().total, graphRoutes };
}

/** A Cost with the Graph round trips beside the requests, and Graph's requests by route. */
interface MeasuredCost extends Cost {
  graphTrips: number;
  graphRoutes: Record<string, number>;
}

const per = (a: MeasuredCost, b: MeasuredCost, n: number): MeasuredCost => {
  const routes = new Set([...Object.keys(a.graphRoutes), ...Object.keys(b.graphRoutes)]);
  const graphRoutes = Object.fromEntries([...routes].map((r) => [r, ((a.graphRoutes[r] ?? 0) - (b.graphRoutes[r] ?? 0)) / n]).filter(([, k]) => k !== 0));
  return { cpuMs: (a.cpuMs - b.cpuMs) / n, dbTrips: (a.dbTrips - b.dbTrips) / n, graph: (a.graph - b.graph) / n, c4c: (a.c4c - b.c4c) / n, graphTrips: (a.graphTrips - b.graphTrips) / n, graphRoutes };
};
const average = (costs: MeasuredCost[]): MeasuredCost => ({
  cpuMs: mean(costs.map((c) => c.cpuMs)),
  dbTrips: mean(costs.map((c) => c.dbTrips)),
  graph: mean(costs.map((c) => c.graph)),
  c4c: mean(costs.map((c) => c.c4c)),
  graphTrips: mean(costs.map((c) => c.graphTrips)),
  graphRoutes: {},
});

function familySyncs(h: SyncHarness, family: Family): FamilySync[] {
  if (family === 'tasks') return [taskSync({ tasks: h.tasks, crm: h.crmTasks }) as unknown as FamilySync];
  if (family === 'contacts') return [contactSync({ contacts: h.contacts, crm: h.crmContacts, syncList: h.syncList }) as unknown as FamilySync];
  return [calendarSync(h)];
}

/** Makes `count` changes on each side for one mailbox; returns a function that makes the C4C side's changes. */
interface ItemChanges {
  /** Outlook-side: `count` new items the service must create in C4C (contacts: entries put on the list, read from C4C). */
  outlookSide(count: number, round: number): Promise<void>;
  /** C4C-side: edits of the items made above. */
  crmSide(round: number): Promise<void>;
}

async function changesFor(h: SyncHarness, family: Family, user: DemoUser): Promise<ItemChanges> {
  if (family === 'contacts') {
    let listed: string[] = [];
    let offset = 100;
    return {
      async outlookSide(count) {
        const rows = (await h.c4c.request('GET', `ContactCollection?$select=ObjectID,ContactID&$filter=StatusCode eq '2'&$top=${count}&$skip=${offset}`)).body.d?.results as Json[];
        offset += count;
        listed = rows.map((r) => String(r.ObjectID));
        for (const row of rows) await h.syncList.add(user.id, { type: 'contact', c4cId: String(row.ContactID) }, 'user');
      },
      async crmSide(round) {
        for (const [i, objectId] of listed.entries()) await h.c4c.request('PATCH', `ContactCollection('${objectId}')`, { LastName: `Costed ${round} ${i}` });
      },
    };
  }
  const probe: GroupwareProbe = family === 'tasks' ? await taskProbe(h.graph, user.id) : calendarProbe(h.graph, user.id);
  let subjects: string[] = [];
  return {
    async outlookSide(count, round) {
      subjects = [];
      for (let i = 0; i < count; i += 1) {
        const subject = `Cost ${family} ${round} ${i}`;
        await probe.createTagged(i, subject);
        subjects.push(subject);
      }
    },
    async crmSide(round) {
      for (const subject of subjects) {
        const [row] = await h.c4c.bySubject(probe.crmSet, subject);
        if (!row) throw new Error(`${subject} did not reach C4C`);
        await h.c4c.patch(probe.crmSet, String(row.ObjectID), { Subject: `${subject} edited ${round}` });
      }
    },
  };
}

export interface MailboxCostOptions {
  mailboxes?: number;
  cycles?: number;
  items?: number;
  families?: Family[];
  /** The store: embedded PGlite (its work counts as the service's CPU) or a PostgreSQL server (it does not). */
  driver?: 'pglite' | 'postgres';
}

export async function runMailboxCost(options: MailboxCostOptions = {}): Promise<BenchResult & { costs: FamilyCost[] }> {
  const users = DEMO_USERS.slice(0, Math.min(DEMO_USERS.length, options.mailboxes ?? 5));
  const cycles = options.cycles ?? 5;
  const items = options.items ?? 50;
  const sandboxes = await spawnSandboxProcess();
  const figures: Figure[] = [];
  const notes: string[] = [];
  const costs: FamilyCost[] = [];
  try {
    for (const family of options.families ?? ['calendar', 'tasks', 'contacts']) {
      let counted: CountedDatabase | undefined;
      const h = await startSyncHarness(options.driver ?? 'pglite', {
        users,
        families: [family],
        taskListRefreshMs: 30 * 60_000,
        sandboxes,
        wrapDatabase: (db) => (counted = countRoundTrips(db)).db,
      });
      const db = counted as CountedDatabase;
      const families = familySyncs(h, family);
      const deps = { store: h.store, families, clock: h.clock, sealer: TEST_SEALER, readTogether: <T>(fn: () => Promise<T>) => h.crmReads.together(fn) };
      const poll = () => pollTenant(deps, TENANT_ID);
      const session = (id: string) => runSession(deps, id);
      try {
        if (family === 'contacts') await putFewEntriesOnLists(h, users);
        await h.settle(8);
        // One uncounted idle cycle: a new family instance reads its state once (a restart's cost, not an idle one's).
        await poll();
        for (const user of users) await session(user.id);
        const idlePolls: MeasuredCost[] = [];
        const idleSessions: MeasuredCost[] = [];
        for (let c = 0; c < cycles; c += 1) {
          idlePolls.push(await measure(h, db, poll));
          for (const user of users) idleSessions.push(await measure(h, db, () => session(user.id)));
        }
        const idleSession = average(idleSessions);
        const idlePoll = average(idlePolls);
        const [user] = users as [DemoUser];
        // Each direction's baseline is the same work done just before with nothing changed, subtracted per item.
        const cycleOf = async () => {
          const { mailboxIds } = await poll();
          for (const id of new Set([...mailboxIds, user.id])) await session(id);
        };
        const changes = await changesFor(h, family, user);
        const quietSession = await measure(h, db, () => session(user.id));
        await changes.outlookSide(items, 0);
        const outlookSide = per(await measure(h, db, () => session(user.id)), quietSession, items);
        await h.settle(4);
        const quietCycle = await measure(h, db, cycleOf);
        await changes.crmSide(0);
        const crmSide = per(await measure(h, db, cycleOf), quietCycle, items);
        await h.settle(4);
        const perItem = average([outlookSide, crmSide]);
        costs.push({ family, idleSession, idlePoll, perItem });
        const row = (what: string, cost: MeasuredCost) => [
          { name: `${family}: ${what}, CPU`, value: cost.cpuMs, unit: 'ms' },
          { name: `${family}: ${what}, database round trips`, value: cost.dbTrips, unit: 'trips' },
          { name: `${family}: ${what}, Graph requests ($batch members each count)`, value: cost.graph, unit: 'req' },
          { name: `${family}: ${what}, Graph round trips`, value: cost.graphTrips, unit: 'trips' },
          { name: `${family}: ${what}, C4C requests`, value: cost.c4c, unit: 'req' },
        ];
        const routeNote = (what: string, cost: MeasuredCost) => notes.push(`${family}, ${what}: Graph requests per item by route: ${JSON.stringify(cost.graphRoutes)}`);
        routeNote('Outlook → C4C', outlookSide);
        routeNote('C4C → Outlook', crmSide);
        figures.push(
          ...row('idle session', idleSession),
          ...row('tenant change query per cycle', idlePoll),
          ...row(`changed item, Outlook → C4C (${items} items)`, outlookSide),
          ...row(`changed item, C4C → Outlook (${items} items)`, crmSide),
        );
      } finally {
        await h.close();
      }
    }
    notes.push(`${users.length} mailboxes, ${cycles} idle cycles, ${items} changed items each way; idle session goals: ≤ 5 ms CPU and ≤ 4 database round trips; changed item ≤ 3 ms CPU`);
    notes.push('contacts: "Outlook → C4C" here is entries put on the list (a copy made in Outlook from C4C\'s record); "C4C → Outlook" is edits of those records');
    for (const line of capacityTable(costs)) notes.push(line);
    return { bench: `the cost of a mailbox, per family, on ${options.driver ?? 'pglite'} (sandboxes in a child process)`, figures, notes, costs };
  } finally {
    await sandboxes.close();
    if (options.driver === 'postgres') await stopTestDatabases();
  }
}

if (isMain(import.meta.url)) {
  const families = stringArg('family', 'calendar,tasks,contacts').split(',') as Family[];
  const driver = stringArg('driver', 'pglite');
  if (driver !== 'pglite' && driver !== 'postgres') throw new Error('--driver must be pglite or postgres');
  printResult(await runMailboxCost({ mailboxes: numberArg('mailboxes', 5), cycles: numberArg('cycles', 5), items: numberArg('items', 50), families, driver }));
}
