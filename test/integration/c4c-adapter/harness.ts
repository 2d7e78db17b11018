// Starts the C4C sandbox on an ephemeral port and builds the C4C adapter against it with the technical user the
// sandbox publishes in /_sandbox/info. Retries use short waits so fault tests stay fast.
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { buildC4cSandbox, type C4cSandboxOptions } from '../../../src/sandbox/c4c/server.js';
import { C4cCrmActivities, type RetryPolicy } from '../../../src/server/adapters/c4c/index.js';

export const TENANT = 'tenant-under-test';

export interface SandboxInfo {
  serviceRoot: string;
  technicalUser: { user: string; password: string };
  employees: { objectId: string; employeeId: string; partyId: string; email: string; name: string }[];
}

export interface AdapterHarness {
  app: FastifyInstance;
  origin: string;
  svc: string;
  info: SandboxInfo;
  adapter: C4cCrmActivities;
  /** A further adapter on the same sandbox (other options). */
  newAdapter(options?: AdapterOptions): C4cCrmActivities;
  control(method: string, path: string, body?: unknown): Promise<Response>;
  counters(): Promise<{ total: number; byRoute: Record<string, number>; faultsInjected: number; batchParts: Record<string, number> }>;
  close(): Promise<void>;
}

export interface AdapterOptions {
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
  password?: string;
  /** Another service root (a proxy in front of the sandbox). */
  baseUrl?: string;
}

export const FAST_RETRY: Partial<RetryPolicy> = { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 3000 };

export async function startAdapterHarness(opts: C4cSandboxOptions = {}): Promise<AdapterHarness> {
  const app = buildC4cSandbox({ accounts: 300, ...opts });
  const origin = await app.listen({ host: '127.0.0.1', port: 0 });
  const control = (method: string, path: string, body?: unknown) =>
    fetch(`${origin}/_sandbox/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const info = (await (await control('GET', 'info')).json()) as SandboxInfo;
  const svc = `${origin}/sap/c4c/odata/v1/c4codataapi/`;
  const logger = pino({ level: process.env['C4C_TEST_LOG'] ?? 'silent' });
  const newAdapter = (o: AdapterOptions = {}) =>
    new C4cCrmActivities({
      baseUrl: o.baseUrl ?? svc,
      user: info.technicalUser.user,
      password: o.password ?? info.technicalUser.password,
      logger,
      timeoutMs: o.timeoutMs ?? 10_000,
      retry: o.retry ?? FAST_RETRY,
    });
  return {
    app,
    origin,
    svc,
    info,
    adapter: newAdapter(),
    newAdapter,
    control,
    counters: async () => (await (await control('GET', 'counters')).json()) as { total: number; byRoute: Record<string, number>; faultsInjected: number; batchParts: Record<string, number> },
    close: () => app.close(),
  };
}
