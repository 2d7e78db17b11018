// Property: whatever a client sends — random JSON bodies, event-shaped bodies with wrong values, random query
// options — the sandbox answers with a status below 500 and, for errors, Graph's envelope.
import fc from 'fast-check';
import { AVA, expectGraphError, startHarness, type Harness } from './harness.js';

let h: Harness;
let existingId: string;
beforeAll(async () => {
  h = await startHarness();
  existingId = (await h.graph('GET', `/users/${AVA.id}/events?$top=1`)).body.value[0].id;
});
afterAll(async () => h.close());

const EVENT_KEYS = ['subject', 'body', 'start', 'end', 'isAllDay', 'categories', 'sensitivity', 'showAs', 'attendees',
  'recurrence', 'location', 'transactionId', 'singleValueExtendedProperties', 'organizer', 'importance', 'id'];

const eventish = fc.dictionary(fc.constantFrom(...EVENT_KEYS), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 });
const dateish = fc.oneof(
  fc.constant({ dateTime: '2026-12-01T10:00:00', timeZone: 'UTC' }),
  fc.record({ dateTime: fc.string(), timeZone: fc.oneof(fc.constantFrom('UTC', 'W. Europe Standard Time', 'Europe/Berlin'), fc.string()) }),
);
const nearlyValid = fc.record({
  subject: fc.string(),
  start: dateish,
  end: dateish,
  isAllDay: fc.boolean(),
  recurrence: fc.option(fc.record({
    pattern: fc.record({ type: fc.constantFrom('daily', 'weekly', 'absoluteMonthly', 'relativeYearly'), interval: fc.integer({ min: -1, max: 3 }), daysOfWeek: fc.array(fc.constantFrom('monday', 'friday', 'funday')) }),
    range: fc.record({ type: fc.constantFrom('endDate', 'noEnd', 'numbered'), startDate: fc.constantFrom('2026-12-01', '2026-13-01', 'x'), numberOfOccurrences: fc.integer({ min: -1, max: 5 }) }),
  })),
});

function check(res: { status: number; body: Record<string, unknown> }): void {
  expect(res.status).toBeLessThan(500);
  if (res.status >= 400) expectGraphError(res.body);
}

describe('no input makes the sandbox fail with 5xx', () => {
  it('random and nearly valid event bodies on POST and PATCH', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(eventish, nearlyValid, fc.jsonValue({ maxDepth: 2 })), fc.boolean(), async (body, patch) => {
        const res = patch
          ? await h.graph('PATCH', `/users/${AVA.id}/events/${existingId}`, { body })
          : await h.graph('POST', `/users/${AVA.id}/events`, { body });
        check(res);
      }),
      { numRuns: 120 },
    );
  }, 60_000);

  it('random query options, ids and paths', async () => {
    const option = fc.tuple(fc.constantFrom('$filter', '$select', '$top', '$skip', '$orderby', '$expand', '$search', 'startDateTime'), fc.string({ maxLength: 40 }));
    const path = fc.constantFrom('/events', '/calendarView', '/calendarView/delta', '/events/%ID%', '/events/%ID%/instances', '/outlook/masterCategories');
    await fc.assert(
      fc.asyncProperty(path, fc.array(option, { maxLength: 3 }), fc.string({ maxLength: 30 }), async (p, options, junkId) => {
        const query = options.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
        const id = encodeURIComponent(junkId || existingId);
        const res = await h.graph('GET', `/users/${AVA.id}${p.replace('%ID%', id)}?${query}`);
        check(res);
      }),
      { numRuns: 120 },
    );
  }, 60_000);

  it('random $batch payloads', async () => {
    const member = fc.record({
      id: fc.oneof(fc.constantFrom('1', '2', '3'), fc.string({ maxLength: 3 })),
      method: fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE', 'TRACE'),
      url: fc.oneof(fc.constant(`/users/${AVA.id}/events`), fc.string({ maxLength: 20 })),
      dependsOn: fc.option(fc.array(fc.constantFrom('1', '2', '3', '9')), { nil: undefined }),
      body: fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }),
      headers: fc.option(fc.oneof(fc.constant({ 'Content-Type': 'application/json' }), fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 2 })), { nil: undefined }),
    }, { requiredKeys: ['id', 'method', 'url'] });
    await fc.assert(
      fc.asyncProperty(fc.array(member, { maxLength: 5 }), async (requests) => {
        const res = await h.graph('POST', '/$batch', { body: { requests } });
        check(res);
        if (res.status === 200) for (const r of res.body.responses as Array<{ status: number }>) expect(r.status).toBeLessThan(500);
      }),
      { numRuns: 100 },
    );
  }, 60_000);
});
