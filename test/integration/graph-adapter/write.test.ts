// Writing through the adapter: $batch splitting, idempotent creates by transactionId, If-Match conflicts, category
// edits that keep the user's own categories.
import { emptyCalendarItem, type NormalizedCalendarItem } from '../../../src/server/domain/calendar-item.js';
import type { OutlookItemPresent } from '../../../src/server/domain/snapshots.js';
import type { CalendarWriteRequest } from '../../../src/server/ports/calendar-source.js';
import type { WriteSuccess } from '../../../src/server/ports/write-results.js';
import { getEvent, setCategories } from '../../support/graph-adapter-extras.js';
import { AVA, CECP_ID, dayIso, eventBody, mailboxOf, startAdapterHarness, type AdapterHarness } from './support.js';

let h: AdapterHarness;
beforeAll(async () => {
  h = await startAdapterHarness();
});
afterAll(async () => h.close());
beforeEach(async () => {
  await h.control('POST', '/reset');
});

function fields(subject: string, days: number, extra: Partial<NormalizedCalendarItem> = {}): NormalizedCalendarItem {
  return {
    ...emptyCalendarItem(),
    subject,
    startUtc: `${dayIso(days)}T09:00:00Z`,
    endUtc: `${dayIso(days)}T10:00:00Z`,
    location: 'Customer HQ',
    body: 'Agenda',
    ...extra,
  };
}

const create = (transactionId: string, subject: string, days = 3, extra: Partial<NormalizedCalendarItem> = {}): CalendarWriteRequest => ({
  op: 'create',
  transactionId,
  kind: 'appointment',
  fields: fields(subject, days, extra),
  categories: ['SAP Cloud for Customer'],
});

const batchPosts = async () => (await h.counters()).byRoute['POST /v1.0/$batch'] ?? 0;

