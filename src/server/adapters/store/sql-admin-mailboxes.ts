// The console's mailbox list and actions (ports/admin-mailboxes.ts). The list is a keyset page over the
// (tenant_id, email, mailbox_id) index (migration 0016): the cost of a page does not grow with the page number, and
// the counts per family are read for that page's mailboxes only.
import type { MailboxProvider } from '../../domain/mailbox.js';
import type { AuditRecord } from '../../ports/admin-console.js';
import type { SyncLogEntry } from '../../domain/sync-log.js';
import type { AdminMailboxes, MailboxOverview, MailboxPageQuery, MailboxState, PairInError } from '../../ports/admin-mailboxes.js';
import { logFromRow, type LogRow } from './state-rows.js';
import type { Database, Queryable } from './database.js';
import { GROUPWARE_CURSORS } from './sql-admin-console.js';

interface OverviewRow extends Record<string, unknown> {
  mailbox_id: string;
  tenant_id: string;
  email: string;
  display_name: string;
  provider: string;
  state: string;
  paused_at: string | null;
  paused_by: string | null;
  last_session_at: string | null;
  last_success_at: string | null;
  last_error_code: string | null;
  last_error_message: string | null;
  open_holds: number | string;
}

/** Each mailbox with its state; filters apply to this (the state is what the console shows and filters by). */
const OVERVIEW = `
  SELECT m.mailbox_id, m.tenant_id, m.email, m.display_name, m.provider, m.paused_at, m.paused_by, m.last_session_at,
         m.last_success_at, m.last_error_code, m.last_error_message, h.open_holds,
         CASE WHEN NOT m.enabled THEN 'disabled'
              WHEN m.paused_at IS NOT NULL THEN 'paused'
              WHEN h.open_holds > 0 OR m.health = 'held' THEN 'held'
              WHEN m.health = 'error' THEN 'error'
              ELSE 'active' END AS state
    FROM mailboxes m
    CROSS JOIN LATERAL (SELECT count(*) AS open_holds FROM guard_holds g WHERE g.mailbox_id = m.mailbox_id AND g.status = 'held') h
   WHERE m.tenant_id = $1`;

async function familyCounts(q: Queryable, mailboxIds: string[]): Promise<Map<string, Record<string, { items: number; errors: number }>>> {
  const byMailbox = new Map<string, Record<string, { items: number; errors: number }>>();
  if (mailboxIds.length === 0) return byMailbox;
  const { rows } = await q.query<{ mailbox_id: string; family: string; items: number | string; errors: number | string }>(
    `SELECT mailbox_id, family, count(*) FILTER (WHERE status <> 'closed') AS items, count(*) FILTER (WHERE status = 'error') AS errors
       FROM sync_pairs WHERE mailbox_id IN (SELECT jsonb_array_elements_text($1::jsonb)) GROUP BY mailbox_id, family`,
    [JSON.stringify(mailboxIds)],
  );
  for (const r of rows) {
    if (Number(r.items) === 0 && Number(r.errors) === 0) continue;
    const families = byMailbox.get(r.mailbox_id) ?? {};
    families[r.family] = { items: Number(r.items), errors: Number(r.errors) };
    byMailbox.set(r.mailbox_id, families);
  }
  return byMailbox;
}

function overviewOf(r: OverviewRow, families: Record<string, { items: number; errors: number }>): MailboxOverview {
  return {
    mailboxId: r.mailbox_id,
    tenantId: r.tenant_id,
    email: r.email,
    displayName: r.display_name,
    provider: r.provider as MailboxProvider,
    state: r.state as MailboxState,
    pausedAt: r.paused_at,
    pausedBy: r.paused_by,
    lastSessionAt: r.last_session_at,
    lastSuccessAt: r.last_success_at,
    lastErrorCode: r.last_error_code,
    lastErrorMessage: r.last_error_message,
    families,
    openHolds: Number(r.open_holds),
  };
}

async function insertAudit(q: Queryable, tenantId: string, record: AuditRecord): Promise<void> {
  await q.query('INSERT INTO admin_audit (tenant_id, actor, action, target, detail) VALUES ($1, $2, $3, $4, $5::jsonb)', [tenantId, record.actor, record.action, record.target, JSON.stringify(record.detail)]);
}

export class SqlAdminMailboxes implements AdminMailboxes {
  constructor(private readonly db: Database) {}

