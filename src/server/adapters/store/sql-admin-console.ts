// The admin console's settings and audit trail (ports/admin-console.ts) in `tenants.settings` and `admin_audit`
// (migration 0015). A settings change and its audit row commit together: there is no change without its record.
import { isDeepStrictEqual } from 'node:util';
import { withDefaults, type SyncSettings } from '../../domain/settings.js';
import type { AdminConsoleStore, AuditEntry, AuditPage, AuditRecord, StoredSettings } from '../../ports/admin-console.js';
import type { Database, Queryable } from './database.js';

/** The cursors of a mailbox's own reads (delta links, sync tokens); the tenant's C4C high-water mark is not one. */
export const GROUPWARE_CURSORS = "'graphDelta', 'todoDelta', 'contactDelta', 'googleSync'";

interface AuditRow extends Record<string, unknown> {
  id: string | number;
  at: Date | string;
  actor: string;
  action: string;
  target: string | null;
  detail: Record<string, unknown> | string;
}

const entryOf = (r: AuditRow): AuditEntry => ({
  id: String(r.id),
  at: new Date(r.at).toISOString(),
  actor: r.actor,
  action: r.action,
  target: r.target,
  detail: typeof r.detail === 'string' ? (JSON.parse(r.detail) as Record<string, unknown>) : r.detail,
});

export async function insertAudit(q: Queryable, tenantId: string, record: AuditRecord): Promise<void> {
  await q.query('INSERT INTO admin_audit (tenant_id, actor, action, target, detail) VALUES ($1, $2, $3, $4, $5::jsonb)', [
    tenantId,
    record.actor,
    record.action,
    record.target,
    JSON.stringify(record.detail),
  ]);
}

export class SqlAdminConsole implements AdminConsoleStore {
  constructor(private readonly db: Database) {}

  async readSettings(tenantId: string): Promise<StoredSettings> {
    const { rows } = await this.db.query<{ settings: Partial<SyncSettings> | null; updated_at: Date | string }>(
      'SELECT settings, updated_at FROM tenants WHERE tenant_id = $1',
      [tenantId],
    );
    const row = rows[0];
    return { settings: withDefaults(row?.settings ?? {}), updatedAt: row?.settings ? new Date(row.updated_at).toISOString() : null };
  }

  async updateSettings<R>(tenantId: string, decide: (current: SyncSettings) => { next: SyncSettings | null; audit: AuditRecord | null; rereads?: boolean; result: R }): Promise<R> {
    return this.db.transaction(async (tx) => {
      await tx.query('INSERT INTO tenants (tenant_id) VALUES ($1) ON CONFLICT (tenant_id) DO NOTHING', [tenantId]);
      const { rows } = await tx.query<{ settings: Partial<SyncSettings> | null }>('SELECT settings FROM tenants WHERE tenant_id = $1 FOR UPDATE', [tenantId]);
      const { next, audit, rereads, result } = decide(withDefaults(rows[0]?.settings ?? {}));
      if (next) await tx.query('UPDATE tenants SET settings = $2::jsonb, updated_at = now() WHERE tenant_id = $1', [tenantId, JSON.stringify(next)]);
      if (next && rereads) await tx.query(`DELETE FROM cursors WHERE kind IN (${GROUPWARE_CURSORS}) AND scope_id IN (SELECT mailbox_id FROM mailboxes WHERE tenant_id = $1)`, [tenantId]);
      if (audit) await insertAudit(tx, tenantId, audit);
      return result;
    });
  }

  /**
   * The precedence rule at start: the environment's settings seed the database when it holds none, and fill the
   * settings it lacks (added by a newer version); what it holds stays. Returns the settings that apply.
   */
  async seedSettings(tenantId: string, environment: SyncSettings): Promise<SyncSettings> {
    return this.db.transaction(async (tx) => {
      await tx.query('INSERT INTO tenants (tenant_id) VALUES ($1) ON CONFLICT (tenant_id) DO NOTHING', [tenantId]);
      const { rows } = await tx.query<{ settings: Partial<SyncSettings> | null }>('SELECT settings FROM tenants WHERE tenant_id = $1 FOR UPDATE', [tenantId]);
      const stored = rows[0]?.settings ?? null;
      const seeded = withDefaults(stored ?? {}, environment);
      // jsonb keeps its own key order: compare the values, so a start that changes nothing writes nothing.
      if (!isDeepStrictEqual(seeded, stored)) {
        await tx.query('UPDATE tenants SET settings = $2::jsonb, updated_at = now() WHERE tenant_id = $1', [tenantId, JSON.stringify(seeded)]);
      }
      return seeded;
    });
  }

  async recordAudit(tenantId: string, record: AuditRecord): Promise<void> {
    await insertAudit(this.db, tenantId, record);
  }

  async listAudit(tenantId: string, page: { before?: string; limit: number; target?: string }): Promise<AuditPage> {
    const params: unknown[] = [tenantId, page.limit + 1];
    let where = 'tenant_id = $1';
    if (page.before !== undefined) where += ` AND id < $${params.push(page.before)}::bigint`;
    if (page.target !== undefined) where += ` AND target = $${params.push(page.target)}`;
    const { rows } = await this.db.query<AuditRow>(`SELECT id, at, actor, action, target, detail FROM admin_audit WHERE ${where} ORDER BY id DESC LIMIT $2`, params);
    const entries = rows.slice(0, page.limit).map(entryOf);
    return { entries, next: rows.length > page.limit ? (entries.at(-1)?.id ?? null) : null };
  }
}
