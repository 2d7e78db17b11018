// Counts a Database's round trips: every statement (query or exec) is one, and a transaction adds two more (BEGIN
// and COMMIT/ROLLBACK), which is what a PostgreSQL server would see. With PGlite the same calls stay in process, so
// the count is the figure the store would cost against a server.
import type { Database, Queryable, Transaction } from '../../src/server/adapters/store/index.js';

export interface CountedDatabase {
  db: Database;
  /** Round trips since the start or the last reset. */
  count(): number;
  reset(): void;
}

export function countRoundTrips(inner: Database): CountedDatabase {
  let trips = 0;
  const counted = <T extends Queryable>(target: T): Queryable => ({
    query: (sql, params) => {
      trips += 1;
      return target.query(sql, params);
    },
    exec: (sql) => {
      trips += 1;
      return target.exec(sql);
    },
  });
  const db: Database = {
    ...counted(inner),
    driver: inner.driver,
    native: inner.native,
    transaction: <T>(fn: (tx: Transaction) => Promise<T>) => {
      trips += 2;
      return inner.transaction((tx) => fn(counted(tx)));
    },
    close: () => inner.close(),
  };
  return { db, count: () => trips, reset: () => void (trips = 0) };
}
