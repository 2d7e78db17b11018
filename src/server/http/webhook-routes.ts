// Inbound change notifications: Microsoft Graph (events of a mailbox, plus lifecycle events) and the C4C side.
// Webhooks are hints: they only enqueue sessions, which read the delta/high-water mark themselves. A notification
// is answered at once (202) and never waits for a sync.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LIFECYCLE_EVENTS } from '../../shared/graph-lifecycle.js';
import type { LifecycleEvent } from '../ports/change-subscriptions.js';
import type { JobQueue, SubscriptionEventJob } from '../ports/job-queue.js';
import type { StateReader } from '../ports/state-store.js';
import { sendError } from './errors.js';
import { registerGoogleWebhook } from './google-webhook.js';
import { parseC4cNotification } from './c4c-notification.js';
import { basicCredentialsMatch, clientStateFor, constantTimeEquals, type BasicCredentials } from './webhook-secrets.js';

export interface WebhookDeps {
  queue: JobQueue;
  store: Pick<StateReader, 'getMailbox'>;
  graphClientStateSecret: string;
  /**
   * The HTTP Basic credentials C4C's Event Notification consumer sends. Null: no authentication (sandbox mode only;
   * the configuration refuses it elsewhere).
   */
  c4cCredentials: BasicCredentials | null;
  tenantId: string;
  /**
   * The mailbox of one of our subscriptions, or null for a subscription we do not hold. Every notification is tied
   * to its subscription this way, never to the `resource` it names (the sender writes that): a notification of an
   * unknown subscription is refused, and its clientState must be the one of the subscription's mailbox.
   */
  mailboxOfSubscription(subscriptionId: string): Promise<string | null>;
  /**
   * A C4C `<Object>.Root.Deleted` notification for an activity or task (its entity set and object id): noted for the
   * tenant poll, which confirms with C4C that it is gone and files it for the mailboxes that mirror it
   * (sync/tenant/delete-notes.ts).
   */
  onCrmDeleted?(entitySet: string, objectId: string): Promise<void>;
  /** Body limit for webhook requests (Graph batches up to a few hundred notifications). */
  bodyLimit: number;
  /** The secret Google push channels' tokens are derived from (google-webhook.ts); absent: no /webhooks/google. */
  googleChannelSecret?: string;
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
    const mailboxOf = new Map<string, string | null>();
    for (const n of parsed.data.value) {
      if (!mailboxOf.has(n.subscriptionId)) mailboxOf.set(n.subscriptionId, await deps.mailboxOfSubscription(n.subscriptionId));
      const mailboxId = mailboxOf.get(n.subscriptionId) ?? null;
      if (!mailboxId || !constantTimeEquals(n.clientState, clientStateFor(deps.graphClientStateSecret, mailboxId))) {
        return sendError(reply, 401, 'unauthorized', 'Unknown subscription or clientState does not match.');
      }
      if (n.tenantId && n.tenantId !== deps.tenantId) return sendError(reply, 403, 'forbidden', 'Notification for another tenant.');
      accepted.push({ mailboxId, subscriptionId: n.subscriptionId, ...(n.lifecycleEvent ? { lifecycleEvent: n.lifecycleEvent } : {}) });
    }
    const mailboxes = new Set<string>();
    const lifecycle = new Map<string, SubscriptionEventJob>();
    for (const n of accepted) {
      if (!(await deps.store.getMailbox(n.mailboxId))) continue;
      // `missed`: changes were lost in transit, a session reads them. The others change the subscription, which
      // needs Graph: that work is queued (jobs/subscription-keeper.ts checks with Graph before it acts), never
      // done inside the request, and replays of one event coalesce in the queue.
      if (!n.lifecycleEvent || n.lifecycleEvent === 'missed') mailboxes.add(n.mailboxId);
      else lifecycle.set(`${n.subscriptionId} ${n.lifecycleEvent}`, { subscriptionId: n.subscriptionId, event: n.lifecycleEvent });
    }
    for (const job of lifecycle.values()) await deps.queue.enqueueSubscriptionEvent(job.subscriptionId, job.event);
    for (const mailboxId of mailboxes) await deps.queue.enqueueMailboxSession(mailboxId, 'insta');
    return reply.code(202).send();
  };
  app.post('/webhooks/graph', { bodyLimit: deps.bodyLimit }, graphHandler);
  if (deps.googleChannelSecret !== undefined) registerGoogleWebhook(app, { queue: deps.queue, store: deps.store, channelSecret: deps.googleChannelSecret });
  app.post('/webhooks/graph/lifecycle', { bodyLimit: deps.bodyLimit }, graphHandler);

  // C4C's Event Notification (c4c-notification.ts): HTTP Basic, checked before the body is even read, then the event.
  // Every event of a synced business object asks for a tenant poll, which reads what changed from C4C; a root Deleted
  // is also noted, as the change query cannot see a hard delete. Objects the service does not sync are acknowledged
  // and ignored.
  const c4cCredentials = deps.c4cCredentials;
  const checkC4cCredentials = async (req: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) => {
    if (!c4cCredentials || basicCredentialsMatch(req.headers.authorization, c4cCredentials)) return;
    reply.header('www-authenticate', 'Basic realm="crm-sync C4C notifications", charset="UTF-8"');
    return sendError(reply, 401, 'unauthorized', 'Missing or wrong credentials.');
  };
  app.post('/webhooks/c4c', { bodyLimit: Math.min(deps.bodyLimit, 16 * 1024), onRequest: checkC4cCredentials }, async (req, reply) => {
    const notification = parseC4cNotification(req.body);
    if (!notification) return sendError(reply, 400, 'bad_request', 'Not a C4C event notification.');
    if (!notification.entitySet) return reply.code(202).send();
    if (notification.action === 'deleted' && notification.node.toLowerCase() === 'root' && deps.onCrmDeleted) {
      // Noted before the poll is asked for, so the poll sees it. A note is one row; the poll confirms it with C4C.
      await deps.onCrmDeleted(notification.entitySet, notification.objectId);
    }
    await deps.queue.enqueueTenantPoll(deps.tenantId, 'insta');
    return reply.code(202).send();
  });
}
