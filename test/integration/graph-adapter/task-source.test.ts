// GraphTaskSource against the Graph sandbox over HTTP: full read, delta after changes, removed tasks, 410 recovery,
// a vanished list, writes (create with linked resources, conflict, notFound, delete), category edits, and the
// service list found again (not duplicated) by a new adapter instance.
import { GraphTaskSource } from '../../../src/server/adapters/graph/index.js';
import type { NormalizedTask, TodoTaskPresent } from '../../../src/server/domain/task-item.js';
import { emptyTask } from '../../../src/server/domain/task-item.js';
import { startReceiver } from '../sandbox-graph/webhook-receiver.js';
import { AVA, BEN, CHLOE, DAN, mailboxOf, startAdapterHarness, type AdapterHarness, type Json } from './support.js';

let h: AdapterHarness;
beforeAll(async () => {
  h = await startAdapterHarness();
});
afterAll(async () => h.close());

const SAP = 'SAP Cloud for Customer';
const WINDOW = { startUtc: '2026-01-01T00:00:00Z', endUtc: '2027-01-01T00:00:00Z' };
const crmWebUrl = (kind: string, id: string) => `https://c4c.example/${kind}/${id}`;
let now = Date.now();
const clock = { now: () => new Date(now) };
const source = () => new GraphTaskSource(h.adapter({ clock, pageSize: 3 }).http, { crmWebUrl });
const present = (items: unknown[]) => items.filter((i): i is TodoTaskPresent => !(i as { removed: boolean }).removed);

async function defaultList(userId: string): Promise<string> {
  const lists = (await h.graph('GET', `/users/${userId}/todo/lists`)).body.value as Json[];
  return lists.find((l) => l.wellknownListName === 'defaultList')!.id as string;
}

describe('GraphTaskSource reads', () => {
  it('reads everything first, nothing when idle, then changes and deletes; a 410 becomes a full read', async () => {
    const tasks = source();
    const mailbox = mailboxOf(AVA);
    const listId = await defaultList(AVA.id);
    const first = await tasks.readChanges(mailbox, null, WINDOW);
    expect(first.full).toBe(true);
    const seeded = present(first.items);
    expect(seeded.length).toBeGreaterThanOrEqual(4);
    expect(seeded.every((t) => t.id.startsWith(`${listId}/`) && t.listId === listId && t.version.startsWith('W/"'))).toBe(true);
    expect(seeded.some((t) => t.categories.includes(SAP))).toBe(true);

    // The first read made the service list (tasks made in C4C land there): the mailbox has two lists now, once.
    const lists = (await h.graph('GET', `/users/${AVA.id}/todo/lists`)).body.value as Json[];
    expect(lists.map((l) => l.displayName).sort()).toEqual(['SAP Cloud for Customer', 'Tasks']);
    const before = (await h.counters()).total;
    const idle = await tasks.readChanges(mailbox, first.nextCursor, WINDOW);
    expect(idle.items).toEqual([]);
    expect(idle.full).toBe(false);
    expect((await h.counters()).total - before).toBe(2); // one delta call per list, no listing

    const base = `/users/${AVA.id}/todo/lists/${listId}/tasks`;
    const created = (await h.graph('POST', base, {
      title: 'From C4C', categories: [SAP], linkedResources: [{ applicationName: SAP, externalId: 'OBJ-1', displayName: 'SAP Cloud for Customer task 1001' }],
    })).body;
    const victim = seeded[0]!;
    await h.graph('DELETE', `${base}/${victim.id.split('/')[1]}`);
    const changed = await tasks.readChanges(mailbox, idle.nextCursor, WINDOW);
    expect(changed.full).toBe(false);
    expect(changed.items).toEqual(expect.arrayContaining([{ removed: true, id: victim.id }]));
    const mine = present(changed.items).find((t) => t.id === `${listId}/${created.id}`);
    expect(mine?.fields).toEqual(expect.objectContaining({ title: 'From C4C', crmRef: { objectId: 'OBJ-1', displayId: '1001' } }));

    await h.control('POST', '/delta/expire');
    const again = await tasks.readChanges(mailbox, changed.nextCursor, WINDOW);
    expect(again.full).toBe(true);
    expect(present(again.items).length).toBe(seeded.length); // one deleted, one created
  });

  it('picks up a new list, and reports a deleted list with full: true so pairs get confirmed', async () => {
    const tasks = source();
    const mailbox = mailboxOf(BEN);
    const first = await tasks.readChanges(mailbox, null, WINDOW);
    const listId = (await h.graph('POST', `/users/${BEN.id}/todo/lists`, { displayName: 'Projects' })).body.id as string;
    const task = (await h.graph('POST', `/users/${BEN.id}/todo/lists/${listId}/tasks`, { title: 'In a new list' })).body;
    // Within 30 minutes the lists are not listed again.
    expect((await tasks.readChanges(mailbox, first.nextCursor, WINDOW)).items).toEqual([]);
    now += 31 * 60_000;
    const withList = await tasks.readChanges(mailbox, first.nextCursor, WINDOW);
    expect(present(withList.items).map((t) => t.id)).toEqual([`${listId}/${task.id}`]);
    await h.graph('DELETE', `/users/${BEN.id}/todo/lists/${listId}`);
    now += 31 * 60_000;
    const gone = await tasks.readChanges(mailbox, withList.nextCursor, WINDOW);
    expect(gone.full).toBe(true);
    expect(await tasks.getItems(mailbox, [`${listId}/${task.id}`])).toEqual([{ removed: true, id: `${listId}/${task.id}` }]);
  });
});

