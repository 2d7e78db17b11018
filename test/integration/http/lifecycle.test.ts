// Graph lifecycle notifications through the webhook into the subscription keeper (the worker's job), over fakes of
// Graph's subscription API: a forged or replayed `subscriptionRemoved` creates no subscription at Graph, and a real
// removal is answered with exactly one new subscription, the old one gone at Graph.
import { clientStateFor } from '../../../src/server/http/webhook-secrets.js';
import { buildTestApp } from '../../support/http-app-fakes.js';
import { AVA, subscriptionWorld } from '../../support/subscription-world.js';

const SECRET = 'graph-secret';

async function setup() {
  const world = subscriptionWorld([], { clientStateOf: (mailboxId) => clientStateFor(SECRET, mailboxId) });
  await world.keeper.renewAll();
  const test = await buildTestApp({ items: { [AVA.mailboxId]: [] }, subscriptions: async (id) => world.records.get(id)?.mailboxId ?? null });
  /** The worker: runs every queued subscription event, as jobs/register-jobs.ts does. */
  const drain = async () => {
    for (const job of test.subscriptionEvents.splice(0)) {
      const [subscriptionId = '', event] = job.split(':');
      await world.keeper.onLifecycle(subscriptionId, event as 'subscriptionRemoved');
    }
  };
  const removed = (subscriptionId: string) => ({
    value: [{ subscriptionId, clientState: clientStateFor(SECRET, AVA.mailboxId), lifecycleEvent: 'subscriptionRemoved', resource: `users/${AVA.mailboxId}/events`, tenantId: 'tenant-1' }],
  });
  return { world, ...test, drain, removed };
}

describe('Graph lifecycle notifications', () => {
  it('a forged subscriptionRemoved replayed three times creates no subscription', async () => {
    const { app, world, drain, removed } = await setup();
    const [live] = [...world.records.keys()];
    const before = world.creates();
    for (let i = 0; i < 3; i += 1) {
      const res = await app.inject({ method: 'POST', url: '/webhooks/graph/lifecycle', payload: removed(live ?? '') });
      // Answered at once; the check with Graph happens in the worker.
      expect(res.statusCode).toBe(202);
      await drain();
    }
    expect(world.creates()).toBe(before);
    expect([...world.atGraph.keys()]).toEqual([live]);
    expect([...world.records.keys()]).toEqual([live]);
  });

  it('a real removal makes one new subscription; its replays are refused as of an unknown subscription', async () => {
    const { app, world, drain, removed } = await setup();
    const [gone] = [...world.records.keys()];
    world.atGraph.delete(gone ?? '');
    const before = world.creates();
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      statuses.push((await app.inject({ method: 'POST', url: '/webhooks/graph/lifecycle', payload: removed(gone ?? '') })).statusCode);
      await drain();
    }
    expect(statuses).toEqual([202, 401, 401]);
    expect(world.creates()).toBe(before + 1);
    expect(world.atGraph.size).toBe(1);
    expect([...world.atGraph.keys()]).toEqual([...world.records.keys()]);
  });
});
