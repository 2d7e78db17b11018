// The fault soak: the service runs as child processes (service-group.ts: one process on a PGlite data folder that
// survives kills, or on PostgreSQL one process or a web process and workers), both sandboxes inject faults into a
// share of requests, random edits run on both sides of a tenant of many mailboxes for a while, the processes are
// killed with SIGKILL several times and restarted, and PostgreSQL itself is restarted under them when the soak runs
// its own server. Then faults stop, the service is restarted cleanly (its start runs a full cycle) and the checker
// compares both sides until they converge or the settle time runs out. From 5 mailboxes up, two of them are Google
// Workspace users (R10) syncing through the Google sandbox (google-side.ts), with its own faults: failed requests,
// lost, repeated and late push messages, and sync tokens expired (410) during the edits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tenantUsers } from '../../src/sandbox/common/demo-tenant.js';
import { mulberry32 } from '../../src/sandbox/common/mulberry32.js';
import { openDatabase } from '../../src/server/adapters/store/index.js';
import { stateSealer } from '../../src/server/domain/state-digest.js';
import { scanForContent, type ContentScan } from '../../test/support/content-scan.js';
import { seedMigratedDataDir } from '../../test/support/migrated-data-dir.js';
import { startPostgres, type TestPostgres } from '../../test/support/postgres.js';
import { control } from '../../test/support/sync-harness-http.js';
import { waitSubscribed } from '../lib/quiet.js';
import { growTenant } from '../lib/scale-tenant.js';
import { freePort, serviceEnv, startSandboxPair } from '../lib/service-stack.js';
import { SoakSides } from './clients.js';
import { checkSides, type CheckReport } from './checker.js';
import { matchOlderEdits, readLoggedConflicts, type ConflictMatch } from './conflict-match.js';
import { nameVisibleErrors } from './visible-errors.js';
import { SoakEdits } from './edits.js';
import { ContactEdits } from './contact-edits.js';
import { GoogleSide } from './google-side.js';
import { SOAK_C4C_CLOCK_AHEAD_SECONDS, startGooglePushFaults, startNotificationFaults, stopGooglePushFaults, stopNotificationFaults } from './notification-faults.js';
import { ServiceGroup, type Crash } from './service-group.js';

export interface SoakOptions {
  durationMs: number;
  faultRate: number;
  kills: number;
  settleMs: number;
  users?: number;
  seed?: number;
  /** Pause between edits (ms). */
  paceMs?: number;
  /** C4C-side removals as hard DELETEs instead of cancels. */
  hardDeletes?: boolean;
  /**
   * The service's store: `pglite` (a data folder), `postgres` (a private PostgreSQL server the soak starts, and can
   * restart), or a PostgreSQL URL (a server someone else runs: never restarted). Default: DATABASE_URL from the
   * environment, else `pglite`.
   */
  store?: 'pglite' | 'postgres' | string;
  /** Worker processes beside one web process (PostgreSQL only); 0: one process of role `all`. */
  workers?: number;
  /** Restarts of the soak's own PostgreSQL server during the edits (alternately `immediate` and `fast`). */
  dbRestarts?: number;
  /**
   * How many of the mailboxes are Google Workspace users (R10), syncing through the Google sandbox: the last ones of
   * the tenant. Default 2 with 5 mailboxes or more, else 0.
   */
  googleMailboxes?: number;
  log?: (line: string) => void;
}

export interface SoakReport {
  seed: number;
  mailboxes: number;
  edits: Record<string, number>;
  editFailures: number;
  kills: number;
  /** Kills per process role (`all`, or `web` and `worker`), and the processes in the order they were killed. */
  killsByRole: Record<string, number>;
  killed: string[];
  /** Service processes that exited without being killed (each is a violation: the service must ride faults out). */
  crashes: Crash[];
  /** PostgreSQL restarts under the service, with their mode. */
  dbRestarts: string[];
  /** The store the service ran on. */
  store: string;
  processes: string;
  /** Peak resident memory of this process (sandboxes, edits, checker) and of the largest service process, MB. */
  peakRssMb: { soak: number; service: number };
  faultsInjected: { graph: number; c4c: number; google: number };
  /** Google mailboxes (0 without them), and the sync-token expiries (410 on every token handed out) during the edits. */
  googleMailboxes: number;
  syncTokenExpiries: number;
  settledAfterMs: number | null;
  check: CheckReport;
  /** Every row of the service's database, scanned for the soak's subjects, bodies and locations (docs/privacy.md). */
  privacy: ContentScan;
  /** The items that converged on an older edit than the latest, matched to the conflicts the service logged (R12). */
  conflicts: ConflictMatch & { logged: number };
}

