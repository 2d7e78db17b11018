// Throughput and scale. The sandbox tenant is grown to N mailboxes (default 1,000: the demo users, then
// user0006@contoso.example …, in both sandboxes; bench/lib/scale-tenant.ts), each given `items` changed items (Outlook
// creates with the CRM category).
// Part 1: one worker in this process (PGlite) syncs them: items/s and RSS, against one mailbox alone as the baseline.
// Part 2: the same load on PostgreSQL with 1, 2 and 4 worker processes plus one web process, which takes the change
// notifications (posted by the bench as Graph would) and enqueues the sessions: start-up time (provisioning, one
// subscription and one first session per mailbox), then items/s of the changed items only, and the speed-up over one worker.
//   npm run bench:throughput [-- --mailboxes 1000 --items 20 --workers 1,2,4]
import { cpus } from 'node:os';
import { DEMO_USERS, tenantUsers, type DemoUser } from '../src/sandbox/common/demo-tenant.js';
import { mailboxOf, startSyncHarness, type SyncHarness } from '../test/support/sync-harness.js';
import { startPostgres } from '../test/support/postgres.js';
import { machineBusyCpuSeconds, processCpuSeconds, treeRssBytes } from './lib/process-tree.js';
import { waitQuiet, waitSubscribed } from './lib/quiet.js';
import { isMain, numberArg, printResult, type BenchResult, type Figure } from './lib/report.js';
import { c4cCount, growTenant, notifyChanged, seedMailboxes } from './lib/scale-tenant.js';
import { freePort, serviceEnv, spawnService, startSandboxPair, stopChild, waitFor, waitReady, type ChildService } from './lib/service-stack.js';

const MB = 1024 * 1024;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const benchStarted = performance.now();
/** Progress on stderr: a full run takes minutes, and the phases show where the time goes. */
const progress = (what: string) => {
  if (process.env.BENCH_QUIET !== '1') process.stderr.write(`[throughput +${seconds(performance.now() - benchStarted)}] ${what}\n`);
};

/** One worker in this process: one cycle per mailbox (tenant poll + session), timed from the first cycle. */
async function inProcessRate(h: SyncHarness, users: readonly DemoUser[], items: number, prefix: string): Promise<{ rate: number; ms: number; cpuS: number }> {
  await seedMailboxes(h.graphUrl, users, items, prefix);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (const u of users) await h.cycle(u.id);
  const ms = performance.now() - started;
  // CPU of this process (worker, both sandboxes, PGlite) in the window: on a shared machine, steadier than the rate.
  const cpu = process.cpuUsage(cpuBefore);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  const landed = await c4cCount(h.c4cUrl, prefix);
  if (landed !== users.length * items) throw new Error(`${prefix}: ${landed} of ${users.length * items} items reached C4C`);
  return { rate: (users.length * items) / (ms / 1000), ms, cpuS };
}

async function inProcess(users: readonly DemoUser[], items: number, figures: Figure[], notes: string[]): Promise<void> {
  const demo = users.slice(0, DEMO_USERS.length);
  const h = await startSyncHarness('pglite', { users: demo });
  try {
    await h.settle(6); // the demo users' seeded calendars
    await growTenant(h.graphUrl, h.c4cUrl, users.length);
    progress(`in-process: tenant grown to ${users.length} users; first sessions of the new mailboxes`);
    const added = users.slice(demo.length);
    await h.store.transaction(async (tx) => {
      for (const u of added) await tx.upsertMailbox(mailboxOf(u));
    });
    // Start-up: the first (full) session of every added, empty mailbox.
    const firstStarted = performance.now();
    for (const u of added) await h.cycle(u.id);
    const firstMs = performance.now() - firstStarted;
    progress(`in-process: first sessions took ${seconds(firstMs)}; baseline and all mailboxes`);
    // Baseline: the last mailbox alone (a generated one when N > 5, as empty as the rest), then all of them.
    const one = await inProcessRate(h, users.slice(-1), items, 'Through one');
    const all = await inProcessRate(h, users, items, 'Through all');
    const rssMb = process.memoryUsage().rss / MB;
    figures.push(
      { name: `one worker, ${users.length} mailboxes x ${items} items`, value: all.rate, unit: 'items/s', baseline: one.rate, baselineLabel: 'one mailbox alone' },
      { name: 'RSS of this process (worker + both sandboxes + PGlite)', value: rssMb, unit: 'MB' },
      { name: `one worker: first sessions of ${added.length} new empty mailboxes`, value: firstMs / 1000, unit: 's' },
    );
    notes.push(
      `in-process: one mailbox ${items} items in ${one.ms.toFixed(0)} ms; ${users.length} mailboxes (${users.length * items} items) in ${seconds(all.ms)} ` +
        '(one cycle per mailbox in turn: tenant poll + session, like one worker with concurrency 1)',
      `in-process: CPU seconds of this process in that window ${all.cpuS.toFixed(1)} (${((all.cpuS * 1000) / (users.length * items)).toFixed(2)} ms per item)`,
    );
  } finally {
    await h.close();
  }
}

