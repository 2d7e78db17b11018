// The subscription keeper over fakes of Graph's subscription API and the records: one subscription per resource a
// family names, renewals with the resource's own lifetime, a vanished To Do list's subscription deleted, and a
// removed subscription recreated on the same resource.
import pino from 'pino';
import { createSubscriptionKeeper } from '../../../src/server/jobs/subscription-keeper.js';
import type { Mailbox } from '../../../src/server/domain/mailbox.js';
import type { SubscriptionApi } from '../../../src/server/ports/change-subscriptions.js';
import type { JobQueue } from '../../../src/server/ports/job-queue.js';
import type { SubscriptionRecord, SubscriptionRecords } from '../../../src/server/ports/subscription-records.js';
import { fixedClock } from '../../support/fixed-clock.js';

const AVA: Mailbox = { mailboxId: 'mbx-ava', tenantId: 't', provider: 'graph', email: 'ava@contoso.example', displayName: 'Ava', employeePartyId: null, enabled: true };

function world(lists: string[], refuse: (resource: string) => boolean = () => false) {
  const clock = fixedClock(new Date('2026-12-06T10:00:00Z'));
  const records = new Map<string, SubscriptionRecord>();
  const calls: string[] = [];
  let next = 0;
  /** What Graph holds. */
  const atGraph = new Map<string, { id: string; resource: string; expirationDateTime: string; notificationUrl: string }>();
  const graph: SubscriptionApi = {
    createSubscription: async (_mailbox, request) => {
      calls.push(`create ${request.resource}`);
      if (refuse(request.resource ?? '')) throw new Error('403 Forbidden');
      next += 1;
      const sub = { id: `sub-${next}`, resource: request.resource ?? '', expirationDateTime: new Date(clock.now().getTime() + 2 * 86_400_000).toISOString(), notificationUrl: request.notificationUrl };
      atGraph.set(sub.id, sub);
      return sub;
    },
    renewSubscription: async (id, resource) => {
      calls.push(`renew ${id} ${resource}`);
      return { expirationDateTime: new Date(clock.now().getTime() + 2 * 86_400_000).toISOString() };
    },
    reauthorizeSubscription: async () => undefined,
    deleteSubscription: async (id) => {
      calls.push(`delete ${id}`);
      atGraph.delete(id);
      return 'deleted';
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
    store: { listMailboxes: async () => [AVA], getMailbox: async () => AVA },
    graph,
    resources: [
      { subscriptionResources: async (m) => [`users/${m.mailboxId}/events`] },
      { subscriptionResources: async (m) => lists.map((l) => `users/${m.mailboxId}/todo/lists/${l}/tasks`) },
    ],
    queue,
    clock,
    logger: pino({ level: 'silent' }),
    publicUrl: 'https://sync.example',
    clientStateOf: () => 'state',
  });
  return { keeper, records, calls, clock, lists, enqueued, atGraph };
}

