// The C4C sandbox's own control-plane routes beside the shared ones (latency, faults, counters):
// GET /_sandbox/info, POST /_sandbox/reset, POST /_sandbox/seed, POST /_sandbox/employees, GET/PUT/DELETE /_sandbox/webhook,
// GET/PUT/DELETE /_sandbox/clock (clock skew),
// the task helpers of control-tasks.ts (/_sandbox/tasks) and the tenant's code lists (control-code-lists.ts).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DEMO_TENANT, MAX_TENANT_USERS } from '../common/demo-tenant.js';
import { installCodeListControl } from './control-code-lists.js';
import { installTaskControl } from './control-tasks.js';
import { sapErrorBody } from './errors.js';
import { addTenantEmployees, seedTenant, type SeedOptions } from './seed/seed-tenant.js';
import type { C4cStore } from './store.js';
import type { WebhookConfig, WebhookNotifier } from './webhook.js';

export interface ControlState {
  store: C4cStore;
  webhook: WebhookNotifier;
  seedOptions: SeedOptions;
  serviceRoot(): string;
}

const seedSchema = z.object({
  accounts: z.number().int().min(0).max(500_000).optional(),
  seed: z.number().int().optional(),
  now: z.number().int().optional(),
});
const clockSchema = z.object({ offsetSeconds: z.number().int().min(-86_400).max(86_400) }).strict();
const employeesSchema = z.object({ count: z.number().int().min(1).max(MAX_TENANT_USERS) }).strict();
/** The consumer: its endpoint, and its user and password (both, or neither for authentication "None"). */
const webhookSchema = z
  .object({ url: z.url(), user: z.string().min(1).max(120).regex(/^[^:]*$/, 'must not contain a colon').optional(), password: z.string().min(1).max(500).optional() })
  .strict()
  .refine((c) => (c.user === undefined) === (c.password === undefined), 'user and password go together');

/** What the control plane shows of the consumer (never its password). */
function consumerView(config: WebhookConfig) {
  return { url: config.url, authentication: config.user === undefined ? 'none' : 'basic', ...(config.user === undefined ? {} : { user: config.user }) };
}

/** Replaces the data; CSRF sessions survive, so connected clients keep working. */
export function reseed(state: ControlState, options: SeedOptions) {
  state.store.clear();
  return seedTenant(state.store, options);
}

export function installC4cControl(app: FastifyInstance, state: ControlState): void {
  app.get('/_sandbox/info', async () => ({
    service: 'sap-c4c-odata-v2',
    serviceRoot: state.serviceRoot(),
    metadata: `${state.serviceRoot()}$metadata`,
    technicalUser: { user: DEMO_TENANT.c4cTechnicalUser.user, password: DEMO_TENANT.c4cTechnicalUser.password },
    /** The technical user's identity UUID (IdentityGetLoggedInUserInfo), new at every seed. */
    systemIdentity: state.store.systemIdentity,
    employees: [...state.store.table('EmployeeCollection').values()].map((r) => ({
      objectId: r.id,
      employeeId: r.values['EmployeeID'],
      partyId: r.values['BusinessPartnerID'],
      uuid: r.values['UUID'],
      email: r.values['Email'],
      name: r.values['BusinessPartnerFormattedName'],
    })),
    counts: Object.fromEntries(
      [...state.store.schema.entitySets.keys()].map((s) => [s, state.store.table(s).size]).filter(([, n]) => n !== 0),
    ),
    webhook: state.webhook.config ? { ...consumerView(state.webhook.config), sent: state.webhook.sent, failed: state.webhook.failed } : null,
  }));

  app.post('/_sandbox/reset', async () => reseed(state, state.seedOptions));

  app.post('/_sandbox/seed', async (req, reply) => {
    const parsed = seedSchema.safeParse(req.body ?? {});
    if (!parsed.success) return reply.code(400).send(sapErrorBody('BAD_REQUEST', parsed.error.message));
    return reseed(state, { ...state.seedOptions, ...parsed.data });
  });

  // The employees of a grown tenant (the Graph sandbox's POST /_sandbox/users adds the same people as users).
  // Reset and seed go back to the demo users' employees.
  app.post('/_sandbox/employees', async (req, reply) => {
    const parsed = employeesSchema.safeParse(req.body ?? {});
    if (!parsed.success) return reply.code(400).send(sapErrorBody('BAD_REQUEST', parsed.error.message));
    const added = addTenantEmployees(state.store, parsed.data.count);
    return { added, employees: state.store.table('EmployeeCollection').size };
  });

  app.get('/_sandbox/webhook', async () => ({ config: state.webhook.config ? consumerView(state.webhook.config) : null, sent: state.webhook.sent, failed: state.webhook.failed }));
  app.put('/_sandbox/webhook', async (req, reply) => {
    const parsed = webhookSchema.safeParse(req.body);
    if (!parsed.success) return reply.code(400).send(sapErrorBody('BAD_REQUEST', parsed.error.message));
    state.webhook.config = parsed.data;
    return consumerView(parsed.data);
  });
  app.delete('/_sandbox/webhook', async (_req, reply) => {
    state.webhook.config = undefined;
    return reply.code(204).send();
  });

  // Clock skew: the tenant's change stamps run this far ahead of (or, negative, behind) the real time.
  const clockView = () => ({ offsetSeconds: state.store.clockOffsetMs / 1000 });
  app.get('/_sandbox/clock', async () => clockView());
  app.put('/_sandbox/clock', async (req, reply) => {
    const parsed = clockSchema.safeParse(req.body);
    if (!parsed.success) return reply.code(400).send(sapErrorBody('BAD_REQUEST', parsed.error.message));
    state.store.clockOffsetMs = parsed.data.offsetSeconds * 1000;
    return clockView();
  });
  app.delete('/_sandbox/clock', async (_req, reply) => {
    state.store.clockOffsetMs = 0;
    return reply.code(204).send();
  });

  installTaskControl(app, state.store);
  installCodeListControl(app, state.store);
}
