// Liveness, readiness and Prometheus metrics. /healthz says the process runs; /readyz that its database and
// queue answer; /metrics exposes counters for operators.
import type { FastifyInstance } from 'fastify';
import type { Metrics } from './metrics.js';

export interface HealthDeps {
  /** Throws (or resolves false) when the service cannot do its work (database down, queue stopped). */
  ready(): Promise<boolean>;
  metrics: Metrics;
  queueDepth(): Promise<number>;
}

export function registerHealthRoutes(app: FastifyInstance, deps: HealthDeps): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    let ok = false;
    try {
      ok = await deps.ready();
    } catch {
      ok = false;
    }
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ready' : 'not ready' });
  });
  app.get('/metrics', async (_req, reply) => {
    let depth: number | null = null;
    try {
      depth = await deps.queueDepth();
    } catch {
      depth = null;
    }
    if (depth !== null) deps.metrics.setGauge('crmsync_queue_depth', 'Jobs waiting in the queue', depth);
    return reply.type('text/plain; version=0.0.4').send(deps.metrics.render());
  });
}
