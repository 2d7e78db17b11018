/**
 * The whole service over real HTTP, as `npm start` runs it: both sandboxes on ephemeral ports, and any number of
 * service instances (in this process through `startService`, or as child processes of `src/server/main.ts`) on
 * one database (a PostgreSQL URL, or a PGlite data folder for a single instance).
 *
 *   const h = await startServiceHarness();
 *   const web = await h.startService({ role: 'all', dataDir: await h.migratedDataDir('data') });
 *   await h.wireC4cWebhook(web.url);                 // C4C sandbox → /webhooks/c4c
 *   await h.graph.patchEvent(AVA.id, id, { categories: ['SAP Cloud for Customer'] });
 *   await web.waitForLog((l) => l.msg === 'session done');
 *   await h.close();                                  // stops every instance, child and sandbox
 *
 * Instances log into memory (`instance.logs`, pino JSON objects, and `instance.raw`, the lines as written);
 * children's stdout lines are kept the same way.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startC4cSandbox } from '../../src/sandbox/c4c/server.js';
import { startGraphSandbox } from '../../src/sandbox/graph/server.js';
import { c4cConsumerFor, sandboxServiceEnv, SANDBOX_C4C_NOTIFICATION_USER } from '../../src/sandbox/service-env.js';
import { loadConfig } from '../../src/server/config/index.js';
import { createLogger } from '../../src/server/log/index.js';
import { startService } from '../../src/server/main.js';
import { C4cClient, GraphClient, control, type HttpAnswer } from './sync-harness-http.js';
import { seedMigratedDataDir } from './migrated-data-dir.js';
import { freePort, trustSandboxCertificate } from './net.js';

const ROOT = process.cwd();
export const GRAPH_CLIENT_STATE_SECRET = 'harness-graph-client-state-secret-0001';
/** The password of the C4C sandbox's notification consumer (its user: SANDBOX_C4C_NOTIFICATION_USER). */
export const C4C_WEBHOOK_PASSWORD = 'harness-c4c-webhook-password-0001';
/** `Authorization` for /webhooks/c4c as C4C's Event Notification consumer sends it. */
export const C4C_WEBHOOK_AUTHORIZATION = `Basic ${Buffer.from(`${SANDBOX_C4C_NOTIFICATION_USER}:${C4C_WEBHOOK_PASSWORD}`).toString('base64')}`;

/** One pino line as JSON. */
export type LogLine = Record<string, unknown> & { msg?: string; time?: string; name?: string };

export interface InstanceOptions {
  role?: 'all' | 'web' | 'worker';
  /** PostgreSQL URL (needed for web/worker roles); otherwise `dataDir` (embedded PGlite). */
  databaseUrl?: string;
  dataDir?: string;
  /** Name on every log line (e.g. "worker-a"). */
  name?: string;
  /** Further settings (e.g. SESSION_EXPIRE_SECONDS); they win over the harness's. */
  env?: Record<string, string>;
}

