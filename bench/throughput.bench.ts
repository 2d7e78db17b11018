// Throughput and scale. Part 1: every mailbox of the sandbox tenant with N changed items each (Outlook creates with
// the CRM category), synced by one worker in this process (PGlite): items/s and RSS, against one mailbox alone as
// the baseline. Part 2: the same load on PostgreSQL with 1, 2 and 4 worker processes (plus one web process that
// takes the change notifications, posted by the bench as Graph would, and enqueues the sessions): items/s and the speed-up over one worker.
// The Graph sandbox has five users, so "many mailboxes" is five here (see bench/RESULTS.md).
//   npm run bench:throughput [-- --items 20 --workers 1,2,4]
import { DEMO_TENANT, DEMO_USERS } from '../src/sandbox/common/demo-tenant.js';
import { clientStateFor } from '../src/server/http/webhook-secrets.js';
import { DEFAULT_CATEGORIES } from '../src/shared/categories.js';
import { control } from '../test/support/sync-harness-http.js';
import { startSyncHarness, type SyncHarness } from '../test/support/sync-harness.js';
import { startPostgres } from '../test/support/postgres.js';
import { treeRssBytes } from './lib/process-tree.js';
import { waitQuiet } from './lib/quiet.js';
import { isMain, numberArg, printResult, type BenchResult, type Figure } from './lib/report.js';
import { freePort, serviceEnv, spawnService, startSandboxPair, waitFor, waitReady, type ChildService } from './lib/service-stack.js';

const MB = 1024 * 1024;

async function seed(graphUrl: string, mail: string, count: number, prefix: string): Promise<void> {
  const res = await control(graphUrl, 'POST', '/seed', { mailbox: mail, generate: { count, startDay: 1, days: 25, subjectPrefix: prefix, categories: [DEFAULT_CATEGORIES.appointment] } });
  if (res.status !== 201) throw new Error(`seed ${mail}: ${res.status}`);
}

