// C4C delete notifications awaiting confirmation (ports/crm-delete-notes.ts), over SQL.
import type { CrmDeleteHint } from '../../ports/crm-delete-notes.js';
import type { Queryable } from './database.js';

export async function noteCrmDelete(db: Queryable, tenantId: string, kind: string, objectId: string): Promise<void> {
  await db.query(
    `INSERT INTO crm_delete_hints (tenant_id, object_id, kind) VALUES ($1, $2, $3)
     ON CONFLICT (tenant_id, object_id) DO NOTHING`,
    [tenantId, objectId, kind],
  );
}

export async function listCrmDeleteHints(db: Queryable, tenantId: string): Promise<CrmDeleteHint[]> {
  const { rows } = await db.query<{ object_id: string; kind: string; noted_at: Date | string }>(
    'SELECT object_id, kind, noted_at FROM crm_delete_hints WHERE tenant_id = $1 ORDER BY noted_at, object_id',
    [tenantId],
  );
  return rows.map((r) => ({ tenantId, objectId: r.object_id, kind: r.kind, notedAt: new Date(r.noted_at).toISOString() }));
}

export async function dropCrmDeleteHints(db: Queryable, tenantId: string, objectIds: readonly string[]): Promise<void> {
  if (objectIds.length === 0) return;
  await db.query('DELETE FROM crm_delete_hints WHERE tenant_id = $1 AND object_id = ANY(SELECT jsonb_array_elements_text($2::jsonb))', [
    tenantId,
    JSON.stringify(objectIds),
  ]);
}