export interface ServiceInstance {
  readonly name: string;
  /** The HTTP address (null for workers). */
  readonly url: string | null;
  readonly logs: LogLine[];
  /** Every output line exactly as the logger wrote it (a scan for content must see what an operator would). */
  readonly raw: string[];
  waitForLog(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  stop(): Promise<void>;
}

export interface ChildService extends ServiceInstance {
  readonly child: ChildProcess;
  /** kill -9: no shutdown hooks, running sessions are abandoned mid-way. */
  kill(): Promise<void>;
}

export interface ServiceHarness {
  graphUrl: string;
  c4cUrl: string;
  graph: GraphClient;
  c4c: C4cClient;
  graphControl(method: string, path: string, body?: unknown): Promise<HttpAnswer>;
  c4cControl(method: string, path: string, body?: unknown): Promise<HttpAnswer>;
  /** The service's settings for these sandboxes (as scripts/start.ts builds them). */
  env(options: InstanceOptions & { port: number; publicUrl: string }): Record<string, string>;
  /** A service instance in this process (`startService`); web/all roles listen on a free port. */
  startService(options?: InstanceOptions): Promise<ServiceInstance>;
  /** A service instance as a child process (`node --import tsx src/server/main.ts`). */
  spawnService(options?: InstanceOptions): Promise<ChildService>;
  /** Points the C4C sandbox's outbound change notifications at a service. */
  wireC4cWebhook(serviceUrl: string): Promise<void>;
  /** A new empty folder under this harness's temp folder (removed by close()). */
  tempDir(name: string): string;
  /**
   * A new data folder under the temp folder with the PGlite cluster already created and migrated (see
   * migrated-data-dir.ts): a service starts on it in about a second instead of 5–13 s. For tests not about a first start.
   */
  migratedDataDir(name: string): Promise<string>;
  /** The URL the web instance listens on: workers create Graph subscriptions that point there. */
  publicUrl: string | null;
  close(): Promise<void>;
}



function logWaiter(logs: LogLine[], describeInstance: () => string) {
  return async (match: (line: LogLine) => boolean, timeoutMs = 20_000): Promise<LogLine> => {
    const deadline = Date.now() + timeoutMs;
    let seen = 0;
    for (;;) {
      for (; seen < logs.length; seen += 1) {
        const line = logs[seen] as LogLine;
        if (match(line)) return line;
      }
      if (Date.now() > deadline) throw new Error(`no matching log line within ${timeoutMs} ms from ${describeInstance()}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
}

function parseLine(text: string): LogLine | null {
  try {
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as LogLine) : null;
  } catch {
    return null;
  }
}

export async function startServiceHarness(): Promise<ServiceHarness> {
  trustSandboxCertificate();
  const graphSandbox = await startGraphSandbox({ port: 0 });
  const c4cSandbox = await startC4cSandbox({ port: 0, identityBaseUrl: graphSandbox.url, accounts: 200 });
  const root = mkdtempSync(join(tmpdir(), 'crm-sync-service-'));
  const instances = new Set<ServiceInstance>();
  let counter = 0;

  const h: ServiceHarness = {
    graphUrl: graphSandbox.url,
    c4cUrl: c4cSandbox.url,
    graph: new GraphClient(graphSandbox.url),
    c4c: new C4cClient(c4cSandbox.url),
    graphControl: (method, path, body) => control(graphSandbox.url, method, path, body),
    c4cControl: (method, path, body) => control(c4cSandbox.url, method, path, body),
    publicUrl: null,

    env(options) {
      return {
        SANDBOX: 'true',
        ROLE: options.role ?? 'all',
        PORT: String(options.port),
        PUBLIC_URL: options.publicUrl,
        ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
        ...(options.dataDir ? { DATA_DIR: options.dataDir } : {}),
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'info',
        ...sandboxServiceEnv({ graphUrl: graphSandbox.url, c4cUrl: c4cSandbox.url }, { graphClientState: GRAPH_CLIENT_STATE_SECRET, c4cWebhook: C4C_WEBHOOK_PASSWORD }),
        SYNC_INTERVAL_MINUTES: '30',
        ...options.env,
      };
    },

    async startService(options = {}) {
      const role = options.role ?? 'all';
      const name = options.name ?? `${role}-${++counter}`;
      const port = role === 'worker' ? 0 : await freePort();
      const publicUrl = role === 'worker' ? (h.publicUrl ?? 'http://127.0.0.1:9') : `http://127.0.0.1:${port}`;
      const logs: LogLine[] = [];
      const raw: string[] = [];
      const destination = {
        write: (text: string) => {
          raw.push(text);
          const line = parseLine(text);
          if (line) logs.push(line);
        },
      };
      const config = loadConfig(h.env({ ...options, role, port, publicUrl }), '');
      const service = await startService(config, createLogger({ level: 'info', name, destination }));
      if (service.url) h.publicUrl ??= service.url;
      let stopped = false;
      const instance: ServiceInstance = {
        name,
        url: service.url,
        logs,
        raw,
        waitForLog: logWaiter(logs, () => name),
        async stop() {
          if (stopped) return;
          stopped = true;
          instances.delete(instance);
          await service.stop();
        },
      };
      instances.add(instance);
      return instance;
    },

    async spawnService(options = {}) {
      const role = options.role ?? 'worker';
      const name = options.name ?? `${role}-child-${++counter}`;
      const port = role === 'worker' ? 0 : await freePort();
      const publicUrl = role === 'worker' ? (h.publicUrl ?? 'http://127.0.0.1:9') : `http://127.0.0.1:${port}`;
      const env = {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        // MSAL only talks to https authorities: the child trusts the sandbox identity's certificate.
        NODE_EXTRA_CA_CERTS: join(ROOT, 'src/sandbox/identity/sandbox-tls-cert.pem'),
        ...h.env({ ...options, role, port, publicUrl }),
      };
      // node itself (not the tsx CLI, which would run node as a grandchild): kill -9 must hit the service.
      const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/server/main.ts')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      const logs: LogLine[] = [];
      const raw: string[] = [];
      let buffered = '';
      let stderr = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const text of lines) {
          raw.push(text);
          const line = parseLine(text);
          if (line) logs.push(line);
        }
      });
      child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      let stopped = false;
      const instance: ChildService = {
        name,
        child,
        url: role === 'worker' ? null : publicUrl,
        logs,
        raw,
        waitForLog: logWaiter(logs, () => `${name} (exit ${String(child.exitCode)}, stderr: ${stderr.slice(-800)})`),
        async stop() {
          if (stopped) return;
          stopped = true;
          instances.delete(instance);
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
        async kill() {
          stopped = true;
          instances.delete(instance);
          child.kill('SIGKILL');
          await exited;
        },
      };
      instances.add(instance);
      if (role !== 'worker') {
        h.publicUrl ??= publicUrl;
        await instance.waitForLog((l) => l.msg === 'listening', 30_000);
      }
      return instance;
    },

    async wireC4cWebhook(serviceUrl) {
      const res = await control(c4cSandbox.url, 'PUT', '/webhook', c4cConsumerFor(serviceUrl, C4C_WEBHOOK_PASSWORD));
      if (res.status >= 300) throw new Error(`C4C webhook not set: ${res.status} ${JSON.stringify(res.body)}`);
    },

    tempDir(name) {
      return mkdtempSync(join(root, `${name}-`));
    },

    migratedDataDir(name) {
      return seedMigratedDataDir(h.tempDir(name));
    },

    async close() {
      for (const instance of [...instances].reverse()) await instance.stop().catch(() => undefined);
      await Promise.all([graphSandbox.close(), c4cSandbox.close()]);
      rmSync(root, { recursive: true, force: true });
    },
  };
  return h;
}

/** A mailbox session's interval from its "session done" log line (the line carries the end time and `ms`). */
export function sessionInterval(line: LogLine): { mailboxId: string; start: number; end: number } {
  const end = Date.parse(String(line.time));
  return { mailboxId: String(line.mailboxId), start: end - Number(line.ms), end };
}
