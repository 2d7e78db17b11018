// The control plane under /_sandbox over real HTTP: info (technical user, employees matching the Graph users by
// e-mail), reset and seed, fault injection and latency with C4C error bodies, request counters, and the outbound
// event notifications, as C4C's Event Notification calls an External Consumer (with user and password, or none).
import Fastify, { type FastifyInstance } from 'fastify';
import { DEMO_TENANT, DEMO_USERS } from '../../../src/sandbox/common/demo-tenant.js';
import { json, startHarness, type Feed, type Harness, type SapError, type Single } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('C4C sandbox control plane', () => {
  it('describes the tenant: service root, technical user, employees with e-mails and party ids', async () => {
    const info = await json<{ serviceRoot: string; technicalUser: { user: string; password: string }; employees: { employeeId: string; partyId: string; uuid: string; email: string }[] }>(
      await h.control('GET', 'info'),
    );
    expect(info.serviceRoot).toBe(h.svc);
    expect(info.technicalUser).toEqual(DEMO_TENANT.c4cTechnicalUser);
    expect(info.employees.map((e) => [e.email, e.employeeId, e.partyId, e.uuid])).toEqual(DEMO_USERS.map((u) => [u.mail, u.c4cEmployeeId, u.c4cEmployeeId, u.c4cEmployeeUuid]));
    const employees = await json<Feed>(await h.call('GET', `EmployeeCollection?$filter=${encodeURIComponent(`Email eq '${DEMO_USERS[4]?.mail}'`)}`));
    expect(employees.d.results.map((e) => e['EmployeeID'])).toEqual([DEMO_USERS[4]?.c4cEmployeeId]);
  });

  it('reseeds with another account count and resets to the start state', async () => {
    const seeded = await json<{ counts: Record<string, number> }>(await h.control('POST', 'seed', { accounts: 50 }));
    expect(seeded.counts['CorporateAccountCollection']).toBe(50);
    expect(await (await h.call('GET', 'CorporateAccountCollection/$count')).text()).toBe('50');
    expect((await h.control('POST', 'seed', { accounts: -1 })).status).toBe(400);
    await h.call('POST', 'AppointmentCollection', { body: { Subject: 'temporary' } });
    const reset = await json<{ counts: Record<string, number> }>(await h.control('POST', 'reset'));
    expect(reset.counts['CorporateAccountCollection']).toBe(300);
    const temp = await json<Feed>(await h.call('GET', `AppointmentCollection?$filter=${encodeURIComponent("Subject eq 'temporary'")}`));
    expect(temp.d.results).toEqual([]);
  });

  it('injects faults with C4C error bodies and counts requests per route', async () => {
    await h.control('DELETE', 'counters');
    expect((await h.control('PUT', 'faults', { count: 1, kinds: ['throttle'], retryAfterSeconds: 2 })).status).toBe(200);
    const throttled = await h.call('GET', 'EmployeeCollection');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('2');
    expect((await json<SapError>(throttled)).error.message.lang).toBe('en');
    expect((await h.call('GET', 'EmployeeCollection')).status).toBe(200);
    await h.control('PUT', 'faults', { count: 1, kinds: ['unavailable'] });
    expect((await h.call('GET', 'EmployeeCollection')).status).toBe(503);
    await h.control('DELETE', 'faults');
    await h.call('GET', "AppointmentCollection('x')");
    const counters = await json<{ total: number; faultsInjected: number; byRoute: Record<string, number>; byMailbox: Record<string, number> }>(await h.control('GET', 'counters'));
    expect(counters.faultsInjected).toBe(2);
    expect(counters.byRoute['GET /sap/c4c/odata/v1/c4codataapi/EmployeeCollection*']).toBe(3);
    expect(counters.byRoute['GET /sap/c4c/odata/v1/c4codataapi/AppointmentCollection*']).toBe(1);
    expect(counters.byMailbox[DEMO_TENANT.c4cTechnicalUser.user]).toBe(4);
    expect(counters.total).toBeGreaterThanOrEqual(3);
    expect(Object.values(counters.byRoute).reduce((a, b) => a + b, 0)).toBe(counters.total);
  });

  it('adds latency when asked', async () => {
    await h.control('PUT', 'latency', { fixedMs: 150, jitterMs: 0 });
    const started = performance.now();
    expect((await h.call('GET', 'EmployeeCollection?$top=1')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    await h.control('DELETE', 'latency');
  });
});

describe('C4C sandbox event notifications', () => {
  let receiver: FastifyInstance;
  let receiverUrl = '';
  const received: { authorization: string | undefined; body: Record<string, string> }[] = [];
  beforeAll(async () => {
    receiver = Fastify();
    receiver.post('/hook', async (req) => {
      received.push({ authorization: req.headers.authorization, body: req.body as Record<string, string> });
      return {};
    });
    receiverUrl = await receiver.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => receiver.close());

  const waitFor = async (n: number) => {
    for (let i = 0; i < 100 && received.length < n; i += 1) await new Promise((r) => setTimeout(r, 20));
  };

  it('posts the business object, its id, the event and its OData URL, with the consumer\'s Basic credentials, when an appointment, visit, task or account changes', async () => {
    received.length = 0;
    const put = await h.control('PUT', 'webhook', { url: `${receiverUrl}/hook`, user: 'C4C_EVENTS', password: 's3cret:with-colon' });
    expect(put.status).toBe(200);
    expect(await json(put)).toEqual({ url: `${receiverUrl}/hook`, authentication: 'basic', user: 'C4C_EVENTS' });
    const info = await json<{ webhook: Record<string, unknown> }>(await h.control('GET', 'info'));
    expect(info.webhook).toMatchObject({ authentication: 'basic', user: 'C4C_EVENTS' });
    expect(JSON.stringify(info)).not.toContain('s3cret');
    const created = await json<Single>(await h.call('POST', 'AppointmentCollection', { body: { Subject: 'notify me' } }));
    const id = String(created.d['ObjectID']);
    await h.call('PATCH', `AppointmentCollection('${id}')`, { body: { Subject: 'changed' } });
    const task = await json<Single>(await h.call('POST', 'TasksCollection', { body: { Subject: 'task' } }));
    const visit = await json<Single>(await h.call('POST', 'VisitCollection', { body: { Subject: 'visit' } }));
    // A lead is no record the service syncs: no notification. An account is one (the sync list, R14).
    expect((await h.call('POST', 'LeadCollection', { body: { Name: 'Not notified' } })).status).toBe(201);
    const account = await json<Single>(await h.call('POST', 'CorporateAccountCollection', { body: { Name: 'Notified', RoleCode: 'CRM000' } }));
    await h.call('DELETE', `AppointmentCollection('${id}')`);
    await waitFor(6);
    const endpoint = (set: string, objectId: unknown) => `${h.svc}${set}('${String(objectId)}')`;
    expect(received.map((r) => r.body)).toEqual([
      { businessObject: 'Appointment', businessObjectId: id, event: 'Appointment.Root.Created', odataServiceEndpoint: endpoint('AppointmentCollection', id) },
      { businessObject: 'Appointment', businessObjectId: id, event: 'Appointment.Root.Updated', odataServiceEndpoint: endpoint('AppointmentCollection', id) },
      { businessObject: 'Task', businessObjectId: task.d['ObjectID'], event: 'Task.Root.Created', odataServiceEndpoint: endpoint('TasksCollection', task.d['ObjectID']) },
      { businessObject: 'Visit', businessObjectId: visit.d['ObjectID'], event: 'Visit.Root.Created', odataServiceEndpoint: endpoint('VisitCollection', visit.d['ObjectID']) },
      { businessObject: 'CorporateAccount', businessObjectId: account.d['ObjectID'], event: 'CorporateAccount.Root.Created', odataServiceEndpoint: endpoint('CorporateAccountCollection', account.d['ObjectID']) },
      { businessObject: 'Appointment', businessObjectId: id, event: 'Appointment.Root.Deleted', odataServiceEndpoint: endpoint('AppointmentCollection', id) },
    ]);
    const basic = `Basic ${Buffer.from('C4C_EVENTS:s3cret:with-colon').toString('base64')}`;
    expect(received.map((r) => r.authorization)).toEqual(received.map(() => basic));
    // The URL points where the object can be read.
    expect((await h.call('GET', `TasksCollection('${String(task.d['ObjectID'])}')`)).status).toBe(200);
  });

  it('calls a consumer without credentials unauthenticated (authentication "None"), and refuses half credentials and the retired secret', async () => {
    received.length = 0;
    expect(await json(await h.control('PUT', 'webhook', { url: `${receiverUrl}/hook` }))).toEqual({ url: `${receiverUrl}/hook`, authentication: 'none' });
    await h.call('POST', 'VisitCollection', { body: { Subject: 'anonymous' } });
    await waitFor(1);
    expect(received.map((r) => [r.body['event'], r.authorization])).toEqual([['Visit.Root.Created', undefined]]);
    expect((await h.control('PUT', 'webhook', { url: `${receiverUrl}/hook`, user: 'C4C_EVENTS' })).status).toBe(400);
    expect((await h.control('PUT', 'webhook', { url: `${receiverUrl}/hook`, secret: 's3cret' })).status).toBe(400);
    expect((await h.control('PUT', 'webhook', { url: `${receiverUrl}/hook`, user: 'a:b', password: 'x' })).status).toBe(400);
  });

  it('never blocks or fails a write when the receiver is down', async () => {
    await h.control('PUT', 'webhook', { url: 'http://127.0.0.1:9/unreachable', user: 'x', password: 'y' });
    const res = await h.call('POST', 'VisitCollection', { body: { Subject: 'still works' } });
    expect(res.status).toBe(201);
    expect((await h.control('DELETE', 'webhook')).status).toBe(204);
  });
});
