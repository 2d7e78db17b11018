// The sync list's store (R14; adapters/store/sql-sync-list.ts) on both drivers: entries per mailbox, adding twice,
// the size limit, removal, the mailboxes holding a record, and that the list is still there after a restart.
import { createSessionStore, migrate, openPglite, openPostgres, IN_MEMORY, SqlSyncList, UnknownMailboxError, type Database } from '../../../src/server/adapters/store/index.js';
import { aMailbox } from '../../support/state-fixtures.js';
import { TEST_DRIVERS, openTestDatabase, stopTestDatabases, testPostgresServer, type TestDriver } from '../../support/test-database.js';

afterAll(stopTestDatabases);

/** A database of the driver, and a "restart": the same data opened again by a new connection. */
async function restartable(driver: TestDriver): Promise<{ db: Database; restart(): Promise<Database> }> {
  if (driver === 'pglite') {
    let db = await openTestDatabase('pglite');
    return {
      db,
      // PGlite keeps its cluster in a data folder: what a new process opens is the folder as the old one left it.
      restart: async () => {
        const folder = await db.native.pglite?.dumpDataDir('none');
        await db.close();
        db = await openPglite({ dataDir: IN_MEMORY, ...(folder ? { snapshot: folder } : {}) });
        await migrate(db);
        return db;
      },
    };
  }
  const url = await (await testPostgresServer()).createDatabase();
  let db = await openPostgres({ connectionString: url });
  await migrate(db);
  return {
    db,
    restart: async () => {
      await db.close();
      db = await openPostgres({ connectionString: url });
      await migrate(db);
      return db;
    },
  };
}

describe.each(TEST_DRIVERS)('sync list on %s', (driver) => {
  let db: Database;
  let restart: () => Promise<Database>;
  beforeAll(async () => {
    ({ db, restart } = await restartable(driver));
    const store = createSessionStore(db, { ownsDatabase: false });
    await store.transaction(async (tx) => {
      for (const id of ['ava', 'ben', 'cal', 'dee', 'eve']) await tx.upsertMailbox(aMailbox({ mailboxId: id, email: `${id}@contoso.example` }));
    });
  });
  afterAll(async () => db.close());

  it("keeps each mailbox's entries apart, oldest first, and adds a record twice only once", async () => {
    const list = new SqlSyncList(db);
    const first = await list.add('ava', { type: 'contact', c4cId: '1000123' }, 'user');
    expect(first).toMatchObject({ outcome: 'ok', added: true, entry: { type: 'contact', c4cId: '1000123', source: 'user' } });
    await list.add('ava', { type: 'account', c4cId: '1001' }, 'rule');
    await list.add('ben', { type: 'contact', c4cId: '1000123' }, 'user');
    const again = await list.add('ava', { type: 'contact', c4cId: '1000123' }, 'rule');
    expect(again).toEqual({ outcome: 'ok', added: false, entry: first.outcome === 'ok' ? first.entry : null });

    expect((await list.list('ava')).map((e) => `${e.type}:${e.c4cId}:${e.source}`)).toEqual(['contact:1000123:user', 'account:1001:rule']);
    expect((await list.list('ben')).map((e) => `${e.type}:${e.c4cId}`)).toEqual(['contact:1000123']);
    // The same id as another type is another record.
    expect(await list.holders({ type: 'contact', c4cId: '1000123' })).toEqual(['ava', 'ben']);
    expect(await list.holders({ type: 'individualCustomer', c4cId: '1000123' })).toEqual([]);
  });

  it("removes one mailbox's entry only, and says when there was none", async () => {
    const list = new SqlSyncList(db);
    await list.add('cal', { type: 'employee', c4cId: 'E0042' }, 'user');
    await list.add('dee', { type: 'employee', c4cId: 'E0042' }, 'user');
    expect(await list.remove('cal', { type: 'employee', c4cId: 'E0042' })).toBe(true);
    expect(await list.remove('cal', { type: 'employee', c4cId: 'E0042' })).toBe(false);
    expect(await list.holders({ type: 'employee', c4cId: 'E0042' })).toEqual(['dee']);
  });

  it('refuses an entry beyond the limit and a mailbox that is not registered', async () => {
    const list = new SqlSyncList(db, 2);
    await list.add('eve', { type: 'account', c4cId: 'A1' }, 'user');
    await list.add('eve', { type: 'account', c4cId: 'A2' }, 'user');
    expect(await list.add('eve', { type: 'account', c4cId: 'A3' }, 'user')).toEqual({ outcome: 'full', max: 2 });
    // A record already on the full list is still "ok, not added".
    expect(await list.add('eve', { type: 'account', c4cId: 'A1' }, 'user')).toMatchObject({ outcome: 'ok', added: false });
    await expect(list.add('nobody', { type: 'account', c4cId: 'A1' }, 'user')).rejects.toBeInstanceOf(UnknownMailboxError);
  });

  it("keeps the admin rule's entries apart from the user's: removals remembered, the user's add wins, the limit holds", async () => {
    const list = new SqlSyncList(db, 4);
    const c = (c4cId: string) => ({ type: 'contact' as const, c4cId });
    const shown = async () => (await list.list('dee')).map((e) => `${e.c4cId}:${e.source}`).sort();
    // dee holds employee E0042 (the user's). The rule names three contacts; one of them the user removed before.
    await list.add('dee', c('R3'), 'user');
    expect(await list.remove('dee', c('R3'))).toBe(true);
    expect(await list.applyRule('dee', [c('R1'), c('R2'), c('R3')])).toEqual({ added: 2, removed: 0 });
    expect(await shown()).toEqual(['E0042:user', 'R1:rule', 'R2:rule']);
    // The user's own add of a rule entry makes it theirs; the rule then drops R2 and names two new ones, one fits.
    expect(await list.add('dee', c('R1'), 'user')).toMatchObject({ outcome: 'ok', added: false, entry: { source: 'user' } });
    expect(await list.applyRule('dee', [c('R1'), c('R4'), c('R5')])).toEqual({ added: 2, removed: 1 });
    expect(await shown()).toEqual(['E0042:user', 'R1:user', 'R4:rule', 'R5:rule']);
    expect(await list.applyRule('dee', [c('R1'), c('R4'), c('R5'), c('R6')])).toEqual({ added: 0, removed: 0 });
    // A user's add of a record they removed forgets the removal: the rule may name it again later.
    await list.remove('dee', c('R5'));
    expect(await list.add('dee', c('R3'), 'user')).toMatchObject({ outcome: 'ok', added: true });
    // The rule turned off: only its own entries go.
    expect(await list.applyRule('dee', [])).toEqual({ added: 0, removed: 1 });
    expect(await shown()).toEqual(['E0042:user', 'R1:user', 'R3:user']);
    await list.remove('dee', c('R3'));
    expect(await list.applyRule('dee', [c('R3'), c('R5')])).toEqual({ added: 0, removed: 0 });
    await expect(list.applyRule('nobody', [c('R1')])).rejects.toBeInstanceOf(UnknownMailboxError);
  });

  it('survives a restart', async () => {
    const before = await new SqlSyncList(db).list('ava');
    expect(before.length).toBeGreaterThan(0);
    db = await restart();
    expect(await new SqlSyncList(db).list('ava')).toEqual(before);
  });
});
