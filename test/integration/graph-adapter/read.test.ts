// Reading a mailbox through the adapter against the Graph sandbox: full read with paging, links from the add-in's
// extended property, incremental delta, @removed confirmed by GET, expired token → full read without duplicates.
import { syncWindowAround } from '../../support/graph-adapter-extras.js';
import type { OutlookItem, OutlookItemPresent } from '../../../src/server/domain/snapshots.js';
import { AVA, BEN, CECP_ID, cecpValue, eventBody, mailboxOf, startAdapterHarness, type AdapterHarness } from './support.js';

let h: AdapterHarness;
beforeAll(async () => {
  h = await startAdapterHarness();
});
afterAll(async () => h.close());
beforeEach(async () => {
  await h.control('POST', '/reset');
});

const window = () => syncWindowAround(new Date());
const present = (items: OutlookItem[]) => items.filter((i): i is OutlookItemPresent => !i.removed);
const ids = (items: OutlookItem[]) => items.map((i) => i.id).sort();

describe('full read', () => {
  it('follows every page and returns exactly the calendar view of the window', async () => {
    const adapter = h.adapter({ pageSize: 5 });
    const w = window();
    const changes = await adapter.readChanges(mailboxOf(AVA), null, w);
    expect(changes.full).toBe(true);
    const view = await h.graph('GET', `/users/${AVA.id}/calendarView?startDateTime=${w.startUtc}&endDateTime=${w.endUtc}&$top=1000`);
    expect(view.status).toBe(200);
    const expected = (view.body.value as { id: string }[]).map((e) => e.id).sort();
    expect(expected.length).toBeGreaterThan(10);
    expect(ids(changes.items)).toEqual(expected);
    expect(changes.items.every((i) => !i.removed && i.type !== 'seriesMaster')).toBe(true);
    expect(present(changes.items).some((i) => i.type === 'occurrence')).toBe(true);
    const counters = await h.counters();
    const deltaCalls = Object.entries(counters.byRoute).filter(([route]) => route.includes('calendarView/delta')).reduce((n, [, c]) => n + c, 0);
    expect(deltaCalls).toBeGreaterThanOrEqual(Math.ceil(expected.length / 5));
  });

  it('reads categories and the CRM links from the cecp- extended property', async () => {
    const links = [{ type: 'account', id: '1001', name: 'Fabrikam', primary: true }, { type: 'opportunity', id: '42' }];
    const created = await h.graph('POST', `/users/${AVA.id}/events`, eventBody('Linked visit', 3, {
      categories: ['Visit'],
      singleValueExtendedProperties: [{ id: CECP_ID, value: cecpValue(links) }],
    }));
    expect(created.status).toBe(201);
    // Over the listing threshold and under it: both ways of fetching links must find them.
    for (const listDetailsThreshold of [1, 1000]) {
      const changes = await h.adapter({ listDetailsThreshold }).readChanges(mailboxOf(AVA), null, window());
      const item = present(changes.items).find((i) => i.id === created.body.id);
      expect(item?.categories).toEqual(['Visit']);
      expect(item?.fields.links).toEqual(links);
      expect(item?.fields.subject).toBe('Linked visit');
    }
  });
});

