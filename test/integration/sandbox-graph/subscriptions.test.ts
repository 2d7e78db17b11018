// Change notifications: validation handshake, notifications on create/update/delete, clientState, expiration
// limits, lifecycle events (reauthorizationRequired pauses delivery, subscriptionRemoved, missed), expiry.
import { AVA, BEN, DAN, expectGraphError, newEvent, startHarness, type Harness, type Json } from './harness.js';
import { startReceiver, type Receiver } from './webhook-receiver.js';

let h: Harness;
let rx: Receiver;
beforeAll(async () => {
  h = await startHarness();
  rx = await startReceiver();
});
afterAll(async () => {
  await h.close();
  await rx.close();
});
beforeEach(() => {
  rx.notifications.length = 0;
  rx.validations.length = 0;
  rx.mode = 'echo';
  rx.failNext = 0;
});

const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();
const subscribe = (userId: string, extra: Json = {}) =>
  h.graph('POST', '/subscriptions', {
    body: {
      changeType: 'created,updated,deleted', notificationUrl: `${rx.url}/notify`, lifecycleNotificationUrl: `${rx.url}/lifecycle`,
      resource: `/users/${userId}/events`, expirationDateTime: inMinutes(60), clientState: 'secret-state', ...extra,
    },
  });
const changes = (all: Json[]) => all.filter((n) => n.path === '/notify').flatMap((n) => n.value as Json[]);

describe('subscriptions', () => {
  it('validate the endpoint, then notify creates, updates and deletes with clientState', async () => {
    const created = await subscribe(AVA.id);
    expect(created.status).toBe(201);
    expect(rx.validations).toHaveLength(2);
    expect(created.body).toEqual(expect.objectContaining({ resource: `/users/${AVA.id}/events`, changeType: 'created,updated,deleted', clientState: 'secret-state' }));
    const sub = created.body;

    const event = (await h.graph('POST', `/users/${AVA.id}/events`, { body: newEvent('Notify me') })).body;
    await h.graph('PATCH', `/users/${AVA.id}/events/${event.id}`, { body: { subject: 'Notify me again' } });
    await h.graph('DELETE', `/users/${AVA.id}/events/${event.id}`);
    const all = await rx.waitFor((n) => changes(n).filter((c) => c.resourceData.id === event.id).length >= 3);
    const mine = changes(all).filter((c) => c.resourceData.id === event.id);
    expect(mine.map((c) => c.changeType)).toEqual(['created', 'updated', 'deleted']);
    expect(mine[0]).toEqual(expect.objectContaining({
      subscriptionId: sub.id, clientState: 'secret-state', tenantId: expect.any(String), subscriptionExpirationDateTime: expect.any(String),
      resource: `Users/${AVA.id}/Events/${event.id}`,
      resourceData: expect.objectContaining({ '@odata.type': '#Microsoft.Graph.Event', '@odata.id': `Users/${AVA.id}/Events/${event.id}`, id: event.id }),
    }));
    // Another mailbox's changes are not this subscription's business.
    await h.graph('POST', `/users/${BEN.id}/events`, { body: newEvent('Not for Ava') });
    await new Promise((r) => setTimeout(r, 150));
    expect(changes(rx.notifications).every((c) => c.resource.startsWith(`Users/${AVA.id}/`))).toBe(true);

    const listed = await h.graph('GET', '/subscriptions');
    expect(listed.body.value.map((s: Json) => s.id)).toContain(sub.id);
    expect((await h.graph('DELETE', `/subscriptions/${sub.id}`)).status).toBe(204);
    expect((await h.graph('GET', `/subscriptions/${sub.id}`)).status).toBe(404);
  });

  it('refuse endpoints that fail the handshake, and expirations beyond the maximum', async () => {
    rx.mode = 'refuse';
    const refused = await subscribe(AVA.id);
    expect(refused.status).toBe(400);
    expectGraphError(refused.body, 'ValidationError');
    rx.mode = 'wrong';
    expect((await subscribe(AVA.id)).status).toBe(400);
    rx.mode = 'echo';
    const tooLong = await subscribe(AVA.id, { expirationDateTime: inMinutes(10_081) });
    expect(tooLong.status).toBe(400);
    expectGraphError(tooLong.body);
    expect((await subscribe(AVA.id, { expirationDateTime: inMinutes(10_070) })).status).toBe(201);
    expect((await subscribe(AVA.id, { expirationDateTime: inMinutes(-1) })).status).toBe(400);
    expect((await subscribe(AVA.id, { resource: '/users/nobody@contoso.example/events' })).status).toBe(404);
    expect((await subscribe(AVA.id, { resource: '/groups/x/conversations' })).status).toBe(400);
    expect((await subscribe(AVA.id, { changeType: 'created,moved' })).status).toBe(400);
    expect((await subscribe(AVA.id, { unknownField: 1 })).status).toBe(400);
  });

  it('renew with PATCH and deliver lifecycle events from the control plane', async () => {
    const sub = (await subscribe(BEN.id)).body;
    const renewed = await h.graph('PATCH', `/subscriptions/${sub.id}`, { body: { expirationDateTime: inMinutes(600) } });
    expect(renewed.status).toBe(200);
    expect(Date.parse(renewed.body.expirationDateTime)).toBeGreaterThan(Date.parse(sub.expirationDateTime));

    const reauth = await h.control('POST', `/subscriptions/${sub.id}/lifecycle`, { lifecycleEvent: 'reauthorizationRequired' });
    expect(reauth.body.delivered).toBe(true);
    const lifecycle = rx.notifications.filter((n) => n.path === '/lifecycle').flatMap((n) => n.value as Json[]);
    expect(lifecycle[0]).toEqual(expect.objectContaining({ lifecycleEvent: 'reauthorizationRequired', subscriptionId: sub.id, clientState: 'secret-state' }));
    // While reauthorization is pending, notifications are held back ...
    const event = (await h.graph('POST', `/users/${BEN.id}/events`, { body: newEvent('Held back') })).body;
    await new Promise((r) => setTimeout(r, 200));
    expect(changes(rx.notifications).some((c) => c.resourceData.id === event.id)).toBe(false);
    // ... and released once the app reauthorizes.
    expect((await h.graph('POST', `/subscriptions/${sub.id}/reauthorize`)).status).toBe(204);
    await rx.waitFor((n) => changes(n).some((c) => c.resourceData.id === event.id));

    await h.control('POST', `/subscriptions/${sub.id}/lifecycle`, { lifecycleEvent: 'missed' });
    await h.control('POST', `/subscriptions/${sub.id}/lifecycle`, { lifecycleEvent: 'subscriptionRemoved' });
    const events = rx.notifications.filter((n) => n.path === '/lifecycle').flatMap((n) => (n.value as Json[]).map((v) => v.lifecycleEvent));
    expect(events).toEqual(['reauthorizationRequired', 'missed', 'subscriptionRemoved']);
    expect((await h.graph('GET', `/subscriptions/${sub.id}`)).status).toBe(404);
  });

  it('retry a delivery the endpoint failed', async () => {
    const sub = (await subscribe(DAN.id)).body;
    rx.failNext = 1;
    const event = (await h.graph('POST', `/users/${DAN.id}/events`, { body: newEvent('Retried') })).body;
    await rx.waitFor((n) => changes(n).some((c) => c.resourceData.id === event.id), 5000);
    const state = (await h.control('GET', '/subscriptions')).body.value.find((s: Json) => s.id === sub.id);
    expect(state).toEqual(expect.objectContaining({ failedDeliveries: 1, delivered: 1 }));
  });

  it('stop notifying once a subscription has expired', async () => {
    const sub = (await subscribe(AVA.id)).body;
    expect((await h.control('POST', `/subscriptions/${sub.id}/expire`)).status).toBe(204);
    await h.graph('POST', `/users/${AVA.id}/events`, { body: newEvent('After expiry') });
    await new Promise((r) => setTimeout(r, 200));
    expect(changes(rx.notifications).filter((c) => c.subscriptionId === sub.id)).toEqual([]);
    expect((await h.graph('GET', `/subscriptions/${sub.id}`)).status).toBe(404);
  });
});

