// Calendar writes through JSON $batch against the Graph sandbox over HTTP, in the style of contact-batch.test.ts:
// a session's step of event writes goes 20 members to a round trip, and each member's outcome is its single request's:
// a stale If-Match fails that update alone (`conflict`), a throttled member is sent again after its Retry-After in a
// batch of its own, a delete of an item already gone is done, category edits read their items in one batched GET. A
// lone write goes out as itself.
import { eventPath } from '../../../src/server/adapters/graph/event-reads.js';
import { emptyCalendarItem, type NormalizedCalendarItem } from '../../../src/server/domain/calendar-item.js';
import type { CalendarWriteRequest } from '../../../src/server/ports/calendar-source.js';
import type { WriteResult, WriteSuccess } from '../../../src/server/ports/write-results.js';
import { AVA, dayIso, mailboxOf, startAdapterHarness, type AdapterHarness, type Json } from './support.js';

let h: AdapterHarness;
beforeAll(async () => {
  h = await startAdapterHarness();
});
afterAll(async () => h.close());
beforeEach(async () => {
  await h.control('DELETE', '/faults');
  await h.control('DELETE', '/counters');
});

const SAP = 'SAP Cloud for Customer';
const mailbox = mailboxOf(AVA);
const fields = (subject: string, i: number): NormalizedCalendarItem => ({
  ...emptyCalendarItem(),
  subject,
  startUtc: `${dayIso(1 + (i % 20))}T09:00:00Z`,
  endUtc: `${dayIso(1 + (i % 20))}T09:30:00Z`,
});
const creates = (prefix: string, n: number): CalendarWriteRequest[] =>
  Array.from({ length: n }, (_, i) => ({ op: 'create' as const, transactionId: `${prefix}-${i}`, kind: 'appointment' as const, fields: fields(`${prefix} ${i}`, i), categories: [SAP] }));
const renames = (made: readonly WriteSuccess[], prefix: string): CalendarWriteRequest[] =>
  made.map((m, i) => ({ op: 'update' as const, id: m.id, ifMatch: m.version ?? '', patch: { subject: `${prefix} ${i}` }, after: fields(`${prefix} ${i}`, i) }));
/** Graph API requests by route (not the token endpoint a new adapter calls first). */
const routes = async () => Object.fromEntries(Object.entries((await h.counters()).byRoute).filter(([route]) => route.includes(' /v1.0/')));
const EVENT = 'PATCH /v1.0/users/:userId/events/:eventId';

function successes(results: readonly WriteResult[]): WriteSuccess[] {
  return results.map((r, i) => {
    if (!r.ok) throw new Error(`write ${i} failed: ${JSON.stringify(r)}`);
    return r;
  });
}

/** Makes `n` events for the test and resets the counters, so a test counts its own writes only. */
async function made(prefix: string, n: number): Promise<WriteSuccess[]> {
  const out = successes(await h.adapter().write(mailbox, creates(prefix, n)));
  await h.control('DELETE', '/counters');
  return out;
}

