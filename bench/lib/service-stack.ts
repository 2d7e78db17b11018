// The whole product for benchmarks and the soak: both sandboxes on ephemeral ports, and the sync service either
// in this process (startService, as `npm start` runs it) or as child processes (`src/server/main.ts`, so a worker
// can be killed with SIGKILL and restarted). Wiring mirrors scripts/start.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startC4cSandbox } from '../../src/sandbox/c4c/server.js';
import { startGoogleSandbox } from '../../src/sandbox/google/server.js';
import type { GoogleStore } from '../../src/sandbox/google/store.js';
import { startGraphSandbox } from '../../src/sandbox/graph/server.js';
import type { GraphStore } from '../../src/sandbox/graph/store/graph-store.js';
import { c4cConsumerFor, sandboxServiceEnv } from '../../src/sandbox/service-env.js';
import { loadConfig } from '../../src/server/config/index.js';
import { createLogger } from '../../src/server/log/index.js';
import { startService, type RunningService } from '../../src/server/main.js';
import { seedMigratedDataDir } from '../../test/support/migrated-data-dir.js';
import { freePort, trustSandboxCertificate } from '../../test/support/net.js';

export { freePort, trustSandboxCertificate };

export const C4C_WEBHOOK_PASSWORD = 'bench-c4c-webhook-password-0001';

export interface SandboxPair {
  graphUrl: string;
  c4cUrl: string;
  /** The Graph sandbox's in-memory Exchange (onChange tells when an event changed, with no HTTP latency). */
  graphStore: GraphStore;
  /** The Google sandbox, when asked for: its Workspace users (Dan, Eve) then sync through Google Calendar (R10). */
  google?: GoogleSide;
  close(): Promise<void>;
}

export interface GoogleSide {
  url: string;
  /** The sandbox's calendars in memory (onChange tells when a calendar's events changed, with no HTTP latency). */
  store: GoogleStore;
  users: string[];
  /** The service account's key file (domain-wide delegation) and token URL, as `/_sandbox/info` hands them out. */
  serviceAccountKey: Record<string, string>;
  tokenUrl: string;
  /** GOOGLE_* settings for the service, as scripts/start.ts sets them. */
  env: Record<string, string>;
}

async function startGoogleSide(): Promise<{ side: GoogleSide; close(): Promise<void> }> {
  const sandbox = await startGoogleSandbox({ port: 0 });
  const info = (await (await fetch(`${sandbox.url}/_sandbox/info`)).json()) as { serviceAccountKey: Record<string, string>; tokenUrl: string; users: { email: string }[] };
  const users = info.users.map((u) => u.email);
  const env = { GOOGLE_USERS: users.join(','), GOOGLE_SERVICE_ACCOUNT_KEY: JSON.stringify(info.serviceAccountKey), GOOGLE_API_ROOT_URL: `${sandbox.url}/`, GOOGLE_TOKEN_URL: info.tokenUrl };
  return { side: { url: sandbox.url, store: sandbox.state.store, users, serviceAccountKey: info.serviceAccountKey, tokenUrl: info.tokenUrl, env }, close: sandbox.close };
}

export async function startSandboxPair(options: { accounts?: number; google?: boolean } = {}): Promise<SandboxPair> {
  const graph = await startGraphSandbox({ port: 0 });
  const c4c = await startC4cSandbox({ port: 0, identityBaseUrl: graph.url, accounts: options.accounts ?? 200 });
  const google = options.google ? await startGoogleSide() : null;
  return {
    graphUrl: graph.url,
    c4cUrl: c4c.url,
    graphStore: graph.state.store,
    ...(google ? { google: google.side } : {}),
    close: async () =>
      void (await Promise.all([closeWithin('graph sandbox', graph.app, graph.close), closeWithin('c4c sandbox', c4c.app, c4c.close), google?.close()])),
  };
}

/**
 * Stops a sandbox, but never waits on it for more than `ms`: a short soak in CI once waited minutes here after every
 * check had passed. Says which sandbox held on, with how many connections, so the cause can be found.
 */
async function closeWithin(name: string, app: { server: { getConnections(cb: (err: Error | null, count: number) => void): void } }, close: () => Promise<void>, ms = 10_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ms);
  });
  const outcome = await Promise.race([close().then(() => 'closed' as const), late]);
  clearTimeout(timer);
  if (outcome === 'late') {
    app.server.getConnections((_err, count) => console.warn(`${name} still closing after ${ms / 1000} s with ${count} open connection(s); not waiting`));
  }
}

