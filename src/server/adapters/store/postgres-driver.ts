// Server driver: a PostgreSQL server through a pg Pool (scale-out: many web and worker processes share it).
import pg from 'pg';
import type { Database, QueryResult, Queryable, Row } from './database.js';
import { createTransactionGuard, type TransactionGuard } from './transaction-guard.js';

const INT8_OID = 20;

// int8 as number, like PGlite (see database.ts); every other type as pg parses it by default.
const typeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

type PgQueryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

function wrap(target: PgQueryable, guard?: TransactionGuard): Queryable {
  return {
    async query<T extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      guard?.assertOutside();
      const result = await target.query<T>(sql, [...params]);
      return { rows: result.rows, rowCount: result.rowCount ?? result.rows.length };
    },
    async exec(sql: string): Promise<void> {
      guard?.assertOutside();
      // Without parameters pg uses the simple query protocol, which runs several statements.
      await target.query(sql);
    },
  };
}

export interface PostgresOpenOptions {
  connectionString: string;
  /** Pool size; default 10. */
  maxConnections?: number;
  /** Called when an idle pooled connection fails (the server restarted, say); the pool replaces it. */
  onIdleError?: (error: Error) => void;
}

export async function openPostgres(options: PostgresOpenOptions): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    types: typeParsers,
    application_name: 'crm-sync',
  });
  pool.on('error', (error) => options.onIdleError?.(error));
  // The pool listens for errors only on idle connections. One a caller holds (a transaction, the renewal lock) that
  // the server drops between statements (a restart: 57P01, or the socket closing) would raise an unhandled 'error'
  // event and end the process. The holder learns it from its next statement, which fails; release() then drops the
  // broken connection from the pool. So the error itself needs nothing more than a listener.
  pool.on('connect', (client) => client.on('error', () => undefined));
  // Fail at start-up, with the server's own message, rather than on the first query.
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  let closed = false;
  const guard = createTransactionGuard();
  return {
    driver: 'postgres',
    native: { pool, connectionString: options.connectionString },
    ...wrap(pool, guard),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      guard.assertOutside();
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await guard.within(() => fn(wrap(client)));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          // The connection is unusable: drop it from the pool instead of handing it out again.
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        }
        throw error;
      } finally {
        client.release(broken);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
