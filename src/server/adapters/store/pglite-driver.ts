// Embedded driver: PGlite (PostgreSQL compiled to WASM) in this process, data in a folder or in memory.
import { PGlite, types, type Transaction as PgliteTransaction } from '@electric-sql/pglite';
import { join, resolve } from 'node:path';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';
import type { Database, PgliteForQueue, QueryResult, Queryable, Row } from './database.js';
import { createPgliteClusterIfMissing } from './pglite-cluster.js';
import { createTransactionGuard, type TransactionGuard } from './transaction-guard.js';

export const IN_MEMORY = 'memory://';

/**
 * PGlite keeps PostgreSQL's default 128 MB of shared buffers in its WebAssembly memory, which never shrinks: 32 MB
 * holds a team's sync state many times over and cut a process from 348 to 222 MB (RSS) with the same query speed
 * (issue 18's memory goal for `npm start`, measured in bench/RESULTS.md).
 */
const POSTGRESQL_CONF = ['shared_buffers = 32MB'];

const clusterDirOf = (dataDir: string): string => join(resolve(dataDir), 'pglite');

type PgliteQueryable = Pick<PGlite | PgliteTransaction, 'query' | 'exec'>;

function wrap(target: PgliteQueryable, guard?: TransactionGuard): Queryable {
  return {
    async query<T extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      guard?.assertOutside();
      const result = await target.query<T>(sql, [...params]);
      return { rows: result.rows, rowCount: Math.max(result.affectedRows ?? 0, result.rows.length) };
    },
    async exec(sql: string): Promise<void> {
      guard?.assertOutside();
      await target.exec(sql);
    },
  };
}

function guardedForQueue(pglite: PGlite, guard: TransactionGuard): PgliteForQueue {
  return {
    query<T>(sql: string, params?: unknown[]) {
      guard.assertOutside();
      return pglite.query<T>(sql, params);
    },
    exec(sql: string) {
      guard.assertOutside();
      return pglite.exec(sql);
    },
    listen: (channel, callback) => pglite.listen(channel, callback),
  };
}

export interface PgliteOpenOptions {
  /** `memory://` for a throw-away database, or a folder: PGlite's files go to `<dir>/pglite`, the lock to `<dir>/crm-sync.lock`. */
  dataDir: string;
  /**
   * Start from a `dumpDataDir()` tarball instead of an empty cluster (a new folder or memory only). Tests use a
   * migrated snapshot: ~0.4 s instead of 3–7 s for a fresh cluster.
   */
  snapshot?: Blob;
  /** The script that creates a new cluster in a child process (see pglite-cluster.ts); tests name one that fails. */
  createClusterScript?: string;
}

/**
 * Creates the cluster of a new data folder in a child process (pglite-cluster.ts says why), under the folder's lock,
 * and lets the lock go. `npm start` calls it while the sandboxes start, so the two overlap; `openPglite` does the
 * same for a folder nobody prepared. Returns true when it created the cluster.
 */
export async function preparePgliteDataDir(dataDir: string, createClusterScript?: string): Promise<boolean> {
  if (dataDir === IN_MEMORY) return false;
  const lock = acquireDataDirLock(dataDir);
  try {
    return await createPgliteClusterIfMissing(clusterDirOf(dataDir), { conf: POSTGRESQL_CONF, ...(createClusterScript ? { script: createClusterScript } : {}) });
  } finally {
    lock.release();
  }
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
    // A snapshot is loaded into the new folder by PGlite itself (no initdb, so nothing to keep out of this process).
    if (!inMemory && !options.snapshot) {
      await createPgliteClusterIfMissing(clusterDirOf(options.dataDir), { conf: POSTGRESQL_CONF, ...(options.createClusterScript ? { script: options.createClusterScript } : {}) });
    }
    pglite = await PGlite.create(inMemory ? IN_MEMORY : clusterDirOf(options.dataDir), {
      // int8 as number, like the server driver (see database.ts).
      parsers: { [types.INT8]: (value: string) => Number(value) },
      postgresqlconf: POSTGRESQL_CONF,
      ...(options.snapshot ? { loadDataDir: options.snapshot } : {}),
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
  let closed = false;
  const guard = createTransactionGuard();
  return {
    driver: 'pglite',
    native: { pglite, pgliteForQueue: guardedForQueue(pglite, guard) },
    ...wrap(pglite, guard),
    transaction(fn) {
      guard.assertOutside();
      return pglite.transaction((tx) => guard.within(() => fn(wrap(tx))));
    },
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
