// /api/sync-list (R14) over the SQL store on both drivers: a user lists, adds and removes their own entries, the
// requests are validated, a change asks for a session of the caller's mailbox, and user A can neither see nor touch
// user B's list.
import { createSessionStore, SqlSyncList, type Database } from '../../../src/server/adapters/store/index.js';
import { syncListPaths, syncListResponseSchema } from '../../../src/shared/sync-list-api.js';
import { buildTestApp, mailbox } from '../../support/http-app-fakes.js';
import { TEST_DRIVERS, openTestDatabase, stopTestDatabases } from '../../support/test-database.js';

afterAll(stopTestDatabases);

describe.each(TEST_DRIVERS)('/api/sync-list on %s', (driver) => {
  let db: Database;
  let test: Awaited<ReturnType<typeof buildTestApp>>;
  let auth: (oid: string) => Promise<{ authorization: string }>;
  beforeAll(async () => {
    db = await openTestDatabase(driver);
    const store = createSessionStore(db, { ownsDatabase: false });
    await store.transaction(async (tx) => {
      await tx.upsertMailbox(mailbox('ava'));
      await tx.upsertMailbox(mailbox('ben'));
    });
    test = await buildTestApp({ items: { ava: [], ben: [] }, syncList: new SqlSyncList(db) });
    auth = async (oid) => ({ authorization: `Bearer ${await test.mint({ oid })}` });
  });
  afterAll(async () => {
    await test.app.close();
    await db.close();
  });

  const entriesOf = async (oid: string) => {
    const res = await test.app.inject({ method: 'GET', url: syncListPaths.list(), headers: await auth(oid) });
    expect(res.statusCode).toBe(200);
    return syncListResponseSchema.parse(res.json()).entries.map((e) => `${e.type}:${e.c4cId}`);
  };

  it('adds (201, then 200 for the same record), lists and removes (204, then 404) the caller\'s entries, each change asking for a session', async () => {
    const headers = await auth('ava');
    test.enqueued.length = 0;
    const add = await test.app.inject({ method: 'POST', url: syncListPaths.add(), headers, payload: { type: 'contact', c4cId: '1000123' } });
    expect(add.statusCode).toBe(201);
    expect(add.json()).toMatchObject({ added: true, entry: { type: 'contact', c4cId: '1000123', source: 'user' } });
    const again = await test.app.inject({ method: 'POST', url: syncListPaths.add(), headers, payload: { type: 'contact', c4cId: '1000123' } });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ added: false });
    await test.app.inject({ method: 'POST', url: syncListPaths.add(), headers, payload: { type: 'account', c4cId: '1001' } });
    expect(await entriesOf('ava')).toEqual(['contact:1000123', 'account:1001']);

    const removed = await test.app.inject({ method: 'DELETE', url: syncListPaths.remove({ type: 'account', c4cId: '1001' }), headers });
    expect(removed.statusCode).toBe(204);
    const missing = await test.app.inject({ method: 'DELETE', url: syncListPaths.remove({ type: 'account', c4cId: '1001' }), headers });
    expect(missing.statusCode).toBe(404);
    expect(await entriesOf('ava')).toEqual(['contact:1000123']);
    // Two adds and one removal changed the list; the repeated add and the failed removal did not.
    expect(test.enqueued).toEqual([
      { mailboxId: 'ava', reason: 'manual' },
      { mailboxId: 'ava', reason: 'manual' },
      { mailboxId: 'ava', reason: 'manual' },
    ]);
  });

  it("never shows or changes another user's list", async () => {
    const ben = await auth('ben');
    await test.app.inject({ method: 'POST', url: syncListPaths.add(), headers: ben, payload: { type: 'individualCustomer', c4cId: '1000777' } });
    const ava = await auth('ava');
    expect(await entriesOf('ava')).not.toContain('individualCustomer:1000777');
    // Ava's removal of Ben's record finds nothing on her own list; Ben's list is untouched.
    const res = await test.app.inject({ method: 'DELETE', url: syncListPaths.remove({ type: 'individualCustomer', c4cId: '1000777' }), headers: ava });
    expect(res.statusCode).toBe(404);
    expect(await entriesOf('ben')).toEqual(['individualCustomer:1000777']);
    // The routes take no user: a mailbox in the body or the query is refused or ignored, never obeyed.
    const smuggled = await test.app.inject({ method: 'POST', url: syncListPaths.add(), headers: ava, payload: { type: 'contact', c4cId: '1000999', mailboxId: 'ben' } });
    expect(smuggled.statusCode).toBe(400);
    const byQuery = await test.app.inject({ method: 'GET', url: `${syncListPaths.list()}?mailboxId=ben`, headers: ava });
    expect(byQuery.json().entries.map((e: { c4cId: string }) => e.c4cId)).not.toContain('1000777');
    expect(await entriesOf('ben')).toEqual(['individualCustomer:1000777']);
  });

  it('keeps a change when the queue cannot take the session request (the scheduled session does the work)', async () => {
    const down = async (): Promise<never> => {
      throw new Error('queue unavailable');
    };
    const queue = { enqueueMailboxSession: down, enqueueTenantPoll: down, enqueueSubscriptionEvent: down, depth: async () => 0 };
    const other = await buildTestApp({ items: { ava: [], ben: [] }, syncList: new SqlSyncList(db), api: { queue } });
    try {
      const headers = { authorization: `Bearer ${await other.mint({ oid: 'ava' })}` };
      const res = await other.app.inject({ method: 'POST', url: syncListPaths.add(), headers, payload: { type: 'employee', c4cId: '8100000001' } });
      expect(res.statusCode).toBe(201);
      expect(await entriesOf('ava')).toContain('employee:8100000001');
    } finally {
      await other.app.close();
    }
  });

  it('refuses bad entries, unknown users and callers without a token', async () => {
    const headers = await auth('ava');
    for (const payload of [{ type: 'lead', c4cId: '1' }, { type: 'contact', c4cId: '' }, { type: 'contact', c4cId: "1' or 1 eq 1" }, { type: 'contact', c4cId: 'x'.repeat(61) }, { type: 'contact' }]) {
      const res = await test.app.inject({ method: 'POST', url: syncListPaths.add(), headers, payload });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('bad_request');
    }
    expect((await test.app.inject({ method: 'DELETE', url: '/api/sync-list/opportunity/1', headers })).statusCode).toBe(400);
    expect((await test.app.inject({ method: 'GET', url: syncListPaths.list(), headers: await auth('stranger') })).statusCode).toBe(403);
    expect((await test.app.inject({ method: 'GET', url: syncListPaths.list() })).statusCode).toBe(401);
  });
});
