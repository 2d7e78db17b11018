// What an idle session costs the database (issue 18: ≤ 4 round trips): its reads as two statements and, when it
// changed nothing, its commit as one. Each statement is one snapshot and, for the commit, one atomic write, so the
// guarantees of the separate reads and of the commit's transaction stay as they were.
import { withDefaults, type SyncSettings } from '../../domain/settings.js';
import type { SessionHold } from '../../domain/sync-log.js';
import type { WriteIntent } from '../../domain/write-intent.js';
import type { CrmRecord } from '../../domain/snapshots.js';
import type { PendingCreate } from '../../ports/pending-creates.js';
import type { IdleCommit, SessionMailbox, SessionState } from '../../ports/session-store.js';
import type { CursorKind } from '../../ports/state-store.js';
import type { Queryable } from './database.js';
import { UnknownMailboxError, mailboxStatusParams } from './sql-state-writer.js';
import { PAIR_COLUMNS, holdFromRow, mailboxFromRow, pairFromRow, type HoldRow, type MailboxRow, type PairRow } from './state-rows.js';

export async function readSessionMailbox(db: Queryable, mailboxId: string): Promise<SessionMailbox | null> {
  const { rows } = await db.query<MailboxRow & { tenant_settings: Partial<SyncSettings> | null }>(
    `SELECT m.*, t.settings AS tenant_settings FROM mailboxes m LEFT JOIN tenants t ON t.tenant_id = m.tenant_id
      WHERE m.mailbox_id = $1`,
    [mailboxId],
  );
  const row = rows[0];
  if (!row) return null;
  // As getSettings: settings saved by an older version may lack newer keys.
  return { mailbox: mailboxFromRow(row), settings: row.tenant_settings ? withDefaults(row.tenant_settings) : null };
}

interface StateRow {
  pairs: PairRow[];
  cursors: Record<string, string>;
  inbox: CrmRecord[];
  pending_creates: { pair_id: string; outlook_id: string; kind: string; groupware_item_id: string }[];
  write_intents: WriteIntent<object>[];
  released_holds: HoldRow[];
  [column: string]: unknown;
}

// One row of JSON columns, one per former read. The pair and hold rows keep their column names as keys, and their
// columns are all text or jsonb, so JSON gives back exactly the values a row read gives (no timestamp conversions).
// The orders are those of the single reads.
const STATE_SQL = `SELECT
  (SELECT coalesce(json_agg(p), '[]'::json) FROM (SELECT ${PAIR_COLUMNS} FROM sync_pairs WHERE mailbox_id = $1) p) AS pairs,
  (SELECT coalesce(json_object_agg(kind, value), '{}'::json) FROM cursors
    WHERE scope_id = $1 AND kind = ANY (SELECT jsonb_array_elements_text($2::jsonb))) AS cursors,
  (SELECT coalesce(json_agg(activity ORDER BY object_id), '[]'::json) FROM crm_inbox WHERE mailbox_id = $1) AS inbox,
  (SELECT coalesce(json_agg(c ORDER BY c.pair_id), '[]'::json)
     FROM (SELECT pair_id, outlook_id, kind, groupware_item_id FROM pending_creates WHERE mailbox_id = $1) c) AS pending_creates,
  (SELECT coalesce(json_agg(intent ORDER BY pair_id), '[]'::json) FROM write_intents WHERE mailbox_id = $1) AS write_intents,
  (SELECT coalesce(json_agg(h ORDER BY h.created_at, h.hold_id), '[]'::json)
     FROM (SELECT hold_id, mailbox_id, created_at, reason, actions, status, decided_at, decided_by
             FROM guard_holds WHERE mailbox_id = $1 AND status = 'released') h) AS released_holds`;

export async function readSessionState(db: Queryable, mailboxId: string, cursorKinds: readonly CursorKind[]): Promise<SessionState> {
  const { rows } = await db.query<StateRow>(STATE_SQL, [mailboxId, JSON.stringify(cursorKinds)]);
  const row = rows[0] as StateRow;
  const pendingCreates: PendingCreate[] = row.pending_creates.map((r) => ({ mailboxId, pairId: r.pair_id, outlookId: r.outlook_id, kind: r.kind, groupwareItemId: r.groupware_item_id }));
  const releasedHolds: SessionHold[] = row.released_holds.map(holdFromRow);
  return {
    pairs: row.pairs.map(pairFromRow),
    cursors: new Map(Object.entries(row.cursors) as [CursorKind, string][]),
    inbox: row.inbox.map((activity) => ({ mailboxId, activity })),
    pendingCreates,
    writeIntents: row.write_intents,
    releasedHolds,
  };
}

// The status update first; the cursors are written only when it found the mailbox, so an erased mailbox gets no
// cursor back (the commits' transactions rolled back in that case). A data-modifying WITH runs whether or not the
// outer query reads it.
const IDLE_COMMIT_SQL = `WITH status AS (
    UPDATE mailboxes SET health = $2, last_session_at = $3, last_success_at = $4, last_error_code = $5,
      last_error_message = $6, updated_at = now(),
      pairs_in_error = CASE WHEN $7::int IS NULL THEN (SELECT count(*) FROM sync_pairs WHERE mailbox_id = $1 AND status = 'error') ELSE $7::int END
     WHERE mailbox_id = $1 RETURNING mailbox_id),
  cursor_set AS (
    INSERT INTO cursors (kind, scope_id, value)
    SELECT c.kind, c.scope_id, c.value FROM jsonb_to_recordset($8::jsonb) AS c(kind text, scope_id text, value text), status
    ON CONFLICT (kind, scope_id) DO UPDATE SET value = EXCLUDED.value, updated_at = now() RETURNING 1)
  SELECT (SELECT count(*) FROM status)::int AS updated`;

export async function recordIdleSession(db: Queryable, { families, status }: IdleCommit): Promise<void> {
  const cursors = families.flatMap(({ cursor }) => (cursor ? [{ kind: cursor.key.kind, scope_id: cursor.key.scopeId, value: cursor.value }] : []));
  const { rows } = await db.query<{ updated: number }>(IDLE_COMMIT_SQL, [
    ...mailboxStatusParams(status),
    status.pairsInError === 'count' ? null : status.pairsInError,
    JSON.stringify(cursors),
  ]);
  if (rows[0]?.updated !== 1) throw new UnknownMailboxError(status.mailboxId);
}
