// Liveness, readiness and Prometheus metrics. /healthz says the process runs; /readyz that it can do its work: the
// database answers and the C4C system is the one the store was paired with (sync/tenant/pairing.ts). It also names
// the mailboxes that have no live change subscription (insta-sync cannot reach them; they are polled every minute),
// which degrades, but does not fail, readiness. /metrics exposes counters for operators.
import type { FastifyInstance } from 'fastify';
import type { Metrics } from './metrics.js';

/** At most this many mailbox ids are listed on /readyz (the count is always complete). */
const LISTED_MAILBOXES = 20;

export interface HealthDeps {
  /** Throws (or resolves false) when the database or queue cannot do their work. */
  ready(): Promise<boolean>;
  /** Whether sync may run against the C4C system C4C_BASE_URL reaches, and why not. */
  crmSystem?(): { state: 'unchecked' | 'paired' | 'mismatch'; message?: string };
  /** Enabled mailboxes without a live change subscription. */
  withoutSubscription?(): Promise<string[]>;
  metrics: Metrics;
  queueDepth(): Promise<number>;
}

async function settle<T>(fn: () => Promise<T>): Promise<T | null> {
  try {
    return await fn();
  } catch {
    return null;
  }
}

export function registerHealthRoutes(app: FastifyInstance, deps: HealthDeps): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const [database, without] = await Promise.all([settle(deps.ready), deps.withoutSubscription ? settle(deps.withoutSubscription) : Promise.resolve([])]);
    const crm = deps.crmSystem?.() ?? { state: 'paired' as const };
    const ok = database === true && crm.state === 'paired';
    const degraded = ok && (without === null || without.length > 0);
    return reply.code(ok ? 200 : 503).send({
      status: ok ? (degraded ? 'degraded' : 'ready') : 'not ready',
      checks: {
        database: database === true ? 'ok' : 'failed',
        crmSystem: crm.message ? { state: crm.state, message: crm.message } : { state: crm.state },
        subscriptions: without === null ? { state: 'unknown' } : { mailboxesWithout: without.length, mailboxIds: without.slice(0, LISTED_MAILBOXES) },
      },
    });
  });
  app.get('/metrics', async (_req, reply) => {
    const [depth, without] = await Promise.all([settle(deps.queueDepth), deps.withoutSubscription ? settle(deps.withoutSubscription) : Promise.resolve(null)]);
    if (depth !== null) deps.metrics.setGauge('crmsync_queue_depth', 'Jobs waiting in the queue', depth);
    if (without !== null) deps.metrics.setGauge('crmsync_mailboxes_without_subscription', 'Enabled mailboxes without a live change subscription (polled every minute)', without.length);
    const crm = deps.crmSystem?.();
    if (crm) deps.metrics.setGauge('crmsync_crm_system_paired', 'Whether C4C_BASE_URL reaches the C4C system the store was paired with (1) or not (0)', crm.state === 'paired' ? 1 : 0);
    return reply.type('text/plain; version=0.0.4').send(deps.metrics.render());
  });
}
