// GraphContactSource's writes through JSON $batch against the Graph sandbox over HTTP (issue 14's first-sync goal):
// a step's creates go 20 to a round trip and come back with the id and changeKey the pair needs (nothing read back);
// a member that fails for good fails its own write only (R9); a throttled member is sent again after its Retry-After,
// or, past the adapter's limit, reported `throttled` with the server's hint; writes that need the current contact
// (category edits) read them in one batch too. A lone write is sent as itself.
import { GraphContactSource } from '../../../src/server/adapters/graph/index.js';
import type { ContactWriteRequest } from '../../../src/server/adapters/graph/graph-contact-source.js';
import { emptyContact } from '../../../src/server/domain/contact-item.js';
import { AVA, mailboxOf, startAdapterHarness, type AdapterHarness, type Json } from './support.js';

let h: AdapterHarness;
beforeAll(async () => {
  h = await startAdapterHarness();
});
afterAll(async () => h.close());
beforeEach(async () => {
  await h.control('DELETE', '/faults');
  await h.control('DELETE', '/counters');
});

const FOLDER = 'Batched copies';
const source = (retry: { maxAttempts?: number; maxRetryAfterSeconds?: number } = {}) =>
  new GraphContactSource(h.adapter({ retry }).http, { folderName: FOLDER, crmWebUrl: () => null });
const creates = (prefix: string, n: number): ContactWriteRequest[] =>
  Array.from({ length: n }, (_, i) => ({
    op: 'create' as const,
    transactionId: `${prefix}-${i}`,
    kind: 'contact' as const,
    fields: { ...emptyContact(), givenName: `${prefix} ${i}`, surname: 'Batch', crmRef: { kind: 'contact' as const, objectId: `${prefix}-O${i}`, c4cId: `${prefix}${i}` } },
    categories: ['SAP Cloud for Customer'],
  }));
const routes = async () => (await h.counters()).byRoute;

