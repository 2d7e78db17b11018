// Scale-out works as designed (issue 18, goal 5): the throughput bench's load (N mailboxes × items changed Outlook
// items, PostgreSQL, one web process taking the change notifications and W worker processes) run once per worker
// count, checking what scale-out promises rather than its speed:
// - sessions spread evenly: sessions per worker in the timed window, from each worker's `session done` log lines;
// - no session of one mailbox ever ran twice at once: the same lines as intervals (end time − ms), overlaps counted;
// - a worker killed with -9 mid-window (`--kill`, in runs of more than one worker): the mailboxes whose sessions it
//   held are synced by the others, timed against the queue's heartbeat and expiry;
// - no hot row or lock wait: PostgreSQL's pg_stat_activity / pg_locks sampled every 250 ms, table and database
//   counters before and after; and CPU ms per session of the workers and of PostgreSQL, per worker count.
//   npm run bench:scale-out [-- --mailboxes 1000 --items 20 --workers 1,4 --kill 1 --heartbeat 30 --expire 900]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tenantUsers, type DemoUser } from '../src/sandbox/common/demo-tenant.js';
import { startPostgres, type TestPostgres } from '../test/support/postgres.js';
import { sql } from '../test/integration/service/pg-jobs.js';
import { watchPostgres, type DatabaseCounters, type LockWaits, type PgWatch } from './lib/pg-watch.js';
import { processCpuSeconds, treeCpuSeconds } from './lib/process-tree.js';
import { waitQuiet, waitSubscribed } from './lib/quiet.js';
import { isMain, numberArg, printResult, type BenchResult, type Figure } from './lib/report.js';
import { c4cCount, growTenant, notifyChanged, seedMailboxes } from './lib/scale-tenant.js';
import { freePort, serviceEnv, spawnService, startSandboxPair, waitFor, waitReady, type ChildService } from './lib/service-stack.js';
import { parseSessionLine, resumedAfterKill, sessionOverlaps, spreadOver, type Resumption, type SessionRecord, type Spread } from './lib/session-log.js';

export interface ScaleOutOptions {
  mailboxes?: number;
  items?: number;
  workers?: number[];
  /** Kill one worker with SIGKILL once this share of the items reached C4C (runs of ≥ 2 workers); 0 = no kill. */
  killAt?: number;
  /** The queue's settings (the product's defaults: env-schema.ts). */
  expireSeconds?: number;
  heartbeatSeconds?: number;
  quietMs?: number;
  /** How long the workers are watched idle after start-up: the background CPU every worker process spends anyway. */
  idleMs?: number;
}

