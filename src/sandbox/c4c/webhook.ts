// Outbound change notifications: when an Appointment, Visit or Task (or one of its children) changes, POST
// {entitySet, objectId, changeType} to the configured URL with the shared secret in a header. Fire and forget:
// the write never waits for, or fails because of, the receiver.
import type { FastifyBaseLogger } from 'fastify';
import type { ChangeType } from './store.js';

export interface WebhookConfig {
  url: string;
  secret: string;
}

export const WEBHOOK_SECRET_HEADER = 'x-c4c-sandbox-webhook-secret';
export const NOTIFIED_SETS = new Set(['AppointmentCollection', 'VisitCollection', 'TasksCollection']);

export class WebhookNotifier {
  config: WebhookConfig | undefined;
  sent = 0;
  failed = 0;

  constructor(private readonly log: FastifyBaseLogger) {}

  notify(entitySet: string, objectId: string, changeType: ChangeType): void {
    const config = this.config;
    if (!config || !NOTIFIED_SETS.has(entitySet)) return;
    fetch(config.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [WEBHOOK_SECRET_HEADER]: config.secret },
      body: JSON.stringify({ entitySet, objectId, changeType }),
      signal: AbortSignal.timeout(10_000),
    })
      .then((res) => {
        if (res.ok) this.sent += 1;
        else this.failed += 1;
        return res.body?.cancel();
      })
      .catch((err: unknown) => {
        this.failed += 1;
        this.log.warn({ err: String(err), entitySet, objectId }, 'c4c sandbox webhook delivery failed');
      });
  }
}
