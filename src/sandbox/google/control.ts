// The Google sandbox's own control-plane routes beside the shared ones (latency, faults, counters): info (with
// the service-account key file), reset, seed, sync-token and access-token expiry, the token endpoint's clock, and
// the push channels. Documented in README.md beside this file.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { MAX_TENANT_USERS, tenantUsers } from '../common/demo-tenant.js';
import { notificationFaultsSchema } from '../common/notification-faults.js';
import { GoogleError, invalid } from './errors.js';
import { insertEvent } from './event-ops.js';
import { TOKEN_PATH } from './oauth.js';
import type { GoogleSandboxState } from './sandbox-state.js';
import { CALENDAR_SCOPE, DELEGATED_SCOPES, GOOGLE_TOKEN_URL, SERVICE_ACCOUNT } from './service-account.js';
import { formatInstant } from './time.js';

const seedSchema = z.object({
  user: z.string().min(1),
  /** A calendar id of the user's; default their primary calendar. */
  calendarId: z.string().optional(),
  /** Event resources, as events.insert takes them. */
  events: z.array(z.unknown()).max(10_000).optional(),
  generate: z.object({
    count: z.number().int().min(1).max(50_000),
    startDay: z.number().int().default(0),
    days: z.number().int().min(1).default(28),
    summaryPrefix: z.string().default('Generated event'),
  }).strict().optional(),
}).strict();

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw invalid(parsed.error.message);
  return parsed.data;
}

export function baseUrl(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`;
}

export function registerControlRoutes(app: FastifyInstance, state: GoogleSandboxState): void {
  app.get('/_sandbox/info', async (req) => {
    const base = baseUrl(req);
    return {
      service: 'google-calendar-v3',
      rootUrl: `${base}/`,
      calendarBaseUrl: `${base}/calendar/v3`,
      tokenUrl: `${base}${TOKEN_PATH}`,
      tokenAudiences: [GOOGLE_TOKEN_URL, `${base}${TOKEN_PATH}`],
      serviceAccount: SERVICE_ACCOUNT.clientEmail,
      serviceAccountKey: state.account.keyFile(`${base}${TOKEN_PATH}`),
      scope: CALENDAR_SCOPE,
      delegatedScopes: [...DELEGATED_SCOPES],
      users: state.store.users.map((u) => ({ email: u.email, displayName: u.displayName, timeZone: u.timeZone })),
      changeSequence: state.store.seq,
      syncTokenEpoch: state.codec.epoch,
    };
  });

  app.post<{ Body: { anchor?: string } | undefined }>('/_sandbox/reset', async (req, reply) => {
    const anchorText = req.body && typeof req.body === 'object' ? req.body.anchor : undefined;
    const anchor = anchorText ? Date.parse(anchorText) : undefined;
    if (anchor !== undefined && Number.isNaN(anchor)) throw invalid(`anchor '${anchorText}' is not an ISO date.`);
    state.reset(anchor);
    return reply.code(204).send();
  });

  // Adds events to a user's calendar, given in full or generated in bulk, through the same code as events.insert.
  app.post('/_sandbox/seed', async (req, reply) => {
    const input = parse(seedSchema, req.body);
    const user = state.store.user(input.user);
    if (!user) throw new GoogleError(404, 'notFound', `No sandbox user '${input.user}'.`);
    const calendar = state.store.calendarFor(user.email, input.calendarId ?? 'primary');
    const bodies: unknown[] = [...(input.events ?? [])];
    const g = input.generate;
    for (let i = 0; g && i < g.count; i += 1) {
      const day = Math.floor(Date.now() / 86_400_000) * 86_400_000 + (g.startDay + (i % g.days)) * 86_400_000;
      const start = day + (8 + (i % 9)) * 3_600_000;
      bodies.push({ summary: `${g.summaryPrefix} ${i + 1}`, start: { dateTime: formatInstant(start, 'UTC') }, end: { dateTime: formatInstant(start + 1_800_000, 'UTC') } });
    }
    const ids = bodies.map((body) => insertEvent(state.store, calendar, user.email, body).id);
    return reply.code(201).send({ user: user.email, calendarId: calendar.id, created: ids.length, ids });
  });

  // A bigger Workspace for scale tests: the demo tenant's first `count` people (the Graph sandbox's POST
  // /_sandbox/users and the C4C sandbox's POST /_sandbox/employees add the same ones) become users too, with empty
  // primary calendars. Reset goes back to the two demo users.
  app.post('/_sandbox/users', async (req) => {
    const { count } = parse(z.object({ count: z.number().int().min(1).max(MAX_TENANT_USERS) }).strict(), req.body);
    const before = state.store.users.length;
    const known = new Set(state.store.users.map((u) => u.email));
    const added = tenantUsers(count).filter((u) => !known.has(u.mail)).map((u) => ({ email: u.mail, displayName: u.displayName, timeZone: u.timeZone }));
    state.store.setUsers([...state.store.users, ...added]);
    return { added: state.store.users.length - before, users: state.store.users.length };
  });

  // Every sync token handed out so far answers 410 fullSyncRequired (Google invalidates tokens now and then).
  app.post('/_sandbox/sync/expire', async (_req, reply) => {
    state.codec.epoch += 1;
    return reply.code(204).send();
  });

  // Every access token stops working (401): clients must run the JWT-bearer grant again.
  app.post('/_sandbox/tokens/expire', async (_req, reply) => {
    state.account.revokeAll();
    return reply.code(204).send();
  });

  app.put('/_sandbox/clock', async (req) => {
    const { seconds } = parse(z.object({ seconds: z.number().int() }).strict(), req.body);
    state.clockSkewSeconds = seconds;
    return { tokenClockSkewSeconds: seconds };
  });

  app.get('/_sandbox/channels', async () => ({
    maxTtlSeconds: state.channels.maxTtlSeconds,
    value: [...state.channels.channels.values()].map((c) => ({
      id: c.id, calendarId: c.calendarId, user: c.owner, address: c.address, resourceId: c.resourceId,
      expiration: new Date(c.expiration).toISOString(), expired: c.expiration <= Date.now(),
      messageNumber: c.messageNumber, delivered: c.delivered, failedDeliveries: c.failedDeliveries,
    })),
  }));
  app.put('/_sandbox/channels/settings', async (req) => {
    const { maxTtlSeconds } = parse(z.object({ maxTtlSeconds: z.number().int().min(1) }).strict(), req.body);
    state.channels.maxTtlSeconds = maxTtlSeconds;
    return { maxTtlSeconds };
  });
  // Lost, duplicated and late push messages (common/notification-faults.ts), as the Graph sandbox's change notifications.
  const pushFaults = () => ({ ...state.channels.faults.settings, ...state.channels.faults.counts });
  app.get('/_sandbox/notifications/faults', async () => pushFaults());
  app.put('/_sandbox/notifications/faults', async (req) => {
    state.channels.faults.set(parse(notificationFaultsSchema, req.body));
    return pushFaults();
  });
  app.delete('/_sandbox/notifications/faults', async (_req, reply) => {
    state.channels.faults.clear();
    return reply.code(204).send();
  });
  // Ends a channel now, as its expiration would: no more messages, and channels.stop answers 404.
  app.post<{ Params: { id: string } }>('/_sandbox/channels/:id/expire', async (req, reply) => {
    const channel = state.channels.channels.get(req.params.id);
    if (!channel) throw new GoogleError(404, 'notFound', `No channel '${req.params.id}'.`);
    channel.expiration = Date.now();
    return reply.code(204).send();
  });
}
