// /v1.0/subscriptions: create (with the validation handshake and Graph's expiration limits), list, get, renew
// (PATCH), reauthorize, delete.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { caller, resolveMailbox } from '../auth.js';
import { GraphError, badRequest } from '../errors.js';
import { validateEndpoint, type Subscription, type SubscriptionHub } from '../notifications/subscriptions.js';
import type { GraphSandboxState } from '../sandbox-state.js';
import { baseUrl, parseBody, type Params } from './helpers.js';

const TYPE = 'microsoft.graph.subscription';
const MIN_MINUTES = 45;
const createSchema = z.object({
  changeType: z.string().min(1),
  notificationUrl: z.string().min(1),
  lifecycleNotificationUrl: z.string().optional(),
  resource: z.string().min(1),
  expirationDateTime: z.string().min(1),
  clientState: z.string().max(128).optional(),
  latestSupportedTlsVersion: z.enum(['v1_0', 'v1_1', 'v1_2', 'v1_3']).optional(),
  includeResourceData: z.boolean().optional(),
  encryptionCertificate: z.string().optional(),
  encryptionCertificateId: z.string().optional(),
  notificationQueryOptions: z.string().optional(),
  '@odata.type': z.string().optional(),
}).strict();
const patchSchema = z.object({ expirationDateTime: z.string().min(1) }).strict();

const RESOURCE = /^\/?(?:(me)|users\/([^/]+))\/(events|calendar\/events|calendars\/[^/]+\/events|contacts|contactFolders\/.+|todo\/lists\/[^/]+\/tasks|messages|mailFolders.+)$/i;
const CHANGE_TYPES = new Set(['created', 'updated', 'deleted']);
/** learn.microsoft.com (subscription resource, API-NOTES B.3): todoTask subscriptions live < 3 days. */
export const TODO_TASK_MAX_MINUTES = 4_230;
const TODO_TASKS = /^todo\/lists\/([^/]+)\/tasks$/i;
const CONTACT_FOLDER = /^contactFolders\/([^/]+)\/contacts$/i;

/** Permissions that allow a subscription to each kind of resource (any one; learn.microsoft.com, subscription-post-subscriptions). */
const PERMISSIONS_OF_KIND: Partial<Record<Subscription['kind'], string[]>> = {
  events: ['Calendars.Read', 'Calendars.ReadWrite'],
  todoTasks: ['Tasks.Read', 'Tasks.ReadWrite', 'Tasks.Read.All', 'Tasks.ReadWrite.All'],
  contacts: ['Contacts.Read', 'Contacts.ReadWrite'],
  contactFolder: ['Contacts.Read', 'Contacts.ReadWrite'],
};

/** Which collection a subscription's resource names (the part after the user), see Subscription.kind. */
function kindOf(collection: string, todoList: string | undefined, contactFolder: string | undefined): Subscription['kind'] {
  if (/events$/i.test(collection)) return 'events';
  if (todoList !== undefined) return 'todoTasks';
  if (/^contacts$/i.test(collection)) return 'contacts';
  return contactFolder !== undefined ? 'contactFolder' : 'other';
}

function present(req: FastifyRequest, sub: Subscription): Record<string, unknown> {
  return {
    '@odata.context': `${baseUrl(req)}/v1.0/$metadata#subscriptions/$entity`,
    id: sub.id,
    resource: sub.resource,
    applicationId: sub.applicationId,
    changeType: [...sub.changeTypes].join(','),
    clientState: sub.clientState ?? null,
    notificationUrl: sub.notificationUrl,
    notificationQueryOptions: null,
    lifecycleNotificationUrl: sub.lifecycleNotificationUrl ?? null,
    expirationDateTime: new Date(sub.expiration).toISOString(),
    creatorId: sub.creatorId,
    includeResourceData: false,
    latestSupportedTlsVersion: sub.latestSupportedTlsVersion,
    encryptionCertificate: null,
    encryptionCertificateId: null,
    notificationUrlAppId: null,
  };
}

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

