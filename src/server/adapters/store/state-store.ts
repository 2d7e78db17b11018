// The StateStore port (ports/state-store.ts) on the Database: PGlite or PostgreSQL, same SQL.
import type { StateStore, StateWriter } from '../../ports/state-store.js';
import type { Database } from './database.js';
import { SqlStateReader } from './sql-state-reader.js';
import { SqlStateWriter } from './sql-state-writer.js';

export class SqlStateStore extends SqlStateReader implements StateStore {
  constructor(
    private readonly db: Database,
    /** Whether close() also closes the Database (when the store owns it). */
    private readonly ownsDatabase = true,
  ) {
    super(db);
  }

  /**
   * One database transaction: pairs, cursors, log entries and holds written through `tx` commit together or not
   * at all. Inside `fn` use `tx` only (the store's own read methods would run outside the transaction: the
   * Database refuses them with TransactionMisuseError).
   */
  transaction<T>(fn: (tx: StateWriter) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => fn(new SqlStateWriter(tx)));
  }

  async close(): Promise<void> {
    if (this.ownsDatabase) await this.db.close();
  }
}

/** The StateStore over an open, migrated Database. */
export function createStateStore(db: Database, options: { ownsDatabase?: boolean } = {}): StateStore {
  return new SqlStateStore(db, options.ownsDatabase ?? true);
}
