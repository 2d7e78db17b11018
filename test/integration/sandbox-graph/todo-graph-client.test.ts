// Microsoft's own Graph client (@microsoft/microsoft-graph-client, default middleware) against the sandbox's To Do
// API: list lookup, task create with an inline linked resource, If-Match patch (412 when stale), delta paging with
// PageIterator and the deltaLink, delete.
import { Client, PageIterator, type PageCollection } from '@microsoft/microsoft-graph-client';
import { trustSandboxCertificate } from '../../support/net.js';
import { AVA, startHarness, type Harness, type Json } from './harness.js';

let h: Harness;
let client: Client;
beforeAll(async () => {
  trustSandboxCertificate();
  h = await startHarness();
  client = Client.initWithMiddleware({
    authProvider: { getAccessToken: async () => h.appToken },
    baseUrl: `${h.url.replace('http://', 'https://')}/`,
    defaultVersion: 'v1.0',
    customHosts: new Set(['127.0.0.1']),
  });
});
afterAll(async () => h.close());

describe('@microsoft/microsoft-graph-client with To Do', () => {
  it('does task CRUD and delta like against Graph', async () => {
    const lists = (await client.api(`/users/${AVA.id}/todo/lists`).get()) as Json;
    const def = (lists.value as Json[]).find((l) => l.wellknownListName === 'defaultList') as Json;
    expect(def.displayName).toBe('Tasks');
    const tasks = `/users/${AVA.id}/todo/lists/${def.id}/tasks`;

    const first = (await client.api(`${tasks}/delta`).header('Prefer', 'odata.maxpagesize=2').get()) as PageCollection;
    const seen: Json[] = [];
    const iterator = new PageIterator(client, first, (item) => {
      seen.push(item as Json);
      return true;
    }, { headers: { Prefer: 'odata.maxpagesize=2' } });
    await iterator.iterate();
    expect(seen.length).toBeGreaterThanOrEqual(4);
    const deltaLink = iterator.getDeltaLink() as string;
    expect(deltaLink).toContain('$deltatoken=');

    const created = (await client.api(tasks).post({ title: 'SDK task', categories: ['SAP Cloud for Customer'], linkedResources: [{ applicationName: 'SAP Cloud for Customer', externalId: 'OBJ-SDK', displayName: 'SAP Cloud for Customer task 42' }] })) as Json;
    expect(created.linkedResources[0].externalId).toBe('OBJ-SDK');
    const updated = (await client.api(`${tasks}/${created.id}`).header('If-Match', created['@odata.etag']).patch({ status: 'completed' })) as Json;
    expect(updated.completedDateTime).toBeDefined();
    await expect(client.api(`${tasks}/${created.id}`).header('If-Match', created['@odata.etag']).patch({ title: 'stale' })).rejects.toMatchObject({ statusCode: 412 });
    const next = (await client.api(deltaLink).get()) as Json;
    expect((next.value as Json[]).map((t) => t.id)).toEqual([created.id]);
    await client.api(`${tasks}/${created.id}`).delete();
    await expect(client.api(`${tasks}/${created.id}`).get()).rejects.toMatchObject({ statusCode: 404 });
  }, 20_000);
});
