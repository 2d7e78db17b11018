// A pooled PostgreSQL connection that a caller holds (a transaction, the subscription keeper's renewal lock) and that
// the server drops while no query runs on it: PostgreSQL restarted (`pg_ctl stop -m fast` ends every session with
// 57P01 "terminating connection due to administrator command"). node-postgres's pool listens for errors only on idle
// connections, so without a listener of our own the error is an unhandled 'error' event that ends the process: a
// worker crashed so in the fault soak. The holder must see a failed query instead, and the pool must go on.
import { openPostgres, type Database } from '../../../src/server/adapters/store/index.js';
import { stopTestDatabases, testPostgresServer } from '../../support/test-database.js';
import { sql } from '../service/pg-jobs.js';

let db: Database;
let adminUrl: string;

beforeAll(async () => {
  const server = await testPostgresServer();
  adminUrl = server.adminUrl;
  db = await openPostgres({ connectionString: await server.createDatabase() });
});

afterAll(async () => {
  await db?.close();
  await stopTestDatabases();
});

it('a held connection ended by the server fails its holder, not the process', async () => {
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);
  process.on('uncaughtException', onUncaught);
  try {
    const outcome = db.transaction(async (tx) => {
      const { rows } = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      // The server ends this session while the transaction holds it between two statements.
      await sql(adminUrl, 'SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
      await new Promise((r) => setTimeout(r, 300));
      await tx.query('SELECT 1');
    });
    await expect(outcome).rejects.toThrow();
    expect(uncaught).toEqual([]);
    // The dropped connection left the pool: the next statements get a live one.
    expect((await db.query<{ ok: number }>('SELECT 1 AS ok')).rows[0]?.ok).toBe(1);
  } finally {
    process.removeListener('uncaughtException', onUncaught);
  }
});
