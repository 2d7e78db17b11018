// The store adapter's public surface, for the composition root (main.ts) and tests.
export type { Database, DatabaseNative, PgliteForQueue, QueryResult, Queryable, Row, Transaction } from './database.js';
export { DataDirLockedError, LOCK_FILE_NAME } from './data-dir-lock.js';
export { migrate, SchemaTooNewError, type MigrationOutcome } from './migrate.js';
export { MIGRATIONS, type Migration } from './migrations/index.js';
export { IN_MEMORY, openDatabase, type OpenDatabaseOptions, type OpenedDatabase } from './open-database.js';
export { openPglite, type PgliteOpenOptions } from './pglite-driver.js';
export { openPostgres, type PostgresOpenOptions } from './postgres-driver.js';
export { createStateStore, SqlStateStore } from './state-store.js';
export { UnknownMailboxError } from './sql-state-writer.js';
export { TransactionMisuseError } from './transaction-guard.js';
export { createSessionStore, SqlSessionStore } from './sql-session-store.js';
export { SqlSubscriptionRecords } from './sql-subscription-records.js';
export { sealLegacyBases, type SealLegacyBase } from './seal-legacy-bases.js';
export { SqlMailboxErasure } from './sql-erasure.js';
export { SqlRetention } from './sql-retention.js';
export { SqlTenantPairings } from './sql-tenant-pairings.js';
export { SqlSyncList } from './sql-sync-list.js';
export { SqlDoctorProbe } from './doctor-probe.js';