export function registerSubscriptionRoutes(app: FastifyInstance, state: GraphSandboxState, hub: SubscriptionHub): void {
  const expirationFrom = (text: string, limitMinutes = Number.POSITIVE_INFINITY): number => {
    const ms = Date.parse(text);
    if (Number.isNaN(ms)) throw badRequest(`expirationDateTime '${text}' is not a valid date.`, 'InvalidRequest');
    const now = Date.now();
    if (ms <= now) throw badRequest('Subscription expiration can only be in the future.', 'InvalidRequest');
    const maxMinutes = Math.min(state.subscriptionMaxMinutes, limitMinutes);
    if (ms > now + maxMinutes * 60_000) {
      throw badRequest(`Subscription expiration can only be ${maxMinutes} minutes in the future.`, 'InvalidRequest');
    }
    return Math.max(ms, now + MIN_MINUTES * 60_000);
  };
  const own = (req: FastifyRequest): Subscription => {
    const sub = hub.get((req.params as Params).subscriptionId ?? '');
    if (!sub || sub.applicationId !== caller(req).appId) throw new GraphError(404, 'ResourceNotFound', 'The object was not found.');
    return sub;
  };

  app.post('/v1.0/subscriptions', async (req, reply) => {
    const input = parseBody(createSchema, req.body, TYPE);
    const who = caller(req);
    const match = RESOURCE.exec(input.resource.trim());
    if (!match) throw badRequest(`Resource '${input.resource}' is not supported for change notifications.`, 'InvalidRequest');
    const mailbox = resolveMailbox(state.store, req, match[1] ? undefined : decodeURIComponent(match[2] ?? ''));
    const changeTypes = input.changeType.split(',').map((c) => c.trim());
    if (changeTypes.some((c) => !CHANGE_TYPES.has(c))) throw badRequest(`changeType '${input.changeType}' is invalid.`, 'InvalidRequest');
    if (input.includeResourceData) throw badRequest('includeResourceData requires an encryption certificate, which the sandbox does not support.', 'InvalidRequest');
    for (const url of [input.notificationUrl, input.lifecycleNotificationUrl]) {
      if (url !== undefined && !isHttpUrl(url)) throw badRequest(`'${url}' is not a valid notification URL.`, 'InvalidRequest');
    }
    const todoList = TODO_TASKS.exec(match[3] ?? '')?.[1];
    if (todoList !== undefined && !mailbox.todoLists.has(decodeURIComponent(todoList))) {
      throw new GraphError(404, 'ResourceNotFound', `The task list '${todoList}' was not found.`);
    }
    const contactFolder = CONTACT_FOLDER.exec(match[3] ?? '')?.[1];
    if (contactFolder !== undefined && !mailbox.contactFolders.has(decodeURIComponent(contactFolder))) {
      throw new GraphError(404, 'ResourceNotFound', `The contact folder '${contactFolder}' was not found.`);
    }
    const expiration = expirationFrom(input.expirationDateTime, todoList !== undefined ? TODO_TASK_MAX_MINUTES : undefined);
    const ownCount = hub.active().filter((s) => s.mailboxId === mailbox.user.id).length;
    if (ownCount >= 1000) throw new GraphError(403, 'ExtensionError', 'The mailbox has reached its limit of 1,000 subscriptions.');
    for (const url of [input.notificationUrl, input.lifecycleNotificationUrl]) {
      if (url === undefined) continue;
      const token = `Validation: Testing client application reachability for subscription Request-Id: ${req.id}`;
      if (!(await validateEndpoint(url, token))) {
        throw badRequest('Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.', 'ValidationError');
      }
    }
    // Graph checks the caller's permission on the resource after the validation handshake (the endpoint is called,
    // then the create fails), with this envelope: OneDrive/onedrive-api-docs#1398, msgraph-sdk-java#1209.
    const kind = kindOf(match[3] ?? '', todoList, contactFolder);
    const needed = PERMISSIONS_OF_KIND[kind];
    const held = who.userId ? who.scopes : who.roles;
    if (needed && !needed.some((p) => held.includes(p))) {
      throw new GraphError(403, 'ExtensionError', 'Operation: Create; Exception: [Status Code: Forbidden; Reason: Access denied]');
    }
    const sub: Subscription = {
      id: state.store.ids.guid(),
      resource: input.resource,
      mailboxId: mailbox.user.id,
      kind,
      listId: todoList !== undefined ? decodeURIComponent(todoList) : undefined,
      contactFolderId: contactFolder !== undefined ? decodeURIComponent(contactFolder) : undefined,
      changeTypes: new Set(changeTypes as Array<'created' | 'updated' | 'deleted'>),
      notificationUrl: input.notificationUrl,
      lifecycleNotificationUrl: input.lifecycleNotificationUrl,
      clientState: input.clientState,
      expiration,
      applicationId: who.appId,
      creatorId: who.userId ?? String(who.claims.oid ?? ''),
      latestSupportedTlsVersion: input.latestSupportedTlsVersion ?? 'v1_2',
      reauthorizationPending: false,
      held: [],
      delivered: 0,
      failedDeliveries: 0,
    };
    hub.subscriptions.set(sub.id, sub);
    return reply.code(201).send(present(req, sub));
  });

  app.get('/v1.0/subscriptions', async (req) => ({
    '@odata.context': `${baseUrl(req)}/v1.0/$metadata#subscriptions`,
    value: hub.active().filter((s) => s.applicationId === caller(req).appId).map((s) => {
      const { '@odata.context': _context, ...rest } = present(req, s);
      return rest;
    }),
  }));
  app.get('/v1.0/subscriptions/:subscriptionId', async (req) => present(req, own(req)));
  app.patch('/v1.0/subscriptions/:subscriptionId', async (req) => {
    const sub = own(req);
    const input = parseBody(patchSchema, req.body, TYPE);
    sub.expiration = expirationFrom(input.expirationDateTime, sub.kind === 'todoTasks' ? TODO_TASK_MAX_MINUTES : undefined);
    hub.reauthorized(sub);
    return present(req, sub);
  });
  app.post('/v1.0/subscriptions/:subscriptionId/reauthorize', async (req, reply) => {
    hub.reauthorized(own(req));
    return reply.code(204).send();
  });
  app.delete('/v1.0/subscriptions/:subscriptionId', async (req, reply) => {
    hub.subscriptions.delete(own(req).id);
    return reply.code(204).send();
  });
}
