// Microsoft's own Graph client (@microsoft/microsoft-graph-client, default middleware) against the sandbox's
// contacts API the way the sync service will use it: find its folder by name (create it, 409 on a second create),
// create a contact with a marker and the private flag as extended properties, read them back with $expand,
// If-Match patch (412 when stale), delta paging with PageIterator and the deltaLink, delete.
import { Client, PageIterator, type PageCollection } from '@microsoft/microsoft-graph-client';
import { trustSandboxCertificate } from '../../support/net.js';
import { DAN, startHarness, type Harness, type Json } from './harness.js';

const MARKER = 'String {00020329-0000-0000-C000-000000000046} Name crmsync-c4c-id';
const SENSITIVITY = 'Integer 0x36';

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

describe('@microsoft/microsoft-graph-client with contacts', () => {
  it('finds or creates the sync folder, writes and reads contacts with extended properties, and pages delta', async () => {
    const folders = `/users/${DAN.id}/contactFolders`;
    const byName = async () => ((await client.api(folders).filter("displayName eq 'SAP Cloud for Customer'").get()) as Json).value as Json[];
    expect(await byName()).toEqual([]);
    const folder = (await client.api(folders).post({ displayName: 'SAP Cloud for Customer' })) as Json;
    await expect(client.api(folders).post({ displayName: 'SAP Cloud for Customer' })).rejects.toMatchObject({ statusCode: 409, code: 'ErrorFolderExists' });
    expect((await byName()).map((f) => f.id)).toEqual([folder.id]);
    const contacts = `${folders}/${folder.id}/contacts`;

    for (let i = 0; i < 3; i++) await client.api(contacts).post({ givenName: `Seed${i}`, companyName: 'Contoso' });
    const first = (await client.api(`${contacts}/delta`).select(['displayName', 'companyName']).header('Prefer', 'odata.maxpagesize=2').get()) as PageCollection;
    const seen: Json[] = [];
    const iterator = new PageIterator(client, first, (item) => {
      seen.push(item as Json);
      return true;
    }, { headers: { Prefer: 'odata.maxpagesize=2' } });
    await iterator.iterate();
    expect(seen.map((c) => c.displayName).sort()).toEqual(['Seed0', 'Seed1', 'Seed2']);
    const deltaLink = iterator.getDeltaLink() as string;
    expect(deltaLink).toContain('$deltatoken=');

    const created = (await client.api(contacts).post({
      givenName: 'Fiona', surname: 'Fabrikam', companyName: 'Fabrikam Ltd', emailAddresses: [{ name: 'Fiona Fabrikam', address: 'fiona@fabrikam.example' }],
      categories: ['SAP Cloud for Customer'],
      singleValueExtendedProperties: [{ id: MARKER, value: 'contact:8001' }, { id: SENSITIVITY, value: '2' }],
    })) as Json;
    const read = (await client.api(`/users/${DAN.id}/contacts/${created.id}`)
      .expand(`singleValueExtendedProperties($filter=id eq '${MARKER}' or id eq '${SENSITIVITY}')`).get()) as Json;
    expect(read.singleValueExtendedProperties.map((p: Json) => p.value).sort()).toEqual(['2', 'contact:8001']);

    const updated = (await client.api(`${contacts}/${created.id}`).header('If-Match', created['@odata.etag']).patch({ jobTitle: 'Buyer' })) as Json;
    expect(updated.jobTitle).toBe('Buyer');
    await expect(client.api(`${contacts}/${created.id}`).header('If-Match', created['@odata.etag']).patch({ jobTitle: 'stale' }))
      .rejects.toMatchObject({ statusCode: 412, code: 'ErrorIrresolvableConflict' });
    const next = (await client.api(deltaLink).get()) as Json;
    expect((next.value as Json[]).map((c) => [c.id, c.displayName])).toEqual([[created.id, 'Fiona Fabrikam']]);

    await client.api(`${contacts}/${created.id}`).delete();
    await expect(client.api(`${contacts}/${created.id}`).get()).rejects.toMatchObject({ statusCode: 404, code: 'ErrorItemNotFound' });
    const removed = (await client.api((next['@odata.deltaLink'] as string)).get()) as Json;
    expect(removed.value).toEqual([{ id: created.id, '@removed': { reason: 'deleted' } }]);
  }, 20_000);
});
