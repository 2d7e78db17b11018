// Change-notification subscriptions on a mailbox's events and on its To Do lists' tasks (API-NOTES B.3): create
// with clientState and a lifecycle URL, renew before they expire (≤ 10,080 minutes for events, 4,230 for todoTask),
// reauthorize.
import type { Mailbox } from '../../domain/mailbox.js';
import { PortFailure } from '../../ports/write-results.js';
import { retryAfterOf, userPath } from './event-reads.js';
import { portErrorOf } from './graph-errors.js';
import { TENANT_SCOPE, type GraphHttp, type GraphResponse } from './graph-http.js';

/** Longest lifetime of an event subscription without resource data, less a margin for clock skew. */
export const MAX_EVENT_SUBSCRIPTION_MINUTES = 10_080 - 10;
/** Longest lifetime of a todoTask subscription (4,230 minutes, API-NOTES B.3), less the same margin. */
export const MAX_TODO_SUBSCRIPTION_MINUTES = 4_230 - 10;

export interface GraphSubscription {
  id: string;
  resource: string;
  changeType: string;
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  clientState: string | null;
  expirationDateTime: string;
}

export interface CreateSubscriptionInput {
  notificationUrl: string;
  lifecycleNotificationUrl: string;
  /** Echoed in every notification, so the webhook can tell real ones from forgeries (≤ 128 characters). */
  clientState: string;
  /** Default: the longest allowed lifetime from now. */
  expirationDateTime?: string;
  changeType?: string;
}

const ok2xx = (status: number) => status >= 200 && status < 300;

function fail(response: GraphResponse): never {
  throw new PortFailure(portErrorOf(response.status, response.body, retryAfterOf(response.headers)));
}

function subscriptionOf(body: unknown): GraphSubscription {
  const b = (body ?? {}) as Record<string, unknown>;
  const str = (k: string) => (typeof b[k] === 'string' ? (b[k] as string) : null);
  const id = str('id');
  const expirationDateTime = str('expirationDateTime');
  if (!id || !expirationDateTime) throw new PortFailure({ code: 'temporary', message: 'Graph subscription response without id or expirationDateTime' });
  return {
    id,
    resource: str('resource') ?? '',
    changeType: str('changeType') ?? '',
    notificationUrl: str('notificationUrl') ?? '',
    lifecycleNotificationUrl: str('lifecycleNotificationUrl'),
    clientState: str('clientState'),
    expirationDateTime,
  };
}

export function maxExpiration(now: Date, minutes = MAX_EVENT_SUBSCRIPTION_MINUTES): string {
  return new Date(now.getTime() + minutes * 60_000).toISOString();
}

/** Subscribes to created/updated/deleted events of the mailbox (`users/{id}/events`). */
export function createEventSubscription(http: GraphHttp, mailbox: Mailbox, input: CreateSubscriptionInput): Promise<GraphSubscription> {
  return createSubscription(http, `${userPath(http.options.userIdOf(mailbox)).slice(1)}/events`, input, MAX_EVENT_SUBSCRIPTION_MINUTES);
}

/** Subscribes to created/updated/deleted tasks of one To Do list (`users/{id}/todo/lists/{listId}/tasks`). */
export function createTaskListSubscription(http: GraphHttp, mailbox: Mailbox, listId: string, input: CreateSubscriptionInput): Promise<GraphSubscription> {
  const resource = `${userPath(http.options.userIdOf(mailbox)).slice(1)}/todo/lists/${listId}/tasks`; // a resource string, not a URL: the id as Graph gave it
  return createSubscription(http, resource, input, MAX_TODO_SUBSCRIPTION_MINUTES);
}

async function createSubscription(http: GraphHttp, resource: string, input: CreateSubscriptionInput, maxMinutes: number): Promise<GraphSubscription> {
  if (input.clientState.length > 128) throw new PortFailure({ code: 'invalid', message: 'clientState longer than 128 characters' });
  const response = await http.send(TENANT_SCOPE, {
    method: 'POST',
    url: '/subscriptions',
    body: {
      changeType: input.changeType ?? 'created,updated,deleted',
      notificationUrl: input.notificationUrl,
      lifecycleNotificationUrl: input.lifecycleNotificationUrl,
      resource,
      expirationDateTime: input.expirationDateTime ?? maxExpiration(http.options.clock.now(), maxMinutes),
      clientState: input.clientState,
      latestSupportedTlsVersion: 'v1_2',
    },
  });
  if (!ok2xx(response.status)) fail(response);
  return subscriptionOf(response.body);
}

/** Extends a subscription (also the answer to a `reauthorizationRequired` lifecycle event). */
export async function renewSubscription(http: GraphHttp, subscriptionId: string, expirationDateTime?: string, maxMinutes = MAX_EVENT_SUBSCRIPTION_MINUTES): Promise<GraphSubscription> {
  const response = await http.send(TENANT_SCOPE, {
    method: 'PATCH',
    url: `/subscriptions/${encodeURIComponent(subscriptionId)}`,
    body: { expirationDateTime: expirationDateTime ?? maxExpiration(http.options.clock.now(), maxMinutes) },
  });
  if (!ok2xx(response.status)) fail(response);
  return subscriptionOf(response.body);
}

/** `POST /subscriptions/{id}/reauthorize`, for `reauthorizationRequired` when the expiry should stay. */
export async function reauthorizeSubscription(http: GraphHttp, subscriptionId: string): Promise<void> {
  const response = await http.send(TENANT_SCOPE, { method: 'POST', url: `/subscriptions/${encodeURIComponent(subscriptionId)}/reauthorize` });
  if (!ok2xx(response.status)) fail(response);
}


/**
 * `DELETE /subscriptions/{id}`. A subscription Graph no longer has (expired, or removed before) counts as deleted:
 * `notFound` says so; any other failure throws PortFailure.
 */
export async function deleteSubscription(http: GraphHttp, subscriptionId: string): Promise<'deleted' | 'notFound'> {
  const response = await http.send(TENANT_SCOPE, { method: 'DELETE', url: `/subscriptions/${encodeURIComponent(subscriptionId)}` });
  if (ok2xx(response.status)) return 'deleted';
  if (response.status === 404) return 'notFound';
  fail(response);
}
