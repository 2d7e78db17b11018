// Tenant pairings (ports/tenant-pairing.ts) in the tenant_pairings table, and the re-pairing that forgets a
// tenant's sync state of the old system in the same transaction as it records the new one.
import type { TenantPairing, TenantPairings } from '../../ports/tenant-pairing.js';
import type { Database, Queryable } from './database.js';

interface PairingRow extends Record<string, unknown> {
  tenant_id: string;
  graph_tenant_id: string | null;
  crm_service_root: string;
  crm_system_id: string;
  paired_at: Date | string;
  paired_by: string | null;
}

const fromRow = (r: PairingRow): TenantPairing => ({
  tenantId: r.tenant_id,
  graphTenantId: r.graph_tenant_id,
  serviceRoot: r.crm_service_root,
  systemId: r.crm_system_id,
  pairedAt: new Date(r.paired_at).toISOString(),
  pairedBy: r.paired_by,
});

const OF_TENANT = 'mailbox_id IN (SELECT mailbox_id FROM mailboxes WHERE tenant_id = $1)';

/** What the old system's sync state is made of; the sync log and the mailboxes themselves stay. */
const FORGET = [
  // First the names of its records, which Outlook items go on carrying (migrations/0019-forgotten-crm-records.ts).
  // Run before the new pairing is recorded: the names belong to the system paired until now.
  `INSERT INTO forgotten_crm_records (tenant_id, crm_system_id, crm_object_id)
   SELECT DISTINCT $1, p.crm_system_id, s.crm_object_id
     FROM sync_pairs s JOIN tenant_pairings p ON p.tenant_id = $1
    WHERE s.crm_object_id IS NOT NULL AND s.${OF_TENANT}
   ON CONFLICT DO NOTHING`,
  `DELETE FROM sync_pairs WHERE ${OF_TENANT}`,
  `DELETE FROM crm_inbox WHERE ${OF_TENANT}`,
  `DELETE FROM write_intents WHERE ${OF_TENANT}`,
  `DELETE FROM pending_creates WHERE ${OF_TENANT}`,
  `DELETE FROM guard_holds WHERE ${OF_TENANT} AND status IN ('held', 'released')`,
  'DELETE FROM crm_delete_hints WHERE tenant_id = $1',
  "DELETE FROM cursors WHERE kind = 'crmHighWater' AND scope_id = $1",
  `DELETE FROM cursors WHERE kind <> 'crmHighWater' AND scope_id IN (SELECT mailbox_id FROM mailboxes WHERE tenant_id = $1)`,
];

async function upsert(q: Queryable, p: TenantPairing): Promise<void> {
  await q.query(
    `INSERT INTO tenant_pairings (tenant_id, graph_tenant_id, crm_service_root, crm_system_id, paired_at, paired_by)
     VALUES ($1, $2, $3, $4, $5::timestamptz, $6)
     ON CONFLICT (tenant_id) DO UPDATE SET graph_tenant_id = EXCLUDED.graph_tenant_id, crm_service_root = EXCLUDED.crm_service_root,
       crm_system_id = EXCLUDED.crm_system_id, paired_at = EXCLUDED.paired_at, paired_by = EXCLUDED.paired_by`,
    [p.tenantId, p.graphTenantId, p.serviceRoot, p.systemId, p.pairedAt, p.pairedBy],
  );
}

export class SqlTenantPairings implements TenantPairings {
  constructor(private readonly db: Database) {}

  async get(tenantId: string): Promise<TenantPairing | null> {
    const { rows } = await this.db.query<PairingRow>('SELECT * FROM tenant_pairings WHERE tenant_id = $1', [tenantId]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async pairIfNew(pairing: TenantPairing): Promise<TenantPairing> {
    // Two processes starting together both find no pairing: the first insert wins, the other reads it back.
    await this.db.query(
      `INSERT INTO tenant_pairings (tenant_id, graph_tenant_id, crm_service_root, crm_system_id, paired_at, paired_by)
       VALUES ($1, $2, $3, $4, $5::timestamptz, $6) ON CONFLICT (tenant_id) DO NOTHING`,
      [pairing.tenantId, pairing.graphTenantId, pairing.serviceRoot, pairing.systemId, pairing.pairedAt, pairing.pairedBy],
    );
    return (await this.get(pairing.tenantId)) as TenantPairing;
  }

  async repair(pairing: TenantPairing): Promise<{ pairsForgotten: number }> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM sync_pairs WHERE ${OF_TENANT}`, [pairing.tenantId]);
      for (const statement of FORGET) await tx.query(statement, [pairing.tenantId]);
      await upsert(tx, pairing);
      return { pairsForgotten: rows[0]?.n ?? 0 };
    });
  }
}
