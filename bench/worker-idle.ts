// What an idle worker process costs, and where the time goes (issue 18, goal 5): against one private PostgreSQL, a
// web process and 1, then 4, worker processes (as bench/scale-out.bench.ts starts them) sit idle after start-up; the
// window measures each worker's CPU (/proc), PostgreSQL's (postmaster and backends) and its commits, and each worker
// is profiled (`node --cpu-prof`, the window's samples only) to say which code spent it.
//   npx tsx bench/worker-idle.ts [--workers 1,4] [--idle 30] [--mailboxes 20] [--profile-dir /tmp/prof] [--no-profile] [--log-statements]
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tenantUsers } from '../src/sandbox/common/demo-tenant.js';
import { startPostgres, type TestPostgres } from '../test/support/postgres.js';
import { summarizeProfile, type ProfileSummary } from './lib/cpu-profile.js';
import { processCpuSeconds, treeCpuSeconds } from './lib/process-tree.js';
import { waitQuiet, waitSubscribed } from './lib/quiet.js';
import { numberArg } from './lib/report.js';
import { growTenant } from './lib/scale-tenant.js';
import { freePort, serviceEnv, spawnService, startSandboxPair, waitReady, type ChildService } from './lib/service-stack.js';
import { sql } from '../test/integration/service/pg-jobs.js';

