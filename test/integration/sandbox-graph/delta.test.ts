// calendarView/delta: paging with Prefer: odata.maxpagesize, deltaLink, incremental rounds with only the changes,
// @removed for deleted items and cancelled occurrences, 410 for expired and foreign tokens.
import { AVA, BEN, expectGraphError, newEvent, startHarness, type Harness, type Json } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

const windowQuery = () =>
  `startDateTime=${new Date(Date.now() - 15 * 86_400_000).toISOString()}&endDateTime=${new Date(Date.now() + 29 * 86_400_000).toISOString()}`;

async function get(url: string, pageSize?: number): Promise<{ status: number; body: Json; headers: Headers }> {
  const res = await fetch(url, {
    headers: { authorization: `Bearer ${h.appToken}`, ...(pageSize ? { prefer: `odata.maxpagesize=${pageSize}` } : {}) },
  });
  return { status: res.status, body: (await res.json()) as Json, headers: res.headers };
}

/** Follows nextLinks to the end of a round; returns every entry and the deltaLink. */
async function round(start: string, pageSize = 7): Promise<{ items: Json[]; deltaLink: string; pages: number }> {
  const items: Json[] = [];
  let url: string | undefined = start;
  let pages = 0;
  for (;;) {
    const page = await get(url, pageSize);
    expect(page.status).toBe(200);
    pages += 1;
    expect(page.body.value.length).toBeLessThanOrEqual(pageSize);
    items.push(...page.body.value);
    url = page.body['@odata.nextLink'];
    if (!url) return { items, deltaLink: page.body['@odata.deltaLink'], pages };
  }
}

