// The tenant-wide change query and the reads by id: fan-out fields, the inclusive high-water mark, paging past
// 1,000 entries (keyset pages, and d.__next when the server pages), removed activities.
import { pino } from 'pino';
import { ODataHttp } from '../../../src/server/adapters/c4c/odata-http.js';
import { collectionPath, readAll } from '../../../src/server/adapters/c4c/odata-read.js';
import { PortFailure } from '../../../src/server/ports/write-results.js';
import { startAdapterHarness, TENANT, type AdapterHarness } from './harness.js';
import { createRequest, ok, sleep, syncWindow } from './fixtures.js';

let h: AdapterHarness;
beforeAll(async () => {
  h = await startAdapterHarness();
});
afterAll(async () => {
  await h.close();
});

describe('C4C adapter: change query', () => {
  it('reads every seeded appointment and visit once, with owner/organizer e-mails for the fan-out', async () => {
    const changes = await h.adapter.changedSince(TENANT, null, syncWindow());
    const kinds = new Set(changes.activities.map((a) => a.kind));
    expect(kinds).toEqual(new Set(['appointment', 'visit']));
    expect(new Set(changes.activities.map((a) => a.objectId)).size).toBe(changes.activities.length);
    expect(changes.activities.length).toBeGreaterThanOrEqual(60);
    const employeeEmails = new Set(h.info.employees.map((e) => e.email));
    for (const activity of changes.activities) {
      expect(activity.ownerPartyId).not.toBeNull();
      expect(employeeEmails.has(activity.ownerEmail ?? '')).toBe(true);
      expect(activity.version).toMatch(/^W\/"datetimeoffset'/);
    }
    const newest = Math.max(...changes.activities.map((a) => Date.parse(a.lastChangedOn)));
    // The mark is the newest change rounded down to the second (an inclusive bound re-reads that second).
    expect(Date.parse(changes.nextHighWater)).toBe(Math.floor(newest / 1000) * 1000);
  });

  it('returns only activities changed at or after the high-water mark, and keeps the mark when nothing changed', async () => {
    await sleep(1100);
    const first = ok((await h.adapter.write(TENANT, [createRequest('hw-1')]))[0]);
    const mark = (await h.adapter.changedSince(TENANT, null, syncWindow())).nextHighWater;
    await sleep(1100);
    const second = ok((await h.adapter.write(TENANT, [createRequest('hw-2')]))[0]);

    const fromFirst = await h.adapter.changedSince(TENANT, mark, syncWindow());
    expect(fromFirst.activities.map((a) => a.objectId).sort()).toEqual([first.id, second.id].sort());
    expect(Date.parse(fromFirst.nextHighWater)).toBeGreaterThan(Date.parse(mark));

    await sleep(1100);
    const later = new Date(Date.now()).toISOString();
    const none = await h.adapter.changedSince(TENANT, later, syncWindow());
    expect(none.activities).toEqual([]);
    expect(none.nextHighWater).toBe(later);
  });

  it('refuses an unreadable high-water mark as a cursor error', async () => {
    await expect(h.adapter.changedSince(TENANT, 'not-a-date', syncWindow())).rejects.toMatchObject({ error: { code: 'cursor' } });
  });

  it('reports activities C4C no longer has as removed, and finds activities by GroupwareItemID', async () => {
    const created = ok((await h.adapter.write(TENANT, [createRequest('by-id-1', {}, 'visit')]))[0]);
    const [present, missing] = await h.adapter.getByIds(TENANT, [
      { kind: 'visit', objectId: created.id },
      { kind: 'appointment', objectId: '00163E03A0701EE0FFFFFFFFFFFFFFFF' },
    ]);
    expect(present).toMatchObject({ objectId: created.id, kind: 'visit', removed: false, groupwareItemId: 'by-id-1', version: created.version });
    expect(missing).toMatchObject({ objectId: '00163E03A0701EE0FFFFFFFFFFFFFFFF', removed: true });
    expect((await h.adapter.findByGroupwareItemId(TENANT, 'visit', 'by-id-1'))?.objectId).toBe(created.id);
    expect(await h.adapter.findByGroupwareItemId(TENANT, 'appointment', 'by-id-1')).toBeNull();
    expect(await h.adapter.findByGroupwareItemId(TENANT, 'visit', "x' or GroupwareItemID ne 'x")).toBeNull();
    const refused = h.adapter.findByGroupwareItemId(TENANT, 'visit', 'by-id-*');
    await expect(refused).rejects.toBeInstanceOf(PortFailure);
    await expect(refused).rejects.toMatchObject({ error: { code: 'invalid' } });
  });
});

describe('C4C adapter: change query past one page', () => {
  it('follows all pages for more than 1,000 changed activities without losing or repeating one', async () => {
    const before = await h.adapter.changedSince(TENANT, null, syncWindow());
    const requests = Array.from({ length: 1100 }, (_, i) => createRequest(`bulk-${i}`, { subject: `Bulk ${i}` }));
    const results = await h.adapter.write(TENANT, requests);
    const createdIds = results.map((r) => ok(r).id);
    expect(new Set(createdIds).size).toBe(1100);

    await fetch(`${h.origin}/_sandbox/counters`, { method: 'DELETE' });
    const all = await h.adapter.changedSince(TENANT, null, syncWindow());
    const ids = all.activities.map((a) => a.objectId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(before.activities.length + 1100);
    const seen = new Set(ids);
    expect(createdIds.every((id) => seen.has(id))).toBe(true);
    const counters = await h.counters();
    const gets = Object.entries(counters.byRoute).filter(([route]) => route.startsWith('GET')).reduce((n, [, c]) => n + c, 0);
    expect(gets).toBeGreaterThanOrEqual(3); // ≥ 2 appointment pages + visits (+ the employee look-up)

    const since = await h.adapter.changedSince(TENANT, before.nextHighWater, syncWindow());
    const sinceIds = new Set(since.activities.map((a) => a.objectId));
    expect(createdIds.every((id) => sinceIds.has(id))).toBe(true);

    // Server-driven paging (no $top): the reader follows d.__next to the end.
    const http = new ODataHttp({ baseUrl: h.svc, ...h.info.technicalUser, logger: pino({ level: 'silent' }), timeoutMs: 10_000 });
    const rows = await readAll(http, collectionPath('AppointmentCollection', { $select: 'ObjectID' }));
    expect(new Set(rows.map((r) => r['ObjectID'])).size).toBe(all.activities.filter((a) => a.kind === 'appointment').length);
  }, 120_000);
});
