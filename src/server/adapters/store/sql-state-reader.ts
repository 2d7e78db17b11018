// StateReader over SQL: the same queries run on the Database (outside a transaction) and on a transaction handle.
import type { Mailbox, MailboxStatus } from '../../domain/mailbox.js';
import { withDefaults, type SyncSettings } from '../../domain/settings.js';
import type { HoldStatus, SessionHold, SyncLogEntry } from '../../domain/sync-log.js';
import type { SyncPair } from '../../domain/sync-pair.js';
import type { CursorKey, StateReader } from '../../ports/state-store.js';
import type { Queryable } from './database.js';
import {
  MAILBOX_COLUMNS,
  PAIR_COLUMNS,
  holdFromRow,
  logFromRow,
  mailboxFromRow,
  mailboxStatusFromRow,
  pairFromRow,
  type HoldRow,
  type LogRow,
  type MailboxRow,
  type PairRow,
} from './state-rows.js';

/** Builds `WHERE a = $1 AND b = $2` from the conditions whose value is defined. */
function where(conditions: ReadonlyArray<readonly [string, unknown]>): { clause: string; params: unknown[] } {
  const params: unknown[] = [];
  const parts: string[] = [];
  for (const [column, value] of conditions) {
    if (value === undefined) continue;
    params.push(value);
    parts.push(`${column} = $${params.length}`);
  }
  return { clause: parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '', params };
}

export class SqlStateReader implements StateReader {
  constructor(protected readonly sql: Queryable) {}

  async loadPairs(mailboxId: string): Promise<SyncPair[]> {
    const { rows } = await this.sql.query<PairRow>(`SELECT ${PAIR_COLUMNS} FROM sync_pairs WHERE mailbox_id = $1`, [mailboxId]);
    return rows.map(pairFromRow);
  }

  async findPairByOutlookId(mailboxId: string, outlookId: string): Promise<SyncPair | null> {
    const { rows } = await this.sql.query<PairRow>(
      // After a retag as the other kind an item has a live pair and a tombstone: the live one is its status.
      `SELECT ${PAIR_COLUMNS} FROM sync_pairs WHERE mailbox_id = $1 AND outlook_id = $2
       ORDER BY CASE status WHEN 'synced' THEN 0 WHEN 'error' THEN 0 WHEN 'unlinked' THEN 1 ELSE 2 END, updated_at DESC, pair_id
       LIMIT 1`,
      [mailboxId, outlookId],
    );
    return rows[0] ? pairFromRow(rows[0]) : null;
  }

  async findPairsByCrmObjectId(crmObjectId: string): Promise<SyncPair[]> {
    const { rows } = await this.sql.query<PairRow>(
      `SELECT ${PAIR_COLUMNS} FROM sync_pairs WHERE crm_object_id = $1 ORDER BY mailbox_id`,
      [crmObjectId],
    );
    return rows.map(pairFromRow);
  }

  async findPairsByCrmObjectIds(crmObjectIds: readonly string[]): Promise<SyncPair[]> {
    if (crmObjectIds.length === 0) return [];
    // `= ANY(ARRAY(…))`, not `IN (SELECT …)`: the planner cannot tell how many ids a set-returning function gives and
    // hashes them against a scan of every pair; over an array it reads the (crm_object_id, mailbox_id) index. With
    // 20,000 pairs: 0.7 ms instead of 20 ms, and the tenant poll asks this on every poll (bench/RESULTS.md).
    const { rows } = await this.sql.query<PairRow>(
      `SELECT ${PAIR_COLUMNS} FROM sync_pairs WHERE crm_object_id = ANY(ARRAY(SELECT jsonb_array_elements_text($1::jsonb))) ORDER BY crm_object_id, mailbox_id`,
      [JSON.stringify(crmObjectIds)],
    );
    return rows.map(pairFromRow);
  }

