// The subscription keeper over in-memory fakes of Graph's subscription API (what Graph holds), the store's
// subscription records and the queue: for the keeper's unit tests and the lifecycle webhook tests.
import pino from 'pino';
import type { Mailbox } from '../../src/server/domain/mailbox.js';
import { createSubscriptionKeeper } from '../../src/server/jobs/subscription-keeper.js';
import type { SubscriptionApi } from '../../src/server/ports/change-subscriptions.js';
import type { JobQueue } from '../../src/server/ports/job-queue.js';
import type { SubscriptionRecord, SubscriptionRecords } from '../../src/server/ports/subscription-records.js';
import { PortFailure } from '../../src/server/ports/write-results.js';
import { fixedClock } from './fixed-clock.js';

export const AVA: Mailbox = { mailboxId: 'mbx-ava', tenantId: 't', provider: 'graph', email: 'ava@contoso.example', displayName: 'Ava', employeePartyId: null, enabled: true };

export const PUBLIC_URL = 'https://sync.example';

export function subscriptionWorld(lists: string[], options: { clientStateOf?: (mailboxId: string) => string; refuse?: (resource: string) => boolean } = {}) {
  const clock = fixedClock(new Date('2026-12-06T10:00:00Z'));
  const records = new Map<string, SubscriptionRecord>();
  const calls: string[] = [];
  let next = 0;
  /** What Graph holds. */
  const atGraph = new Map<string, { id: string; resource: string; expirationDateTime: string; notificationUrl: string }>();
  /** Set to make Graph's renewals fail this way ('temporary' for a 503, 'notFound' for a 404). */
  const renewal: { failure: 'temporary' | 'notFound' | null } = { failure: null };
  const notFound = (id: string) => new PortFailure({ code: 'notFound', message: `Graph 404 subscription ${id}` });
  const graph: SubscriptionApi = {
    createSubscription: async (_mailbox, request) => {
      calls.push(`create ${request.resource}`);
      if (options.refuse?.(request.resource ?? '')) throw new PortFailure({ code: 'auth', message: 'Graph 403 Forbidden' });
      next += 1;
      const sub = { id: `sub-${next}`, resource: request.resource ?? '', expirationDateTime: new Date(clock.now().getTime() + 2 * 86_400_000).toISOString(), notificationUrl: request.notificationUrl };
      atGraph.set(sub.id, sub);
      return sub;
    },
    renewSubscription: async (id, resource) => {
      calls.push(`renew ${id} ${resource}`);
      if (renewal.failure === 'notFound') throw notFound(id);
      if (renewal.failure) throw new PortFailure({ code: renewal.failure, message: 'Graph 503 serviceUnavailable' });
      if (!atGraph.has(id)) throw notFound(id);
      return { expirationDateTime: new Date(clock.now().getTime() + 2 * 86_400_000).toISOString() };
    },
    reauthorizeSubscription: async (id) => {
      calls.push(`reauthorize ${id}`);
      if (!atGraph.has(id)) throw notFound(id);
    },
    subscriptionExists: async (id) => {
      calls.push(`get ${id}`);
      return atGraph.has(id);
    },
    deleteSubscription: async (id) => {
      calls.push(`delete ${id}`);
      return atGraph.delete(id) ? 'deleted' : 'notFound';
    },
    listSubscriptions: async () => [...atGraph.values()],
  };
  const store: SubscriptionRecords = {
    list: async () => [...records.values()],
    mailboxOf: async (id) => records.get(id)?.mailboxId ?? null,
    put: async (r) => void records.set(r.subscriptionId, { subscriptionId: r.subscriptionId, mailboxId: r.mailboxId, resource: r.resource, expiresAt: r.expiresAt }),
    setExpiry: async (id, expiresAt) => void records.set(id, { ...(records.get(id) as SubscriptionRecord), expiresAt }),
    remove: async (id) => void records.delete(id),
    asOnlyRenewal: (fn) => fn(),
    mailboxesWithoutLiveSubscription: async (now) => ([...records.values()].some((r) => r.mailboxId === AVA.mailboxId && Date.parse(r.expiresAt) > now.getTime()) ? [] : [AVA.mailboxId]),
  };
  const enqueued: string[] = [];
  const queue = { enqueueMailboxSession: async (id: string) => void enqueued.push(id) } as unknown as JobQueue;
  const keeper = createSubscriptionKeeper({
    records: store,
    store: { listMailboxes: async () => [AVA], getMailbox: async (id) => (id === AVA.mailboxId ? AVA : null) },
    graph,
    resources: [
      { subscriptionResources: async (m) => [`users/${m.mailboxId}/events`] },
      { subscriptionResources: async (m) => lists.map((l) => `users/${m.mailboxId}/todo/lists/${l}/tasks`) },
    ],
    queue,
    clock,
    logger: pino({ level: 'silent' }),
    publicUrl: PUBLIC_URL,
    clientStateOf: options.clientStateOf ?? (() => 'state'),
  });
  const creates = () => calls.filter((c) => c.startsWith('create')).length;
  return { keeper, records, calls, clock, lists, enqueued, atGraph, renewal, creates };
}
