// The base a pair stores for a family's item: keyed digests of the fields its merge compares, and the days it spans
// (domain/state-digest.ts). Used by the planner for every synced pair and at start-up to seal bases stored before.
import type { FieldsOf, ItemFamily } from './family.js';
import type { GroupwareItemPresent } from './snapshots.js';
import { daySpan, digestsOf, isPairBase, type PairBase, type StateSeal, type StateSealer } from './state-digest.js';

export function pairBaseOf<G extends GroupwareItemPresent>(family: Pick<ItemFamily<G>, 'canonicalFields' | 'spanOf'>, seal: StateSeal, fields: FieldsOf<G>): PairBase {
  const span = family.spanOf?.(fields);
  return { digests: digestsOf(seal, family.canonicalFields(fields)), span: span ? daySpan(span.startUtc, span.endUtc) : null };
}

/**
 * For rows stored before the sync state kept digests: their base held the merged values, and their whole-item
 * hashes were the family's unkeyed hashes. Sealed, the base becomes digests and the hashes their keyed form (what
 * a session compares: plan-context.ts sealedHash), with the family's canonical forms and the tenant's key. A family
 * this service does not know gets no base (its next merge has no common ancestor) and no hashes.
 */
export function legacyBaseSealer(families: readonly Pick<ItemFamily<never>, 'name' | 'canonicalFields' | 'spanOf'>[], sealer: StateSealer) {
  const byName = new Map(families.map((f) => [f.name, f]));
  return (row: { family: string; tenantId: string; base: object; outlookHash: string | null; crmHash: string | null }) => {
    const owner = byName.get(row.family);
    if (isPairBase(row.base)) return { base: row.base, outlookHash: row.outlookHash, crmHash: row.crmHash };
    if (!owner) return { base: null, outlookHash: null, crmHash: null };
    const seal = sealer(row.tenantId);
    const keyed = (hash: string | null) => (hash === null ? null : seal.item(hash));
    return { base: pairBaseOf(owner, seal, row.base as never), outlookHash: keyed(row.outlookHash), crmHash: keyed(row.crmHash) };
  };
}