describe('event writes through $batch', () => {
  it('updates 25 events in two round trips; the one the user changed meanwhile is a conflict, the other 24 land', async () => {
    const events = await made('many', 25);
    expect((await h.graph('PATCH', `/users/${AVA.id}/events/${events[7]!.id}`, { location: { displayName: 'Moved by the user' } })).status).toBe(200);
    await h.control('DELETE', '/counters');
    const results = await h.adapter().write(mailbox, renames(events, 'Renamed'));
    const byRoute = await routes();
    expect(byRoute['POST /v1.0/$batch']).toBe(2);
    expect(byRoute[EVENT]).toBe(25);
    // Nothing read first or back: a PATCH answers with the event and its new changeKey.
    expect(Object.keys(byRoute).filter((r) => r.startsWith('GET'))).toEqual([]);
    expect(results[7]).toEqual({ ok: false, error: expect.objectContaining({ code: 'conflict', message: 'Graph 412 ErrorIrresolvableConflict' }) });
    for (const [i, result] of results.entries()) {
      if (i === 7) continue;
      if (!result.ok) throw new Error(`update ${i} failed: ${JSON.stringify(result)}`);
      expect(result.id).toBe(events[i]!.id);
      expect((await h.graph('GET', `/users/${AVA.id}/events/${result.id}`)).body).toMatchObject({ subject: `Renamed ${i}`, changeKey: result.version });
    }
    expect((await h.graph('GET', `/users/${AVA.id}/events/${events[7]!.id}`)).body).toMatchObject({ subject: 'many 7', location: { displayName: 'Moved by the user' } });
  });

  it('mixes deletes, a delete of an item already gone and category edits (read in one batch) in one step', async () => {
    const events = await made('mixed', 4);
    expect((await h.graph('PATCH', `/users/${AVA.id}/events/${events[2]!.id}`, { categories: [SAP, 'Mine'] })).status).toBe(200);
    await h.graph('DELETE', `/users/${AVA.id}/events/${events[1]!.id}`);
    await h.control('DELETE', '/counters');
    const results = await h.adapter().write(mailbox, [
      { op: 'delete', id: events[0]!.id, ifMatch: events[0]!.version ?? '' },
      { op: 'delete', id: events[1]!.id, ifMatch: events[1]!.version ?? '' },
      { op: 'editCategories', id: events[2]!.id, edit: { add: ['Error in SAP Cloud for Customer SSI'], remove: [] } },
      { op: 'editCategories', id: events[3]!.id, edit: { add: [], remove: [SAP] } },
    ]);
    expect(results).toEqual([
      { ok: true, id: events[0]!.id, version: null },
      { ok: true, id: events[1]!.id, version: null },
      { ok: true, id: events[2]!.id, version: expect.any(String) },
      { ok: true, id: events[3]!.id, version: expect.any(String) },
    ]);
    // One batch of the two GETs the edits start from, one of the four writes.
    const byRoute = await routes();
    expect(byRoute['POST /v1.0/$batch']).toBe(2);
    expect(byRoute['GET /v1.0/users/:userId/events/:eventId']).toBe(2);
    expect((await h.graph('GET', `/users/${AVA.id}/events/${events[2]!.id}`)).body.categories).toEqual([SAP, 'Mine', 'Error in SAP Cloud for Customer SSI']);
    expect((await h.graph('GET', `/users/${AVA.id}/events/${events[3]!.id}`)).body.categories).toEqual([]);
    expect((await h.graph('GET', `/users/${AVA.id}/events/${events[0]!.id}`)).status).toBe(404);
  });

  it('sends a throttled member again after its Retry-After, alone; past the limit it is `throttled` with the hint, alone', async () => {
    const events = await made('throttled', 3);
    // The next request to reach the second event (its PATCH member) gets a 429.
    await h.control('PUT', '/faults', { count: 1, kinds: ['throttle'], retryAfterSeconds: 1, pathPrefix: `/v1.0${eventPath(AVA.id, events[1]!.id)}` });
    const started = Date.now();
    const results = successes(await h.adapter().write(mailbox, renames(events, 'After a wait')));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(results.map((r) => r.id)).toEqual(events.map((e) => e.id));
    // The first batch of three, then one with the throttled member only.
    expect((await routes())['POST /v1.0/$batch']).toBe(2);
    expect((await routes())[EVENT]).toBe(4);
    expect((await h.graph('GET', `/users/${AVA.id}/events/${events[1]!.id}`)).body).toMatchObject({ subject: 'After a wait 1', changeKey: results[1]!.version });

    await h.control('PUT', '/faults', { count: 1, kinds: ['throttle'], retryAfterSeconds: 600, pathPrefix: `/v1.0${eventPath(AVA.id, events[2]!.id)}` });
    const t0 = Date.now();
    const late = await h.adapter({ retry: { maxRetryAfterSeconds: 5 } }).write(mailbox, renames(results, 'Too long'));
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(late[2]).toEqual({ ok: false, error: expect.objectContaining({ code: 'throttled', retryAfterSeconds: 600 }) });
    expect(late.slice(0, 2).every((r) => r.ok)).toBe(true);
  });

  it('sends a lone write as itself, not as a batch of one (insta-sync writes one item)', async () => {
    const [event] = await made('lone', 1);
    const [renamed] = await h.adapter().write(mailbox, renames([event!], 'Alone'));
    expect(renamed).toMatchObject({ ok: true, id: event!.id });
    const byRoute = await routes();
    expect(byRoute).toEqual({ [EVENT]: 1 } satisfies Json);
  });
});
