// The Graph sandbox's own control-plane routes (beside the common latency/fault/counter ones): info, reset,
// token expiry, throttling limits. Documented in ../README.md.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { LIFECYCLE_EVENTS } from '../../../shared/graph-lifecycle.js';
import { DEMO_TENANT, DEMO_USERS, MAX_TENANT_USERS, tenantUsers } from '../../common/demo-tenant.js';
import { SANDBOX_USER_PASSWORD, identityOrigin } from '../../identity/routes.js';
import { APP_ROLES } from '../../identity/tokens.js';
import { SANDBOX_TLS_CERT } from '../../identity/tls-material.js';
import { GraphError, badRequest } from '../errors.js';
import { contactWriteSchema } from '../contacts/contact-model.js';
import { createContact, defaultFolderOf, findContactFolder } from '../contacts/contact-ops.js';
import { eventWriteSchema, type EventWrite } from '../model.js';
import { createEvent } from '../store/event-ops.js';
import { taskWriteSchema } from '../todo/todo-model.js';
import { createTask, findList } from '../todo/todo-ops.js';
import { presentList, presentTask } from '../todo/present-todo.js';
import type { GraphSandboxState } from '../sandbox-state.js';
import { DEFAULT_LIMITS } from '../throttle.js';
import { baseUrl, parseBody } from './helpers.js';
import { notificationFaultsSchema } from '../../common/notification-faults.js';

const seedSchema = z.object({
  mailbox: z.string().min(1),
  events: z.array(z.unknown()).max(10_000).optional(),
  /** To Do tasks (todoTask JSON, linkedResources inline) for the list `listId`, default the user's default list. */
  tasks: z.array(z.unknown()).max(10_000).optional(),
  listId: z.string().optional(),
  /** Outlook contacts (contact JSON) for the folder `contactFolderId`, default the user's default Contacts folder. */
  contacts: z.array(z.unknown()).max(10_000).optional(),
  contactFolderId: z.string().optional(),
  generate: z.object({
    count: z.number().int().min(1).max(50_000),
    startDay: z.number().int().default(0),
    days: z.number().int().min(1).default(28),
    subjectPrefix: z.string().default('Generated item'),
    categories: z.array(z.string()).default([]),
  }).strict().optional(),
}).strict();

/** Grows the directory to `count` users in all (the C4C sandbox's POST /_sandbox/employees adds the same people). */
const usersSchema = z.object({ count: z.number().int().min(1).max(MAX_TENANT_USERS) }).strict();

const limitsSchema = z.object({
  concurrency: z.number().int().min(1).max(1000).optional(),
  requestsPerWindow: z.number().int().min(1).optional(),
  windowSeconds: z.number().int().min(1).max(86_400).optional(),
}).strict();

export function sandboxInfo(req: FastifyRequest) {
  const authority = `${identityOrigin(req)}/${DEMO_TENANT.tenantId}`;
  return {
    tenantId: DEMO_TENANT.tenantId,
    tenantDomain: DEMO_TENANT.domain,
    graphBaseUrl: `${baseUrl(req)}/v1.0`,
    identity: {
      authority,
      knownAuthority: req.host,
      openIdConfiguration: `${authority}/v2.0/.well-known/openid-configuration`,
      tokenEndpoint: `${authority}/oauth2/v2.0/token`,
      jwksUri: `${authority}/discovery/v2.0/keys`,
      issuer: `${authority}/v2.0`,
      tlsCertificate: SANDBOX_TLS_CERT,
      sandboxTokenEndpoint: `${baseUrl(req)}/_sandbox/token`,
    },
    serviceApp: { ...DEMO_TENANT.serviceApp },
    addinApp: { ...DEMO_TENANT.addinApp },
    userPassword: SANDBOX_USER_PASSWORD,
    users: DEMO_USERS.map((u) => ({ id: u.id, userPrincipalName: u.mail, mail: u.mail, displayName: u.displayName, timeZone: u.timeZone, appRoles: [...(u.appRoles ?? [])] })),
  };
}

