// The official @microsoft/microsoft-graph-client, with its default middleware chain (auth, retry, redirect,
// telemetry), works against the sandbox for events CRUD, delta paging and $batch. It only sends tokens over
// https, so it uses the sandbox port's TLS side.
import { BatchRequestContent, BatchResponseContent, Client, PageIterator, type PageCollection } from '@microsoft/microsoft-graph-client';
import { trustSandboxCertificate } from '../../support/net.js';
import { AVA, newEvent, startHarness, type Harness, type Json } from './harness.js';

let h: Harness;
let client: Client;
let base: string;
beforeAll(async () => {
  trustSandboxCertificate();
  h = await startHarness();
  base = h.url.replace('http://', 'https://');
  client = Client.initWithMiddleware({
    authProvider: { getAccessToken: async () => h.appToken },
    baseUrl: `${base}/`,
    defaultVersion: 'v1.0',
    customHosts: new Set(['127.0.0.1']),
  });
});
afterAll(async () => h.close());
afterEach(async () => {
  await h.control('DELETE', '/faults');
});

describe('@microsoft/microsoft-graph-client against the sandbox', () => {
  it('does events CRUD, retrying through injected 429s', async () => {
    await h.control('PUT', '/faults', { count: 2, kinds: ['throttle'], retryAfterSeconds: 1 });
    const created = (await client.api(`/users/${AVA.id}/events`).post(newEvent('SDK event', 3, { categories: ['SAP Cloud for Customer'] }))) as Json;
    expect(created.subject).toBe('SDK event');
    expect((await h.control('GET', '/counters')).body.faultsInjected).toBe(2);

    const read = (await client.api(`/users/${AVA.id}/events/${created.id}`).select(['subject', 'categories']).get()) as Json;
    expect(read).toEqual(expect.objectContaining({ id: created.id, subject: 'SDK event', categories: ['SAP Cloud for Customer'] }));
    const updated = (await client.api(`/users/${AVA.id}/events/${created.id}`).header('If-Match', created['@odata.etag']).patch({ subject: 'SDK event (edited)' })) as Json;
    expect(updated.subject).toBe('SDK event (edited)');
    await expect(client.api(`/users/${AVA.id}/events/${created.id}`).header('If-Match', created['@odata.etag']).patch({ subject: 'stale' })).rejects.toMatchObject({ statusCode: 412, code: 'ErrorIrresolvableConflict' });
    await client.api(`/users/${AVA.id}/events/${created.id}`).delete();
    await expect(client.api(`/users/${AVA.id}/events/${created.id}`).get()).rejects.toMatchObject({ statusCode: 404 });
  }, 20_000);

  it('pages calendarView/delta with PageIterator and resumes from the deltaLink', async () => {
    const start = new Date(Date.now() - 15 * 86_400_000).toISOString();
    const end = new Date(Date.now() + 29 * 86_400_000).toISOString();
    const prefer = { Prefer: 'odata.maxpagesize=8' };
    const first = (await client.api(`/users/${AVA.id}/calendarView/delta`).query({ startDateTime: start, endDateTime: end }).headers(prefer).get()) as PageCollection;
    expect(first['@odata.nextLink']).toBeTruthy();
    const seen: Json[] = [];
    const iterator = new PageIterator(client, first, (item) => {
      seen.push(item as Json);
      return true;
    }, { headers: prefer });
    await iterator.iterate();
    const deltaLink = iterator.getDeltaLink();
    expect(deltaLink).toContain('$deltatoken=');
    expect(seen.length).toBeGreaterThan(16);

    const created = (await client.api(`/users/${AVA.id}/events`).post(newEvent('After the first round', 1))) as Json;
    const next = (await client.api(deltaLink as string).get()) as PageCollection;
    expect(next.value.map((e: Json) => e.id)).toEqual([created.id]);
    expect(next['@odata.deltaLink']).toBeTruthy();
  });

  it('sends $batch with BatchRequestContent and reads BatchResponseContent', async () => {
    const batch = new BatchRequestContent([
      { id: '1', request: new Request(`${base}/v1.0/users/${AVA.id}/events`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(newEvent('Batched by SDK', 2)) }) },
      { id: '2', request: new Request(`${base}/v1.0/users/${AVA.id}/events?$top=2&$select=subject`, { method: 'GET' }), dependsOn: ['1'] },
      { id: '3', request: new Request(`${base}/v1.0/users/${AVA.id}/calendar`, { method: 'GET' }), dependsOn: ['2'] },
    ]);
    const raw = (await client.api('/$batch').post(await batch.getContent())) as Json;
    const responses = new BatchResponseContent(raw as ConstructorParameters<typeof BatchResponseContent>[0]);
    const created = responses.getResponseById('1');
    expect(created.status).toBe(201);
    expect(((await created.json()) as Json).subject).toBe('Batched by SDK');
    expect(responses.getResponseById('2').status).toBe(200);
    expect(((await responses.getResponseById('3').json()) as Json).isDefaultCalendar).toBe(true);
  });
});
