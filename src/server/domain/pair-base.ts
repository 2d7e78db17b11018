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
 * For bases stored before the sync state kept digests (they held the merged values): the digests-only base of one,
 * with its family's canonical forms and its tenant's key; null for a family this service does not know.
 */
export function legacyBaseSealer(families: readonly Pick<ItemFamily<never>, 'name' | 'canonicalFields' | 'spanOf'>[], sealer: StateSealer) {
  const byName = new Map(families.map((f) => [f.name, f]));
  return ({ family, tenantId, base }: { family: string; tenantId: string; base: object }): PairBase | null => {
    const owner = byName.get(family);
    if (isPairBase(base)) return base;
    return owner ? pairBaseOf(owner, sealer(tenantId), base as never) : null;
  };
}
