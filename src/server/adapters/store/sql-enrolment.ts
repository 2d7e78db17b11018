// The enrolment policy (ports/enrolment.ts) in `tenants.enrolment` and `mailboxes.enrolment` (migration 0020). A
// policy applied, or one mailbox enrolled or removed, commits with its audit row: there is no change without its record.
import { checkEnrolmentPolicy } from '../../../shared/admin-enrolment-api.js';
import { DEFAULT_ENROLMENT, type EnrolmentOverride, type EnrolmentPolicy } from '../../domain/enrolment.js';
import type { AuditRecord } from '../../ports/admin-console.js';
import type { EnrolmentStore, KnownMailboxRow, StoredEnrolment } from '../../ports/enrolment.js';
import type { Database, Queryable } from './database.js';
import { insertAudit } from './sql-admin-console.js';

interface StoredJson {
  policy?: unknown;
  updatedAt?: string;
  updatedBy?: string;
}

function storedOf(value: StoredJson | string | null | undefined): StoredEnrolment {
  const json: StoredJson | null = typeof value === 'string' ? (JSON.parse(value) as StoredJson) : (value ?? null);
  const checked = json ? checkEnrolmentPolicy(json.policy) : null;
  // A row this version cannot read (written by a newer one) counts as the default rather than stopping every start.
  if (!json || !checked?.ok) return { policy: DEFAULT_ENROLMENT, updatedAt: null, updatedBy: null };
  return { policy: checked.policy, updatedAt: json.updatedAt ?? null, updatedBy: json.updatedBy ?? null };
}

async function readIn(q: Queryable, tenantId: string, lock = false): Promise<StoredEnrolment> {
  const { rows } = await q.query<{ enrolment: StoredJson | string | null }>(`SELECT enrolment FROM tenants WHERE tenant_id = $1${lock ? ' FOR UPDATE' : ''}`, [tenantId]);
  return storedOf(rows[0]?.enrolment);
}

export class SqlEnrolment implements EnrolmentStore {
  constructor(private readonly db: Database) {}

  readPolicy(tenantId: string): Promise<StoredEnrolment> {
    return readIn(this.db, tenantId);
  }

  async knownMailboxes(tenantId: string): Promise<KnownMailboxRow[]> {
    const { rows } = await this.db.query<{ mailbox_id: string; email: string; display_name: string; enabled: boolean; enrolment: EnrolmentOverride | null }>(
      'SELECT mailbox_id, email, display_name, enabled, enrolment FROM mailboxes WHERE tenant_id = $1 ORDER BY email, mailbox_id',
      [tenantId],
    );
    return rows.map((r) => ({ mailboxId: r.mailbox_id, email: r.email, displayName: r.display_name, enabled: r.enabled, override: r.enrolment }));
  }

  async applyPolicy(tenantId: string, policy: EnrolmentPolicy, change: { enable: readonly string[]; disable: readonly string[] }, audit: AuditRecord): Promise<StoredEnrolment> {
    return this.db.transaction(async (tx) => {
      await tx.query('INSERT INTO tenants (tenant_id) VALUES ($1) ON CONFLICT (tenant_id) DO NOTHING', [tenantId]);
      await readIn(tx, tenantId, true);
      const stored: StoredEnrolment = { policy, updatedAt: new Date().toISOString(), updatedBy: audit.actor };
      await tx.query('UPDATE tenants SET enrolment = $2::jsonb, updated_at = now() WHERE tenant_id = $1', [tenantId, JSON.stringify(stored)]);
      await tx.query('UPDATE mailboxes SET enrolment = NULL WHERE tenant_id = $1 AND enrolment IS NOT NULL', [tenantId]);
      for (const [ids, enabled] of [[change.enable, true], [change.disable, false]] as const) {
        if (ids.length === 0) continue;
        await tx.query('UPDATE mailboxes SET enabled = $3, updated_at = now() WHERE tenant_id = $1 AND mailbox_id IN (SELECT jsonb_array_elements_text($2::jsonb))', [tenantId, JSON.stringify(ids), enabled]);
      }
      await insertAudit(tx, tenantId, audit);
      return stored;
    });
  }

  async setMailboxEnrolment(tenantId: string, mailboxId: string, decision: EnrolmentOverride, audit: AuditRecord): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const enabled = decision === 'enrolled';
      const changed = await tx.query(
        'UPDATE mailboxes SET enrolment = $3, enabled = $4, updated_at = now() WHERE mailbox_id = $1 AND tenant_id = $2 AND (enabled <> $4 OR enrolment IS DISTINCT FROM $3)',
        [mailboxId, tenantId, decision, enabled],
      );
      if (changed.rowCount === 0) return false;
      await insertAudit(tx, tenantId, audit);
      return true;
    });
  }
}