export function registerControlRoutes(app: FastifyInstance, state: GraphSandboxState): void {
  app.get('/_sandbox/info', async (req) => ({ ...sandboxInfo(req), userCount: state.store.users.length, changeSequence: state.store.seq, tokenEpoch: state.tokenEpoch }));

  app.post<{ Body: { anchor?: string } | undefined }>('/_sandbox/reset', async (req, reply) => {
    const anchorText = req.body && typeof req.body === 'object' ? req.body.anchor : undefined;
    const anchor = anchorText ? Date.parse(anchorText) : undefined;
    if (anchor !== undefined && Number.isNaN(anchor)) throw badRequest(`anchor '${anchorText}' is not an ISO date.`);
    state.reset(anchor);
    return reply.code(204).send();
  });

  // Adds items to a mailbox, given in full or generated in bulk (benchmarks, soak), through the same code as POST /events.
  app.post('/_sandbox/seed', async (req, reply) => {
    const input = parseBody(seedSchema, req.body, 'seed');
    const mailbox = state.store.findMailbox(input.mailbox);
    if (!mailbox) throw new GraphError(404, 'ErrorInvalidUser', `No sandbox user '${input.mailbox}'.`);
    const writes: EventWrite[] = (input.events ?? []).map((e) => parseBody(eventWriteSchema, e, 'microsoft.graph.event'));
    const g = input.generate;
    for (let i = 0; g && i < g.count; i += 1) {
      const start = Date.now() + (g.startDay + (i % Math.max(1, g.days))) * 86_400_000;
      const day = new Date(start).toISOString().slice(0, 10);
      const hour = String(8 + (i % 9)).padStart(2, '0');
      writes.push({
        subject: `${g.subjectPrefix} ${i + 1}`,
        start: { dateTime: `${day}T${hour}:00:00`, timeZone: 'UTC' },
        end: { dateTime: `${day}T${hour}:30:00`, timeZone: 'UTC' },
        categories: g.categories,
      });
    }
    const ids = writes.map((w) => createEvent(state.store, mailbox, w).id);
    const taskWrites = (input.tasks ?? []).map((t) => parseBody(taskWriteSchema, t, 'microsoft.graph.todoTask'));
    const list = input.listId !== undefined ? findList(mailbox, input.listId) : [...mailbox.todoLists.values()].find((l) => l.wellknownListName === 'defaultList');
    const taskIds = list ? taskWrites.map((t) => createTask(state.store, mailbox, list, t).id) : [];
    const contactWrites = (input.contacts ?? []).map((c) => parseBody(contactWriteSchema, c, 'microsoft.graph.contact'));
    const folder = input.contactFolderId !== undefined ? findContactFolder(mailbox, input.contactFolderId) : defaultFolderOf(mailbox);
    const contactIds = contactWrites.map((c) => createContact(state.store, mailbox, folder, c).id);
    return reply.code(201).send({
      mailbox: mailbox.user.id, created: ids.length, ids,
      ...(taskIds.length ? { listId: list?.id, taskIds } : {}),
      ...(contactIds.length ? { contactFolderId: folder.id, contactIds } : {}),
    });
  });

  // A user's To Do as it stands (lists with their tasks and linked resources), for tests and the soak.
  app.get<{ Params: { mailbox: string } }>('/_sandbox/todo/:mailbox', async (req) => {
    const mailbox = state.store.findMailbox(req.params.mailbox);
    if (!mailbox) throw new GraphError(404, 'ErrorInvalidUser', `No sandbox user '${req.params.mailbox}'.`);
    return {
      mailbox: mailbox.user.id,
      lists: [...mailbox.todoLists.values()].map((list) => ({
        ...presentList(list),
        tasks: [...list.tasks.values()].map((t) => presentTask(t, { timeZone: 'UTC', expandLinkedResources: true })),
      })),
    };
  });

  // A bigger tenant for scale tests: the demo users, then user0006@… up to `count`, with empty calendars. Reset
  // goes back to the demo users.
  app.post('/_sandbox/users', async (req) => {
    const { count } = parseBody(usersSchema, req.body, 'users');
    const added = state.store.addUsers(tenantUsers(count));
    return { added, users: state.store.users.length };
  });

  app.post('/_sandbox/delta/expire', async (_req, reply) => {
    state.tokenEpoch += 1;
    return reply.code(204).send();
  });

  app.put<{ Body: { seconds?: number } }>('/_sandbox/clock', async (req) => {
    const seconds = parseBody(z.object({ seconds: z.number().int() }).strict(), req.body, 'clock').seconds;
    state.tokens.clockSkewSeconds = seconds;
    return { tokenClockSkewSeconds: seconds };
  });

  // Application permissions without admin consent: app tokens issued from now on lack them in `roles`, and Graph
  // answers what needs them with its 403 (a permission taken away, for the doctor's tests).
  const appPermissions = () => ({ granted: APP_ROLES.filter((r) => !state.tokens.deniedAppRoles.has(r)), denied: [...state.tokens.deniedAppRoles] });
  app.get('/_sandbox/app-permissions', async () => appPermissions());
  app.put('/_sandbox/app-permissions', async (req) => {
    const { denied } = parseBody(z.object({ denied: z.array(z.enum(APP_ROLES as [string, ...string[]])) }).strict(), req.body, 'app-permissions');
    state.tokens.deniedAppRoles.clear();
    for (const role of denied) state.tokens.deniedAppRoles.add(role);
    return appPermissions();
  });
  app.delete('/_sandbox/app-permissions', async (_req, reply) => {
    state.tokens.deniedAppRoles.clear();
    return reply.code(204).send();
  });

  app.get('/_sandbox/subscriptions', async () => ({
    maxExpirationMinutes: state.subscriptionMaxMinutes,
    value: [...state.subscriptions.subscriptions.values()].map((s) => ({
      id: s.id, resource: s.resource, mailboxId: s.mailboxId, changeType: [...s.changeTypes].join(','),
      notificationUrl: s.notificationUrl, lifecycleNotificationUrl: s.lifecycleNotificationUrl ?? null,
      expirationDateTime: new Date(s.expiration).toISOString(), applicationId: s.applicationId,
      reauthorizationPending: s.reauthorizationPending, heldNotifications: s.held.length,
      delivered: s.delivered, failedDeliveries: s.failedDeliveries,
    })),
  }));
  // Graph can drop subscriptions without the lifecycle notification ever arriving (restart-safety tests).
  app.delete('/_sandbox/subscriptions', async (_req, reply) => {
    state.subscriptions.clear();
    return reply.code(204).send();
  });
  app.put('/_sandbox/subscriptions/settings', async (req) => {
    const input = parseBody(z.object({ maxExpirationMinutes: z.number().int().min(45) }).strict(), req.body, 'settings');
    state.subscriptionMaxMinutes = input.maxExpirationMinutes;
    return { maxExpirationMinutes: state.subscriptionMaxMinutes };
  });
  app.post<{ Params: { id: string } }>('/_sandbox/subscriptions/:id/lifecycle', async (req) => {
    const input = parseBody(z.object({ lifecycleEvent: z.enum(LIFECYCLE_EVENTS) }).strict(), req.body, 'lifecycle');
    const sub = state.subscriptions.get(req.params.id);
    if (!sub) throw new GraphError(404, 'ResourceNotFound', `No active subscription '${req.params.id}'.`);
    if (!sub.lifecycleNotificationUrl) throw badRequest('The subscription has no lifecycleNotificationUrl.');
    return { lifecycleEvent: input.lifecycleEvent, delivered: await state.subscriptions.lifecycle(sub, input.lifecycleEvent) };
  });
  app.post<{ Params: { id: string } }>('/_sandbox/subscriptions/:id/expire', async (req, reply) => {
    const sub = state.subscriptions.subscriptions.get(req.params.id);
    if (!sub) throw new GraphError(404, 'ResourceNotFound', `No subscription '${req.params.id}'.`);
    sub.expiration = Date.now();
    return reply.code(204).send();
  });

  // Lost, duplicated and late change notifications (notifications/notification-faults.ts).
  const notificationFaults = () => ({ ...state.subscriptions.faults.settings, ...state.subscriptions.faults.counts });
  app.get('/_sandbox/notifications/faults', async () => notificationFaults());
  app.put('/_sandbox/notifications/faults', async (req) => {
    state.subscriptions.faults.set(parseBody(notificationFaultsSchema, req.body, 'notification faults'));
    return notificationFaults();
  });
  app.delete('/_sandbox/notifications/faults', async (_req, reply) => {
    state.subscriptions.faults.clear();
    return reply.code(204).send();
  });

  app.get('/_sandbox/throttling', async () => ({ limits: state.throttle.limits, throttled: state.throttle.throttled }));
  app.put('/_sandbox/throttling', async (req) => {
    const limits = parseBody(limitsSchema, req.body, 'throttling');
    state.throttle.reset({ ...state.throttle.limits, ...Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined)) });
    return { limits: state.throttle.limits };
  });
  app.delete('/_sandbox/throttling', async (_req, reply) => {
    state.throttle.reset(DEFAULT_LIMITS);
    return reply.code(204).send();
  });
}