interface Run {
  workers: number;
  windowMs: number;
  spread: Spread;
  sessionsChecked: number;
  overlaps: number;
  kill: (Resumption & { killedAfterMs: number }) | null;
  waits: LockWaits;
  delta: DatabaseCounters;
  cpuMs: { workers: number; postgres: number };
  /** CPU ms per second of one idle worker process and of PostgreSQL, before the window; the per-session cost without it. */
  idle: { workerMsPerS: number; postgresMsPerS: number; netWorkerMsPerSession: number };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const progress = (what: string) => {
  if (process.env.BENCH_QUIET !== '1') process.stderr.write(`[scale-out ${new Date().toISOString().slice(11, 19)}] ${what}\n`);
};

const postmasterPid = (pg: TestPostgres) => Number(readFileSync(join(pg.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);

interface ActiveJob {
  id: string;
  key: string;
  retries: number;
}

const activeSessionJobs = (url: string) =>
  sql<{ id: string; key: string; retries: number }>(url, "SELECT id::text AS id, singleton_key AS key, retry_count AS retries FROM pgboss.job WHERE name = 'mailbox-session' AND state = 'active'");

/**
 * The mailboxes the dead worker held: of the session jobs active at the kill, those pg-boss failed (its heartbeat
 * check) and queued again, so their retry count grew or they wait as `retry`/`failed`. Jobs the live workers held
 * completed as they were. Waits until none of them is still active from before the kill (up to `timeoutMs`).
 */
async function heldByKilled(url: string, atKill: readonly ActiveJob[], timeoutMs: number): Promise<string[]> {
  if (atKill.length === 0) return [];
  const was = new Map(atKill.map((j) => [j.id, j.retries]));
  const now = () => sql<{ id: string; key: string; state: string; retries: number }>(url, "SELECT id::text AS id, singleton_key AS key, state, retry_count AS retries FROM pgboss.job WHERE name = 'mailbox-session' AND id::text = ANY($1::text[])", [atKill.map((j) => j.id)]);
  const unchangedActive = (j: { id: string; state: string; retries: number }) => j.state === 'active' && j.retries === was.get(j.id);
  const rows = await waitFor('the dead worker’s sessions to be taken back', async () => {
    const seen = await now();
    return seen.some(unchangedActive) ? null : seen;
  }, timeoutMs, 250);
  return rows.filter((j) => j.retries > (was.get(j.id) ?? 0) || j.state === 'retry' || j.state === 'failed').map((j) => j.key);
}

async function runWorkers(pg: TestPostgres, workers: number, users: readonly DemoUser[], items: number, o: Required<ScaleOutOptions>): Promise<Run> {
  const url = await pg.createDatabase(`scale_w${workers}_${Date.now() % 100000}`);
  const sandboxes = await startSandboxPair();
  await growTenant(sandboxes.graphUrl, sandboxes.c4cUrl, users.length);
  const webPort = await freePort();
  const env = serviceEnv(sandboxes, {
    DATABASE_URL: url,
    PUBLIC_URL: `http://127.0.0.1:${webPort}`,
    SYNC_INTERVAL_MINUTES: '120', // no scheduled round of all mailboxes inside the window
    SESSION_EXPIRE_SECONDS: String(o.expireSeconds),
    SESSION_HEARTBEAT_SECONDS: String(o.heartbeatSeconds),
  });
  const records: SessionRecord[] = [];
  const children: ChildService[] = [];
  let watch: PgWatch | null = null;
  const startupTimeout = 120_000 + users.length * 600;
  try {
    children.push(spawnService({ ...env, ROLE: 'web', PORT: String(webPort) }, webPort));
    await waitReady(`http://127.0.0.1:${webPort}`, 90_000);
    for (let i = 0; i < workers; i += 1) {
      const onLogLine = (line: string) => {
        const r = parseSessionLine(i, line);
        if (r) records.push(r);
      };
      children.push(spawnService({ ...env, ROLE: 'worker', PORT: '0', LOG_LEVEL: 'info' }, null, { onLogLine }));
    }
    await waitSubscribed(sandboxes.graphUrl, users.map((u) => u.id), startupTimeout);
    await waitQuiet(sandboxes.graphUrl, sandboxes.c4cUrl, o.quietMs, startupTimeout);
    progress(`${workers} worker(s): started, ${records.length} first sessions; seeding ${users.length * items} items`);

    const workerPids = children.slice(1).map((c) => c.child.pid ?? 0);
    const pgPid = postmasterPid(pg);
    const workerCpu = () => workerPids.map((pid) => processCpuSeconds(pid));
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const idleBefore = { workers: sum(workerCpu()), postgres: treeCpuSeconds(pgPid) };
    await new Promise((r) => setTimeout(r, o.idleMs));
    const idleS = o.idleMs / 1000;
    const idleRate = { worker: (sum(workerCpu()) - idleBefore.workers) / workers / idleS, postgres: (treeCpuSeconds(pgPid) - idleBefore.postgres) / idleS };
    watch = await watchPostgres(url);
    const cpuBefore = { workers: workerCpu(), postgres: treeCpuSeconds(pgPid) };
    const from = Date.now();
    const prefix = `Scale-out w${workers}`;
    const total = users.length * items;
    const seeding = seedMailboxes(sandboxes.graphUrl, users, items, prefix).then(() => notifyChanged(`http://127.0.0.1:${webPort}`, env.GRAPH_WEBHOOK_CLIENT_STATE_SECRET ?? '', users, sandboxes.graphUrl));

    let kill: { at: number; cpu: number; active: ActiveJob[] } | null = null;
    if (workers > 1 && o.killAt > 0) {
      await waitFor('the kill point', async () => (await c4cCount(sandboxes.c4cUrl, prefix)) >= total * o.killAt, 300_000 + total * 100, 500);
      const victim = children[workers] as ChildService; // the last worker
      const active = await activeSessionJobs(url);
      const cpu = processCpuSeconds(victim.child.pid ?? 0);
      victim.child.kill('SIGKILL');
      kill = { at: Date.now(), cpu, active };
      progress(`${workers} worker(s): killed worker ${workers - 1} after ${seconds(kill.at - from)}; ${active.length} session jobs were active`);
    }
    await seeding;
    await waitFor(`${total} items in C4C`, async () => (await c4cCount(sandboxes.c4cUrl, prefix)) >= total, 300_000 + total * 100 + o.expireSeconds * 1000, 250);
    let resumption: Resumption | null = null;
    if (kill) {
      const affected = await heldByKilled(url, kill.active, (o.expireSeconds + 10) * 1000);
      const k = kill;
      // Every mailbox the dead worker held gets a session on another worker; waited for up to the expiry.
      await waitFor('the killed worker’s mailboxes to be synced elsewhere', async () => resumedAfterKill(records, affected, workers - 1, k.at).notResumed.length === 0, o.expireSeconds * 1000 + 10_000, 250);
      resumption = resumedAfterKill(records, affected, workers - 1, kill.at);
    }
    const to = Date.now();
    const cpuAfter = { workers: workerCpu(), postgres: treeCpuSeconds(pgPid) };
    if (kill) cpuAfter.workers[workers - 1] = kill.cpu; // a dead process has no /proc entry: its CPU up to the kill
    const { waits, delta } = await watch.stop();
    const landed = await c4cCount(sandboxes.c4cUrl, prefix);
    if (landed !== total) throw new Error(`${prefix}: ${landed} items in C4C for ${total} written`);
    const spread = spreadOver(records, workers, from, to);
    const sessions = spread.perWorker.reduce((a, b) => a + b, 0);
    const workersCpu = cpuAfter.workers.reduce((n, s, i) => n + s - (cpuBefore.workers[i] ?? 0), 0);
    return {
      workers,
      windowMs: to - from,
      spread,
      sessionsChecked: records.length,
      overlaps: sessionOverlaps(records).length,
      kill: kill && resumption ? { ...resumption, killedAfterMs: kill.at - from } : null,
      waits,
      delta,
      cpuMs: { workers: (workersCpu * 1000) / Math.max(1, sessions), postgres: ((cpuAfter.postgres - cpuBefore.postgres) * 1000) / Math.max(1, sessions) },
      idle: {
        workerMsPerS: idleRate.worker * 1000,
        postgresMsPerS: idleRate.postgres * 1000,
        // The killed worker ran only until the kill; the others the whole window.
        netWorkerMsPerSession: ((workersCpu - idleRate.worker * (kill ? (workers - 1) * (to - from) + (kill.at - from) : workers * (to - from)) / 1000) * 1000) / Math.max(1, sessions),
      },
    };
  } finally {
    if (watch) await watch.stop().catch(() => undefined);
    for (const c of children) c.child.kill('SIGKILL');
    await Promise.all(children.map((c) => c.exited));
    await sandboxes.close();
  }
}

const top = (counts: Record<string, number>, n = 4) =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${k} ×${v}`)
    .join(', ') || 'none';

function report(r: Run, figures: Figure[], notes: string[], base: Run | null, o: Required<ScaleOutOptions>): void {
  const w = `${r.workers} worker(s)`;
  figures.push(
    { name: `${w}: sessions per worker, max`, value: r.spread.max, unit: 'sessions' },
    { name: `${w}: sessions per worker, min`, value: r.spread.min, unit: 'sessions' },
    { name: `${w}: overlapping sessions of one mailbox`, value: r.overlaps, unit: 'pairs' },
    { name: `${w}: samples with a lock wait`, value: r.waits.samplesWithWaits, unit: 'samples', baseline: r.waits.samples, baselineLabel: 'samples taken' },
    { name: `${w}: deadlocks`, value: r.delta.deadlocks, unit: '' },
    { name: `${w}: worker CPU per session`, value: r.cpuMs.workers, unit: 'ms', ...(base ? { baseline: base.cpuMs.workers, baselineLabel: `${base.workers} worker(s)` } : {}) },
    { name: `${w}: idle CPU per worker process`, value: r.idle.workerMsPerS, unit: 'ms/s' },
    { name: `${w}: worker CPU per session, idle background taken out`, value: r.idle.netWorkerMsPerSession, unit: 'ms', ...(base ? { baseline: base.idle.netWorkerMsPerSession, baselineLabel: `${base.workers} worker(s)` } : {}) },
    { name: `${w}: PostgreSQL CPU per session`, value: r.cpuMs.postgres, unit: 'ms', ...(base ? { baseline: base.cpuMs.postgres, baselineLabel: `${base.workers} worker(s)` } : {}) },
  );
  if (r.kill) {
    figures.push(
      { name: `${w}: killed worker's mailboxes resumed by the others`, value: r.kill.mailboxes - r.kill.notResumed.length, unit: 'mailboxes', baseline: r.kill.mailboxes, baselineLabel: 'held at the kill' },
      { name: `${w}: kill until all of them synced`, value: r.kill.allDoneMs / 1000, unit: 's', baseline: o.expireSeconds, baselineLabel: 'session expiry' },
    );
  }
  const hot = r.delta.tables.slice(0, 5).map((t) => `${t.table} upd ${t.updates} (HOT ${t.hotUpdates}) ins ${t.inserts} del ${t.deletes}`);
  notes.push(
    `${w}: window ${seconds(r.windowMs)}, sessions per worker [${r.spread.perWorker.join(', ')}]; ${r.sessionsChecked} sessions checked for overlaps (start-up included)` +
      (r.kill ? `; worker ${r.workers - 1} killed -9 after ${seconds(r.kill.killedAfterMs)} (heartbeat ${o.heartbeatSeconds} s, expiry ${o.expireSeconds} s)` : ''),
    `${w}: idle before the window (${o.idleMs / 1000} s): ${r.idle.workerMsPerS.toFixed(1)} CPU ms/s per worker process, PostgreSQL ${r.idle.postgresMsPerS.toFixed(1)} ms/s`,
    `${w}: lock waits in ${r.waits.samplesWithWaits} of ${r.waits.samples} samples: ${top(r.waits.byEvent)}; ungranted locks: ${top(r.waits.notGranted)}`,
    `${w}: PostgreSQL over the window: ${r.delta.xactCommit} commits, ${r.delta.xactRollback} rollbacks, ${r.delta.deadlocks} deadlocks, blocks read ${r.delta.blksRead} / hit ${r.delta.blksHit}; busiest tables: ${hot.join('; ')}`,
  );
}