/** The service's environment against these sandboxes (as scripts/start.ts builds it). */
export function serviceEnv(sandboxes: SandboxPair, extra: Record<string, string>): Record<string, string> {
  return {
    ...sandboxServiceEnv(sandboxes, { graphClientState: 'bench-graph-client-state-secret-0001', c4cWebhook: C4C_WEBHOOK_PASSWORD }),
    HOST: '127.0.0.1',
    SYNC_INTERVAL_MINUTES: '5',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
    ...(sandboxes.google?.env ?? {}),
    ...extra,
  };
}

export async function pointC4cWebhookAt(c4cUrl: string, serviceUrl: string): Promise<void> {
  const res = await fetch(`${c4cUrl}/_sandbox/webhook`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(c4cConsumerFor(serviceUrl, C4C_WEBHOOK_PASSWORD)),
  });
  if (!res.ok) throw new Error(`C4C webhook setup: ${res.status}`);
}

export interface InProcessService {
  url: string;
  service: RunningService;
  close(): Promise<void>;
}

/**
 * The service in this process on a new PGlite folder (or DATABASE_URL in `extra`). The folder holds the migrated
 * schema already (test/support/migrated-data-dir.ts): these benches measure syncs, not a first start, and creating the
 * cluster took 5–13 s of each run (the start-up bench measures that, on its own empty folder).
 */
export async function startInProcessService(
  sandboxes: SandboxPair,
  extra: Record<string, string> = {},
  options: { pointC4cWebhook?: boolean } = {},
): Promise<InProcessService> {
  trustSandboxCertificate();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'crm-sync-bench-'));
  if (!extra.DATABASE_URL) await seedMigratedDataDir(dataDir);
  const config = loadConfig(serviceEnv(sandboxes, { PORT: String(port), DATA_DIR: dataDir, ...extra }), undefined);
  const logger = createLogger({ level: config.logLevel, name: 'bench-service' });
  const service = await startService(config, logger);
  const url = service.url ?? `http://127.0.0.1:${port}`;
  if (options.pointC4cWebhook !== false) await pointC4cWebhookAt(sandboxes.c4cUrl, url);
  return {
    url,
    service,
    close: async () => {
      await service.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ChildService {
  readonly child: ChildProcess;
  readonly url: string | null;
  /** Resolves when the child exits (code or signal). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

const ROOT = new URL('../../', import.meta.url).pathname;

/**
 * `src/server/main.ts` as a child process, trusting the sandbox certificate through NODE_EXTRA_CA_CERTS. Node itself
 * with tsx as a loader (not the tsx CLI, which runs the program in a grandchild): the child's pid is the service's,
 * so SIGKILL really kills the service.
 */
export function spawnService(env: Record<string, string>, port: number | null, options: { onLogLine?: (line: string) => void; nodeArgs?: string[] } = {}): ChildService {
  const { onLogLine } = options;
  // BENCH_CHILD_CPU_PROF=<dir>: each child writes a V8 CPU profile there when it exits (stopChild, not SIGKILL);
  // nodeArgs: e.g. `--cpu-prof` for a profile of one service (bench/worker-idle.ts).
  const profDir = process.env.BENCH_CHILD_CPU_PROF;
  const prof = profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [];
  const child = spawn(process.execPath, [...prof, ...(options.nodeArgs ?? []), '--import', 'tsx', join(ROOT, 'src/server/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, ...env, NODE_EXTRA_CA_CERTS: join(ROOT, 'src/sandbox/identity/sandbox-tls-cert.pem') },
    // BENCH_CHILD_LOG=1 shows the children's logs (with BENCH_LOG_LEVEL=info or debug); onLogLine reads them instead.
    stdio: ['ignore', onLogLine ? 'pipe' : process.env.BENCH_CHILD_LOG ? 'inherit' : 'ignore', 'pipe'],
  });
  if (onLogLine && child.stdout) createInterface({ input: child.stdout }).on('line', onLogLine);
  // A bench that ends (or fails) never leaves a service behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    err = (err + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, url: port === null ? null : `http://127.0.0.1:${port}`, exited, stderr: () => err };
}

/**
 * Ends a child: SIGKILL (no graceful stop to wait for), unless BENCH_CHILD_CPU_PROF asks for profiles, which V8
 * writes only on a normal exit: then SIGTERM (the service stops and exits), SIGKILL after 20 s.
 */
export async function stopChild(c: ChildService): Promise<void> {
  if (!process.env.BENCH_CHILD_CPU_PROF) {
    c.child.kill('SIGKILL');
    await c.exited;
    return;
  }
  c.child.kill('SIGTERM');
  const late = setTimeout(() => c.child.kill('SIGKILL'), 20_000);
  await c.exited;
  clearTimeout(late);
}

export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs: number, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export async function waitReady(url: string, timeoutMs = 60_000): Promise<void> {
  await waitFor(`${url}/readyz`, async () => (await fetch(`${url}/readyz`)).ok, timeoutMs, 200);
}
