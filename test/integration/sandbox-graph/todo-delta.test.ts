// To Do task delta (paging with Prefer: odata.maxpagesize, deltaLink rounds, @removed, $expand kept in tokens,
// 410 for expired tokens), change notifications for users/{id}/todo/lists/{listId}/tasks, and $batch on To Do URLs.
import { AVA, BEN, expectGraphError, startHarness, type Harness, type Json } from './harness.js';
import { startReceiver, type Receiver } from './webhook-receiver.js';

let h: Harness;
let rx: Receiver;
beforeAll(async () => {
  h = await startHarness();
  rx = await startReceiver();
});
afterAll(async () => {
  await h.close();
  await rx.close();
});

const get = async (url: string, headers: Record<string, string> = {}) => {
  const res = await fetch(url, { headers: { authorization: `Bearer ${h.appToken}`, ...headers } });
  return { status: res.status, body: (await res.json()) as Json };
};

async function newList(user: string, name: string): Promise<string> {
  return (await h.graph('POST', `/users/${user}/todo/lists`, { body: { displayName: name } })).body.id as string;
}

/** Follows a delta round to its deltaLink; returns the entries and the deltaLink. */
async function round(first: string, pageSize: number): Promise<{ entries: Json[]; deltaLink: string; pages: number }> {
  const entries: Json[] = [];
  let url = first;
  for (let pages = 1; ; pages++) {
    const page = await get(url, { prefer: `odata.maxpagesize=${pageSize}` });
    expect(page.status).toBe(200);
    entries.push(...(page.body.value as Json[]));
    if (page.body['@odata.nextLink']) {
      expect(page.body['@odata.nextLink']).toContain('$skiptoken=');
      url = page.body['@odata.nextLink'] as string;
    } else {
      expect(page.body['@odata.deltaLink']).toContain('$deltatoken=');
      return { entries, deltaLink: page.body['@odata.deltaLink'] as string, pages };
    }
  }
}

describe('todoTask delta', () => {
  it('pages the first round, then reports changes and @removed deletes; $expand stays in the tokens', async () => {
    const listId = await newList(AVA.id, 'Delta list');
    const base = `/users/${AVA.id}/todo/lists/${listId}/tasks`;
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await h.graph('POST', base, { body: { title: `T${i}`, linkedResources: [{ applicationName: 'X', externalId: `e${i}` }] } })).body.id);
    const first = await round(`${h.url}/v1.0${base}/delta?$expand=linkedResources`, 3);
    expect(first.pages).toBe(3);
    expect(first.entries.map((e) => e.id).sort()).toEqual([...ids].sort());
    expect(first.entries.every((e) => Array.isArray(e.linkedResources) && e.linkedResources.length === 1)).toBe(true);

    const quiet = await round(first.deltaLink, 3);
    expect(quiet.entries).toEqual([]);

    await h.graph('PATCH', `${base}/${ids[0]}`, { body: { title: 'T0 changed' } });
    await h.graph('DELETE', `${base}/${ids[1]}`);
    const created = (await h.graph('POST', base, { body: { title: 'T7' } })).body;
    const next = await round(quiet.deltaLink, 3);
    const byId = new Map(next.entries.map((e) => [e.id, e]));
    expect(byId.size).toBe(3);
    expect(byId.get(ids[0]!)?.title).toBe('T0 changed');
    expect(byId.get(ids[0]!)?.linkedResources).toHaveLength(1);
    expect(byId.get(ids[1]!)).toEqual({ id: ids[1], '@removed': { reason: 'deleted' } });
    expect(byId.get(created.id)?.title).toBe('T7');
    // Other lists' changes are not in this list's delta.
    await h.graph('POST', `/users/${AVA.id}/todo/lists/${await newList(AVA.id, 'Other')}/tasks`, { body: { title: 'elsewhere' } });
    expect((await round(next.deltaLink, 3)).entries).toEqual([]);
  });

  it('answers expired and foreign tokens with 410 SyncStateNotFound, a vanished list with 404', async () => {
    const listId = await newList(BEN.id, 'Expiring');
    const { deltaLink } = await round(`${h.url}/v1.0/users/${BEN.id}/todo/lists/${listId}/tasks/delta`, 10);
    expect((await h.control('POST', '/delta/expire')).status).toBe(204);
    const expired = await get(deltaLink);
    expect(expired.status).toBe(410);
    expectGraphError(expired.body, 'SyncStateNotFound');
    const forged = await get(`${h.url}/v1.0/users/${BEN.id}/todo/lists/${listId}/tasks/delta?$deltatoken=not-a-token`);
    expect(forged.status).toBe(410);
    const fresh = await round(`${h.url}/v1.0/users/${BEN.id}/todo/lists/${listId}/tasks/delta`, 10);
    await h.graph('DELETE', `/users/${BEN.id}/todo/lists/${listId}`);
    expect((await get(fresh.deltaLink)).status).toBe(404);
  });
});

