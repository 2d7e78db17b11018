// Contact delta per folder (paging with Prefer: odata.maxpagesize, deltaLink rounds, @removed for deletes and for
// moves out of the folder, $select kept in the tokens, 410 for bad or expired tokens), change notifications on a
// folder's contacts and on all of a mailbox's contacts, and the common controls ($batch, throttling, faults,
// counters) on contact URLs.
import { AVA, BEN, CHLOE, EVE, expectGraphError, startHarness, type Harness, type Json } from './harness.js';
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
beforeEach(() => {
  rx.notifications.length = 0;
});

const get = async (url: string, headers: Record<string, string> = {}) => {
  const res = await fetch(url, { headers: { authorization: `Bearer ${h.appToken}`, ...headers } });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Json };
};

async function newFolder(user: string, name: string): Promise<string> {
  return (await h.graph('POST', `/users/${user}/contactFolders`, { body: { displayName: name } })).body.id as string;
}

/** Follows a delta round to its deltaLink; returns the entries, the deltaLink and how many pages it took. */
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

describe('contact delta', () => {
  it('pages the first round, then reports creates, updates and deletes; $select stays in the tokens', async () => {
    const folderId = await newFolder(AVA.id, 'Delta');
    const base = `/users/${AVA.id}/contactFolders/${folderId}/contacts`;
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await h.graph('POST', base, { body: { givenName: `D${i}`, companyName: 'Delta Ltd' } })).body.id);
    const first = await round(`${h.url}/v1.0${base}/delta?$select=givenName`, 3);
    expect(first.pages).toBe(3);
    expect(first.entries.map((e) => e.id).sort()).toEqual([...ids].sort());
    expect(Object.keys(first.entries[0] as Json).sort()).toEqual(['@odata.etag', 'givenName', 'id']);

    const quiet = await round(first.deltaLink, 3);
    expect(quiet.entries).toEqual([]);

    await h.graph('PATCH', `${base}/${ids[0]}`, { body: { givenName: 'D0 changed' } });
    await h.graph('DELETE', `/users/${AVA.id}/contacts/${ids[1]}`);
    const created = (await h.graph('POST', base, { body: { givenName: 'D7' } })).body;
    // Changes elsewhere (the default folder, another folder) are not in this folder's delta.
    await h.graph('POST', `/users/${AVA.id}/contacts`, { body: { givenName: 'Elsewhere' } });
    await h.graph('POST', `/users/${AVA.id}/contactFolders/${await newFolder(AVA.id, 'Other')}/contacts`, { body: { givenName: 'Elsewhere too' } });
    const next = await round(quiet.deltaLink, 3);
    const byId = new Map(next.entries.map((e) => [e.id, e]));
    expect(byId.size).toBe(3);
    expect(byId.get(ids[0]!)).toEqual({ '@odata.etag': expect.any(String), id: ids[0], givenName: 'D0 changed' });
    expect(byId.get(ids[1]!)).toEqual({ id: ids[1], '@removed': { reason: 'deleted' } });
    expect(byId.get(created.id)?.givenName).toBe('D7');
  });

  it('reports a contact moved out of the folder as removed, and in the target folder as new (with a new id)', async () => {
    const source = await newFolder(BEN.id, 'Source');
    const target = await newFolder(BEN.id, 'Target');
    const contact = (await h.graph('POST', `/users/${BEN.id}/contactFolders/${source}/contacts`, { body: { givenName: 'Mover' } })).body;
    const sourceRound = await round(`${h.url}/v1.0/users/${BEN.id}/contactFolders/${source}/contacts/delta`, 10);
    const targetRound = await round(`${h.url}/v1.0/users/${BEN.id}/contactFolders/${target}/contacts/delta`, 10);
    expect(targetRound.entries).toEqual([]);

    const moved = await h.control('POST', '/contacts/move', { mailbox: BEN.mail, contactId: contact.id, folderId: target });
    expect(moved.status).toBe(200);
    expect(moved.body.id).not.toBe(contact.id);
    expect((await round(sourceRound.deltaLink, 10)).entries).toEqual([{ id: contact.id, '@removed': { reason: 'deleted' } }]);
    const arrived = (await round(targetRound.deltaLink, 10)).entries;
    expect(arrived).toEqual([expect.objectContaining({ id: moved.body.id, givenName: 'Mover', parentFolderId: target, createdDateTime: contact.createdDateTime })]);
    expect((await h.graph('GET', `/users/${BEN.id}/contacts/${contact.id}`)).status).toBe(404);
  });

  it('keeps $expand of extended properties in the tokens and caps pages at 200', async () => {
    const folderId = await newFolder(CHLOE.id, 'Expanded');
    const marker = 'String {00020329-0000-0000-C000-000000000046} Name crmsync-c4c-id';
    await h.control('POST', '/seed', {
      mailbox: CHLOE.id, contactFolderId: folderId,
      contacts: Array.from({ length: 205 }, (_, i) => ({ givenName: `S${i}`, singleValueExtendedProperties: [{ id: marker, value: `account:${i}` }] })),
    });
    const expand = encodeURIComponent(`singleValueExtendedProperties($filter=id eq '${marker}')`);
    const page = await get(`${h.url}/v1.0/users/${CHLOE.id}/contactFolders/${folderId}/contacts/delta?$expand=${expand}`, { prefer: 'odata.maxpagesize=500' });
    expect(page.body.value).toHaveLength(200);
    const rest = await get(page.body['@odata.nextLink'] as string, { prefer: 'odata.maxpagesize=500' });
    expect(rest.body.value).toHaveLength(5);
    expect((rest.body.value as Json[]).every((c) => c.singleValueExtendedProperties?.[0]?.value.startsWith('account:'))).toBe(true);
    expect((await get(`${h.url}/v1.0/users/${CHLOE.id}/contactFolders/${folderId}/contacts/delta?$filter=givenName eq 'S1'`)).status).toBe(400);
  });

  it('answers expired, forged and foreign tokens with 410 SyncStateNotFound, a vanished folder with 404', async () => {
    const folderId = await newFolder(EVE.id, 'Expiring');
    const url = `${h.url}/v1.0/users/${EVE.id}/contactFolders/${folderId}/contacts/delta`;
    const { deltaLink } = await round(url, 10);
    expect((await h.control('POST', '/delta/expire')).status).toBe(204);
    const expired = await get(deltaLink);
    expect(expired.status).toBe(410);
    expectGraphError(expired.body, 'SyncStateNotFound');
    expect(expired.headers.get('location')).toBe(url);
    expect((await get(`${url}?$deltatoken=not-a-token`)).status).toBe(410);
    // A To Do delta token is no contact delta token.
    const lists = (await h.graph('GET', `/users/${EVE.id}/todo/lists`)).body.value as Json[];
    const todo = await round(`${h.url}/v1.0/users/${EVE.id}/todo/lists/${lists[0]?.id}/tasks/delta`, 10);
    expect((await get(`${url}?$deltatoken=${new URL(todo.deltaLink).searchParams.get('$deltatoken')}`)).status).toBe(410);
    const fresh = await round(url, 10);
    await h.graph('DELETE', `/users/${EVE.id}/contactFolders/${folderId}`);
    const gone = await get(fresh.deltaLink);
    expect(gone.status).toBe(404);
    expectGraphError(gone.body, 'ErrorItemNotFound');
  });
});

