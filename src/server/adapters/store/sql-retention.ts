// Retention (ports/retention.ts) over SQL: rows older than a cutoff are deleted in small batches.
//
// Each batch is one statement, committed on its own: a backlog of months (a first run, or a large sync log) never
// becomes one long transaction that holds locks sessions wait for, nor one huge WAL burst. The statement picks a
// batch by primary key, then deletes it with the age rule repeated, so a row a session changed in between (an
// inbox entry refiled, a write intent renewed) is re-checked on its new version and kept.
import type { PurgedRows, RetainedTable, Retention } from '../../ports/retention.js';
import type { Database } from './database.js';

interface RetentionRule {
  table: RetainedTable;
  /** The primary key's columns. */
  key: string;
  /** What makes a row old enough to go; `$1` is the cutoff (timestamptz). */
  old: string;
  /** Scan order of the batch pick, when one helps. */
  orderBy?: string;
}

// Times the domain supplies are ISO text (migration 0001): compared as timestamptz, not as text, so that a
// differently formatted instant still compares by time.
const RULES: readonly RetentionRule[] = [
  // Ids grow with time, so the oldest entries are found first along the primary key, without an index on `at`.
  { table: 'sync_log', key: 'id', old: 'at::timestamptz < $1::timestamptz', orderBy: 'id' },
  // A closed pair is a tombstone (domain/sync-pair.ts): after the retention period its item and activity have long
  // been gone on both sides, and a cancelled C4C activity without a pair is not mirrored again (plan-new.ts).
  { table: 'sync_pairs', key: 'pair_id', old: "status = 'closed' AND updated_at::timestamptz < $1::timestamptz" },
  // Held actions carry item content until an admin decides (docs/privacy.md). A hold nobody decided within the
  // period expires with its content; it is not applied, and the next session plans (and holds) afresh what is left.
  { table: 'guard_holds', key: 'hold_id', old: 'COALESCE(decided_at, created_at)::timestamptz < $1::timestamptz' },
  // In-flight records are deleted by the commit of the session that wrote them; one this old was left by a session
  // that died, for a mailbox that has not synced since (disabled, or its user gone).
  { table: 'write_intents', key: 'mailbox_id, pair_id', old: 'created_at < $1::timestamptz' },
  { table: 'pending_creates', key: 'mailbox_id, pair_id', old: 'created_at < $1::timestamptz' },
  { table: 'crm_inbox', key: 'mailbox_id, object_id', old: 'filed_at < $1::timestamptz' },
];

function batchStatement(rule: RetentionRule): string {
  const order = rule.orderBy ? ` ORDER BY ${rule.orderBy}` : '';
  return `DELETE FROM ${rule.table} WHERE (${rule.key}) IN (SELECT ${rule.key} FROM ${rule.table} WHERE ${rule.old}${order} LIMIT $2) AND ${rule.old}`;
}

export class SqlRetention implements Retention {
  constructor(private readonly db: Database) {}

  async purgeBefore(cutoff: Date, options: { batchSize: number }): Promise<PurgedRows> {
    const batchSize = Math.max(1, Math.floor(options.batchSize));
    const purged = {} as PurgedRows;
    for (const rule of RULES) {
      const sql = batchStatement(rule);
      let total = 0;
      // A batch smaller than asked for was the last one.
      for (;;) {
        const { rowCount } = await this.db.query(sql, [cutoff.toISOString(), batchSize]);
        total += rowCount;
        if (rowCount < batchSize) break;
      }
      purged[rule.table] = total;
    }
    return purged;
  }
}
