// The store adapter's public surface, for the composition root (main.ts) and tests.
export type { Database, DatabaseNative, QueryResult, Queryable, Row, Transaction } from './database.js';
export { isUniqueViolation, sqlState } from './database.js';
export { DataDirLockedError, LOCK_FILE_NAME } from './data-dir-lock.js';
export { migrate, SchemaTooNewError, type MigrationOutcome } from './migrate.js';
export { MIGRATIONS, type Migration } from './migrations/index.js';
export { IN_MEMORY, openDatabase, type OpenDatabaseOptions, type OpenedDatabase } from './open-database.js';
