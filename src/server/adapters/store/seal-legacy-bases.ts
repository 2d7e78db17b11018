// Bases written before the sync state kept digests held the merged values themselves (subject, body, location,
// attendees …). At start-up, before any session, each such row is sealed: its values are hashed into the digests a
// base keeps now and dropped, in batches, without a resync (docs/privacy.md). Idempotent: sealed rows are skipped,
// and the query matches the partial index of migration 0008, so a start with nothing to seal reads an empty index.
import type { Database } from './database.js';

/** The digests-only base of a stored legacy base (the composition root binds the families and the keys). */
export type SealLegacyBase = (pair: { family: string; tenantId: string; base: object }) => object | null;

const BATCH = 500;

export async function sealLegacyBases(db: Database, seal: SealLegacyBase): Promise<number> {
  let sealed = 0;
  // Keyset paging, so a row the seal could not turn into digests (stored as SQL NULL) is never read twice.
  let after = '';
  for (;;) {
    const { rows } = await db.query<{ pair_id: string; family: string; tenant_id: string; base: object }>(
      `SELECT p.pair_id, p.family, m.tenant_id, p.base
         FROM sync_pairs p JOIN mailboxes m ON m.mailbox_id = p.mailbox_id
        WHERE p.base IS NOT NULL AND NOT (p.base ? 'digests') AND p.pair_id > $1
        ORDER BY p.pair_id LIMIT ${BATCH}`,
      [after],
    );
    if (rows.length === 0) return sealed;
    const updates = rows.map((r) => ({ pairId: r.pair_id, base: seal({ family: r.family, tenantId: r.tenant_id, base: r.base }) }));
    await db.transaction(async (tx) => {
      await tx.query(
        `UPDATE sync_pairs p SET base = CASE WHEN jsonb_typeof(u.base) = 'object' THEN u.base END
           FROM jsonb_to_recordset($1::jsonb) AS u(pair_id text, base jsonb)
          WHERE p.pair_id = u.pair_id`,
        [JSON.stringify(updates.map((u) => ({ pair_id: u.pairId, base: u.base })))],
      );
    });
    sealed += rows.length;
    after = rows[rows.length - 1]!.pair_id;
    if (rows.length < BATCH) return sealed;
  }
}