/**
 * After the service stopped: every table read, looking for the soak's tag (in each subject, body and location), and
 * the older-edit items matched to the conflicts the sync log holds (digests recomputed with the tenant's key).
 */
async function readStore(env: Record<string, string>, tag: string, check: CheckReport): Promise<{ privacy: ContentScan; conflicts: SoakReport['conflicts'] }> {
  const { db } = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  try {
    const privacy = await scanForContent(db, [tag]);
    const logged = await readLoggedConflicts(db);
    await nameVisibleErrors(db, check.visibleErrorItems);
    return { privacy, conflicts: { ...matchOlderEdits(check.olderEdits, logged, stateSealer(String(env.STATE_DIGEST_SECRET))), logged: logged.length } };
  } finally {
    await db.close();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The store the soak runs the service on; `restart` only for a server the soak started itself. */
async function soakStore(store: string, dataDir: string): Promise<{ env: Record<string, string>; label: string; server: TestPostgres | null }> {
  // The folder starts with the migrated schema (test/support/migrated-data-dir.ts): the soak is about faults, and
  // creating the cluster cost its first start 5–13 s.
  if (store === 'pglite') return { env: { DATA_DIR: await seedMigratedDataDir(dataDir) }, label: 'PGlite', server: null };
  if (store !== 'postgres') return { env: { DATA_DIR: dataDir, DATABASE_URL: store }, label: 'PostgreSQL (DATABASE_URL)', server: null };
  const server = await startPostgres({ database: 'crm_sync_soak' });
  return { env: { DATA_DIR: dataDir, DATABASE_URL: server.url }, label: 'PostgreSQL (private server)', server };
}

/**
 * How long after a process's spawn its start may still be running: a process of role `all` answers HTTP first, then
 * provisions the mailboxes and registers its jobs; on a loaded machine with 20 mailboxes that took 35 s after the
 * spawn (a restart at that moment made the start fail).
 */
const PROCESS_START_MS = 60_000;

/** Resident memory of this process now, MB. */
const rssMb = () => Math.round(process.memoryUsage().rss / 1_048_576);

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => undefined);
  const seed = options.seed ?? Date.now() % 1_000_000;
  const random = mulberry32(seed);
  // The five demo users, then generated ones (user0006@…), the same people in Graph and C4C.
  const users = tenantUsers(options.users ?? 3);
  const workers = options.workers ?? 0;
  const sandboxes = await startSandboxPair();
  if (users.length > 5) await growTenant(sandboxes.graphUrl, sandboxes.c4cUrl, users.length);
  const googleCount = Math.min(options.googleMailboxes ?? (users.length >= 5 ? 2 : 0), users.length - 1);
  const googleUsers = googleCount > 0 ? users.slice(-googleCount) : [];
  const google = googleUsers.length > 0 ? await GoogleSide.start(users.length, googleUsers) : null;
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'crm-sync-soak-'));
  let keepDataDir = false;
  const store = await soakStore(options.store ?? process.env.DATABASE_URL ?? 'pglite', dataDir);
  if (workers > 0 && !store.env.DATABASE_URL) throw new Error('worker processes need PostgreSQL (store "postgres" or a URL)');
  const restarts = store.server ? (options.dbRestarts ?? 0) : 0;
  const env = serviceEnv(sandboxes, { ...store.env, ...google?.serviceEnv(), PUBLIC_URL: `http://127.0.0.1:${port}`, SYNC_INTERVAL_MINUTES: '1', SYNC_FAMILIES: 'calendar,tasks,contacts' });
  const group = new ServiceGroup(env, port, workers, sandboxes.c4cUrl, log);
  const processes = workers > 0 ? `1 web + ${workers} worker processes` : '1 process (role all)';
  const dbRestarts: string[] = [];
  let peakSoakRss = rssMb();

  const sides = new SoakSides(sandboxes.graphUrl, sandboxes.c4cUrl);
  const prefix = `[soak-${seed}-`;
  try {
    log(`soak seed ${seed}: ${users.length} mailboxes (${googleUsers.length} at Google), ${store.label}, ${processes}, ${options.durationMs / 1000} s of edits, ${options.faultRate * 100}% faults, ${options.kills} kills, ${restarts} database restarts`);
    await group.startAll();
    // Edits start once every mailbox is set up (provisioned and subscribed): a web process answers before the workers
    // have done that, and the sync-list API refuses a mailbox that is not set up yet.
    const setUp = Date.now();
    const outlookUsers = users.filter((u) => !google?.isGoogle(u));
    await waitSubscribed(sandboxes.graphUrl, outlookUsers.map((u) => u.id), 180_000);
    // A Google mailbox is set up once the service made its two calendars and watches both (a push channel each).
    await google?.waitProvisioned(180_000);
    log(`${users.length} mailboxes subscribed after ${((Date.now() - setUp) / 1000).toFixed(1)} s`);
    const contacts = new ContactEdits(sides, group.url, sandboxes.graphUrl, outlookUsers, random);
    const edits = new SoakEdits(sides, prefix, users, await sides.accountIds(20), random, options.hardDeletes ?? false, true, contacts, google, await sides.contactLinks(40));
    const faults = { rate: options.faultRate, kinds: ['throttle', 'unavailable', 'reset', 'timeout'], retryAfterSeconds: 1, timeoutMs: 1_500 };
    const faultUrls = [sandboxes.graphUrl, sandboxes.c4cUrl, ...(google ? [google.url] : [])];
    for (const url of faultUrls) await control(url, 'PUT', '/faults', faults);
    await startNotificationFaults(sandboxes, seed);
    if (google) await startGooglePushFaults(google.url, seed);

    const started = Date.now();
    const killAt = Array.from({ length: options.kills }, (_, i) => started + ((i + 1) * options.durationMs) / (options.kills + 1));
    // Database restarts fall between the kills, while sessions run (every mailbox has one a minute, and edits cause more).
    const restartAt = Array.from({ length: restarts }, (_, i) => started + ((i + 0.5) * options.durationMs) / (restarts + 0.5));
    let kills = 0;
    let editFailures = 0;
    let editsSinceStart = 0;
    let restarting: Promise<void> | null = null;
    // Google invalidates sync tokens now and then (410 fullSyncRequired): twice during the edits.
    const expireAt = google ? [0.3, 0.7].map((f) => started + f * options.durationMs) : [];
    let syncTokenExpiries = 0;
    // Runs past the duration if restarts were slow, so that every planned kill happens (each after some edits).
    while (Date.now() - started < options.durationMs || kills < killAt.length || dbRestarts.length < restartAt.length) {
      peakSoakRss = Math.max(peakSoakRss, rssMb());
      // Not while a process may still be starting (60 s after its spawn): a start that loses its database exits (docs/reliability.md),
      // a fault of its own; this one is PostgreSQL going away under running sessions.
      const starting = Date.now() - group.lastSpawnAt < PROCESS_START_MS;
      if (store.server && !restarting && !starting && dbRestarts.length < restartAt.length && Date.now() >= (restartAt[dbRestarts.length] ?? Infinity)) {
        // Immediate (a crash: no checkpoint, recovery at the start) and fast (sessions ended cleanly) take turns; the
        // server stays down 3 s while the edits go on.
        const mode = dbRestarts.length % 2 === 0 ? 'immediate' : 'fast';
        dbRestarts.push(mode);
        log(`PostgreSQL restart #${dbRestarts.length} (${mode}) after ${((Date.now() - started) / 1000).toFixed(1)} s`);
        restarting = store.server.restart(mode, 3_000).finally(() => {
          restarting = null;
          log(`PostgreSQL back after restart #${dbRestarts.length}`);
        });
      }
      // After a few edits since the last restart, so that the expiries do not both fall right after a slow one.
      if (google && syncTokenExpiries < expireAt.length && Date.now() >= (expireAt[syncTokenExpiries] ?? Infinity) && editsSinceStart >= 3) {
        await control(google.url, 'POST', '/sync/expire');
        syncTokenExpiries += 1;
        log(`Google sync tokens expired (#${syncTokenExpiries}) after ${((Date.now() - started) / 1000).toFixed(1)} s`);
      }
      if (kills < killAt.length && Date.now() >= (killAt[kills] ?? Infinity) && editsSinceStart >= 3 && !restarting) {
        const name = await group.killNext();
        kills += 1;
        log(`kill -9 #${kills} of ${name} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
        // A few edits while the process is down; the service must catch up after the restart.
        for (let i = 0; i < 2; i += 1) await edits.step().catch(() => (editFailures += 1));
        await group.startAll();
        editsSinceStart = 0;
        continue;
      }
      editsSinceStart += 1;
      try {
        await edits.step();
      } catch (error) {
        editFailures += 1;
        log(`edit failed: ${(error as Error).message.slice(0, 200)}`);
      }
      await sleep(options.paceMs ?? 100);
    }
    await restarting;
    const faultsInjected = {
      graph: ((await control(sandboxes.graphUrl, 'GET', '/counters')).body.faultsInjected ?? 0) as number,
      c4c: ((await control(sandboxes.c4cUrl, 'GET', '/counters')).body.faultsInjected ?? 0) as number,
      google: google ? (((await control(google.url, 'GET', '/counters')).body.faultsInjected ?? 0) as number) : 0,
    };
    for (const url of faultUrls) await control(url, 'DELETE', '/faults');
    const notifications = await stopNotificationFaults(sandboxes);
    log(`change notifications: ${notifications.dropped} dropped, ${notifications.duplicated} sent twice, ${notifications.delayed} late; C4C clock ${SOAK_C4C_CLOCK_AHEAD_SECONDS} s ahead`);
    if (google) {
      const pushes = await stopGooglePushFaults(google.url);
      log(`Google push notifications: ${pushes.dropped} dropped, ${pushes.duplicated} sent twice, ${pushes.delayed} late; ${syncTokenExpiries} sync-token expiries`);
    }
    log(`edits done: ${JSON.stringify(edits.done)}; stopping faults, clean restart, settling`);
    await group.killAll();
    await group.startAll();

    const settleStarted = Date.now();
    const userIds = users.map((u) => u.id);
    let check = await checkSides(sides, prefix, edits.items, userIds, true, contacts, google);
    let settledAfterMs: number | null = null;
    while (Date.now() - settleStarted < options.settleMs) {
      if (check.violations.length === 0 && check.visibleErrors === 0) {
        settledAfterMs = Date.now() - settleStarted;
        break;
      }
      await sleep(2_000);
      check = await checkSides(sides, prefix, edits.items, userIds, true, contacts, google);
    }
    if (settledAfterMs === null && check.violations.length === 0) settledAfterMs = Date.now() - settleStarted;
    log(`settle: ${settledAfterMs === null ? 'not settled' : `settled after ${(settledAfterMs / 1000).toFixed(1)} s`}, ${check.violations.length} violations`);
    peakSoakRss = Math.max(peakSoakRss, rssMb());
    await group.killAll();
    const { privacy, conflicts } = await readStore(env, prefix, check);
    log(`privacy scan: ${privacy.rowsRead} rows of ${privacy.tables} tables read; ${privacy.hits.length} hold soak content, ${privacy.inFlight} in-flight rows do`);
    // An older edit no logged conflict explains is a lost edit: a violation like any other.
    check.violations.push(...conflicts.violations);
    log(`conflicts: ${check.olderEdits.length} items converged on an older edit, ${conflicts.matched.length} matched to the ${conflicts.logged} conflicts the service logged`);
    // The service must ride every fault out: a process that exited on its own is a violation.
    check.violations.push(...group.crashes.map((c) => `service process ${c.name} exited on its own (${c.code ?? c.signal}): ${c.stderr.replace(/\s+/g, ' ')}`));
    // Each violation's item with its story: the edits made to it, in order (the evidence to start from).
    for (const tag of new Set(check.violations.flatMap((v) => v.match(/\[soak-\d+-\d+\]/g) ?? []))) {
      log(`history of ${tag}:\n  ${edits.historyOf(tag).join('\n  ') || '(no edit recorded)'}`);
    }
    if (check.violations.length > 0 || privacy.hits.length > 0) {
      // The service's state (pairs, sync log) is the evidence: keep a PGlite folder for a look with any PostgreSQL client.
      keepDataDir = !store.env.DATABASE_URL;
      log(keepDataDir ? `violations: the service's data folder is kept at ${dataDir}` : 'violations: the PostgreSQL database is gone with its server; run again with DATABASE_URL to keep it');
    }
    return {
      seed, mailboxes: users.length, edits: edits.done, editFailures, kills, killsByRole: group.killsByRole, killed: group.killed, crashes: group.crashes, dbRestarts, store: store.label, processes,
      peakRssMb: { soak: peakSoakRss, service: group.peakRssMb }, faultsInjected, googleMailboxes: googleUsers.length, syncTokenExpiries, settledAfterMs, check, privacy, conflicts,
    };
  } finally {
    await group.killAll();
    // Timed: a short soak once outlived its test after every check had passed, somewhere in this clean-up.
    const closing = Date.now();
    log('stopping the sandboxes');
    await sandboxes.close();
    await google?.sandbox.close();
    await store.server?.stop();
    if (!keepDataDir) rmSync(dataDir, { recursive: true, force: true });
    log(`sandboxes stopped after ${((Date.now() - closing) / 1000).toFixed(1)} s`);
  }
}
