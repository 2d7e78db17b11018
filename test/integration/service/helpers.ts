// Small waits shared by the service tests: poll a condition, and wait until a running service has nothing left to
// do (its start-up cycle over the seeded demo data, or the sessions a test caused).
import { startServiceHarness, type LogLine, type ServiceHarness, type ServiceInstance } from '../../support/service-harness.js';
import type { GraphClient, Json } from '../../support/sync-harness-http.js';

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns a value other than null/undefined/false; returns it and how long it took. */
export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 15_000, everyMs = 50): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined && value !== false) return { value, ms: Date.now() - started };
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

const isActivity = (line: LogLine): boolean => line.msg === 'session done' || line.msg === 'C4C changes read' || line.msg === 'session failed';

/**
 * Waits until the instances have logged `minSessions` session ends in total (counting from `fromIndex` of each) and
 * then no session or tenant poll for `quietMs`.
 */
export async function waitQuiet(instances: readonly ServiceInstance[], options: { quietMs?: number; minSessions?: number; timeoutMs?: number } = {}): Promise<void> {
  const { quietMs = 1500, minSessions = 0, timeoutMs = 60_000 } = options;
  const started = Date.now();
  const count = () => instances.reduce((n, i) => n + i.logs.filter(isActivity).length, 0);
  const sessions = () => instances.reduce((n, i) => n + i.logs.filter((l) => l.msg === 'session done').length, 0);
  let last = count();
  let lastChange = Date.now();
  for (;;) {
    await sleep(100);
    const now = count();
    if (now !== last) {
      last = now;
      lastChange = Date.now();
    }
    if (sessions() >= minSessions && Date.now() - lastChange >= quietMs) return;
    if (Date.now() - started > timeoutMs) {
      // Say what kept it busy: the last activity lines, so a failure in CI can be read without a re-run.
      const recent = instances.flatMap((i) => i.logs.filter(isActivity).slice(-12).map((l) => JSON.stringify(l).slice(0, 400)));
      throw new Error(`service did not go quiet within ${timeoutMs} ms (${sessions()} sessions done, ${now} activity lines); last activity:\n${recent.join('\n')}`);
    }
  }
}

/** "session done" lines for a mailbox logged after index `from` of the instance's log. */
export function sessionsAfter(instance: ServiceInstance, from: number, mailboxId: string): LogLine[] {
  return instance.logs.slice(from).filter((l) => l.msg === 'session done' && l.mailboxId === mailboxId);
}

/**
 * A Graph request as the user would make it in Outlook, retrying Graph's 429s: the tests act through the service
 * app's credentials, so they share its 4-requests-per-mailbox budget with the running service.
 */
export async function graphAsUser(graph: GraphClient, method: string, path: string, body?: Json): Promise<Json> {
  for (let attempt = 1; ; attempt += 1) {
    const res = await graph.request(method, path, body);
    if (res.status < 300) return res.body;
    if (res.status !== 429 || attempt >= 8) throw new Error(`Graph ${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    await sleep(200 * attempt);
  }
}

export const createEventAsUser = (graph: GraphClient, userId: string, body: Json): Promise<Json> => graphAsUser(graph, 'POST', `/users/${userId}/events`, body);

/** The sandboxes and one service (web and worker) with both webhooks wired, once its first cycle over the seeded demo data of all five mailboxes is over. */
export async function startSettledService(): Promise<{ h: ServiceHarness; service: ServiceInstance }> {
  const h = await startServiceHarness();
  const service = await h.startService({ role: 'all', dataDir: await h.migratedDataDir('data') });
  await h.wireC4cWebhook(service.url as string);
  await waitQuiet([service], { minSessions: 5 });
  return { h, service };
}
