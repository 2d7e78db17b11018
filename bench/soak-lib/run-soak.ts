// The fault soak: the service runs as a child process (PGlite data folder that survives kills), both sandboxes
// inject faults into a share of requests, random edits run on both sides for a while and the worker is killed
// with SIGKILL several times and restarted. Then faults stop, the service is restarted cleanly (its start runs a
// full cycle) and the checker compares both sides until they converge or the settle time runs out.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_USERS } from '../../src/sandbox/common/demo-tenant.js';
import { mulberry32 } from '../../src/sandbox/common/mulberry32.js';
import { openDatabase } from '../../src/server/adapters/store/index.js';
import { stateSealer } from '../../src/server/domain/state-digest.js';
import { scanForContent, type ContentScan } from '../../test/support/content-scan.js';
import { c4cConsumerFor } from '../../src/sandbox/service-env.js';
import { control } from '../../test/support/sync-harness-http.js';
import { freePort, serviceEnv, spawnService, startSandboxPair, waitReady, type ChildService } from '../lib/service-stack.js';
import { SoakSides } from './clients.js';
import { checkSides, type CheckReport } from './checker.js';
import { matchOlderEdits, readLoggedConflicts, type ConflictMatch } from './conflict-match.js';
import { SoakEdits } from './edits.js';
import { ContactEdits } from './contact-edits.js';
import { SOAK_C4C_CLOCK_AHEAD_SECONDS, startNotificationFaults, stopNotificationFaults } from './notification-faults.js';

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
  /** PostgreSQL for the service's store (default: DATABASE_URL from the environment, else a PGlite data folder). */
  databaseUrl?: string;
  log?: (line: string) => void;
}

