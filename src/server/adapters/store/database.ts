// One database API over two drivers (DESIGN §3 Store): embedded PGlite by default, a PostgreSQL server via
// DATABASE_URL for scale-out. Callers write plain parameterized SQL ($1, $2 …) that runs unchanged on both.
//
// Value conventions, the same on both drivers:
// - int2/int4/int8 come back as JS numbers (int8 values stay below 2^53 in this schema); numeric as strings;
//   timestamptz as Date; json/jsonb parsed.
// - Pass jsonb parameters as JSON text (`JSON.stringify(value)`) with an explicit `$n::jsonb` cast: the drivers
//   serialize JS arrays differently (pg turns them into PostgreSQL arrays).
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';

export type Row = Record<string, unknown>;

export interface QueryResult<T extends Row = Row> {
  rows: T[];
  /** Rows returned, or rows changed by INSERT/UPDATE/DELETE. */
  rowCount: number;
}

export interface Queryable {
  /** Runs one statement with parameters ($1 …). */
  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Runs a script of several statements without parameters (DDL, migrations). */
  exec(sql: string): Promise<void>;
}

/** The handle inside a transaction. Use it, and only it, until the callback returns. */
export type Transaction = Queryable;

/** The part of PGlite that pg-boss's `fromPglite` uses. */
export interface PgliteForQueue {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<Array<{ rows: unknown[] }>>;
  listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>>;
}

export interface DatabaseNative {
  /** The PGlite instance (embedded mode), for tools (dumps, extensions). */
  readonly pglite?: PGlite;
  /**
   * The PGlite connection for pg-boss (embedded mode): `new PgBoss({ db: fromPglite(db.native.pgliteForQueue),
   * backend: 'pglite' })`. PGlite has one connection, so a pg-boss call made inside a store transaction would wait
   * for that transaction for ever (pg-boss looks queues up on its own connection, even when `send` is given the
   * transaction as `db`). Through this handle such a call throws TransactionMisuseError instead of hanging.
   * Enqueue after the transaction commits (the scheduled session covers a crash in between).
   */
  readonly pgliteForQueue?: PgliteForQueue;
  /** The pg Pool (server mode). */
  readonly pool?: pg.Pool;
  /** The server URL (server mode), e.g. for pg-boss `new PgBoss(connectionString)`. */
  readonly connectionString?: string;
}

export interface Database extends Queryable {
  readonly driver: 'pglite' | 'postgres';
  readonly native: DatabaseNative;
  /**
   * Runs `fn` in one transaction: COMMIT when it resolves, ROLLBACK when it throws (the error is rethrown). With
   * PGlite, all other statements wait until the transaction ends, so inside `fn` use `tx`, never the Database:
   * a statement on the Database from within `fn` would wait for ever.
   */
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  /** Closes the connection(s) and, in embedded mode, releases the data-folder lock. */
  close(): Promise<void>;
}