describe('calendarView/delta', () => {
  it('pages the initial round, then returns only changes, with @removed for deletes', async () => {
    const initial = await round(`${h.url}/v1.0/users/${AVA.id}/calendarView/delta?${windowQuery()}`);
    expect(initial.pages).toBeGreaterThan(2);
    expect(initial.deltaLink).toContain('$deltatoken=');
    const ids = initial.items.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(initial.items.some((e) => e.type === 'seriesMaster')).toBe(false);
    expect(initial.items.some((e) => e.type === 'occurrence')).toBe(true);
    const plain = await h.graph('GET', `/users/${AVA.id}/calendarView?${windowQuery()}&$top=1000`);
    expect(ids.sort()).toEqual(plain.body.value.map((e: Json) => e.id).sort());

    const quiet = await round(initial.deltaLink);
    expect(quiet.items).toEqual([]);

    const created = (await h.graph('POST', `/users/${AVA.id}/events`, { body: newEvent('Delta new', 2) })).body;
    const victim = initial.items.find((e) => e.type === 'singleInstance' && e.attendees.length === 0) as Json;
    const occurrence = initial.items.find((e) => e.type === 'occurrence') as Json;
    expect((await h.graph('DELETE', `/users/${AVA.id}/events/${victim.id}`)).status).toBe(204);
    expect((await h.graph('DELETE', `/users/${AVA.id}/events/${occurrence.id}`)).status).toBe(204);
    const changes = await round(quiet.deltaLink, 2);
    const byId = new Map(changes.items.map((e) => [e.id, e]));
    expect(byId.get(created.id)?.subject).toBe('Delta new');
    expect(byId.get(victim.id)).toEqual({ id: victim.id, '@removed': { reason: 'deleted' } });
    expect(byId.get(occurrence.id)).toEqual({ id: occurrence.id, '@removed': { reason: 'deleted' } });
    // The series itself changed (one occurrence fewer): its remaining occurrences are reported again.
    expect(changes.items.length).toBeLessThan(initial.items.length);

    const after = await round(changes.deltaLink);
    expect(after.items).toEqual([]);
  });

  it('keeps $expand of extended properties across pages and answers 410 for expired tokens', async () => {
    const prop = 'String {00020329-0000-0000-C000-000000000046} Name cecp-test';
    await h.graph('POST', `/users/${BEN.id}/events`, { body: newEvent('Has prop', 1, { singleValueExtendedProperties: [{ id: prop, value: 'v' }] }) });
    const initial = await round(`${h.url}/v1.0/users/${BEN.id}/calendarView/delta?${windowQuery()}&$expand=singleValueExtendedProperties($filter=id eq '${prop}')`, 5);
    expect(initial.items.find((e) => e.subject === 'Has prop')?.singleValueExtendedProperties?.[0]?.value).toBe('v');

    expect((await h.control('POST', '/delta/expire')).status).toBe(204);
    const gone = await get(initial.deltaLink);
    expect(gone.status).toBe(410);
    expectGraphError(gone.body, 'SyncStateNotFound');
    expect(gone.headers.get('location')).toContain('/calendarView/delta');

    const forged = await get(`${h.url}/v1.0/users/${BEN.id}/calendarView/delta?$deltatoken=not-a-token`);
    expect(forged.status).toBe(410);
    const missingWindow = await h.graph('GET', `/users/${BEN.id}/calendarView/delta`);
    expect(missingWindow.status).toBe(400);
    expectGraphError(missingWindow.body);
  });

  it('reports occurrences that a pattern change removed, and a single item that became a series', async () => {
    const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const daily = {
      pattern: { type: 'daily', interval: 1 },
      range: { type: 'numbered', startDate: day, numberOfOccurrences: 6 },
    };
    const series = (await h.graph('POST', `/users/${BEN.id}/events`, { body: { ...newEvent('Reshaped', 2), recurrence: daily } })).body;
    const single = (await h.graph('POST', `/users/${BEN.id}/events`, { body: newEvent('Becomes a series', 3) })).body;
    const initial = await round(`${h.url}/v1.0/users/${BEN.id}/calendarView/delta?${windowQuery()}`, 50);
    const before = initial.items.filter((e) => e.seriesMasterId === series.id).map((e) => e.id);
    expect(before).toHaveLength(6);
    expect(initial.items.some((e) => e.id === single.id)).toBe(true);

    await h.graph('PATCH', `/users/${BEN.id}/events/${series.id}`, { body: { recurrence: { ...daily, range: { ...daily.range, numberOfOccurrences: 3 } } } });
    await h.graph('PATCH', `/users/${BEN.id}/events/${single.id}`, { body: { recurrence: { ...daily, range: { type: 'numbered', startDate: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10), numberOfOccurrences: 2 } } } });
    const changes = await round(initial.deltaLink, 50);
    const byId = new Map(changes.items.map((e) => [e.id, e]));
    for (const id of before.slice(0, 3)) expect(byId.get(id)?.type).toBe('occurrence');
    for (const id of before.slice(3)) expect(byId.get(id)).toEqual({ id, '@removed': { reason: 'deleted' } });
    expect(byId.get(single.id)).toEqual({ id: single.id, '@removed': { reason: 'deleted' } });
    expect(changes.items.filter((e) => e.seriesMasterId === single.id)).toHaveLength(2);
  });

  it('reports an edited occurrence as an exception with the same id', async () => {
    const initial = await round(`${h.url}/v1.0/users/${BEN.id}/calendarView/delta?${windowQuery()}`, 50);
    const occurrence = initial.items.find((e) => e.type === 'occurrence' && e.isOrganizer) as Json;
    const patched = await h.graph('PATCH', `/users/${BEN.id}/events/${occurrence.id}`, { body: { subject: 'Just this once' } });
    expect(patched.status).toBe(200);
    expect(patched.body.type).toBe('exception');
    expect(patched.body.id).toBe(occurrence.id);
    const changes = await round(initial.deltaLink, 50);
    expect(changes.items).toEqual([expect.objectContaining({ id: occurrence.id, type: 'exception', subject: 'Just this once' })]);
  });
});
