// Sits between the C4C sandbox's change notifications and the service: records when each C4C change was
// committed (the sandbox notifies right after the commit) and forwards the notification unchanged, credentials
// included, to the service's /webhooks/c4c. Benchmarks learn "C4C changed at t" without polling through injected
// latency.
import Fastify from 'fastify';
import { NOTIFIED_OBJECTS, type EventNotification } from '../../src/sandbox/c4c/webhook.js';
import { c4cConsumerFor } from '../../src/sandbox/service-env.js';
import { C4C_WEBHOOK_PASSWORD } from './service-stack.js';

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

const ENTITY_SET_OF_OBJECT = new Map([...NOTIFIED_OBJECTS].map(([set, object]) => [object, set]));

/** The change an event notification reports (`Appointment.Root.Deleted` → AppointmentCollection, deleted). */
function changeOf(body: EventNotification, at: number): C4cChange {
  const action = body.event.split('.').pop()?.toLowerCase() as C4cChange['changeType'];
  return { entitySet: ENTITY_SET_OF_OBJECT.get(body.businessObject) ?? body.businessObject, objectId: body.businessObjectId, changeType: action, at };
}

export async function startC4cRelay(): Promise<C4cRelay> {
  const app = Fastify({ logger: false });
  const changes: C4cChange[] = [];
  let target: string | null = null;
  const forwarding = { failed: 0, slowestMs: 0 };
  app.post('/webhooks/c4c', async (req, reply) => {
    const at = performance.now();
    const body = req.body as EventNotification;
    changes.push(changeOf(body, at));
    if (target) {
      const headers = { 'content-type': 'application/json', authorization: String(req.headers.authorization ?? '') };
      const ok = await fetch(target, { method: 'POST', headers, body: JSON.stringify(body) }).then(
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
        body: JSON.stringify(c4cConsumerFor(url, C4C_WEBHOOK_PASSWORD)),
      });
      if (!res.ok) throw new Error(`C4C webhook setup: ${res.status}`);
    },
    close: () => app.close(),
  };
}
