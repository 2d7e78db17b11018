// Bases written before the sync state kept digests held the merged values themselves (subject, body, location,
// attendees …). At start-up, before any session, each such row is sealed: its values are hashed into the digests a
// base keeps now and dropped, in batches, without a resync (docs/privacy.md). The row's whole-item hashes, written
// unkeyed by the same old code, are keyed too, so its next session does not take both sides for changed. Idempotent:
// sealed rows are skipped,
// and the query matches the partial index of migration 0008, so a start with nothing to seal reads an empty index.
import type { Database } from './database.js';

/** A legacy row as stored, and as sealed (the composition root binds the families and the keys). */
export interface LegacyPairState {
  family: string;
  tenantId: string;
  base: object;
  outlookHash: string | null;
  crmHash: string | null;
}
export type SealLegacyBase = (pair: LegacyPairState) => { base: object | null; outlookHash: string | null; crmHash: string | null };

const BATCH = 500;

export async function sealLegacyBases(db: Database, seal: SealLegacyBase): Promise<number> {
  let sealed = 0;
  // Keyset paging, so a row the seal could not turn into digests (stored as SQL NULL) is never read twice.
  let after = '';
  for (;;) {
    const { rows } = await db.query<{ pair_id: string; family: string; tenant_id: string; base: object; outlook_hash: string | null; crm_hash: string | null }>(
      `SELECT p.pair_id, p.family, m.tenant_id, p.base, p.outlook_hash, p.crm_hash
         FROM sync_pairs p JOIN mailboxes m ON m.mailbox_id = p.mailbox_id
        WHERE p.base IS NOT NULL AND NOT (p.base ? 'digests') AND p.pair_id > $1
        ORDER BY p.pair_id LIMIT ${BATCH}`,
      [after],
    );
    if (rows.length === 0) return sealed;
    const updates = rows.map((r) => {
      const sealedRow = seal({ family: r.family, tenantId: r.tenant_id, base: r.base, outlookHash: r.outlook_hash, crmHash: r.crm_hash });
      return { pair_id: r.pair_id, base: sealedRow.base, outlook_hash: sealedRow.outlookHash, crm_hash: sealedRow.crmHash };
    });
    await db.transaction(async (tx) => {
      await tx.query(
        `UPDATE sync_pairs p SET base = CASE WHEN jsonb_typeof(u.base) = 'object' THEN u.base END,
                outlook_hash = u.outlook_hash, crm_hash = u.crm_hash
           FROM jsonb_to_recordset($1::jsonb) AS u(pair_id text, base jsonb, outlook_hash text, crm_hash text)
          WHERE p.pair_id = u.pair_id`,
        [JSON.stringify(updates)],
      );
    });
    sealed += rows.length;
    after = rows[rows.length - 1]!.pair_id;
    if (rows.length < BATCH) return sealed;
  }
}
