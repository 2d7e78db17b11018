// Inbound change notifications: Microsoft Graph (events of a mailbox, plus lifecycle events) and the C4C side.
// Webhooks are hints: they only enqueue sessions, which read the delta/high-water mark themselves. A notification
// is answered at once (202) and never waits for a sync.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LIFECYCLE_EVENTS } from '../../shared/graph-lifecycle.js';
import type { LifecycleEvent } from '../ports/change-subscriptions.js';
import type { JobQueue } from '../ports/job-queue.js';
import type { StateReader } from '../ports/state-store.js';
import { sendError } from './errors.js';
import { clientStateFor, constantTimeEquals } from './webhook-secrets.js';

export interface WebhookDeps {
  queue: JobQueue;
  store: Pick<StateReader, 'getMailbox'>;
  graphClientStateSecret: string;
  /** Shared secret the C4C side sends in `c4cSecretHeader`. */
  c4cSecret: string;
  c4cSecretHeader: string;
  tenantId: string;
  onLifecycle(mailboxId: string, subscriptionId: string, event: LifecycleEvent): Promise<void>;
  /**
   * The mailbox a subscription of ours belongs to. Graph's lifecycle notifications carry no `resource`, only the
   * subscription id; without this lookup they could not be matched to a mailbox (and its clientState).
   */
  mailboxOfSubscription?(subscriptionId: string): Promise<string | null>;
  /**
   * A C4C `deleted` notification for an activity (entity set and object id as C4C sent them): noted for the tenant
   * poll, which confirms with C4C that it is gone and files it for the mailboxes that mirror it (sync/crm-deletes.ts).
   */
  onCrmDeleted?(entitySet: string, objectId: string): Promise<void>;
  /** Body limit for webhook requests (Graph batches up to a few hundred notifications). */
  bodyLimit: number;
}

const graphNotificationSchema = z.object({
  subscriptionId: z.string().min(1).max(200),
  clientState: z.string().max(255).optional(),
  changeType: z.string().max(100).optional(),
  resource: z.string().max(2000).optional(),
  lifecycleEvent: z.enum(LIFECYCLE_EVENTS).optional(),
  tenantId: z.string().max(100).optional(),
});
const graphBodySchema = z.object({ value: z.array(graphNotificationSchema).min(1).max(1000) });

const c4cBodySchema = z.object({
  entitySet: z.string().min(1).max(100),
  objectId: z.string().min(1).max(70),
  changeType: z.enum(['created', 'updated', 'deleted']),
});

/** `Users/{id}/Events/{id}` or `/users/{id}/events` → the user id. */
function mailboxOfResource(resource: string | undefined): string | null {
  const match = /^\/?users\/([^/]+)\//i.exec(`${resource ?? ''}/`);
  return match?.[1] ? decodeURIComponent(match[1]).replace(/^'|'$/g, '') : null;
}

export function registerWebhookRoutes(app: FastifyInstance, deps: WebhookDeps): void {
  const graphHandler = async (req: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) => {
    // Subscription validation handshake: echo the token as text/plain within 10 seconds.
    const { validationToken } = (req.query ?? {}) as { validationToken?: unknown };
    if (typeof validationToken === 'string') {
      if (validationToken.length > 1024) return sendError(reply, 400, 'bad_request', 'validationToken too long');
      return reply.code(200).type('text/plain; charset=utf-8').send(validationToken);
    }
    const parsed = graphBodySchema.safeParse(req.body);
    if (!parsed.success) return sendError(reply, 400, 'bad_request', 'Not a Graph change notification.');
    // Check every notification before acting on any: one forged entry refuses the whole request.
    const accepted: { mailboxId: string; subscriptionId: string; lifecycleEvent?: LifecycleEvent }[] = [];
    for (const n of parsed.data.value) {
      const mailboxId = mailboxOfResource(n.resource) ?? (await deps.mailboxOfSubscription?.(n.subscriptionId)) ?? null;
      if (!mailboxId || !constantTimeEquals(n.clientState, clientStateFor(deps.graphClientStateSecret, mailboxId))) {
        return sendError(reply, 401, 'unauthorized', 'clientState does not match.');
      }
      if (n.tenantId && n.tenantId !== deps.tenantId) return sendError(reply, 403, 'forbidden', 'Notification for another tenant.');
      accepted.push({ mailboxId, subscriptionId: n.subscriptionId, ...(n.lifecycleEvent ? { lifecycleEvent: n.lifecycleEvent } : {}) });
    }
    const mailboxes = new Set<string>();
    for (const n of accepted) {
      if (!(await deps.store.getMailbox(n.mailboxId))) continue;
      if (n.lifecycleEvent) await deps.onLifecycle(n.mailboxId, n.subscriptionId, n.lifecycleEvent);
      else mailboxes.add(n.mailboxId);
    }
    for (const mailboxId of mailboxes) await deps.queue.enqueueMailboxSession(mailboxId, 'insta');
    return reply.code(202).send();
  };
  app.post('/webhooks/graph', { bodyLimit: deps.bodyLimit }, graphHandler);
  app.post('/webhooks/graph/lifecycle', { bodyLimit: deps.bodyLimit }, graphHandler);

  app.post('/webhooks/c4c', { bodyLimit: Math.min(deps.bodyLimit, 16 * 1024) }, async (req, reply) => {
    const given = req.headers[deps.c4cSecretHeader.toLowerCase()];
    if (!constantTimeEquals(Array.isArray(given) ? given[0] : given, deps.c4cSecret)) {
      return sendError(reply, 401, 'unauthorized', 'Missing or wrong webhook secret.');
    }
    const parsed = c4cBodySchema.safeParse(req.body);
    if (!parsed.success) return sendError(reply, 400, 'bad_request', 'Not a C4C change notification.');
    if (parsed.data.changeType === 'deleted' && deps.onCrmDeleted) {
      // Noted before the poll is asked for, so the poll sees it. A note is one row; the poll confirms it with C4C.
      await deps.onCrmDeleted(parsed.data.entitySet, parsed.data.objectId);
    }
    await deps.queue.enqueueTenantPoll(deps.tenantId, 'insta');
    return reply.code(202).send();
  });
}
