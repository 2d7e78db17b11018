// The subscription keeper over fakes of Graph's subscription API and the records: one subscription per resource a
// family names, renewals with the resource's own lifetime, a vanished To Do list's subscription deleted, and a
// removed subscription recreated on the same resource, only once Graph confirms it is gone.
import { AVA, subscriptionWorld as world } from '../../support/subscription-world.js';

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
    w.atGraph.delete(list?.subscriptionId ?? '');
    await w.keeper.onLifecycle(list?.subscriptionId ?? '', 'subscriptionRemoved');
    expect(w.calls.at(-1)).toBe('create users/mbx-ava/todo/lists/L1/tasks');
    expect(w.records.has(list?.subscriptionId ?? '')).toBe(false);
    expect(w.enqueued).toEqual([AVA.mailboxId]);
  });

  it('asks again for a resource Graph refuses after 1, 2, 4 … minutes, not every minute, and keeps the others', async () => {
    const w = world(['L1'], { refuse: () => true });
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
    const w = world(['L1'], { refuse: (resource) => resource.includes('/todo/') });
    expect(await w.keeper.renewAll()).toEqual({ created: 1, renewed: 0, failed: 1 });
    expect([...w.records.values()].map((r) => r.resource)).toEqual(['users/mbx-ava/events']);
    expect(await w.keeper.withoutLiveSubscription()).toEqual([]);
  });

  it('believes subscriptionRemoved only when Graph no longer holds the subscription: three replays create nothing', async () => {
    const w = world([]);
    await w.keeper.renewAll();
    const [events] = [...w.records.values()];
    const before = w.creates();
    for (let i = 0; i < 3; i += 1) await w.keeper.onLifecycle(events?.subscriptionId ?? '', 'subscriptionRemoved');
    expect(w.creates()).toBe(before);
    expect(w.calls.filter((c) => c.startsWith('get'))).toHaveLength(3);
    expect([...w.records.keys()]).toEqual([events?.subscriptionId]);
    expect(w.enqueued).toEqual([]);
  });

  it('replaces a removed subscription once, however often the removal is replayed', async () => {
    const w = world([]);
    await w.keeper.renewAll();
    const [events] = [...w.records.values()];
    w.atGraph.delete(events?.subscriptionId ?? '');
    const before = w.creates();
    for (let i = 0; i < 3; i += 1) await w.keeper.onLifecycle(events?.subscriptionId ?? '', 'subscriptionRemoved');
    expect(w.creates()).toBe(before + 1);
    expect(w.records.size).toBe(1);
    expect([...w.atGraph.keys()]).toEqual([...w.records.keys()]);
  });

  it('does not put a second subscription beside one whose renewal failed for a passing reason', async () => {
    const w = world([]);
    await w.keeper.renewAll();
    w.clock.advance(30 * 3600_000);
    w.renewal.failure = 'temporary';
    expect(await w.keeper.renewAll()).toEqual({ created: 0, renewed: 0, failed: 1 });
    expect(w.atGraph.size).toBe(1);
    w.renewal.failure = null;
    expect(await w.keeper.renewAll()).toEqual({ created: 0, renewed: 1, failed: 0 });
    expect(w.atGraph.size).toBe(1);
  });

  it('makes a subscription Graph says is gone again at renewal, and deletes the one it replaces at Graph', async () => {
    const w = world([]);
    await w.keeper.renewAll();
    const [events] = [...w.records.values()];
    w.renewal.failure = 'notFound';
    w.clock.advance(30 * 3600_000);
    expect(await w.keeper.renewAll()).toEqual({ created: 1, renewed: 0, failed: 0 });
    expect(w.calls).toContain(`delete ${events?.subscriptionId}`);
    expect([...w.atGraph.keys()]).toEqual([...w.records.keys()]);
  });

  it('reauthorizes on reauthorizationRequired, and replaces a subscription Graph no longer knows', async () => {
    const w = world([]);
    await w.keeper.renewAll();
    const [events] = [...w.records.values()];
    await w.keeper.onLifecycle(events?.subscriptionId ?? '', 'reauthorizationRequired');
    expect(w.calls.at(-1)).toBe(`reauthorize ${events?.subscriptionId}`);
    expect(w.creates()).toBe(1);
    w.atGraph.delete(events?.subscriptionId ?? '');
    await w.keeper.onLifecycle(events?.subscriptionId ?? '', 'reauthorizationRequired');
    expect(w.creates()).toBe(2);
    expect([...w.atGraph.keys()]).toEqual([...w.records.keys()]);
  });
});
