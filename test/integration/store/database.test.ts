// The Database API and migrations behave the same on PGlite and on a PostgreSQL server.
import { jest } from '@jest/globals';
import {
  migrate,
  MIGRATIONS,
  openPostgres,
  SchemaTooNewError,
  TransactionMisuseError,
  type Database,
} from '../../../src/server/adapters/store/index.js';
import { isUniqueViolation, sqlState } from '../../support/sql-state.js';
import { TEST_DRIVERS, openTestDatabase, stopTestDatabases, testPostgresServer } from '../../support/test-database.js';

jest.setTimeout(60_000);
afterAll(stopTestDatabases);

describe.each(TEST_DRIVERS)('Database on %s', (driver) => {
  let db: Database;
  beforeEach(async () => {
    db = await openTestDatabase(driver);
    await db.exec('CREATE TABLE t (id int PRIMARY KEY, note text)');
  });
  afterEach(async () => {
    await db.close();
  });

  it('reports which driver it is and exposes the native handle pg-boss needs', () => {
    expect(db.driver).toBe(driver);
    if (driver === 'pglite') expect(db.native.pglite).toBeDefined();
    else expect(db.native.connectionString).toMatch(/^postgres:\/\//);
  });

  it('returns values with the same JS types on both drivers', async () => {
    const { rows } = await db.query(
      `SELECT 9007199254740991::int8 AS big, 7::int4 AS small, 1.25::numeric AS dec, true AS flag,
              '2026-11-21T09:30:00Z'::timestamptz AS at, $1::jsonb AS doc, NULL::text AS nothing`,
      [JSON.stringify({ list: [1, 'two'], nested: { ok: true } })],
    );
    expect(rows[0]).toEqual({
      big: 9007199254740991,
      small: 7,
      dec: '1.25',
      flag: true,
      at: new Date('2026-11-21T09:30:00Z'),
      doc: { list: [1, 'two'], nested: { ok: true } },
      nothing: null,
    });
  });

  it('counts changed rows', async () => {
    const inserted = await db.query("INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')");
    expect(inserted.rowCount).toBe(3);
    const updated = await db.query('UPDATE t SET note = $1 WHERE id >= $2', ['z', 2]);
    expect(updated.rowCount).toBe(2);
    const selected = await db.query('SELECT * FROM t');
    expect(selected.rowCount).toBe(3);
  });

  it('commits a transaction that resolves', async () => {
    const result = await db.transaction(async (tx) => {
      await tx.query("INSERT INTO t VALUES (1, 'kept')");
      return 'done';
    });
    expect(result).toBe('done');
    expect((await db.query('SELECT note FROM t')).rows).toEqual([{ note: 'kept' }]);
  });

  it('rolls back a transaction that throws and rethrows the error', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO t VALUES (1, 'lost')");
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await db.query('SELECT count(*)::int AS n FROM t')).rows[0]).toEqual({ n: 0 });
    // The database is usable afterwards.
    await db.query("INSERT INTO t VALUES (2, 'after')");
    expect((await db.query('SELECT note FROM t')).rows).toEqual([{ note: 'after' }]);
  });

  it('rolls back when a statement in the transaction fails, and exposes the SQLSTATE', async () => {
    await db.query("INSERT INTO t VALUES (1, 'first')");
    const error = await db
      .transaction(async (tx) => {
        await tx.query("INSERT INTO t VALUES (2, 'second')");
        await tx.query("INSERT INTO t VALUES (1, 'duplicate')");
      })
      .catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    expect(sqlState(error)).toBe('23505');
    expect((await db.query('SELECT id FROM t ORDER BY id')).rows).toEqual([{ id: 1 }]);
  });

  it('refuses statements on the Database from inside its own transaction instead of hanging', async () => {
    await expect(db.transaction(async () => db.query('SELECT 1'))).rejects.toThrow(TransactionMisuseError);
    await expect(db.transaction(async () => db.transaction(async () => 1))).rejects.toThrow(TransactionMisuseError);
    expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('runs multi-statement scripts with exec', async () => {
    await db.exec("INSERT INTO t VALUES (1, 'x'); INSERT INTO t VALUES (2, 'y'); UPDATE t SET note = 'w' WHERE id = 2");
    expect((await db.query('SELECT id, note FROM t ORDER BY id')).rows).toEqual([
      { id: 1, note: 'x' },
      { id: 2, note: 'w' },
    ]);
  });

  it('has applied every migration exactly once, and migrating again changes nothing', async () => {
    const before = await db.query<{ id: number; name: string }>('SELECT id, name FROM schema_migrations ORDER BY id');
    expect(before.rows.map((r) => r.id)).toEqual(MIGRATIONS.map((m) => m.id));
    const again = await migrate(db);
    expect(again.applied).toEqual([]);
    expect(again.version).toBe(MIGRATIONS.at(-1)?.id);
    const after = await db.query('SELECT id FROM schema_migrations ORDER BY id');
    expect(after.rows).toEqual(before.rows.map((r) => ({ id: r.id })));
  });

  it('creates the state tables', async () => {
    const { rows } = await db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    expect(rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(['cursors', 'graph_subscriptions', 'guard_holds', 'mailboxes', 'sync_log', 'sync_pairs', 'tenants']),
    );
  });

  it('applies a new migration in order and refuses a database migrated by a newer version', async () => {
    const next = { id: 9001, name: 'extra', sql: 'CREATE TABLE extra (x int); INSERT INTO extra VALUES (42);' };
    expect(await migrate(db, [...MIGRATIONS, next])).toEqual({ applied: ['9001_extra'], version: 9001 });
    expect((await db.query('SELECT x FROM extra')).rows).toEqual([{ x: 42 }]);
    await expect(migrate(db, MIGRATIONS)).rejects.toThrow(SchemaTooNewError);
  });

  it('rolls back all of a failing migration run', async () => {
    const good = { id: 9001, name: 'good', sql: 'CREATE TABLE good (x int)' };
    const bad = { id: 9002, name: 'bad', sql: 'CREATE TABLE bad (x int); SELECT no_such_function();' };
    await expect(migrate(db, [...MIGRATIONS, good, bad])).rejects.toThrow(/no_such_function/);
    const { rows } = await db.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name IN ('good', 'bad')");
    expect(rows[0]).toEqual({ n: 0 });
    expect((await db.query('SELECT max(id)::int AS v FROM schema_migrations')).rows[0]).toEqual({ v: MIGRATIONS.at(-1)?.id });
  });
});

describe('migrations on a PostgreSQL server', () => {
  it('serialize processes that start at the same time: one applies, the others find nothing to do', async () => {
    const server = await testPostgresServer();
    const url = await server.createDatabase();
    const pools = await Promise.all([1, 2, 3, 4].map(() => openPostgres({ connectionString: url })));
    try {
      const outcomes = await Promise.all(pools.map((pool) => migrate(pool)));
      const appliedCounts = outcomes.map((o) => o.applied.length).sort();
      expect(appliedCounts).toEqual([0, 0, 0, MIGRATIONS.length]);
    } finally {
      await Promise.all(pools.map((pool) => pool.close()));
    }
  });
});