describe('notification faults (control plane)', () => {
  afterEach(async () => {
    await h.control('DELETE', '/notifications/faults');
  });
  const forEvent = (all: Json[], id: unknown) => changes(all).filter((c) => c.resourceData.id === id);

  it('drop all: nothing is sent; duplicate all: each change arrives twice; a delay lets later changes overtake earlier ones', async () => {
    const sub = (await subscribe(BEN.id)).body;
    expect((await h.control('PUT', '/notifications/faults', { drop: 1 })).body).toMatchObject({ drop: 1, duplicate: 0, delayMs: 0, dropped: 0 });
    const lost = (await h.graph('POST', `/users/${BEN.id}/events`, { body: newEvent('Lost notification') })).body;
    await new Promise((r) => setTimeout(r, 150));
    expect(forEvent(rx.notifications, lost.id)).toEqual([]);
    expect((await h.control('GET', '/notifications/faults')).body).toMatchObject({ dropped: 1 });

    await h.control('PUT', '/notifications/faults', { duplicate: 1 });
    const twice = (await h.graph('POST', `/users/${BEN.id}/events`, { body: newEvent('Twice') })).body;
    expect(forEvent(await rx.waitFor((n) => forEvent(n, twice.id).length >= 2), twice.id).map((c) => c.changeType)).toEqual(['created', 'created']);

    await h.control('PUT', '/notifications/faults', { delayMs: 400, seed: 7 });
    const events: unknown[] = [];
    for (let i = 0; i < 6; i += 1) events.push((await h.graph('POST', `/users/${BEN.id}/events`, { body: newEvent(`Late ${i}`) })).body.id);
    const all = await rx.waitFor((n) => events.every((id) => forEvent(n, id).length === 1), 5000);
    const order = changes(all).filter((c) => events.includes(c.resourceData.id)).map((c) => events.indexOf(c.resourceData.id));
    expect([...order].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(order).not.toEqual([0, 1, 2, 3, 4, 5]);
    expect((await h.control('GET', '/notifications/faults')).body).toMatchObject({ delayed: 6 });
    await h.graph('DELETE', `/subscriptions/${sub.id}`);
  });
});