async function c4cCount(c4cUrl: string, prefix: string): Promise<number> {
  const { user, password } = { user: 'SYNC_TECH_USER', password: 'sandbox-c4c-password-change-me' };
  const filter = encodeURIComponent(`startswith(Subject,'${prefix}')`);
  const res = await fetch(`${c4cUrl}/sap/c4c/odata/v1/c4codataapi/AppointmentCollection/$count?$filter=${filter}`, {
    headers: { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` },
  });
  return Number(await res.text());
}

/** One worker in this process: a cycle over the given mailboxes, timed. */
async function inProcessRate(h: SyncHarness, users: typeof DEMO_USERS, items: number, prefix: string): Promise<{ rate: number; ms: number }> {
  for (const u of users) await seed(h.graphUrl, u.mail, items, prefix);
  const started = performance.now();
  for (const u of users) await h.cycle(u.id);
  const ms = performance.now() - started;
  const landed = await c4cCount(h.c4cUrl, prefix);
  if (landed !== users.length * items) throw new Error(`${prefix}: ${landed} of ${users.length * items} items reached C4C`);
  return { rate: (users.length * items) / (ms / 1000), ms };
}

async function notifyChanged(webUrl: string, secret: string): Promise<void> {
  const value = DEMO_USERS.map((u) => ({
    subscriptionId: `bench-${u.id}`,
    clientState: clientStateFor(secret, u.id),
    changeType: 'created',
    resource: `Users/${u.id}/Events/bench`,
    tenantId: DEMO_TENANT.tenantId,
  }));
  const res = await fetch(`${webUrl}/webhooks/graph`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ value }) });
  if (res.status !== 202) throw new Error(`notification: ${res.status} ${await res.text()}`);
}

async function workersRate(databaseUrl: string, workers: number, items: number): Promise<{ rate: number; ms: number; rssMb: number }> {
  const sandboxes = await startSandboxPair();
  const webPort = await freePort();
  const env = serviceEnv(sandboxes, { DATABASE_URL: databaseUrl, PUBLIC_URL: `http://127.0.0.1:${webPort}` });
  const children: ChildService[] = [];
  try {
    children.push(spawnService({ ...env, ROLE: 'web', PORT: String(webPort) }, webPort));
    await waitReady(`http://127.0.0.1:${webPort}`, 90_000);
    for (let i = 0; i < workers; i += 1) children.push(spawnService({ ...env, ROLE: 'worker', PORT: '0' }, null));
    await waitQuiet(sandboxes.graphUrl, sandboxes.c4cUrl, 3_000, 180_000);
    const prefix = `Scale w${workers}`;
    const started = performance.now();
    for (const u of DEMO_USERS) await seed(sandboxes.graphUrl, u.mail, items, prefix);
    // Graph's change notifications, as Graph sends them (the bench holds the clientState secret). Posted by the
    // bench rather than relied on from subscriptions, so the figure does not depend on subscription upkeep.
    await notifyChanged(`http://127.0.0.1:${webPort}`, env.GRAPH_WEBHOOK_CLIENT_STATE_SECRET ?? '');
    const total = DEMO_USERS.length * items;
    await waitFor(`${total} items in C4C`, async () => (await c4cCount(sandboxes.c4cUrl, prefix)) >= total, 300_000, 100);
    const ms = performance.now() - started;
    const rssMb = children.slice(1).reduce((n, c) => n + treeRssBytes(c.child.pid ?? 0), 0) / MB / workers;
    return { rate: total / (ms / 1000), ms, rssMb };
  } finally {
    for (const c of children) c.child.kill('SIGKILL');
    await Promise.all(children.map((c) => c.exited));
    await sandboxes.close();
  }
}

export async function runThroughput(options: { items?: number; workers?: number[] } = {}): Promise<BenchResult> {
  const items = options.items ?? 20;
  const workerCounts = options.workers ?? [1, 2, 4];
  const figures: Figure[] = [];
  const notes: string[] = [];

  const h = await startSyncHarness('pglite', { users: DEMO_USERS });
  try {
    await h.settle(6);
    const one = await inProcessRate(h, DEMO_USERS.slice(0, 1), items, 'Through one');
    const all = await inProcessRate(h, DEMO_USERS, items, 'Through all');
    const rssMb = process.memoryUsage().rss / MB;
    figures.push(
      { name: `one worker, ${DEMO_USERS.length} mailboxes x ${items} items`, value: all.rate, unit: 'items/s', baseline: one.rate, baselineLabel: 'one mailbox alone' },
      { name: 'RSS of this process (worker + both sandboxes + PGlite)', value: rssMb, unit: 'MB' },
    );
    notes.push(`in-process: one mailbox ${items} items in ${one.ms.toFixed(0)} ms; ${DEMO_USERS.length} mailboxes in ${all.ms.toFixed(0)} ms (sequential sessions, like one worker with concurrency 1)`);
  } finally {
    await h.close();
  }

  const pg = await startPostgres();
  try {
    let base: number | null = null;
    for (const workers of workerCounts) {
      const url = await pg.createDatabase(`bench_w${workers}_${Date.now() % 100000}`);
      const r = await workersRate(url, workers, items);
      base ??= r.rate;
      figures.push(
        { name: `PostgreSQL, ${workers} worker process(es): throughput`, value: r.rate, unit: 'items/s', baseline: base, baselineLabel: '1 worker' },
        { name: `PostgreSQL, ${workers} worker process(es): RSS per worker`, value: r.rssMb, unit: 'MB' },
      );
      notes.push(`${workers} worker(s): ${DEMO_USERS.length * items} items from Graph write to C4C in ${r.ms.toFixed(0)} ms (includes webhook, queue pick-up latency)`);
    }
  } finally {
    await pg.stop();
  }
  notes.push(`only ${DEMO_USERS.length} mailboxes exist in the Graph sandbox, so at most ${DEMO_USERS.length} sessions can run at once whatever the worker count`);
  return { bench: 'throughput and scale', figures, notes };
}

if (isMain(import.meta.url)) {
  const at = process.argv.indexOf('--workers');
  const workers = at > 0 ? (process.argv[at + 1] ?? '').split(',').map(Number) : undefined;
  printResult(await runThroughput({ items: numberArg('items', 20), ...(workers ? { workers } : {}) }));
}
