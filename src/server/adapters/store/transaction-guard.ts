// Catches a classic mistake early: using the Database (instead of the transaction handle) inside
// `db.transaction(fn)`. On PGlite that statement would wait for the transaction to end, for ever; on PostgreSQL
// it would run on another connection, outside the transaction, and not see its writes. Both drivers throw instead.
// The same holds for pg-boss on PGlite (it shares the single connection): see DatabaseNative.pgliteForQueue.
import { AsyncLocalStorage } from 'node:async_hooks';

export class TransactionMisuseError extends Error {
  constructor() {
    super(
      'A statement was sent to the Database from inside its own transaction callback. Inside ' +
        'db.transaction(async (tx) => …) use `tx` for every statement.',
    );
    this.name = 'TransactionMisuseError';
  }
}

export interface TransactionGuard {
  /** Runs `fn` marked as "inside a transaction of this database". */
  within<T>(fn: () => Promise<T>): Promise<T>;
  /** Throws TransactionMisuseError when called from inside `within` (in the same async call chain). */
  assertOutside(): void;
}

export function createTransactionGuard(): TransactionGuard {
  // A mutable marker rather than a plain flag: timers or callbacks created inside the transaction keep its async
  // context after it ended, and must not be refused then.
  const inside = new AsyncLocalStorage<{ active: boolean }>();
  return {
    async within(fn) {
      const marker = { active: true };
      try {
        return await inside.run(marker, fn);
      } finally {
        marker.active = false;
      }
    },
    assertOutside() {
      if (inside.getStore()?.active) throw new TransactionMisuseError();
    },
  };
}