describe('write', () => {
  it('splits more than 20 writes into batches of at most 20 and returns results in request order', async () => {
    const adapter = h.adapter();
    const requests = Array.from({ length: 45 }, (_, i) => create(`tx-split-${i}`, `Split ${i}`, 1 + (i % 20)));
    const results = await adapter.write(mailboxOf(AVA), requests);
    expect(results).toHaveLength(45);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(new Set(results.map((r) => (r as WriteSuccess).id)).size).toBe(45);
    expect(await batchPosts()).toBe(3);
    const items = await adapter.getItems(mailboxOf(AVA), results.map((r) => (r as WriteSuccess).id));
    expect(items.map((i) => (i as OutlookItemPresent).fields.subject)).toEqual(requests.map((_, i) => `Split ${i}`));
    expect(items.map((i) => (i as OutlookItemPresent).version)).toEqual(results.map((r) => (r as WriteSuccess).version));
  });

  it('writes the fields, the category and the links as the add-in would', async () => {
    const adapter = h.adapter();
    const links = [{ type: 'account' as const, id: '1001', name: 'Fabrikam', primary: true }];
    const [result] = await adapter.write(mailboxOf(AVA), [create('tx-links', 'With links', 2, { links })]);
    expect(result?.ok).toBe(true);
    const id = (result as WriteSuccess).id;
    const raw = await h.graph('GET', `/users/${AVA.id}/events/${id}?$expand=singleValueExtendedProperties($filter=id eq '${CECP_ID}')`);
    expect(raw.body.categories).toEqual(['SAP Cloud for Customer']);
    expect(raw.body.transactionId).toBe('tx-links');
    expect(raw.body.singleValueExtendedProperties).toHaveLength(1);
    const item = (await getEvent(adapter, mailboxOf(AVA), id)) as OutlookItemPresent;
    expect(item.fields.links).toEqual(links);
    expect(item.fields).toEqual(expect.objectContaining({ subject: 'With links', location: 'Customer HQ', body: 'Agenda', startUtc: `${dayIso(2)}T09:00:00Z` }));
  });

  it('makes a repeated create with the same transactionId return the same item, updated to the new fields', async () => {
    const adapter = h.adapter();
    const [first] = await adapter.write(mailboxOf(AVA), [create('tx-repeat', 'First try')]);
    const [again] = await adapter.write(mailboxOf(AVA), [create('tx-repeat', 'First try')]);
    expect((again as WriteSuccess).id).toBe((first as WriteSuccess).id);
    const [changed] = await adapter.write(mailboxOf(AVA), [create('tx-repeat', 'Second try')]);
    expect((changed as WriteSuccess).id).toBe((first as WriteSuccess).id);
    const item = (await getEvent(adapter, mailboxOf(AVA), (first as WriteSuccess).id)) as OutlookItemPresent;
    expect(item.fields.subject).toBe('Second try');
    expect(item.version).toBe((changed as WriteSuccess).version);
    const list = await h.graph('GET', `/users/${AVA.id}/events?$top=1000`);
    expect((list.body.value as { transactionId?: string }[]).filter((e) => e.transactionId === 'tx-repeat')).toHaveLength(1);
  });

  it('updates with If-Match: the current version succeeds, a stale one is a conflict', async () => {
    const adapter = h.adapter();
    const mailbox = mailboxOf(AVA);
    const [created] = (await adapter.write(mailbox, [create('tx-if-match', 'Versioned')])) as WriteSuccess[];
    const after = fields('Renamed', 3);
    const update = (ifMatch: string, subject: string): CalendarWriteRequest => ({
      op: 'update', id: created!.id, ifMatch, patch: { subject }, after: { ...after, subject },
    });
    const [ok] = await adapter.write(mailbox, [update(created!.version!, 'Renamed')]);
    expect(ok).toEqual({ ok: true, id: created!.id, version: expect.any(String) });
    expect((ok as WriteSuccess).version).not.toBe(created!.version);
    const [stale] = await adapter.write(mailbox, [update(created!.version!, 'Lost update')]);
    expect(stale).toEqual({ ok: false, error: expect.objectContaining({ code: 'conflict' }) });
    const [staleDelete] = await adapter.write(mailbox, [{ op: 'delete', id: created!.id, ifMatch: created!.version! }]);
    expect(staleDelete).toEqual({ ok: false, error: expect.objectContaining({ code: 'conflict' }) });
    const item = (await getEvent(adapter, mailbox, created!.id)) as OutlookItemPresent;
    expect(item.fields.subject).toBe('Renamed');
  });

  it('moves one end of an item using the full fields given in `after`', async () => {
    const adapter = h.adapter();
    const mailbox = mailboxOf(AVA);
    const [created] = (await adapter.write(mailbox, [create('tx-move', 'Longer', 6)])) as WriteSuccess[];
    const after = fields('Longer', 6, { endUtc: `${dayIso(6)}T12:00:00Z` });
    const [moved] = await adapter.write(mailbox, [{ op: 'update', id: created!.id, ifMatch: created!.version!, patch: { endUtc: after.endUtc }, after }]);
    expect(moved?.ok).toBe(true);
    const item = (await getEvent(adapter, mailbox, created!.id)) as OutlookItemPresent;
    expect([item.fields.startUtc, item.fields.endUtc]).toEqual([`${dayIso(6)}T09:00:00Z`, `${dayIso(6)}T12:00:00Z`]);
  });

  it('updates one occurrence of a series, which Graph turns into an exception', async () => {
    const adapter = h.adapter();
    const mailbox = mailboxOf(AVA);
    const window = { startUtc: `${dayIso(-14)}T00:00:00Z`, endUtc: `${dayIso(60)}T00:00:00Z` };
    const full = await adapter.readChanges(mailbox, null, window);
    const occurrence = full.items.find((i): i is OutlookItemPresent => !i.removed && i.type === 'occurrence')!;
    expect(occurrence.fields.seriesId).toEqual(expect.any(String));
    expect(occurrence.fields.occurrenceDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const [result] = await adapter.write(mailbox, [{
      op: 'update', id: occurrence.id, ifMatch: occurrence.version, patch: { subject: 'Just this one' }, after: { ...occurrence.fields, subject: 'Just this one' },
    }]);
    expect(result?.ok).toBe(true);
    const next = await adapter.readChanges(mailbox, full.nextCursor, window);
    const changed = next.items.find((i): i is OutlookItemPresent => !i.removed && i.fields.subject === 'Just this one');
    expect(changed).toEqual(expect.objectContaining({ type: 'exception', id: occurrence.id }));
    expect(next.items.filter((i) => i.removed)).toEqual([]);
    expect(changed?.fields.seriesId).toBe(occurrence.fields.seriesId);
    expect(changed?.fields.occurrenceDate).toBe(occurrence.fields.occurrenceDate);
  });

  it('treats deleting a vanished item as success and updating it as notFound', async () => {
    const adapter = h.adapter();
    const mailbox = mailboxOf(AVA);
    const [created] = (await adapter.write(mailbox, [create('tx-gone', 'Gone soon')])) as WriteSuccess[];
    const [deleted] = await adapter.write(mailbox, [{ op: 'delete', id: created!.id, ifMatch: created!.version! }]);
    expect(deleted).toEqual({ ok: true, id: created!.id, version: null });
    const results = await adapter.write(mailbox, [
      { op: 'delete', id: created!.id, ifMatch: created!.version! },
      { op: 'update', id: created!.id, ifMatch: created!.version!, patch: { subject: 'x' }, after: fields('x', 3) },
    ]);
    expect(results[0]).toEqual({ ok: true, id: created!.id, version: null });
    expect(results[1]).toEqual({ ok: false, error: expect.objectContaining({ code: 'notFound' }) });
  });

  it('edits categories read-modify-write, keeping categories the user added', async () => {
    const adapter = h.adapter();
    const mailbox = mailboxOf(AVA);
    const user = await h.graph('POST', `/users/${AVA.id}/events`, eventBody('Tagged by user', 2, { categories: ['Red category', 'SAP Cloud for Customer'] }));
    const [result] = await adapter.write(mailbox, [{ op: 'editCategories', id: user.body.id, edit: { add: ['Error in SAP Cloud for Customer SSI'], remove: ['sap cloud for customer'] } }]);
    expect(result?.ok).toBe(true);
    const item = (await getEvent(adapter, mailbox, user.body.id)) as OutlookItemPresent;
    expect(item.categories).toEqual(['Red category', 'Error in SAP Cloud for Customer SSI']);
    expect(item.version).toBe((result as WriteSuccess).version);

    const [update] = await adapter.write(mailbox, [{
      op: 'update', id: item.id, ifMatch: item.version, patch: { subject: 'Fixed' }, after: { ...item.fields, subject: 'Fixed' },
      categoryEdit: { add: [], remove: ['Error in SAP Cloud for Customer SSI'] },
    }]);
    expect(update?.ok).toBe(true);
    const fixed = (await getEvent(adapter, mailbox, user.body.id)) as OutlookItemPresent;
    expect([fixed.fields.subject, fixed.categories]).toEqual(['Fixed', ['Red category']]);
  });

  it('replaces the category list through write() without If-Match', async () => {
    const adapter = h.adapter();
    const user = await h.graph('POST', `/users/${AVA.id}/events`, eventBody('Stop syncing', 2, { categories: ['Red category', 'Visit'] }));
    await h.graph('PATCH', `/users/${AVA.id}/events/${user.body.id}`, { subject: 'Edited by the user meanwhile' });
    const [result] = await adapter.write(mailboxOf(AVA), [{ op: 'setCategories', id: user.body.id, categories: ['Red category'] }]);
    expect(result).toEqual({ ok: true, id: user.body.id, version: expect.any(String) });
    const item = (await getEvent(adapter, mailboxOf(AVA), user.body.id)) as OutlookItemPresent;
    expect([item.categories, item.fields.subject]).toEqual([['Red category'], 'Edited by the user meanwhile']);
  });

  it('sets one item\'s categories directly (the task pane fallback)', async () => {
    const adapter = h.adapter();
    const user = await h.graph('POST', `/users/${AVA.id}/events`, eventBody('Pane', 2));
    const item = await setCategories(adapter, mailboxOf(AVA), user.body.id, ['Visit']);
    expect(item).toEqual(expect.objectContaining({ removed: false, id: user.body.id, categories: ['Visit'] }));
    await expect(setCategories(adapter, mailboxOf(AVA), 'AAMkAGI2TG93AAA=', ['Visit'])).rejects.toMatchObject({ error: { code: 'notFound' } });
  });
});
