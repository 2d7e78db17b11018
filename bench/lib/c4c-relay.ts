// Sits between the C4C sandbox's change notifications and the service: records when each C4C change was
// committed (the sandbox notifies right after the commit) and forwards the notification unchanged to the
// service's /webhooks/c4c. Benchmarks learn "C4C changed at t" without polling through injected latency.
import Fastify from 'fastify';
import { C4C_WEBHOOK_SECRET } from './service-stack.js';

export interface C4cChange {
  entitySet: string;
  objectId: string;
  changeType: 'created' | 'updated' | 'deleted';
  at: number;
}

export interface C4cRelay {
  url: string;
  /** Changes seen so far (oldest first). */
  readonly changes: C4cChange[];
  /** Forwarding to the service: failures (non-2xx or network) and the slowest answer. */
  readonly forwarding: { failed: number; slowestMs: number };
  /** Sets (or clears) where notifications are forwarded to. */
  forwardTo(url: string | null): void;
  /** Points the C4C sandbox's webhook at this relay. */
  attach(c4cUrl: string): Promise<void>;
  close(): Promise<void>;
}

const HEADER = 'x-c4c-sandbox-webhook-secret';

export async function startC4cRelay(): Promise<C4cRelay> {
  const app = Fastify({ logger: false });
  const changes: C4cChange[] = [];
  let target: string | null = null;
  const forwarding = { failed: 0, slowestMs: 0 };
  app.post('/c4c', async (req, reply) => {
    const at = performance.now();
    const body = req.body as Omit<C4cChange, 'at'>;
    changes.push({ ...body, at });
    if (target) {
      const ok = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json', [HEADER]: C4C_WEBHOOK_SECRET }, body: JSON.stringify(body) }).then(
        async (res) => (await res.arrayBuffer(), res.ok),
        () => false,
      );
      if (!ok) forwarding.failed += 1;
      forwarding.slowestMs = Math.max(forwarding.slowestMs, performance.now() - at);
    }
    return reply.code(202).send();
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    changes,
    forwarding,
    forwardTo: (serviceUrl) => {
      target = serviceUrl ? `${serviceUrl}/webhooks/c4c` : null;
    },
    attach: async (c4cUrl) => {
      const res = await fetch(`${c4cUrl}/_sandbox/webhook`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ url: `${url}/c4c`, secret: C4C_WEBHOOK_SECRET }),
      });
      if (!res.ok) throw new Error(`C4C webhook setup: ${res.status}`);
    },
    close: () => app.close(),
  };
}
