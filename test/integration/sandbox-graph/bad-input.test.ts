// Bad input never gets a 500: malformed JSON, unknown or mistyped fields, bad ids, oversized bodies, unknown
// query options and routes all get Graph's 4xx error envelope.
import { buildGraphSandbox, graphSandboxState } from '../../../src/sandbox/graph/server.js';
import { AVA, expectGraphError, newEvent, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

const events = () => `/users/${AVA.id}/events`;

describe('bad input', () => {
  it.each([
    ['malformed JSON', { raw: '{"subject": ' }, 400],
    ['a JSON array', { raw: '[1,2]' }, 400],
    ['an empty body', { raw: '' }, 400],
    ['an unknown field', { body: { ...newEvent('x'), colour: 'red' } }, 400],
    ['a mistyped field', { body: { ...newEvent('x'), isAllDay: 'yes' } }, 400],
    ['a bad enum value', { body: { ...newEvent('x'), showAs: 'sleeping' } }, 400],
    ['no start or end', { body: { subject: 'x' } }, 400],
    ['an unparseable time', { body: { ...newEvent('x'), start: { dateTime: 'tomorrow', timeZone: 'UTC' } } }, 400],
    ['an unknown time zone', { body: { ...newEvent('x'), start: { dateTime: '2026-01-01T10:00:00', timeZone: 'Mars/Olympus' } } }, 400],
    ['an end before the start', { body: { ...newEvent('x'), end: { dateTime: '2000-01-01T00:00:00', timeZone: 'UTC' } } }, 400],
    ['an all-day item not at midnight', { body: { ...newEvent('x'), isAllDay: true } }, 400],
    ['a bad recurrence', { body: { ...newEvent('x'), recurrence: { pattern: { type: 'hourly', interval: 1 }, range: { type: 'noEnd', startDate: '2026-01-01' } } } }, 400],
  ])('POST with %s is a Graph 4xx', async (_name, options, status) => {
    const res = await h.graph('POST', events(), options);
    expect(res.status).toBe(status);
    expectGraphError(res.body);
  });

  it('refuses bodies over 4 MB with 413', async () => {
    const res = await h.graph('POST', events(), { body: newEvent('big', 1, { body: { contentType: 'text', content: 'x'.repeat(4 * 1024 * 1024 + 10) } }) });
    expect(res.status).toBe(413);
    expectGraphError(res.body, 'RequestEntityTooLarge');
  });

  it('answers bad ids, unknown users, options and segments with 4xx', async () => {
    const malformed = await h.graph('GET', `${events()}/not*an*id`);
    expect(malformed.status).toBe(400);
    expectGraphError(malformed.body, 'ErrorInvalidIdMalformed');
    const missing = await h.graph('PATCH', `${events()}/AAMkAGI2missing0000000000000000AAA=`, { body: { subject: 'x' } });
    expect(missing.status).toBe(404);
    expectGraphError(missing.body);
    const occurrenceOfNothing = await h.graph('GET', `${events()}/AAMkOccbm9uc2Vuc2V8MTIz`);
    expect(occurrenceOfNothing.status).toBe(404);
    const nobody = await h.graph('GET', '/users/nobody@contoso.example/events');
    expect(nobody.status).toBe(404);
    expectGraphError(nobody.body, 'ErrorInvalidUser');
    for (const query of ['$frobnicate=1', '$top=-1', '$top=abc', '$select=notAField', "$filter=startswith(subject,'a'", '$expand=attachments', '$orderby=subject sideways']) {
      const res = await h.graph('GET', `${events()}?${query}`);
      expect([query, res.status]).toEqual([query, 400]);
      expectGraphError(res.body);
    }
    const calendarId = (await h.graph('GET', `/users/${AVA.id}/calendars`)).body.value[0].id;
    expect((await h.graph('GET', `/users/${AVA.id}/calendars/${calendarId}/events?$top=1`)).status).toBe(200);
    expect((await h.graph('GET', `/users/${AVA.id}/calendars/AAMkCalNope/events`)).status).toBe(404);
    const segment = await h.graph('GET', `/users/${AVA.id}/frobnicators`);
    expect(segment.status).toBe(400);
    expectGraphError(segment.body, 'BadRequest');
    const view = await h.graph('GET', `/users/${AVA.id}/calendarView?startDateTime=yesterday&endDateTime=2026-01-01`);
    expect(view.status).toBe(400);
    const batch = await h.graph('POST', '/$batch', { body: { requests: 'nope' } });
    expect(batch.status).toBe(400);
    expectGraphError(batch.body);
  });

  it('rejects a PATCH that changes the recurrence of an occurrence', async () => {
    const window = `startDateTime=${new Date(Date.now() - 15 * 86_400_000).toISOString()}&endDateTime=${new Date(Date.now() + 29 * 86_400_000).toISOString()}`;
    const occurrence = (await h.graph('GET', `/users/${AVA.id}/calendarView?${window}&$filter=type eq 'occurrence'&$top=1`)).body.value[0];
    const res = await h.graph('PATCH', `${events()}/${occurrence.id}`, { body: { recurrence: null } });
    expect(res.status).toBe(400);
    expectGraphError(res.body);
  });
});

describe('control plane', () => {
  it('describes the sandbox, injects faults as Graph errors and resets to the seed', async () => {
    const info = await h.control('GET', '/info');
    expect(info.body).toEqual(expect.objectContaining({
      tenantId: expect.any(String), graphBaseUrl: `${h.url}/v1.0`,
      serviceApp: expect.objectContaining({ clientId: expect.any(String), clientSecret: expect.any(String) }),
      addinApp: expect.objectContaining({ clientId: expect.any(String) }),
    }));
    expect(info.body.users.map((u: { userPrincipalName: string }) => u.userPrincipalName)).toContain(AVA.mail);
    expect(info.body.identity.authority).toMatch(/^https:\/\/127\.0\.0\.1:\d+\//);

    await h.control('PUT', '/faults', { count: 1, kinds: ['unavailable'] });
    const failed = await h.graph('GET', events());
    expect(failed.status).toBe(503);
    expectGraphError(failed.body, 'ServiceUnavailable');
    expect((await h.graph('GET', events())).status).toBe(200);
    const counters = await h.control('GET', '/counters');
    expect(counters.body.byMailbox[AVA.id]).toBeGreaterThanOrEqual(2);

    const seeded = await h.control('POST', '/seed', { mailbox: AVA.mail, generate: { count: 30, subjectPrefix: 'Load' }, events: [newEvent('Seeded one')] });
    expect(seeded.status).toBe(201);
    expect(seeded.body.created).toBe(31);
    const loads = await h.graph('GET', `${events()}?$filter=startswith(subject,'Load ')&$top=100`);
    expect(loads.body.value).toHaveLength(30);
    expect((await h.control('POST', '/seed', { mailbox: AVA.mail, events: [{ subject: 'x', bogus: 1 }] })).status).toBe(400);

    expect((await h.control('POST', '/reset')).status).toBe(204);
    const before = (await h.graph('GET', `${events()}?$top=1000&$select=subject`)).body.value.length;
    await h.graph('POST', events(), { body: newEvent('Goes away on reset') });
    expect((await h.control('POST', '/reset')).status).toBe(204);
    const after = (await h.graph('GET', `${events()}?$top=1000&$select=subject`)).body.value;
    expect(after).toHaveLength(before);
    expect(after.some((e: { subject: string }) => e.subject === 'Goes away on reset')).toBe(false);
  });
});

describe('buildGraphSandbox', () => {
  it('returns an app that answers without listening', async () => {
    const app = await buildGraphSandbox({ anchor: Date.parse('2026-01-05T00:00:00Z') });
    try {
      const unauthorized = await app.inject({ method: 'GET', url: `/v1.0/users/${AVA.id}/events` });
      expect(unauthorized.statusCode).toBe(401);
      expectGraphError(JSON.parse(unauthorized.body), 'InvalidAuthenticationToken');
      const state = graphSandboxState(app);
      const seeded = [...(state?.store.findMailbox(AVA.mail)?.events.values() ?? [])];
      expect(seeded.length).toBeGreaterThan(10);
      expect(seeded.every((e) => e.fields.start.dateTime >= '2025-12-01' && e.fields.start.dateTime < '2026-03-01')).toBe(true);
    } finally {
      await app.close();
    }
  });
});
