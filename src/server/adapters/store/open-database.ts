// Picks the driver from the configuration and brings the schema up to date: the store's single entry point.
import type { Database } from './database.js';
import { migrate, type MigrationOutcome } from './migrate.js';
import { IN_MEMORY, openPglite } from './pglite-driver.js';
import { openPostgres } from './postgres-driver.js';

export interface OpenDatabaseOptions {
  /** A PostgreSQL server URL (DATABASE_URL). When set, `dataDir` is ignored. */
  databaseUrl?: string | undefined;
  /** Embedded PGlite data folder (DATA_DIR, default `.data`), or `memory://` for a throw-away database. */
  dataDir?: string | undefined;
  /** Pool size in server mode. */
  maxConnections?: number | undefined;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  /** Told about idle-connection failures in server mode. */
  onIdleError?: (error: Error) => void;
}

export interface OpenedDatabase {
  db: Database;
  migrations: MigrationOutcome | null;
}

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<OpenedDatabase> {
  const db = options.databaseUrl
    ? await openPostgres({
        connectionString: options.databaseUrl,
        ...(options.maxConnections !== undefined ? { maxConnections: options.maxConnections } : {}),
        ...(options.onIdleError ? { onIdleError: options.onIdleError } : {}),
      })
    : await openPglite({ dataDir: options.dataDir ?? '.data' });
  if (options.migrate === false) return { db, migrations: null };
  try {
    return { db, migrations: await migrate(db) };
  } catch (error) {
    await db.close();
    throw error;
  }
}

export { IN_MEMORY };