interface WorkersRun {
  rate: number;
  ms: number;
  rssMb: number;
  webRssMb: number;
  readyMs: number;
  subscribedMs: number;
  quietMs: number;
  seedMs: number;
  /** CPU seconds used during the timed window: this process (both sandboxes, the seeding), the web process, the workers, the whole machine. */
  cpu: { sandboxes: number; web: number; workers: number; machine: number };
}

async function workersRate(databaseUrl: string, workers: number, users: readonly DemoUser[], items: number): Promise<WorkersRun> {
  const sandboxes = await startSandboxPair();
  await growTenant(sandboxes.graphUrl, sandboxes.c4cUrl, users.length);
  const webPort = await freePort();
  // The schedule (every mailbox every interval) is pushed out of the timed window: this measures change sync.
  const env = serviceEnv(sandboxes, { DATABASE_URL: databaseUrl, PUBLIC_URL: `http://127.0.0.1:${webPort}`, SYNC_INTERVAL_MINUTES: '120' });
  const children: ChildService[] = [];
  const startupTimeout = 120_000 + users.length * 600;
  try {
    const spawned = performance.now();
    children.push(spawnService({ ...env, ROLE: 'web', PORT: String(webPort) }, webPort));
    await waitReady(`http://127.0.0.1:${webPort}`, 90_000);
    for (let i = 0; i < workers; i += 1) children.push(spawnService({ ...env, ROLE: 'worker', PORT: '0' }, null));
    const readyMs = performance.now() - spawned;
    progress(`${workers} worker(s): web ready and workers spawned after ${seconds(readyMs)}; waiting for subscriptions and first sessions`);
    // Start-up: provisioning, a subscription per mailbox (one at a time, with Graph's validation handshake) and the
    // first session of every mailbox; done when both sandboxes saw no request for 3 s.
    await waitSubscribed(sandboxes.graphUrl, users.map((u) => u.id), startupTimeout);
    const subscribedMs = performance.now() - spawned;
    progress(`${workers} worker(s): ${users.length} subscriptions after ${seconds(subscribedMs)}`);
    await waitQuiet(sandboxes.graphUrl, sandboxes.c4cUrl, 3_000, startupTimeout);
    const quietMs = performance.now() - spawned - 3_000;

    progress(`${workers} worker(s): quiet after ${seconds(quietMs)}; seeding and syncing ${users.length * items} items`);
    const prefix = `Scale w${workers}`;
    const cpuOf = () => ({
      sandboxes: process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6,
      web: processCpuSeconds(children[0]?.child.pid ?? 0),
      workers: children.slice(1).reduce((n, c) => n + processCpuSeconds(c.child.pid ?? 0), 0),
      machine: machineBusyCpuSeconds(),
    });
    const cpuBefore = cpuOf();
    const started = performance.now();
    await seedMailboxes(sandboxes.graphUrl, users, items, prefix);
    const seedMs = performance.now() - started;
    // The subscriptions notify the web process as the items are written; the bench also posts a notification per
    // mailbox (as Graph would), so the figure does not hinge on the sandbox's delivery timing.
    await notifyChanged(`http://127.0.0.1:${webPort}`, env.GRAPH_WEBHOOK_CLIENT_STATE_SECRET ?? '', users, sandboxes.graphUrl);
    const total = users.length * items;
    await waitFor(`${total} items in C4C`, async () => (await c4cCount(sandboxes.c4cUrl, prefix)) >= total, 300_000 + total * 100, 500);
    const ms = performance.now() - started;
    const cpuAfter = cpuOf();
    const landed = await c4cCount(sandboxes.c4cUrl, prefix);
    if (landed !== total) throw new Error(`${prefix}: ${landed} items in C4C for ${total} written (duplicates)`);
    const cpu = { sandboxes: cpuAfter.sandboxes - cpuBefore.sandboxes, web: cpuAfter.web - cpuBefore.web, workers: cpuAfter.workers - cpuBefore.workers, machine: cpuAfter.machine - cpuBefore.machine };
    const rssMb = children.slice(1).reduce((n, c) => n + treeRssBytes(c.child.pid ?? 0), 0) / MB / workers;
    const webRssMb = treeRssBytes(children[0]?.child.pid ?? 0) / MB;
    return { rate: total / (ms / 1000), ms, rssMb, webRssMb, readyMs, subscribedMs, quietMs, seedMs, cpu };
  } finally {
    await Promise.all(children.map(stopChild));
    await sandboxes.close();
  }
}

