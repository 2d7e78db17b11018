import { clientStateFor } from '../../../src/server/http/webhook-secrets.js';
import { buildTestApp, item } from '../../support/http-app-fakes.js';

async function setup() {
  return buildTestApp({ items: { ava: [item('ava-1', [])], ben: [] } });
}

const note = (mailbox: string, clientState: string, extra: Record<string, unknown> = {}) => ({
  subscriptionId: `sub-${mailbox}`,
  clientState,
  changeType: 'updated',
  resource: `Users/${mailbox}/Events/AAMk1`,
  tenantId: 'tenant-1',
  ...extra,
});

describe('/webhooks/graph', () => {
  it('echoes the validation token as text/plain', async () => {
    const { app, enqueued } = await setup();
    const res = await app.inject({ method: 'POST', url: '/webhooks/graph?validationToken=abc%3D%3D%20x' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toBe('abc== x');
    expect(enqueued).toEqual([]);
  });

  it('accepts notifications with the right clientState with 202 and coalesces per mailbox', async () => {
    const { app, enqueued } = await setup();
    const cs = clientStateFor('graph-secret', 'ava');
    const res = await app.inject({ method: 'POST', url: '/webhooks/graph', payload: { value: [note('ava', cs), note('ava', cs)] } });
    expect(res.statusCode).toBe(202);
    expect(enqueued).toEqual([{ mailboxId: 'ava', reason: 'insta' }]);
  });

  it('refuses a wrong clientState, even for one entry of many, and enqueues nothing', async () => {
    const { app, enqueued } = await setup();
    const good = clientStateFor('graph-secret', 'ava');
    const wrongMailbox = clientStateFor('graph-secret', 'ben');
    for (const payload of [
      { value: [note('ava', 'guess')] },
      { value: [note('ava', good), note('ava', wrongMailbox)] },
      { value: [note('ava', good.slice(0, -1))] },
    ]) {
      const res = await app.inject({ method: 'POST', url: '/webhooks/graph', payload });
      expect(res.statusCode).toBe(401);
    }
    expect(enqueued).toEqual([]);
  });

  it('refuses malformed and oversized bodies and enqueues nothing', async () => {
    const { app, enqueued } = await setup();
    const malformed = await app.inject({ method: 'POST', url: '/webhooks/graph', headers: { 'content-type': 'application/json' }, payload: '{"value": [' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('bad_request');
    expect((await app.inject({ method: 'POST', url: '/webhooks/graph', payload: { value: 'x' } })).statusCode).toBe(400);
    const huge = { value: [note('ava', clientStateFor('graph-secret', 'ava'), { pad: 'x'.repeat(70 * 1024) })] };
    const oversized = await app.inject({ method: 'POST', url: '/webhooks/graph', payload: huge });
    expect(oversized.statusCode).toBe(413);
    expect(enqueued).toEqual([]);
  });

  it('queues lifecycle events for the worker instead of acting on them, one per subscription and event', async () => {
    const { app, subscriptionEvents, enqueued } = await setup();
    const cs = clientStateFor('graph-secret', 'ava');
    const removed = note('ava', cs, { lifecycleEvent: 'subscriptionRemoved' });
    const res = await app.inject({ method: 'POST', url: '/webhooks/graph/lifecycle', payload: { value: [removed, removed, note('ava', cs, { lifecycleEvent: 'reauthorizationRequired' })] } });
    expect(res.statusCode).toBe(202);
    expect(subscriptionEvents).toEqual(['sub-ava:subscriptionRemoved', 'sub-ava:reauthorizationRequired']);
    expect(enqueued).toEqual([]);
    // `missed`: what was lost is read by a session.
    await app.inject({ method: 'POST', url: '/webhooks/graph/lifecycle', payload: { value: [note('ava', cs, { lifecycleEvent: 'missed' })] } });
    expect(enqueued).toEqual([{ mailboxId: 'ava', reason: 'insta' }]);
  });

  it("ties a notification to its subscription, never to the resource it names: an unknown subscription is refused", async () => {
    const { app, subscriptionEvents, enqueued } = await setup();
    // The sender controls `resource`: it names ava's mailbox, with her clientState, under a subscription we do not hold.
    const forged = { ...note('ava', clientStateFor('graph-secret', 'ava')), subscriptionId: 'sub-unknown' };
    for (const payload of [{ value: [forged] }, { value: [{ ...forged, lifecycleEvent: 'subscriptionRemoved' }] }]) {
      const res = await app.inject({ method: 'POST', url: '/webhooks/graph/lifecycle', payload });
      expect(res.statusCode).toBe(401);
    }
    // A known subscription naming another mailbox's resource is checked against its own mailbox's clientState.
    const crossed = { ...note('ava', clientStateFor('graph-secret', 'ava')), subscriptionId: 'sub-ben' };
    expect((await app.inject({ method: 'POST', url: '/webhooks/graph', payload: { value: [crossed] } })).statusCode).toBe(401);
    expect(subscriptionEvents).toEqual([]);
    expect(enqueued).toEqual([]);
  });

  it('does not parse the resource: a bad percent sequence in it is no server error', async () => {
    const { app, enqueued } = await setup();
    const res = await app.inject({ method: 'POST', url: '/webhooks/graph', payload: { value: [note('ava', clientStateFor('graph-secret', 'ava'), { resource: 'Users/%E0%A4%A/Events/%' })] } });
    expect(res.statusCode).toBe(202);
    expect(enqueued).toEqual([{ mailboxId: 'ava', reason: 'insta' }]);
  });
});

describe('/webhooks/c4c', () => {
  const body = { entitySet: 'AppointmentCollection', objectId: '00163E0A', changeType: 'updated' };

  it('enqueues one tenant poll for a notification with the shared secret', async () => {
    const { app, enqueued } = await setup();
    const res = await app.inject({ method: 'POST', url: '/webhooks/c4c', headers: { 'x-c4c-webhook-secret': 'c4c-secret' }, payload: body });
    expect(res.statusCode).toBe(202);
    expect(enqueued).toEqual([{ tenantId: 'tenant-1', reason: 'insta' }]);
  });

  it('refuses a missing or wrong secret and a malformed body', async () => {
    const { app, enqueued } = await setup();
    expect((await app.inject({ method: 'POST', url: '/webhooks/c4c', payload: body })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/webhooks/c4c', headers: { 'x-c4c-webhook-secret': 'c4c-secreT' }, payload: body })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/webhooks/c4c', headers: { 'x-c4c-webhook-secret': 'c4c-secret' }, payload: { entitySet: 'x' } })).statusCode).toBe(400);
    expect(enqueued).toEqual([]);
  });
});

describe('health and metrics', () => {
  it('serves /healthz, /readyz and Prometheus text on /metrics', async () => {
    const { app } = await setup();
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    expect(metrics.body).toContain('# TYPE crmsync_queue_depth gauge');
  });
});