describe('To Do change notifications', () => {
  it('notify created, updated and deleted tasks of the subscribed list only, with clientState; ≤ 4,230 minutes', async () => {
    const listId = await newList(AVA.id, 'Notified');
    const otherList = await newList(AVA.id, 'Not notified');
    const tooLong = await h.graph('POST', '/subscriptions', {
      body: { changeType: 'created,updated,deleted', notificationUrl: `${rx.url}/notify`, resource: `users/${AVA.id}/todo/lists/${listId}/tasks`, expirationDateTime: new Date(Date.now() + 5000 * 60_000).toISOString(), clientState: 's' },
    });
    expect(tooLong.status).toBe(400);
    const sub = await h.graph('POST', '/subscriptions', {
      body: { changeType: 'created,updated,deleted', notificationUrl: `${rx.url}/notify`, lifecycleNotificationUrl: `${rx.url}/lifecycle`, resource: `users/${AVA.id}/todo/lists/${listId}/tasks`, expirationDateTime: new Date(Date.now() + 4000 * 60_000).toISOString(), clientState: 'todo-secret' },
    });
    expect(sub.status).toBe(201);
    const missing = await h.graph('POST', '/subscriptions', {
      body: { changeType: 'created', notificationUrl: `${rx.url}/notify`, resource: `users/${AVA.id}/todo/lists/AAMkNoSuchList/tasks`, expirationDateTime: new Date(Date.now() + 60 * 60_000).toISOString() },
    });
    expect(missing.status).toBe(404);

    const base = `/users/${AVA.id}/todo/lists/${listId}/tasks`;
    const task = (await h.graph('POST', base, { body: { title: 'Notify' } })).body;
    await h.graph('POST', `/users/${AVA.id}/todo/lists/${otherList}/tasks`, { body: { title: 'Quiet' } });
    await h.graph('PATCH', `${base}/${task.id}`, { body: { status: 'completed' } });
    await h.graph('DELETE', `${base}/${task.id}`);
    const all = await rx.waitFor((n) => n.flatMap((x) => x.value as Json[]).length >= 3);
    await new Promise((r) => setTimeout(r, 100));
    const items = all.flatMap((n) => n.value as Json[]);
    expect(items.map((i) => i.changeType)).toEqual(['created', 'updated', 'deleted']);
    expect(items[0]).toEqual(expect.objectContaining({
      subscriptionId: sub.body.id, clientState: 'todo-secret', resource: `Users/${AVA.id}/todo/lists/${listId}/tasks/${task.id}`,
      resourceData: expect.objectContaining({ '@odata.type': '#Microsoft.Graph.todoTask', id: task.id }),
    }));
  });
});

describe('$batch with To Do URLs', () => {
  it('runs task GETs, POSTs and PATCHes as batch members', async () => {
    const listId = await newList(AVA.id, 'Batched');
    const res = await h.graph('POST', '/$batch', {
      body: {
        requests: [
          { id: '1', method: 'POST', url: `/users/${AVA.id}/todo/lists/${listId}/tasks`, headers: { 'content-type': 'application/json' }, body: { title: 'B1' } },
          { id: '2', method: 'GET', url: `/users/${AVA.id}/todo/lists/${listId}/tasks?$expand=linkedResources` , dependsOn: ['1'] },
          { id: '3', method: 'GET', url: `/users/${AVA.id}/todo/lists/${listId}/tasks/AAMkADTaskMissing000` },
        ],
      },
    });
    expect(res.status).toBe(200);
    const byId = new Map((res.body.responses as Json[]).map((r) => [r.id, r]));
    expect(byId.get('1')?.status).toBe(201);
    expect(byId.get('2')?.body.value[0]).toEqual(expect.objectContaining({ title: 'B1', linkedResources: [] }));
    expect(byId.get('3')?.status).toBe(404);
    expect(byId.get('3')?.body.error.code).toBe('ErrorItemNotFound');
  });
});
