// ports/exclusive.ts on PostgreSQL: a session advisory lock on a connection of its own, keyed by a 64-bit hash of
// the key, held while `fn` runs (its own statements use the pool). A crashed holder's lock goes with its connection.
// Embedded mode (PGlite) has one process, so nothing is claimed.
import { inProcessOnly, type RunExclusive } from '../../ports/exclusive.js';
import type { Database } from './database.js';

/** How long a caller waits for another process's claim before it gives up (its session fails and is retried). */
const WAIT_MS = 30_000;
const POLL_MS = 50;

export class ClaimTimeoutError extends Error {
  constructor(key: string) {
    super(`another process held "${key.replace(/:.*/, ':…')}" for more than ${WAIT_MS / 1000} s`);
    this.name = 'ClaimTimeoutError';
  }
}

export function sqlExclusive(db: Database, waitMs = WAIT_MS): RunExclusive {
  const pool = db.native.pool;
  if (!pool) return inProcessOnly;
  return async (key, fn) => {
    const client = await pool.connect();
    try {
      // try-and-poll rather than pg_advisory_lock: a wait that never ends would hold a pool connection for ever.
      const deadline = Date.now() + waitMs;
      for (;;) {
        const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [key]);
        if (rows[0]?.locked) break;
        if (Date.now() > deadline) throw new ClaimTimeoutError(key);
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
      try {
        return await fn();
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]);
      }
    } finally {
      client.release();
    }
  };
}