describe('subscription keeper', () => {
  it('subscribes every resource of every family once, and does nothing more while they live', async () => {
    const w = world(['L1', 'L2']);
    expect(await w.keeper.renewAll()).toEqual({ created: 3, renewed: 0, failed: 0 });
    expect([...w.records.values()].map((r) => r.resource).sort()).toEqual(['users/mbx-ava/events', 'users/mbx-ava/todo/lists/L1/tasks', 'users/mbx-ava/todo/lists/L2/tasks']);
    expect(await w.keeper.renewAll()).toEqual({ created: 0, renewed: 0, failed: 0 });
  });

  it('renews a subscription close to its expiry, naming its resource', async () => {
    const w = world(['L1']);
    await w.keeper.renewAll();
    w.clock.advance(30 * 3600_000);
    expect(await w.keeper.renewAll()).toEqual({ created: 0, renewed: 2, failed: 0 });
    expect(w.calls.filter((c) => c.startsWith('renew')).sort()).toEqual(['renew sub-1 users/mbx-ava/events', 'renew sub-2 users/mbx-ava/todo/lists/L1/tasks']);
  });

  it('subscribes a new list and deletes the subscription of a deleted one at the hourly recheck', async () => {
    const w = world(['L1']);
    await w.keeper.renewAll();
    w.lists.splice(0, 1, 'L3');
    expect(await w.keeper.renewAll()).toEqual({ created: 0, renewed: 0, failed: 0 });
    w.clock.advance(3600_000);
    expect(await w.keeper.renewAll()).toEqual({ created: 1, renewed: 0, failed: 0 });
    expect(w.calls).toContain('delete sub-2');
    expect([...w.records.values()].map((r) => r.resource).sort()).toEqual(['users/mbx-ava/events', 'users/mbx-ava/todo/lists/L3/tasks']);
  });

  it('trusts Graph over its rows: a subscription Graph lost is made again, one it does not know is deleted', async () => {
    const w = world(['L1']);
    await w.keeper.renewAll();
    const events = [...w.records.values()].find((r) => r.resource.endsWith('/events'));
    w.atGraph.delete(events?.subscriptionId ?? '');
    w.atGraph.set('stray', { id: 'stray', resource: 'users/x/events', expirationDateTime: '2027-01-01T00:00:00Z', notificationUrl: 'https://sync.example/webhooks/graph' });
    w.atGraph.set('other-app', { id: 'other-app', resource: 'users/x/events', expirationDateTime: '2027-01-01T00:00:00Z', notificationUrl: 'https://elsewhere.example/hook' });
    // Checked every few minutes, not on every renewal.
    expect(await w.keeper.renewAll()).toEqual({ created: 0, renewed: 0, failed: 0 });
    w.clock.advance(5 * 60_000);
    expect(await w.keeper.renewAll()).toEqual({ created: 1, renewed: 0, failed: 0 });
    expect(w.calls).toContain('delete stray');
    expect(w.calls).not.toContain('delete other-app');
    expect([...w.records.values()].map((r) => r.resource).sort()).toEqual(['users/mbx-ava/events', 'users/mbx-ava/todo/lists/L1/tasks']);
    expect([...w.atGraph.keys()].sort()).toEqual(['other-app', ...[...w.records.keys()]].sort());
  });

  it('recreates a removed subscription on the same resource and runs a session', async () => {
    const w = world(['L1']);
    await w.keeper.renewAll();
    const list = [...w.records.values()].find((r) => r.resource.includes('/todo/'));
    await w.keeper.onLifecycle(AVA.mailboxId, list?.subscriptionId ?? '', 'subscriptionRemoved');
    expect(w.calls.at(-1)).toBe('create users/mbx-ava/todo/lists/L1/tasks');
    expect(w.records.has(list?.subscriptionId ?? '')).toBe(false);
    expect(w.enqueued).toEqual([AVA.mailboxId]);
  });

  it('asks again for a resource Graph refuses after 1, 2, 4 … minutes, not every minute, and keeps the others', async () => {
    const w = world(['L1'], () => true);
    const creates = () => w.calls.filter((c) => c.startsWith('create')).length;
    expect(await w.keeper.renewAll()).toEqual({ created: 0, renewed: 0, failed: 2 });
    expect(creates()).toBe(2);
    w.clock.advance(30_000);
    expect(await w.keeper.renewAll()).toEqual({ created: 0, renewed: 0, failed: 0 });
    expect(creates()).toBe(2);
    w.clock.advance(30_000);
    expect((await w.keeper.renewAll()).failed).toBe(2);
    w.clock.advance(60_000);
    expect((await w.keeper.renewAll()).failed).toBe(0);
    w.clock.advance(60_000);
    expect((await w.keeper.renewAll()).failed).toBe(2);
    expect(creates()).toBe(6);
    expect(await w.keeper.withoutLiveSubscription()).toEqual([AVA.mailboxId]);
  });

  it('subscribes the resources Graph accepts when it refuses another of the same mailbox', async () => {
    const w = world(['L1'], (resource) => resource.includes('/todo/'));
    expect(await w.keeper.renewAll()).toEqual({ created: 1, renewed: 0, failed: 1 });
    expect([...w.records.values()].map((r) => r.resource)).toEqual(['users/mbx-ava/events']);
    expect(await w.keeper.withoutLiveSubscription()).toEqual([]);
  });
});
