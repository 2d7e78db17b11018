import { clientStateFor } from '../../../src/server/http/webhook-secrets.js';
import { buildTestApp, C4C_CONSUMER, item } from '../../support/http-app-fakes.js';

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
  const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const authorization = basic(C4C_CONSUMER.user, C4C_CONSUMER.password);
  /** A notification event as C4C's Event Notification sends it to an External Consumer. */
  const notification = (object: string, objectId: string, action: 'Created' | 'Updated' | 'Deleted', extra: Record<string, unknown> = {}) => ({
    businessObject: object,
    businessObjectId: objectId,
    event: `${object}.Root.${action}`,
    odataServiceEndpoint: `https://my000000.crm.ondemand.com/sap/c4c/odata/v1/c4codataapi/${object === 'Task' ? 'Tasks' : object}Collection('${objectId}')`,
    ...extra,
  });
  const post = (app: Awaited<ReturnType<typeof setup>>['app'], payload: unknown, headers: Record<string, string> = { authorization }) =>
    app.inject({ method: 'POST', url: '/webhooks/c4c', headers, payload: payload as Record<string, unknown> });

  it('enqueues one tenant poll for an event of an Appointment, Visit or Task, with the consumer\'s Basic credentials, ignoring unknown fields', async () => {
    const { app, enqueued, crmDeletes } = await setup();
    for (const object of ['Appointment', 'Visit', 'Task']) {
      const res = await post(app, notification(object, '00163E0A0B0C1ED0000000000000AAAA', 'Updated', { eventTime: '2026-12-06T10:00:00Z', changedAttributes: ['Subject'] }));
      expect([object, res.statusCode]).toEqual([object, 202]);
    }
    expect(enqueued).toEqual([0, 1, 2].map(() => ({ tenantId: 'tenant-1', reason: 'insta' })));
    expect(crmDeletes).toEqual([]);
  });

  it('notes a root Deleted event for the tenant poll to confirm, per entity set', async () => {
    const { app, enqueued, crmDeletes } = await setup();
    expect((await post(app, notification('Appointment', 'A1', 'Deleted'))).statusCode).toBe(202);
    expect((await post(app, notification('Visit', 'V1', 'Deleted'))).statusCode).toBe(202);
    expect((await post(app, notification('Task', 'T1', 'Deleted'))).statusCode).toBe(202);
    // A deleted sub-node (a party removed) is a change of the activity, not its delete.
    expect((await post(app, { ...notification('Appointment', 'P1', 'Deleted'), event: 'Appointment.AppointmentInvolvedParties.Deleted' })).statusCode).toBe(202);
    expect(crmDeletes).toEqual(['AppointmentCollection:A1', 'VisitCollection:V1', 'TasksCollection:T1']);
    expect(enqueued).toHaveLength(4);
  });

  it('acknowledges events of business objects it does not sync, and enqueues nothing', async () => {
    const { app, enqueued, crmDeletes } = await setup();
    const res = await post(app, notification('Opportunity', '00163E0A', 'Deleted'));
    expect(res.statusCode).toBe(202);
    expect(enqueued).toEqual([]);
    expect(crmDeletes).toEqual([]);
  });

  it('refuses missing or wrong credentials with a Basic challenge, before reading the notification', async () => {
    const { app, enqueued } = await setup();
    const body = notification('Appointment', '00163E0A', 'Deleted');
    const refused: Record<string, string>[] = [
      {},
      { authorization: basic(C4C_CONSUMER.user, `${C4C_CONSUMER.password}x`) },
      { authorization: basic(`${C4C_CONSUMER.user}x`, C4C_CONSUMER.password) },
      { authorization: basic(C4C_CONSUMER.user, C4C_CONSUMER.password.slice(0, -1)) },
      { authorization: `Bearer ${C4C_CONSUMER.password}` },
      { authorization: `Basic ${Buffer.from(C4C_CONSUMER.password).toString('base64')}` },
      // The retired shared-secret header opens nothing.
      { 'x-c4c-webhook-secret': C4C_CONSUMER.password },
    ];
    for (const headers of refused) {
      const res = await post(app, body, headers);
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Basic realm=/);
    }
    // An anonymous caller learns nothing about what the route would accept, and makes it parse nothing.
    expect((await post(app, { probe: true }, {})).statusCode).toBe(401);
    const malformed = await app.inject({ method: 'POST', url: '/webhooks/c4c', headers: { 'content-type': 'application/json' }, payload: '{"event": ' });
    expect(malformed.statusCode).toBe(401);
    const oversized = await post(app, { ...body, pad: 'x'.repeat(32 * 1024) }, {});
    expect(oversized.statusCode).toBe(401);
    expect(enqueued).toEqual([]);
  });

  it('accepts notifications unauthenticated when no credentials are set (sandbox mode only: the configuration requires them elsewhere)', async () => {
    const { app, enqueued } = await buildTestApp({ items: {}, c4cCredentials: null });
    expect((await post(app, notification('Visit', '00163E0A', 'Updated'), {})).statusCode).toBe(202);
    expect(enqueued).toEqual([{ tenantId: 'tenant-1', reason: 'insta' }]);
  });

  it('refuses what is not an event notification', async () => {
    const { app, enqueued } = await setup();
    for (const payload of [
      { entitySet: 'AppointmentCollection', objectId: '00163E0A', changeType: 'updated' },
      { ...notification('Appointment', '00163E0A', 'Updated'), event: 'Appointment.Root.Touched' },
      { ...notification('Appointment', '00163E0A', 'Updated'), businessObjectId: undefined },
      { ...notification('Appointment', '00163E0A', 'Updated'), businessObjectId: "x') or 1 eq 1 or ('" },
      [notification('Appointment', '00163E0A', 'Updated')],
    ]) {
      expect((await post(app, payload)).statusCode).toBe(400);
    }
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