async function onPostgres(users: readonly DemoUser[], items: number, workerCounts: readonly number[], figures: Figure[], notes: string[]): Promise<void> {
  const pg = await startPostgres();
  try {
    let base: number | null = null;
    for (const workers of workerCounts) {
      const url = await pg.createDatabase(`bench_w${workers}_${Date.now() % 100000}`);
      const r = await workersRate(url, workers, users, items);
      base ??= r.rate;
      figures.push(
        { name: `PostgreSQL, ${workers} worker process(es): throughput`, value: r.rate, unit: 'items/s', baseline: base, baselineLabel: '1 worker' },
        { name: `PostgreSQL, ${workers} worker process(es): RSS per worker`, value: r.rssMb, unit: 'MB' },
        { name: `PostgreSQL, ${workers} worker process(es): start-up until quiet`, value: r.quietMs / 1000, unit: 's' },
      );
      notes.push(
        `${workers} worker(s): start-up ${seconds(r.quietMs)} (web ready + workers spawned ${seconds(r.readyMs)}, all ${users.length} subscriptions ${seconds(r.subscribedMs)}); ` +
          `${users.length * items} items from Graph write to C4C in ${seconds(r.ms)} (of which the bench seeding them ${seconds(r.seedMs)}, while the sync already ran; includes webhooks, queue pick-up); web process RSS ${r.webRssMb.toFixed(0)} MB`,
        `${workers} worker(s), CPU seconds in that window of ${seconds(r.ms)}: machine ${r.cpu.machine.toFixed(0)} of ${((r.ms / 1000) * cpus().length).toFixed(0)} possible; ` +
          `bench process (both sandboxes + seeding) ${r.cpu.sandboxes.toFixed(0)}, workers ${r.cpu.workers.toFixed(0)}, web ${r.cpu.web.toFixed(0)}, the rest (PostgreSQL, other jobs) ${(r.cpu.machine - r.cpu.sandboxes - r.cpu.workers - r.cpu.web).toFixed(0)}`,
      );
    }
  } finally {
    await pg.stop();
  }
}

export async function runThroughput(options: { mailboxes?: number; items?: number; workers?: number[] } = {}): Promise<BenchResult> {
  const users = tenantUsers(options.mailboxes ?? 1000);
  const items = options.items ?? 20;
  const figures: Figure[] = [];
  const notes: string[] = [];
  await inProcess(users, items, figures, notes);
  await onPostgres(users, items, options.workers ?? [1, 2, 4], figures, notes);
  return { bench: `throughput and scale (${users.length} mailboxes x ${items} items)`, figures, notes };
}

if (isMain(import.meta.url)) {
  const at = process.argv.indexOf('--workers');
  const workers = at > 0 ? (process.argv[at + 1] ?? '').split(',').map(Number) : undefined;
  printResult(await runThroughput({ mailboxes: numberArg('mailboxes', 1000), items: numberArg('items', 20), ...(workers ? { workers } : {}) }));
}