export interface SoakReport {
  edits: Record<string, number>;
  editFailures: number;
  kills: number;
  faultsInjected: { graph: number; c4c: number };
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
    return { privacy, conflicts: { ...matchOlderEdits(check.olderEdits, logged, stateSealer(String(env.STATE_DIGEST_SECRET))), logged: logged.length } };
  } finally {
    await db.close();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => undefined);
  const seed = options.seed ?? Date.now() % 1_000_000;
  const random = mulberry32(seed);
  const users = DEMO_USERS.slice(0, options.users ?? 3);
  const sandboxes = await startSandboxPair();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'crm-sync-soak-'));
  let keepDataDir = false;
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
  const env = serviceEnv(sandboxes, { PORT: String(port), DATA_DIR: dataDir, SYNC_INTERVAL_MINUTES: '1', SYNC_FAMILIES: 'calendar,tasks,contacts', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
  let service: ChildService | null = null;
  const start = async () => {
    const startedAt = Date.now();
    service = spawnService(env, port);
    const s = service;
    await Promise.race([
      waitReady(`http://127.0.0.1:${port}`, 90_000),
      s.exited.then(({ code, signal }) => {
        throw new Error(`service exited during start (${code ?? signal}): ${s.stderr()}`);
      }),
    ]);
    await control(sandboxes.c4cUrl, 'PUT', '/webhook', c4cConsumerFor(`http://127.0.0.1:${port}`, String(env.C4C_WEBHOOK_PASSWORD)));
    log(`service ready after ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  };
  const kill = async () => {
    const s = service;
    if (!s) return;
    s.child.kill('SIGKILL');
    await s.exited;
    service = null;
  };

  const sides = new SoakSides(sandboxes.graphUrl, sandboxes.c4cUrl);
  const prefix = `[soak-${seed}-`;
  try {
    log(`soak seed ${seed}: ${users.length} mailboxes, ${options.durationMs / 1000} s of edits, ${options.faultRate * 100}% faults, ${options.kills} kills`);
    await start();
    const contacts = new ContactEdits(sides, `http://127.0.0.1:${port}`, sandboxes.graphUrl, users, random);
    const edits = new SoakEdits(sides, prefix, users, await sides.accountIds(20), random, options.hardDeletes ?? false, true, contacts);
    const faults = { rate: options.faultRate, kinds: ['throttle', 'unavailable', 'reset', 'timeout'], retryAfterSeconds: 1, timeoutMs: 1_500 };
    for (const url of [sandboxes.graphUrl, sandboxes.c4cUrl]) await control(url, 'PUT', '/faults', faults);
    await startNotificationFaults(sandboxes, seed);

    const started = Date.now();
    const killAt = Array.from({ length: options.kills }, (_, i) => started + ((i + 1) * options.durationMs) / (options.kills + 1));
    let kills = 0;
    let editFailures = 0;
    let editsSinceStart = 0;
    // Runs past the duration if restarts were slow, so that every planned kill happens (each after some edits).
    while (Date.now() - started < options.durationMs || kills < killAt.length) {
      if (kills < killAt.length && Date.now() >= (killAt[kills] ?? Infinity) && editsSinceStart >= 3) {
        log(`kill -9 #${kills + 1} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
        await kill();
        kills += 1;
        // A few edits while the service is down; it must catch up after the restart.
        for (let i = 0; i < 2; i += 1) await edits.step().catch(() => (editFailures += 1));
        await start();
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
    const faultsInjected = {
      graph: ((await control(sandboxes.graphUrl, 'GET', '/counters')).body.faultsInjected ?? 0) as number,
      c4c: ((await control(sandboxes.c4cUrl, 'GET', '/counters')).body.faultsInjected ?? 0) as number,
    };
    for (const url of [sandboxes.graphUrl, sandboxes.c4cUrl]) await control(url, 'DELETE', '/faults');
    const notifications = await stopNotificationFaults(sandboxes);
    log(`change notifications: ${notifications.dropped} dropped, ${notifications.duplicated} sent twice, ${notifications.delayed} late; C4C clock ${SOAK_C4C_CLOCK_AHEAD_SECONDS} s ahead`);
    log(`edits done: ${JSON.stringify(edits.done)}; stopping faults, clean restart, settling`);
    await kill();
    await start();

    const settleStarted = Date.now();
    let check = await checkSides(sides, prefix, edits.items, users.map((u) => u.id), true, contacts);
    let settledAfterMs: number | null = null;
    while (Date.now() - settleStarted < options.settleMs) {
      if (check.violations.length === 0 && check.visibleErrors === 0) {
        settledAfterMs = Date.now() - settleStarted;
        break;
      }
      await sleep(2_000);
      check = await checkSides(sides, prefix, edits.items, users.map((u) => u.id), true, contacts);
    }
    if (settledAfterMs === null && check.violations.length === 0) settledAfterMs = Date.now() - settleStarted;
    log(`settle: ${settledAfterMs === null ? 'not settled' : `settled after ${(settledAfterMs / 1000).toFixed(1)} s`}, ${check.violations.length} violations`);
    await kill();
    const { privacy, conflicts } = await readStore(env, prefix, check);
    log(`privacy scan: ${privacy.rowsRead} rows of ${privacy.tables} tables read; ${privacy.hits.length} hold soak content, ${privacy.inFlight} in-flight rows do`);
    // An older edit no logged conflict explains is a lost edit: a violation like any other.
    check.violations.push(...conflicts.violations);
    log(`conflicts: ${check.olderEdits.length} items converged on an older edit, ${conflicts.matched.length} matched to the ${conflicts.logged} conflicts the service logged`);
    if (check.violations.length > 0 || privacy.hits.length > 0) {
      // The service's state (pairs, sync log) is the evidence: keep it for a look with any PostgreSQL client of PGlite.
      keepDataDir = true;
      log(`violations: the service's data folder is kept at ${dataDir}`);
    }
    return { edits: edits.done, editFailures, kills, faultsInjected, settledAfterMs, check, privacy, conflicts };
  } finally {
    await kill();
    // Timed: a short soak once outlived its test after every check had passed, somewhere in this clean-up.
    const closing = Date.now();
    log('stopping the sandboxes');
    await sandboxes.close();
    if (!keepDataDir) rmSync(dataDir, { recursive: true, force: true });
    log(`sandboxes stopped after ${((Date.now() - closing) / 1000).toFixed(1)} s`);
  }
}