describe('contact change notifications', () => {
  const subscribe = (resource: string, clientState = 'contacts-secret') =>
    h.graph('POST', '/subscriptions', {
      body: { changeType: 'created,updated,deleted', notificationUrl: `${rx.url}/notify`, resource, expirationDateTime: new Date(Date.now() + 10_000 * 60_000).toISOString(), clientState },
    });
  const items = (all: Json[]) => all.filter((n) => n.path === '/notify').flatMap((n) => n.value as Json[]);

  it('notify creates, updates and deletes in the subscribed folder only, with clientState', async () => {
    const folderId = await newFolder(AVA.id, 'Notified');
    const sub = await subscribe(`users/${AVA.id}/contactFolders/${folderId}/contacts`);
    expect(sub.status).toBe(201);
    const events = (await subscribe(`users/${AVA.id}/events`, 'events')).body;
    expect((await subscribe(`users/${AVA.id}/contactFolders/AAMkADCFldNoSuchFolder000AAA=/contacts`)).status).toBe(404);

    const base = `/users/${AVA.id}/contactFolders/${folderId}/contacts`;
    const contact = (await h.graph('POST', base, { body: { givenName: 'Notify' } })).body;
    await h.graph('POST', `/users/${AVA.id}/contacts`, { body: { givenName: 'Quiet (default folder)' } });
    await h.graph('POST', `/users/${AVA.id}/events`, { body: { subject: 'Quiet event', start: { dateTime: '2026-12-01T10:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-12-01T11:00:00', timeZone: 'UTC' } } });
    const updated = (await h.graph('PATCH', `${base}/${contact.id}`, { body: { jobTitle: 'Buyer' } })).body;
    await h.graph('DELETE', `${base}/${contact.id}`);
    const all = await rx.waitFor((n) => items(n).filter((i) => i.subscriptionId === sub.body.id).length >= 3 && items(n).some((i) => i.subscriptionId === events.id));
    await new Promise((r) => setTimeout(r, 100));
    // The events subscription hears about the event only.
    expect(items(all).filter((i) => i.subscriptionId === events.id).map((i) => i.resourceData['@odata.type'])).toEqual(['#Microsoft.Graph.Event']);
    const mine = items(all).filter((i) => i.subscriptionId === sub.body.id);
    expect(mine.map((i) => i.changeType)).toEqual(['created', 'updated', 'deleted']);
    expect(mine[1]).toEqual(expect.objectContaining({
      clientState: 'contacts-secret', resource: `Users/${AVA.id}/Contacts/${contact.id}`,
      resourceData: { '@odata.type': '#Microsoft.Graph.Contact', '@odata.id': `Users/${AVA.id}/Contacts/${contact.id}`, '@odata.etag': updated['@odata.etag'], id: contact.id },
    }));
  });

  it('notify every folder for users/{id}/contacts, and a move as a delete plus a create; events stay out', async () => {
    const sub = (await subscribe(`/users/${BEN.id}/contacts`, 'all-contacts')).body;
    const folderId = await newFolder(BEN.id, 'Anywhere');
    const contact = (await h.graph('POST', `/users/${BEN.id}/contactFolders/${folderId}/contacts`, { body: { givenName: 'Anywhere' } })).body;
    const moved = (await h.control('POST', '/contacts/move', { mailbox: BEN.id, contactId: contact.id, folderId: (await h.graph('GET', `/users/${BEN.id}/contactFolders/${folderId}`)).body.parentFolderId })).body;
    await h.graph('POST', `/users/${BEN.id}/events`, { body: { subject: 'Not a contact', start: { dateTime: '2026-12-01T10:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-12-01T11:00:00', timeZone: 'UTC' } } });
    const all = await rx.waitFor((n) => items(n).filter((i) => i.subscriptionId === sub.id).length >= 3);
    await new Promise((r) => setTimeout(r, 100));
    const mine = items(all).filter((i) => i.subscriptionId === sub.id);
    expect(mine.map((i) => [i.changeType, i.resourceData.id])).toEqual([['created', contact.id], ['deleted', contact.id], ['created', moved.id]]);
  });
});

