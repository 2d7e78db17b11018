// Retention (the privacy issue): what the service keeps only for a while. History (sync log entries), finished
// records (closed pairs, decided holds) and in-flight records a session left behind (write intents, pending
// creates, inbox entries: normally deleted by the session's own commit, so an old one is stale) are deleted once
// they are older than the retention period. Implemented over SQL by adapters/store/sql-retention.ts and run daily
// by jobs/retention.ts.

export const RETAINED_TABLES = ['sync_log', 'sync_pairs', 'guard_holds', 'write_intents', 'pending_creates', 'crm_inbox'] as const;

export type RetainedTable = (typeof RETAINED_TABLES)[number];

/** Rows deleted, per table. */
export type PurgedRows = Record<RetainedTable, number>;

export interface Retention {
  /**
   * Deletes the rows older than `cutoff`, `batchSize` rows per statement, each statement committed on its own, so
   * that no lock is held for long and a large backlog never runs as one huge transaction.
   */
  purgeBefore(cutoff: Date, options: { batchSize: number }): Promise<PurgedRows>;
}