  async forgottenCrmObjectIds(tenantId: string, crmObjectIds: readonly string[]): Promise<Set<string>> {
    if (crmObjectIds.length === 0) return new Set();
    const { rows } = await this.sql.query<{ crm_object_id: string }>(
      // The names of the system the tenant is paired with now are live again (re-paired back to it).
      `SELECT DISTINCT f.crm_object_id FROM forgotten_crm_records f
        WHERE f.tenant_id = $1 AND f.crm_object_id = ANY(ARRAY(SELECT jsonb_array_elements_text($2::jsonb)))
          AND NOT EXISTS (SELECT 1 FROM tenant_pairings p WHERE p.tenant_id = f.tenant_id AND p.crm_system_id = f.crm_system_id)`,
      [tenantId, JSON.stringify(crmObjectIds)],
    );
    return new Set(rows.map((r) => r.crm_object_id));
  }

  async getCursor(key: CursorKey): Promise<string | null> {
    const { rows } = await this.sql.query<{ value: string }>('SELECT value FROM cursors WHERE kind = $1 AND scope_id = $2', [
      key.kind,
      key.scopeId,
    ]);
    return rows[0]?.value ?? null;
  }

  async getMailbox(mailboxId: string): Promise<Mailbox | null> {
    const row = await this.mailboxRow(mailboxId);
    return row ? mailboxFromRow(row) : null;
  }

  async listMailboxes(filter: { tenantId?: string; enabledOnly?: boolean } = {}): Promise<Mailbox[]> {
    const { clause, params } = where([
      ['tenant_id', filter.tenantId],
      ['enabled', filter.enabledOnly ? true : undefined],
    ]);
    // Only what a Mailbox holds (mailboxFromRow): the tenant poll lists every mailbox on every poll, and the status
    // and enrolment columns it does not need were half of what was read and parsed.
    const { rows } = await this.sql.query<MailboxRow>(`SELECT ${MAILBOX_COLUMNS} FROM mailboxes ${clause} ORDER BY mailbox_id`, params);
    return rows.map(mailboxFromRow);
  }

  async getMailboxStatus(mailboxId: string): Promise<MailboxStatus | null> {
    const row = await this.mailboxRow(mailboxId);
    return row ? mailboxStatusFromRow(row) : null;
  }

  async getSettings(tenantId: string): Promise<SyncSettings | null> {
    const { rows } = await this.sql.query<{ settings: Partial<SyncSettings> | null }>(
      'SELECT settings FROM tenants WHERE tenant_id = $1',
      [tenantId],
    );
    const stored = rows[0]?.settings;
    // Settings saved by an older version may lack newer keys: fill them with today's defaults.
    return stored ? withDefaults(stored) : null;
  }

  async listLog(filter: { mailboxId?: string; pairId?: string; limit: number }): Promise<SyncLogEntry[]> {
    const { clause, params } = where([
      ['mailbox_id', filter.mailboxId],
      ['pair_id', filter.pairId],
    ]);
    params.push(Math.max(0, Math.floor(filter.limit)));
    const { rows } = await this.sql.query<LogRow>(
      `SELECT at, session_id, mailbox_id, pair_id, event, outcome, code, message, detail FROM sync_log ${clause}
       ORDER BY id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(logFromRow);
  }

  async listHolds(filter: { holdId?: string; mailboxId?: string; status?: HoldStatus }): Promise<SessionHold[]> {
    const { clause, params } = where([
      ['hold_id', filter.holdId],
      ['mailbox_id', filter.mailboxId],
      ['status', filter.status],
    ]);
    const { rows } = await this.sql.query<HoldRow>(`SELECT * FROM guard_holds ${clause} ORDER BY created_at, hold_id`, params);
    return rows.map(holdFromRow);
  }

  private async mailboxRow(mailboxId: string): Promise<MailboxRow | undefined> {
    const { rows } = await this.sql.query<MailboxRow>('SELECT * FROM mailboxes WHERE mailbox_id = $1', [mailboxId]);
    return rows[0];
  }
}
