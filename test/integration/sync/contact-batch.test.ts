// The contact family's first sync of a sync list through the engine (issue 14's first-sync goal), over HTTP against
// both sandboxes: the session hands the creates to the Graph adapter together, so 25 copies take two $batch round
// trips; no copy is read back after its create (the POST's answer carries the changeKey the pair records, and the next
// session finds nothing to do). A member that fails, or is throttled, is the adapter's to report for its write alone
// (test/integration/graph-adapter/contact-batch.test.ts). PGlite only: what is tested is the sessions' Graph
// traffic, which no store changes.
import { AVA, mailboxOf, startSyncHarness, type SyncHarness } from '../../support/sync-harness.js';
import type { Json } from '../../support/sync-harness-http.js';
import { stopTestDatabases } from '../../support/test-database.js';

afterAll(stopTestDatabases);

const CREATE_ROUTE = 'POST /v1.0/users/:userId/contactFolders/:folderId/contacts';

describe('the contact family writes a list in $batch, without reading copies back', () => {
  let h: SyncHarness;
  let refs: { type: 'contact'; c4cId: string }[];
  const graphRoutes = async () => (await h.counters()).graph.byRoute;

  beforeAll(async () => {
    h = await startSyncHarness('pglite', { users: [AVA], families: ['contacts'] });
    refs = (await h.c4c.query('ContactCollection', "StatusCode eq '2'")).slice(0, 25).map((c: Json) => ({ type: 'contact' as const, c4cId: String(c.ContactID) }));
    // The folder exists before the counted session (the adapter finds or makes it once).
    await h.cycle(AVA.id);
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('creates 25 copies in two round trips, records their changeKeys, and the next session has nothing to do', async () => {
    for (const ref of refs) await h.syncList.add(AVA.id, ref, 'user');
    await h.resetCounters();
    const [session] = (await h.cycle(AVA.id)).sessions;
    expect(session).toMatchObject({ failed: [], applied: { createOutlook: 25 } });
    const routes = await graphRoutes();
    expect(routes[CREATE_ROUTE]).toBe(25);
    expect(routes['POST /v1.0/$batch']).toBe(2);
    expect(routes['GET /v1.0/users/:userId/contacts/:contactId']).toBeUndefined();

    const listed = new Map(((await h.graph.request('GET', `/users/${AVA.id}/contactFolders/${await h.contacts.folderOf(mailboxOf(AVA))}/contacts?$top=100`)).body.value as Json[]).map((c) => [c.id as string, c]));
    const pairs = (await h.store.loadPairs(AVA.id)).filter((p) => p.status === 'synced');
    expect(pairs).toHaveLength(25);
    for (const pair of pairs) expect(pair.outlookVersion).toBe(listed.get(pair.outlookId ?? '')?.changeKey);

    await h.resetCounters();
    const [next] = (await h.cycle(AVA.id)).sessions;
    expect(Object.keys(next?.applied ?? {}).filter((t) => t !== 'recordState')).toEqual([]);
    expect((await h.counters()).graphWrites).toEqual({});
  });
});