describe('common controls on contact URLs', () => {
  it('$batch runs contact members, and throttling, faults and counters apply to contacts routes', async () => {
    const folderId = await newFolder(CHLOE.id, 'Batched');
    const res = await h.graph('POST', '/$batch', {
      body: {
        requests: [
          { id: '1', method: 'POST', url: `/users/${CHLOE.id}/contactFolders/${folderId}/contacts`, headers: { 'content-type': 'application/json' }, body: { givenName: 'B1' } },
          { id: '2', method: 'GET', url: `/users/${CHLOE.id}/contactFolders?$filter=displayName eq 'Batched'`, dependsOn: ['1'] },
          { id: '3', method: 'GET', url: `/users/${CHLOE.id}/contacts/AAMkADContMissing0000000AAA=` },
        ],
      },
    });
    expect(res.status).toBe(200);
    const byId = new Map((res.body.responses as Json[]).map((r) => [r.id, r]));
    expect(byId.get('1')?.status).toBe(201);
    expect(byId.get('2')?.body.value[0].id).toBe(folderId);
    expect(byId.get('3')?.status).toBe(404);

    await h.control('PUT', '/faults', { count: 1, kinds: ['unavailable'], pathPrefix: `/v1.0/users/${CHLOE.id}/contactFolders` });
    expect((await h.graph('GET', `/users/${CHLOE.id}/contactFolders`)).status).toBe(503);
    await h.control('DELETE', '/faults');
    await h.control('PUT', '/throttling', { requestsPerWindow: 2, windowSeconds: 30 });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await h.graph('GET', `/users/${EVE.id}/contacts`)).status);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await h.control('DELETE', '/throttling');
    }
    const counters = (await h.control('GET', '/counters')).body;
    expect(counters.byRoute['GET /v1.0/users/:userId/contacts']).toBeGreaterThanOrEqual(3);
  });
});