  async page(tenantId: string, query: MailboxPageQuery): Promise<{ rows: MailboxOverview[]; more: boolean }> {
    const params: unknown[] = [tenantId];
    const where: string[] = [];
    if (query.after) where.push(`(o.email, o.mailbox_id) > ($${params.push(query.after.email)}, $${params.push(query.after.mailboxId)})`);
    // A LIKE pattern from the admin's words: % and _ are taken literally.
    if (query.q) where.push(`(o.email ILIKE $${params.push(`%${query.q.replace(/[\\%_]/g, '\\$&')}%`)} OR o.display_name ILIKE $${params.length})`);
    if (query.state) where.push(`o.state = $${params.push(query.state)}`);
    if (query.provider) where.push(`o.provider = $${params.push(query.provider)}`);
    const { rows } = await this.db.query<OverviewRow>(
      `SELECT * FROM (${OVERVIEW}) o ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY o.email, o.mailbox_id LIMIT $${params.push(query.limit + 1)}`,
      params,
    );
    const page = rows.slice(0, query.limit);
    const counts = await familyCounts(this.db, page.map((r) => r.mailbox_id));
    return { rows: page.map((r) => overviewOf(r, counts.get(r.mailbox_id) ?? {})), more: rows.length > query.limit };
  }

  async find(tenantId: string, idOrEmail: string): Promise<MailboxOverview | null> {
    const { rows } = await this.db.query<OverviewRow>(`${OVERVIEW} AND (m.mailbox_id = $2 OR m.email = lower($2)) ORDER BY m.mailbox_id = $2 DESC LIMIT 1`, [tenantId, idOrEmail]);
    const row = rows[0];
    if (!row) return null;
    return overviewOf(row, (await familyCounts(this.db, [row.mailbox_id])).get(row.mailbox_id) ?? {});
  }

  async setPaused(tenantId: string, mailboxId: string, pause: { at: string } | null, audit: AuditRecord): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const changed = pause
        ? await tx.query('UPDATE mailboxes SET paused_at = $2, paused_by = $3, updated_at = now() WHERE mailbox_id = $1 AND tenant_id = $4 AND paused_at IS NULL', [mailboxId, pause.at, audit.actor, tenantId])
        : await tx.query('UPDATE mailboxes SET paused_at = NULL, paused_by = NULL, updated_at = now() WHERE mailbox_id = $1 AND tenant_id = $2 AND paused_at IS NOT NULL', [mailboxId, tenantId]);
      if (changed.rowCount === 0) return false;
      await insertAudit(tx, tenantId, audit);
      return true;
    });
  }

  async logOf(mailboxId: string, event: 'session' | 'conflict', limit: number): Promise<SyncLogEntry[]> {
    const { rows } = await this.db.query<LogRow>(
      'SELECT at, session_id, mailbox_id, pair_id, event, outcome, code, message, detail FROM sync_log WHERE mailbox_id = $1 AND event = $2 ORDER BY id DESC LIMIT $3',
      [mailboxId, event, limit],
    );
    return rows.map(logFromRow);
  }

  async errorsOf(mailboxId: string, limit: number): Promise<PairInError[]> {
    const { rows } = await this.db.query<Record<string, string | null>>(
      `SELECT pair_id, family, kind, last_error_code, last_error_message, error_since, outlook_id, crm_object_id
         FROM sync_pairs WHERE mailbox_id = $1 AND status = 'error' ORDER BY error_since NULLS LAST, pair_id LIMIT $2`,
      [mailboxId, limit],
    );
    return rows.map((r) => ({
      pairId: String(r.pair_id),
      family: String(r.family),
      kind: String(r.kind),
      code: r.last_error_code ?? null,
      message: r.last_error_message ?? null,
      since: r.error_since ?? null,
      outlookId: r.outlook_id ?? null,
      crmObjectId: r.crm_object_id ?? null,
    }));
  }

  async retryItem(tenantId: string, mailboxId: string, pairId: string, audit: AuditRecord): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const found = await tx.query("SELECT 1 FROM sync_pairs WHERE mailbox_id = $1 AND pair_id = $2 AND status = 'error'", [mailboxId, pairId]);
      if (found.rowCount === 0) return false;
      await insertAudit(tx, tenantId, audit);
      return true;
    });
  }

  async forgetCursors(tenantId: string, mailboxId: string, audit: AuditRecord): Promise<number> {
    return this.db.transaction(async (tx) => {
      const { rowCount } = await tx.query(`DELETE FROM cursors WHERE kind IN (${GROUPWARE_CURSORS}) AND scope_id = $1`, [mailboxId]);
      await insertAudit(tx, tenantId, { ...audit, detail: { ...audit.detail, cursorsForgotten: rowCount } });
      return rowCount;
    });
  }
}