export async function runScaleOut(options: ScaleOutOptions = {}): Promise<BenchResult> {
  const o: Required<ScaleOutOptions> = { mailboxes: 1000, items: 20, workers: [1, 4], killAt: 0.3, expireSeconds: 900, heartbeatSeconds: 30, quietMs: 3_000, idleMs: 20_000, ...options };
  const users = tenantUsers(o.mailboxes);
  const figures: Figure[] = [];
  const notes: string[] = [];
  const pg = await startPostgres();
  try {
    let base: Run | null = null;
    for (const workers of o.workers) {
      const r = await runWorkers(pg, workers, users, o.items, o);
      report(r, figures, notes, base, o);
      base ??= r;
    }
  } finally {
    await pg.stop();
  }
  return { bench: `scale-out (${users.length} mailboxes x ${o.items} items, PostgreSQL)`, figures, notes };
}

if (isMain(import.meta.url)) {
  const at = process.argv.indexOf('--workers');
  const workers = at > 0 ? (process.argv[at + 1] ?? '').split(',').map(Number) : undefined;
  const killAt = numberArg('kill', 1) > 0 ? 0.3 : 0;
  printResult(await runScaleOut({ mailboxes: numberArg('mailboxes', 1000), items: numberArg('items', 20), killAt, heartbeatSeconds: numberArg('heartbeat', 30), expireSeconds: numberArg('expire', 900), ...(workers ? { workers } : {}) }));
}