describe('contact writes through $batch', () => {
  it('creates 25 copies in two round trips, each with the id and changeKey Graph answered, nothing read back', async () => {
    const contacts = source();
    const mailbox = mailboxOf(AVA);
    const folderId = await contacts.folderOf(mailbox);
    await h.control('DELETE', '/counters');
    const results = await contacts.write(mailbox, creates('many', 25));
    const byRoute = await routes();
    expect(byRoute['POST /v1.0/$batch']).toBe(2);
    expect(byRoute['POST /v1.0/users/:userId/contactFolders/:folderId/contacts']).toBe(25);
    // No GET of a contact by id: the POST's answer is the pair's version.
    expect(Object.keys(byRoute).filter((r) => r.startsWith('GET'))).toEqual([]);
    const listed = new Map(((await h.graph('GET', `/users/${AVA.id}/contactFolders/${folderId}/contacts?$top=100`)).body.value as Json[]).map((c) => [c.id as string, c]));
    expect(results).toHaveLength(25);
    for (const [i, result] of results.entries()) {
      if (!result.ok) throw new Error(`create ${i} failed: ${JSON.stringify(result)}`);
      expect(listed.get(result.id)).toMatchObject({ givenName: `many ${i}`, changeKey: result.version });
    }
  });

  it('sends a lone write as itself, not as a batch of one (insta-sync writes one copy)', async () => {
    const contacts = source();
    const mailbox = mailboxOf(AVA);
    await contacts.folderOf(mailbox);
    await h.control('DELETE', '/counters');
    const [made] = await contacts.write(mailbox, creates('lone', 1));
    if (!made?.ok || !made.version) throw new Error(`create failed: ${JSON.stringify(made)}`);
    const [renamed] = await contacts.write(mailbox, [{ op: 'update', id: made.id, ifMatch: made.version, patch: { surname: 'Alone' }, after: { ...emptyContact(), givenName: 'lone 0', surname: 'Alone' } }]);
    expect(renamed).toMatchObject({ ok: true, id: made.id });
    const byRoute = await routes();
    expect(byRoute['POST /v1.0/$batch']).toBeUndefined();
    expect(byRoute).toMatchObject({ 'POST /v1.0/users/:userId/contactFolders/:folderId/contacts': 1, 'PATCH /v1.0/users/:userId/contacts/:contactId': 1 });
  });

  it('fails only the write whose member failed: a stale update, a transient failure, a missing contact', async () => {
    const contacts = source({ maxAttempts: 1 });
    const mailbox = mailboxOf(AVA);
    const made = await contacts.write(mailbox, creates('mixed', 2));
    const [first, second] = made.map((r) => (r.ok ? r : null));
    if (!first?.version || !second?.version) throw new Error(`creates failed: ${JSON.stringify(made)}`);
    await h.graph('PATCH', `/users/${AVA.id}/contacts/${first.id}`, { surname: 'Changed by the user' });
    // The next create member to reach a contact folder gets a 503, which this adapter (one attempt) does not retry.
    await h.control('PUT', '/faults', { count: 1, kinds: ['unavailable'], pathPrefix: `/v1.0/users/${AVA.id}/contactFolders/${encodeURIComponent(await contacts.folderOf(mailbox))}/contacts` });
    const after = { ...emptyContact(), givenName: 'mixed 1', surname: 'Renamed' };
    const results = await contacts.write(mailbox, [
      { op: 'update', id: first.id, ifMatch: first.version, patch: { surname: 'Stale' }, after: { ...after, surname: 'Stale' } },
      ...creates('faulted', 1),
      { op: 'update', id: second.id, ifMatch: second.version, patch: { surname: 'Renamed' }, after },
      { op: 'editCategories', id: 'AAMkADContMissing0000000AAA=', edit: { add: ['Error in SAP Cloud for Customer SSI'], remove: [] } },
      { op: 'delete', id: 'AAMkADContMissing0000000AAA=', ifMatch: 'x' },
    ]);
    expect(results).toEqual([
      { ok: false, error: expect.objectContaining({ code: 'conflict' }) },
      { ok: false, error: expect.objectContaining({ code: 'temporary', message: 'Graph 503 ServiceUnavailable' }) },
      { ok: true, id: second.id, version: expect.any(String) },
      { ok: false, error: expect.objectContaining({ code: 'notFound' }) },
      { ok: true, id: 'AAMkADContMissing0000000AAA=', version: null },
    ]);
    expect((await h.graph('GET', `/users/${AVA.id}/contacts/${second.id}`)).body).toMatchObject({ surname: 'Renamed', changeKey: (results[2] as { version: string }).version });
  });

  it('sends a throttled member again after its Retry-After; past the limit it is `throttled` with the hint, alone', async () => {
    const mailbox = mailboxOf(AVA);
    // The creates' path only (not the folder look-up of a new adapter).
    const pathPrefix = `/v1.0/users/${AVA.id}/contactFolders/${encodeURIComponent(await source().folderOf(mailbox))}/contacts`;
    await h.control('PUT', '/faults', { count: 2, kinds: ['throttle'], retryAfterSeconds: 1, pathPrefix });
    const started = Date.now();
    const results = await source().write(mailbox, creates('throttled', 4));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(results.every((r) => r.ok)).toBe(true);
    // The first batch, then one with the two throttled members only.
    expect((await routes())['POST /v1.0/$batch']).toBe(2);
    expect((await routes())['POST /v1.0/users/:userId/contactFolders/:folderId/contacts']).toBe(6);

    await h.control('PUT', '/faults', { count: 1, kinds: ['throttle'], retryAfterSeconds: 600, pathPrefix });
    const t0 = Date.now();
    const late = await source({ maxRetryAfterSeconds: 5 }).write(mailbox, creates('too-long', 3));
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(late.filter((r) => !r.ok)).toEqual([{ ok: false, error: expect.objectContaining({ code: 'throttled', retryAfterSeconds: 600 }) }]);
    expect(late.filter((r) => r.ok)).toHaveLength(2);
  });
});