const arg = (name: string, fallback: string): string => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
};
const nowUs = (): number => Number(process.hrtime.bigint() / 1000n);
const postmasterPid = (pg: TestPostgres) => Number(readFileSync(join(pg.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
const commits = async (url: string) => Number((await sql<{ n: string }>(url, 'SELECT xact_commit::text AS n FROM pg_stat_database WHERE datname = current_database()'))[0]?.n ?? 0);

interface IdleRun {
  workers: number;
  /** CPU ms per second of each worker process. */
  workerCpu: number[];
  postgresCpu: number;
  commitsPerSecond: number;
  profiles: ProfileSummary[];
}

async function idleRun(pg: TestPostgres, workers: number, mailboxes: number, idleS: number, profileDir: string, profile: boolean): Promise<IdleRun> {
  const url = await pg.createDatabase(`idle_w${workers}_${Date.now() % 100000}`);
  const sandboxes = await startSandboxPair();
  const users = tenantUsers(mailboxes);
  await growTenant(sandboxes.graphUrl, sandboxes.c4cUrl, mailboxes);
  const webPort = await freePort();
  const env = serviceEnv(sandboxes, { DATABASE_URL: url, PUBLIC_URL: `http://127.0.0.1:${webPort}`, SYNC_INTERVAL_MINUTES: '120' });
  const children: ChildService[] = [];
  const dir = join(profileDir, `w${workers}`);
  mkdirSync(dir, { recursive: true });
  try {
    children.push(spawnService({ ...env, ROLE: 'web', PORT: String(webPort) }, webPort));
    await waitReady(`http://127.0.0.1:${webPort}`, 90_000);
    for (let i = 0; i < workers; i += 1) {
      // One folder per worker: each thread writes a profile (tsx's loader runs in a thread of its own).
      const nodeArgs = profile ? ['--cpu-prof', `--cpu-prof-dir=${join(dir, `worker-${i}`)}`] : [];
      children.push(spawnService({ ...env, ROLE: 'worker', PORT: '0' }, null, { nodeArgs }));
    }
    await waitSubscribed(sandboxes.graphUrl, users.map((u) => u.id), 120_000);
    await waitQuiet(sandboxes.graphUrl, sandboxes.c4cUrl, 3_000, 120_000);
    const pids = children.slice(1).map((c) => c.child.pid ?? 0);
    const pgPid = postmasterPid(pg);
    const logFrom = logStatements ? statSync(join(pg.dir, 'server.log')).size : 0;
    const before = { cpu: pids.map((p) => processCpuSeconds(p)), pg: treeCpuSeconds(pgPid), commits: await commits(url), us: nowUs() };
    await new Promise((r) => setTimeout(r, idleS * 1000));
    const after = { cpu: pids.map((p) => processCpuSeconds(p)), pg: treeCpuSeconds(pgPid), commits: await commits(url), us: nowUs() };
    if (logStatements) {
      const log = readFileSync(join(pg.dir, 'server.log')).subarray(logFrom).toString('utf8');
      writeFileSync(join(dir, 'postgres-window.log'), log);
      printStatements(log, idleS);
    }
    // SIGTERM: each worker stops cleanly and writes its profile on exit.
    for (const c of children.slice(1)) c.child.kill('SIGTERM');
    await Promise.all(children.slice(1).map((c) => c.exited));
    // The main thread's profile: the one with most samples.
    const mainProfile = (folder: string): string[] => {
      const files = readdirSync(folder).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(folder, f));
      return files.sort((a, b) => statSync(b).size - statSync(a).size).slice(0, 1);
    };
    const files = profile ? pids.flatMap((_, i) => mainProfile(join(dir, `worker-${i}`))) : [];
    return {
      workers,
      workerCpu: pids.map((_, i) => Math.round((((after.cpu[i] ?? 0) - (before.cpu[i] ?? 0)) * 1000) / idleS)),
      postgresCpu: Math.round(((after.pg - before.pg) * 1000) / idleS),
      commitsPerSecond: Math.round(((after.commits - before.commits) / idleS) * 10) / 10,
      profiles: files.map((f) => summarizeProfile(f, { window: { fromUs: before.us, toUs: after.us } })),
    };
  } finally {
    for (const c of children) c.child.kill('SIGKILL');
    await sandboxes.close();
  }
}

/**
 * The statements PostgreSQL ran in the window (its log, `log_statement = all`), grouped by their first words, and the
 * connections it accepted: what the idle processes ask of it.
 */
function printStatements(log: string, idleS: number): void {
  const groups = new Map<string, number>();
  let connections = 0;
  // An entry's SQL goes on over the lines that follow it, each starting with a tab.
  for (const entry of log.split(/\n(?!\t)/)) {
    if (entry.includes('connection received')) connections += 1;
    const m = /(?:statement|execute [^:]*): ([\s\S]*)$/.exec(entry);
    if (!m?.[1]) continue;
    const key = m[1].replace(/\s+/g, ' ').trim().slice(0, 150);
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  const total = [...groups.values()].reduce((a, b) => a + b, 0);
  console.log(`statements: ${(total / idleS).toFixed(1)}/s; new connections: ${(connections / idleS).toFixed(2)}/s`);
  for (const [k, n] of [...groups.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${(n / idleS).toFixed(2)}/s  ${k}`);
}

const counts = arg('workers', '1,4').split(',').map(Number);
const idleS = numberArg('idle', 30);
const mailboxes = numberArg('mailboxes', 20);
const profileDir = arg('profile-dir', `/tmp/worker-idle-${Date.now()}`);
// --no-profile: the CPU figures without the profiler's own cost.
const profile = !process.argv.includes('--no-profile');
// --log-statements: PostgreSQL logs every statement and connection (its own cost shows in its CPU figure then).
const logStatements = process.argv.includes('--log-statements');
const pg = await startPostgres();
if (logStatements) {
  for (const setting of ["log_statement = 'all'", 'log_connections = on']) await sql(pg.adminUrl, `ALTER SYSTEM SET ${setting}`);
  await sql(pg.adminUrl, 'SELECT pg_reload_conf()');
}
try {
  for (const n of counts) {
    const r = await idleRun(pg, n, mailboxes, idleS, profileDir, profile);
    console.log(`\n== ${n} idle worker(s), ${idleS} s, ${mailboxes} mailboxes: worker CPU ${r.workerCpu.join(' / ')} ms/s; PostgreSQL ${r.postgresCpu} ms/s; ${r.commitsPerSecond} commits/s`);
    r.profiles.forEach((p, i) => {
      console.log(`worker ${i}: profiled ${p.busyMs} ms busy in ${p.spanMs} ms`);
      console.log(`  self by origin: ${p.byOrigin.map(([o, ms]) => `${o} ${ms}`).join(', ')}`);
      console.log(`  inclusive by origin: ${p.inclusiveByOrigin.map(([o, ms]) => `${o} ${ms}`).join(', ')}`);
      console.log(`  top functions: ${p.topFunctions.slice(0, 10).map(([f, ms]) => `${f} ${ms}`).join('; ')}`);
    });
  }
  console.log(`\nprofiles in ${profileDir}`);
} finally {
  await pg.stop();
}