describe('GraphTaskSource writes', () => {
  const fields = (over: Partial<NormalizedTask> = {}): NormalizedTask => ({
    ...emptyTask(), title: 'Quote for Fabrikam', body: 'Call first', dueUtc: '2026-12-10T16:00:00Z', importance: 'high',
    crmRef: { objectId: 'OBJ-42', displayId: '42' }, links: [{ type: 'account', id: '1001', primary: true }], ...over,
  });

  it('creates in the service list with linked resources, updates with If-Match, deletes; stale → conflict, gone → notFound', async () => {
    const tasks = source();
    const mailbox = mailboxOf(CHLOE);
    const serviceListId = await tasks.ensureServiceList(mailbox, 'C4C tasks');
    const [created] = await tasks.write(mailbox, [{ op: 'create', transactionId: 'tx1', kind: 'task', fields: fields(), categories: [SAP] }]);
    expect(created).toEqual({ ok: true, id: expect.stringMatching(new RegExp(`^${serviceListId}/`)), version: expect.stringMatching(/^W\//) });
    const id = (created as { id: string }).id;
    const [read] = (await tasks.getItems(mailbox, [id])) as TodoTaskPresent[];
    expect(read).toEqual(expect.objectContaining({ inServiceList: true, categories: [SAP], version: (created as { version: string }).version }));
    expect(read!.fields).toEqual(fields({ timeZone: 'UTC' }));

    const after = fields({ title: 'Quote v2', links: [{ type: 'opportunity', id: '55', name: 'Big deal' }] });
    const [updated] = await tasks.write(mailbox, [{ op: 'update', id, ifMatch: read!.version, patch: { title: 'Quote v2', links: after.links }, after }]);
    expect(updated).toEqual({ ok: true, id, version: expect.any(String) });
    const [reread] = (await tasks.getItems(mailbox, [id])) as TodoTaskPresent[];
    expect(reread!.fields).toEqual(expect.objectContaining({ title: 'Quote v2', links: after.links, crmRef: fields().crmRef }));
    expect(reread!.version).toBe((updated as { version: string }).version);

    const stale = await tasks.write(mailbox, [
      { op: 'update', id, ifMatch: read!.version, patch: { title: 'lost' }, after: fields({ title: 'lost' }) },
      { op: 'update', id, ifMatch: read!.version, patch: { links: [] }, after: fields({ links: [] }) },
      { op: 'delete', id, ifMatch: read!.version },
    ]);
    expect(stale.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['conflict', 'conflict', 'conflict']);

    const [deleted] = await tasks.write(mailbox, [{ op: 'delete', id, ifMatch: reread!.version }]);
    expect(deleted).toEqual({ ok: true, id, version: null });
    const afterDelete = await tasks.write(mailbox, [
      { op: 'delete', id, ifMatch: reread!.version },
      { op: 'update', id, ifMatch: reread!.version, patch: { title: 'x' }, after: fields({ title: 'x' }) },
    ]);
    expect(afterDelete.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['ok', 'notFound']);
  });

  it('edits categories keeping the user\'s, and replaces them with setCategories', async () => {
    const tasks = source();
    const mailbox = mailboxOf(CHLOE);
    await tasks.ensureServiceList(mailbox, 'C4C tasks');
    const [created] = await tasks.write(mailbox, [{ op: 'create', transactionId: 'tx2', kind: 'task', fields: fields(), categories: [SAP] }]);
    const id = (created as { id: string }).id;
    const [listId, taskId] = id.split('/');
    await h.graph('PATCH', `/users/${CHLOE.id}/todo/lists/${listId}/tasks/${taskId}`, { categories: [SAP, 'Mine'] });
    const [edit] = await tasks.write(mailbox, [{ op: 'editCategories', id, edit: { add: ['Error in SAP Cloud for Customer SSI'], remove: [SAP] } }]);
    expect(edit!.ok).toBe(true);
    expect(((await tasks.getItems(mailbox, [id])) as TodoTaskPresent[])[0]!.categories).toEqual(['Mine', 'Error in SAP Cloud for Customer SSI']);
    await tasks.write(mailbox, [{ op: 'setCategories', id, categories: [] }]);
    expect(((await tasks.getItems(mailbox, [id])) as TodoTaskPresent[])[0]!.categories).toEqual([]);
  });

  it('finds the service list again after a restart instead of making a second one', async () => {
    const mailbox = mailboxOf(CHLOE);
    const firstId = await source().ensureServiceList(mailbox, 'C4C tasks');
    const restarted = source();
    expect(await restarted.ensureServiceList(mailbox, 'C4C tasks')).toBe(firstId);
    const [a, b] = await Promise.all([source().ensureServiceList(mailbox, 'C4C tasks'), source().ensureServiceList(mailbox, 'C4C tasks')]);
    expect([a, b]).toEqual([firstId, firstId]);
    const lists = (await h.graph('GET', `/users/${CHLOE.id}/todo/lists`)).body.value as Json[];
    expect(lists.filter((l) => l.displayName === 'C4C tasks')).toHaveLength(1);
    // A new instance learns the id from the cursor and marks the list's tasks.
    const cursor = (await (await (async () => { const s = source(); await s.ensureServiceList(mailbox, 'C4C tasks'); return s; })()).readChanges(mailbox, null, WINDOW)).nextCursor;
    const fresh = source();
    await h.graph('POST', `/users/${CHLOE.id}/todo/lists/${firstId}/tasks`, { title: 'later' });
    const changes = present((await fresh.readChanges(mailbox, cursor, WINDOW)).items);
    expect(changes.map((t) => [t.fields.title, t.inServiceList])).toEqual([['later', true]]);
  });

  it('takes the default list when the service list is named after it (sync the whole list, as Siebel does)', async () => {
    const mailbox = mailboxOf(DAN);
    expect(await source().ensureServiceList(mailbox, 'tasks')).toBe(await defaultList(DAN.id));
    expect(((await h.graph('GET', `/users/${DAN.id}/todo/lists`)).body.value as Json[]).length).toBe(1);
  });
});

describe('GraphTaskSource subscriptions', () => {
  it('subscribes to a task list for at most 4,230 minutes, renews within that limit and deletes', async () => {
    now = Date.now(); // an earlier test moved the adapter's clock forward
    const rx = await startReceiver();
    try {
      const tasks = source();
      const subscriptions = h.adapter();
      const mailbox = mailboxOf(AVA);
      const listId = await defaultList(AVA.id);
      const resources = await tasks.subscriptionResources(mailbox);
      expect(resources).toContain(`users/${AVA.id}/todo/lists/${listId}/tasks`);
      const resource = `users/${AVA.id}/todo/lists/${listId}/tasks`;
      const sub = await subscriptions.createSubscription(mailbox, { notificationUrl: `${rx.url}/n`, lifecycleNotificationUrl: `${rx.url}/l`, clientState: 'todo', resource });
      expect(sub.resource).toBe(resource);
      const minutes = (Date.parse(sub.expirationDateTime) - Date.now()) / 60_000;
      expect(minutes).toBeGreaterThan(4_100);
      expect(minutes).toBeLessThanOrEqual(4_230);
      await h.graph('POST', `/users/${AVA.id}/todo/lists/${listId}/tasks`, { title: 'notify me' });
      const got = await rx.waitFor((n) => n.some((x) => x.path === '/n'));
      expect(got.find((x) => x.path === '/n')?.value[0]).toEqual(expect.objectContaining({ changeType: 'created', clientState: 'todo' }));
      const renewed = await subscriptions.renewSubscription(sub.id, resource);
      expect(Date.parse(renewed.expirationDateTime)).toBeGreaterThanOrEqual(Date.parse(sub.expirationDateTime) - 1000);
      expect((Date.parse(renewed.expirationDateTime) - Date.now()) / 60_000).toBeLessThanOrEqual(4_230);
      expect(await subscriptions.deleteSubscription(sub.id)).toBe('deleted');
    } finally {
      await rx.close();
    }
  });
});