describe('incremental reads', () => {
  it('returns only what changed since the cursor, and an empty round after that', async () => {
    const adapter = h.adapter({ pageSize: 7 });
    const mailbox = mailboxOf(AVA);
    const first = await adapter.readChanges(mailbox, null, window());
    const target = present(first.items).find((i) => i.type === 'singleInstance')!;
    const created = await h.graph('POST', `/users/${AVA.id}/events`, eventBody('New one', 2, { categories: ['SAP Cloud for Customer'] }));
    const patched = await h.graph('PATCH', `/users/${AVA.id}/events/${target.id}`, { subject: 'Renamed' });
    expect(patched.status).toBe(200);

    const second = await adapter.readChanges(mailbox, first.nextCursor, window());
    expect(second.full).toBe(false);
    expect(ids(second.items)).toEqual([created.body.id, target.id].sort());
    const renamed = present(second.items).find((i) => i.id === target.id)!;
    expect(renamed.fields.subject).toBe('Renamed');
    expect(renamed.version).not.toBe(target.version);

    const third = await adapter.readChanges(mailbox, second.nextCursor, window());
    expect(third.items).toEqual([]);
    expect(third.full).toBe(false);
  });

  it('reports a deleted item as removed, but an item moved out of the window as present', async () => {
    const adapter = h.adapter();
    const mailbox = mailboxOf(AVA);
    const doomed = await h.graph('POST', `/users/${AVA.id}/events`, eventBody('To delete', 4, { categories: ['Visit'] }));
    const mover = await h.graph('POST', `/users/${AVA.id}/events`, eventBody('To move', 5, { categories: ['Visit'] }));
    const first = await adapter.readChanges(mailbox, null, window());
    expect(ids(first.items)).toEqual(expect.arrayContaining([doomed.body.id, mover.body.id]));

    expect((await h.graph('DELETE', `/users/${AVA.id}/events/${doomed.body.id}`)).status).toBe(204);
    const moved = await h.graph('PATCH', `/users/${AVA.id}/events/${mover.body.id}`, {
      start: { dateTime: `${new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10)}T10:00:00`, timeZone: 'UTC' },
      end: { dateTime: `${new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10)}T11:00:00`, timeZone: 'UTC' },
    });
    expect(moved.status).toBe(200);

    const second = await adapter.readChanges(mailbox, first.nextCursor, window());
    const byId = new Map(second.items.map((i) => [i.id, i]));
    expect(byId.get(doomed.body.id)).toEqual({ removed: true, id: doomed.body.id });
    const stillThere = byId.get(mover.body.id);
    expect(stillThere?.removed).toBe(false);
    expect((stillThere as OutlookItemPresent).fields.startUtc.slice(0, 10)).toBe(new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10));
  });

  it('turns an expired delta token (410) into a full read with the same ids, not new ones', async () => {
    const adapter = h.adapter({ pageSize: 10 });
    const mailbox = mailboxOf(BEN);
    const first = await adapter.readChanges(mailbox, null, window());
    expect((await h.control('POST', '/delta/expire')).status).toBe(204);
    const again = await adapter.readChanges(mailbox, first.nextCursor, window());
    expect(again.full).toBe(true);
    expect(ids(again.items)).toEqual(ids(first.items));
    expect(new Set(again.items.map((i) => i.id)).size).toBe(again.items.length);
    // The fresh cursor works incrementally again.
    const next = await adapter.readChanges(mailbox, again.nextCursor, window());
    expect(next).toEqual(expect.objectContaining({ full: false, items: [] }));
  });

  it('reads the whole window again when asked for another window than the cursor was made for', async () => {
    const adapter = h.adapter();
    const mailbox = mailboxOf(AVA);
    const first = await adapter.readChanges(mailbox, null, window());
    const later = syncWindowAround(new Date(Date.now() + 2 * 86_400_000));
    const moved = await adapter.readChanges(mailbox, first.nextCursor, later);
    expect(moved.full).toBe(true);
    expect(moved.items.length).toBeGreaterThan(0);
  });

  it('never reports items of an unreachable mailbox as removed', async () => {
    const adapter = h.adapter();
    const stranger = { ...mailboxOf(AVA), mailboxId: '0a1b2c3d-0000-4000-8000-0000000000ff' };
    await expect(adapter.getItems(stranger, ['AAMkAGI2TG93AAA='])).rejects.toMatchObject({ error: { code: 'notFound' } });
    await expect(adapter.readChanges(stranger, null, window())).rejects.toMatchObject({ error: { code: 'notFound' } });
  });

  it('getItems returns current items and reports missing ids as removed', async () => {
    const adapter = h.adapter();
    const created = await h.graph('POST', `/users/${AVA.id}/events`, eventBody('Fetch me', 1, {
      categories: ['SAP Cloud for Customer'],
      singleValueExtendedProperties: [{ id: CECP_ID, value: cecpValue([{ type: 'ticket', id: '77' }]) }],
    }));
    const ghost = 'AAMkAGI2TG93AAA=';
    const items = await adapter.getItems(mailboxOf(AVA), [created.body.id, ghost]);
    expect(items[0]).toEqual(expect.objectContaining({ removed: false, id: created.body.id }));
    expect((items[0] as OutlookItemPresent).fields.links).toEqual([{ type: 'ticket', id: '77' }]);
    expect(items[1]).toEqual({ removed: true, id: ghost });
  });
});

describe('shared copies (R8)', () => {
  it("finds an attendee's copies of meetings by iCalUId, one occurrence of a series too, one view each or one for many", async () => {
    const single = await h.graph('POST', `/users/${AVA.id}/events`, eventBody('Shared single', 4, { attendees: [{ type: 'required', emailAddress: { address: BEN.mail } }] }));
    const series = await h.graph('POST', `/users/${AVA.id}/events`, eventBody('Shared series', 6, {
      attendees: [{ type: 'required', emailAddress: { address: BEN.mail } }],
      recurrence: { pattern: { type: 'daily', interval: 1 }, range: { type: 'numbered', startDate: new Date(Date.now() + 6 * 86_400_000).toISOString().slice(0, 10), numberOfOccurrences: 3 } },
    }));
    expect([single.status, series.status]).toEqual([201, 201]);
    const w = window();
    const view = await h.graph('GET', `/users/${AVA.id}/calendarView?startDateTime=${w.startUtc}&endDateTime=${w.endUtc}&$top=1000`);
    const second = (view.body.value as { subject: string; type: string; iCalUId: string; start: { dateTime: string }; end: { dateTime: string } }[])
      .filter((e) => e.subject === 'Shared series' && e.type === 'occurrence')
      .sort((a, b) => a.start.dateTime.localeCompare(b.start.dateTime))[1];
    const refs = [
      { shareKey: String(single.body.iCalUId), startUtc: `${String(single.body.start.dateTime).slice(0, 19)}Z`, endUtc: `${String(single.body.end.dateTime).slice(0, 19)}Z` },
      { shareKey: String(second?.iCalUId), startUtc: `${String(second?.start.dateTime).slice(0, 19)}Z`, endUtc: `${String(second?.end.dateTime).slice(0, 19)}Z` },
    ];
    const found = await h.adapter().findShared(mailboxOf(BEN), refs);
    expect(found.map((i) => [i.fields.subject, i.isOrganizer, i.type]).sort()).toEqual([['Shared series', false, 'occurrence'], ['Shared single', false, 'singleInstance']]);
    expect(found.map((i) => i.iCalUId).sort()).toEqual(refs.map((r) => r.shareKey).sort());
    // Many at once: one view over all of them finds the same, and nothing else (a key nobody has is left out).
    const many = [...refs, ...Array.from({ length: 8 }, (_, i) => ({ ...refs[0]!, shareKey: `nobody-${i}` }))];
    const counted = await h.counters();
    const again = await h.adapter().findShared(mailboxOf(BEN), many);
    expect(again.map((i) => i.id).sort()).toEqual(found.map((i) => i.id).sort());
    const views = (c: typeof counted) => Object.entries(c.byRoute).filter(([route]) => route.includes('calendarView') && !route.includes('delta')).reduce((n, [, k]) => n + k, 0);
    expect(views(await h.counters()) - views(counted)).toBe(1);
  });
});
