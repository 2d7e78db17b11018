// StateWriter over SQL, bound to one transaction handle. Batches go to the database as one JSON parameter expanded
// by `jsonb_to_recordset`: one statement per batch, and the same SQL on both drivers (they serialize JS arrays
// differently, but a JSON text parameter identically).
import type { Mailbox } from '../../domain/mailbox.js';
import type { SyncSettings } from '../../domain/settings.js';
import type { SessionHold, SyncLogEntry } from '../../domain/sync-log.js';
import type { SyncPair } from '../../domain/sync-pair.js';
import type { CursorKey, MailboxStatusUpdate, StateWriter } from '../../ports/state-store.js';
import { SqlStateReader } from './sql-state-reader.js';
import { LOG_RECORD_TYPE, PAIR_COLUMNS, PAIR_RECORD_TYPE, logToRecord, pairToRecord } from './state-rows.js';

/** Rows per statement: keeps each JSON parameter at a few MB even with large `base` documents. */
const BATCH_SIZE = 1000;

const PAIR_UPDATE = PAIR_COLUMNS.split(', ')
  .filter((column) => column !== 'pair_id')
  .map((column) => `${column} = EXCLUDED.${column}`)
  .join(', ');

// A JSON null `base` must become SQL NULL, not the jsonb value 'null'.
const PAIR_SELECT = PAIR_COLUMNS.split(', ')
  .map((column) => (column === 'base' ? "NULLIF(base, 'null'::jsonb) AS base" : column))
  .join(', ');

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

/** $1–$6 of every statement that records a mailbox's session status (here, and the idle commit: sql-session-reads.ts). */
export function mailboxStatusParams(status: MailboxStatusUpdate): unknown[] {
  return [status.mailboxId, status.health, status.lastSessionAt, status.lastSuccessAt, status.lastErrorCode, status.lastErrorMessage];
}

export class UnknownMailboxError extends Error {
  constructor(readonly mailboxId: string) {
    super(`mailbox "${mailboxId}" is not registered (upsertMailbox it first)`);
    this.name = 'UnknownMailboxError';
  }
}

export class SqlStateWriter extends SqlStateReader implements StateWriter {
  async upsertPairs(pairs: readonly SyncPair<object, string>[]): Promise<void> {
    // One statement may not touch a row twice (ON CONFLICT): the last version of a pair in the batch wins.
    const latest = [...new Map(pairs.map((pair) => [pair.pairId, pair])).values()];
    for (const batch of chunks(latest, BATCH_SIZE)) {
      await this.sql.query(
        `INSERT INTO sync_pairs (${PAIR_COLUMNS})
         SELECT ${PAIR_SELECT}
         FROM jsonb_to_recordset($1::jsonb) AS r(${PAIR_RECORD_TYPE})
         ON CONFLICT (pair_id) DO UPDATE SET ${PAIR_UPDATE}`,
        [JSON.stringify(batch.map(pairToRecord))],
      );
    }
  }

  async deletePairs(pairIds: readonly string[]): Promise<void> {
    for (const batch of chunks(pairIds, BATCH_SIZE)) {
      // Over an array, so that the primary key is used (see findPairsByCrmObjectIds).
      await this.sql.query('DELETE FROM sync_pairs WHERE pair_id = ANY(ARRAY(SELECT jsonb_array_elements_text($1::jsonb)))', [
        JSON.stringify(batch),
      ]);
    }
  }

  async setCursor(key: CursorKey, value: string): Promise<void> {
    await this.sql.query(
      `INSERT INTO cursors (kind, scope_id, value) VALUES ($1, $2, $3)
       ON CONFLICT (kind, scope_id) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [key.kind, key.scopeId, value],
    );
  }

  async deleteCursor(key: CursorKey): Promise<void> {
    await this.sql.query('DELETE FROM cursors WHERE kind = $1 AND scope_id = $2', [key.kind, key.scopeId]);
  }

  async appendLog(entries: readonly SyncLogEntry[]): Promise<void> {
    const columns = 'at, session_id, mailbox_id, pair_id, event, outcome, code, message, detail';
    // WITH ORDINALITY keeps the ids in the order of `entries`, so "newest first" is the reverse of append order.
    for (const batch of chunks(entries, BATCH_SIZE)) {
      await this.sql.query(
        `INSERT INTO sync_log (${columns})
         SELECT ${columns} FROM (
           SELECT r.*, e.n FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(doc, n),
                LATERAL jsonb_to_record(e.doc) AS r(${LOG_RECORD_TYPE})
         ) AS ordered ORDER BY n`,
        [JSON.stringify(batch.map(logToRecord))],
      );
    }
  }

  async upsertMailbox(mailbox: Mailbox): Promise<void> {
    await this.sql.query('INSERT INTO tenants (tenant_id) VALUES ($1) ON CONFLICT (tenant_id) DO NOTHING', [mailbox.tenantId]);
    await this.sql.query(
      `INSERT INTO mailboxes (mailbox_id, tenant_id, provider, email, display_name, employee_party_id, enabled)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (mailbox_id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id, provider = EXCLUDED.provider,
         email = EXCLUDED.email, display_name = EXCLUDED.display_name,
         employee_party_id = EXCLUDED.employee_party_id, enabled = EXCLUDED.enabled, updated_at = now()`,
      [
        mailbox.mailboxId,
        mailbox.tenantId,
        mailbox.provider,
        mailbox.email,
        mailbox.displayName,
        mailbox.employeePartyId,
        mailbox.enabled,
      ],
    );
  }

  async setMailboxStatus(status: MailboxStatusUpdate): Promise<void> {
    const counted = status.pairsInError === 'count';
    const { rowCount } = await this.sql.query(
      `UPDATE mailboxes SET health = $2, last_session_at = $3, last_success_at = $4, last_error_code = $5,
         last_error_message = $6, updated_at = now(),
         pairs_in_error = ${counted ? "(SELECT count(*) FROM sync_pairs WHERE mailbox_id = $1 AND status = 'error')" : '$7'}
       WHERE mailbox_id = $1`,
      [...mailboxStatusParams(status), ...(counted ? [] : [status.pairsInError])],
    );
    if (rowCount === 0) throw new UnknownMailboxError(status.mailboxId);
  }

  async saveSettings(tenantId: string, settings: SyncSettings): Promise<void> {
    await this.sql.query(
      `INSERT INTO tenants (tenant_id, settings) VALUES ($1, $2::jsonb)
       ON CONFLICT (tenant_id) DO UPDATE SET settings = EXCLUDED.settings, updated_at = now()`,
      [tenantId, JSON.stringify(settings)],
    );
  }

  async putHold(hold: SessionHold): Promise<void> {
    await this.sql.query(
      `INSERT INTO guard_holds (hold_id, mailbox_id, created_at, reason, actions, status, decided_at, decided_by)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8)
       ON CONFLICT (hold_id) DO UPDATE SET mailbox_id = EXCLUDED.mailbox_id, created_at = EXCLUDED.created_at,
         reason = EXCLUDED.reason, actions = EXCLUDED.actions, status = EXCLUDED.status,
         decided_at = EXCLUDED.decided_at, decided_by = EXCLUDED.decided_by`,
      [hold.holdId, hold.mailboxId, hold.createdAt, hold.reason, JSON.stringify(hold.actions), hold.status, hold.decidedAt, hold.decidedBy],
    );
  }
}
