// Embedded driver: PGlite (PostgreSQL compiled to WASM) in this process, data in a folder or in memory.
import { PGlite, types, type Transaction as PgliteTransaction } from '@electric-sql/pglite';
import { join, resolve } from 'node:path';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';
import type { Database, QueryResult, Queryable, Row } from './database.js';

export const IN_MEMORY = 'memory://';

type PgliteQueryable = Pick<PGlite | PgliteTransaction, 'query' | 'exec'>;

function wrap(target: PgliteQueryable): Queryable {
  return {
    async query<T extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      const result = await target.query<T>(sql, [...params]);
      return { rows: result.rows, rowCount: Math.max(result.affectedRows ?? 0, result.rows.length) };
    },
    async exec(sql: string): Promise<void> {
      await target.exec(sql);
    },
  };
}

export interface PgliteOpenOptions {
  /** `memory://` for a throw-away database, or a folder: PGlite's files go to `<dir>/pglite`, the lock to `<dir>/crm-sync.lock`. */
  dataDir: string;
}

/**
 * Opens PGlite. A folder is locked first (see data-dir-lock.ts), so a second process fails fast with
 * DataDirLockedError instead of corrupting the data.
 */
export async function openPglite(options: PgliteOpenOptions): Promise<Database> {
  const inMemory = options.dataDir === IN_MEMORY;
  const lock: DataDirLock | null = inMemory ? null : acquireDataDirLock(options.dataDir);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(inMemory ? IN_MEMORY : join(resolve(options.dataDir), 'pglite'), {
      // int8 as number, like the server driver (see database.ts).
      parsers: { [types.INT8]: (value: string) => Number(value) },
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
  let closed = false;
  return {
    driver: 'pglite',
    native: { pglite },
    ...wrap(pglite),
    transaction: (fn) => pglite.transaction((tx) => fn(wrap(tx))),
    async close() {
      if (closed) return;
      closed = true;
      try {
        await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
}
