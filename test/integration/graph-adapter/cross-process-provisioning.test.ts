// Two worker processes on one PostgreSQL look for a mailbox's containers at once (one's subscription keeper, the
// other's first session). Each "process" here is an adapter of its own with a database pool of its own. Without the
// claim (ports/exclusive.ts) both found no To Do service list and both created one; the claim makes the second look
// find the first's. The contact folder goes through the same claim.
import { jest } from '@jest/globals';
import { GraphContactSource, GraphTaskSource } from '../../../src/server/adapters/graph/index.js';
import { ClaimTimeoutError, migrate, openPostgres, sqlExclusive, type Database } from '../../../src/server/adapters/store/index.js';
import { inProcessOnly, type RunExclusive } from '../../../src/server/ports/exclusive.js';
import { stopTestDatabases, testPostgresServer } from '../../support/test-database.js';
import { AVA, BEN, CHLOE, mailboxOf, startAdapterHarness, type AdapterHarness, type Json } from './support.js';

jest.setTimeout(60_000);

let h: AdapterHarness;
let processes: [Database, Database];
beforeAll(async () => {
  h = await startAdapterHarness();
  const url = await (await testPostgresServer()).createDatabase();
  processes = [await openPostgres({ connectionString: url }), await openPostgres({ connectionString: url })];
  await migrate(processes[0]);
});
afterAll(async () => {
  await Promise.all(processes.map((db) => db.close()));
  await stopTestDatabases();
  await h.close();
});

const crmWebUrl = (kind: string, id: string) => `https://c4c.example/${kind}/${id}`;
const tasksIn = (exclusive: RunExclusive) => new GraphTaskSource(h.adapter().http, { crmWebUrl, exclusive });
const listsOf = async (userId: string) => ((await h.graph('GET', `/users/${userId}/todo/lists`)).body.value as Json[]).map((l) => String(l.displayName));

describe('a mailbox container looked for by two processes at once', () => {
  it('without a claim, two To Do service lists are made (the race this guards against)', async () => {
    await Promise.all([tasksIn(inProcessOnly).ensureServiceList(mailboxOf(AVA), 'Raced'), tasksIn(inProcessOnly).ensureServiceList(mailboxOf(AVA), 'Raced')]);
    expect((await listsOf(AVA.id)).filter((n) => n === 'Raced')).toHaveLength(2);
  });

  it('with the claim, one service list, and both processes name it', async () => {
    const [a, b] = await Promise.all(processes.map((db) => tasksIn(sqlExclusive(db)).ensureServiceList(mailboxOf(BEN), 'CRM tasks')));
    expect(a).toBe(b);
    expect((await listsOf(BEN.id)).filter((n) => n === 'CRM tasks')).toHaveLength(1);
  });

  it('with the claim, one contact folder', async () => {
    const contactsIn = (db: Database) => new GraphContactSource(h.adapter().http, { folderName: 'CRM people', crmWebUrl: () => null, exclusive: sqlExclusive(db) });
    const [a, b] = await Promise.all(processes.map((db) => contactsIn(db).folderOf(mailboxOf(CHLOE))));
    expect(a).toBe(b);
    const folders = (await h.graph('GET', `/users/${CHLOE.id}/contactFolders`)).body.value as Json[];
    expect(folders.filter((f) => f.displayName === 'CRM people')).toHaveLength(1);
  });
});

describe('sqlExclusive', () => {
  it('runs one holder of a key at a time across pools, others at once, and frees the key when the holder throws', async () => {
    const [one, two] = processes.map((db) => sqlExclusive(db)) as [RunExclusive, RunExclusive];
    const trace: string[] = [];
    const hold = (run: RunExclusive, key: string, name: string) =>
      run(key, async () => {
        trace.push(`${name}+`);
        await new Promise((resolve) => setTimeout(resolve, 150));
        trace.push(`${name}-`);
      });
    await Promise.all([hold(one, 'k', 'a'), hold(two, 'k', 'b'), hold(two, 'other', 'c')]);
    // a and b never overlap; c (another key) runs beside whichever held k.
    const ab = trace.filter((t) => !t.startsWith('c'));
    expect([['a+', 'a-', 'b+', 'b-'], ['b+', 'b-', 'a+', 'a-']]).toContainEqual(ab);
    expect(trace.indexOf('c+')).toBeLessThan(trace.indexOf(`${ab[0]![0]}-`));

    await expect(one('k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(two('k', () => Promise.resolve('free'))).resolves.toBe('free');
  });

  it('gives up with a clear error when another process keeps the key', async () => {
    const impatient = sqlExclusive(processes[1], 200);
    let release!: () => void;
    const held = sqlExclusive(processes[0])('busy', () => new Promise<void>((resolve) => (release = resolve)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(impatient('busy', () => Promise.resolve(1))).rejects.toBeInstanceOf(ClaimTimeoutError);
    release();
    await held;
  });
});
