// Change-notification subscriptions on a mailbox's events (API-NOTES B.3): create with clientState and a
// lifecycle URL, renew before they expire (≤ 10,080 minutes for events), reauthorize.
import type { Mailbox } from '../../domain/mailbox.js';
import { PortFailure } from '../../ports/write-results.js';
import { retryAfterOf, userPath } from './event-reads.js';
import { portErrorOf } from './graph-errors.js';
import { TENANT_SCOPE, type GraphHttp, type GraphResponse } from './graph-http.js';

/** Longest lifetime of an event subscription without resource data, less a margin for clock skew. */
export const MAX_EVENT_SUBSCRIPTION_MINUTES = 10_080 - 10;
/** Longest lifetime of a To Do task subscription (todoTask: 4,230 minutes), less the same margin. */
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
  /** Default: the mailbox's events (`users/{id}/events`); a To Do list's tasks are `users/{id}/todo/lists/{listId}/tasks`. */
  resource?: string;
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

/** The longest lifetime Graph allows a subscription of this resource, from now (To Do tasks: shorter than events). */
export function maxExpiration(now: Date, resource = ''): string {
  const minutes = /\/todo\//i.test(resource) ? MAX_TODO_SUBSCRIPTION_MINUTES : MAX_EVENT_SUBSCRIPTION_MINUTES;
  return new Date(now.getTime() + minutes * 60_000).toISOString();
}

/** The resource of a mailbox's events, as a subscription names it. */
export function eventsResource(http: GraphHttp, mailbox: Mailbox): string {
  return `${userPath(http.options.userIdOf(mailbox)).slice(1)}/events`;
}

/** Subscribes to created/updated/deleted changes of a resource of the mailbox (default: its events). */
export async function createEventSubscription(http: GraphHttp, mailbox: Mailbox, input: CreateSubscriptionInput): Promise<GraphSubscription> {
  if (input.clientState.length > 128) throw new PortFailure({ code: 'invalid', message: 'clientState longer than 128 characters' });
  const resource = input.resource ?? eventsResource(http, mailbox);
  const response = await http.send(TENANT_SCOPE, {
    method: 'POST',
    url: '/subscriptions',
    body: {
      changeType: input.changeType ?? 'created,updated,deleted',
      notificationUrl: input.notificationUrl,
      lifecycleNotificationUrl: input.lifecycleNotificationUrl,
      resource,
      expirationDateTime: input.expirationDateTime ?? maxExpiration(http.options.clock.now(), resource),
      clientState: input.clientState,
      latestSupportedTlsVersion: 'v1_2',
    },
  });
  if (!ok2xx(response.status)) fail(response);
  return subscriptionOf(response.body);
}

/** Extends a subscription (also the answer to a `reauthorizationRequired` lifecycle event). */
export async function renewSubscription(http: GraphHttp, subscriptionId: string, resource?: string, expirationDateTime?: string): Promise<GraphSubscription> {
  const response = await http.send(TENANT_SCOPE, {
    method: 'PATCH',
    url: `/subscriptions/${encodeURIComponent(subscriptionId)}`,
    body: { expirationDateTime: expirationDateTime ?? maxExpiration(http.options.clock.now(), resource) },
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

/**
 * Whether Graph still holds a subscription (`GET /subscriptions/{id}`): a `subscriptionRemoved` lifecycle
 * notification is only believed when Graph says the subscription is gone. Other failures throw PortFailure.
 */
export async function subscriptionExists(http: GraphHttp, subscriptionId: string): Promise<boolean> {
  const response = await http.send(TENANT_SCOPE, { method: 'GET', url: `/subscriptions/${encodeURIComponent(subscriptionId)}` });
  if (ok2xx(response.status)) return true;
  if (response.status === 404) return false;
  fail(response);
}

/** Pages of `GET /subscriptions` followed at most (Graph pages them; a misbehaving server cannot loop us). */
const MAX_SUBSCRIPTION_PAGES = 1_000;

/**
 * Every subscription of this app in the tenant (`GET /subscriptions`, one paged call for all mailboxes): what Graph
 * holds, to be compared with what the service recorded (a subscription can vanish without a lifecycle event).
 */
export async function listSubscriptions(http: GraphHttp): Promise<GraphSubscription[]> {
  const found: GraphSubscription[] = [];
  let url: string | undefined = '/subscriptions';
  for (let page = 0; url && page < MAX_SUBSCRIPTION_PAGES; page += 1) {
    const response = await http.send(TENANT_SCOPE, { method: 'GET', url });
    if (!ok2xx(response.status)) fail(response);
    const body = (response.body ?? {}) as { value?: unknown[]; '@odata.nextLink'?: unknown };
    for (const item of body.value ?? []) found.push(subscriptionOf(item));
    url = typeof body['@odata.nextLink'] === 'string' ? body['@odata.nextLink'] : undefined;
  }
  return found;
}
