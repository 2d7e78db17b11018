// R12, family-blind: three-way merge of the two sides against the last synced values. A unit (one field, or
// fields that only make sense together) changed on one side only is taken from that side; changed on both sides
// to different values, it is a conflict decided by the tenant's winner. A family says what its units are and
// what "equal" means for each field (domain/merge.ts for the calendar).
import type { MergeInput, MergeResult } from './family.js';
import type { BaseView } from './state-digest.js';
import type { WriteIntent } from './write-intent.js';

export interface MergeRules<F extends object> {
  /** The merge units, each a list of field names; every field merged both ways is in exactly one. */
  units: readonly (readonly string[])[];
  /** Whether two items hold the same value of a field (in the canonical form both sides can carry). */
  equal(a: F, b: F, field: string): boolean;
  /** The value the groupware side gets when the CRM side's value of a field wins (default: the CRM value). */
  toOutlook?(field: string, crm: F, outlook: F): unknown;
}

function unitEqual<F extends object>(rules: MergeRules<F>, a: F, b: F, unit: readonly string[]): boolean {
  return unit.every((f) => rules.equal(a, b, f));
}

/**
 * Whether a side's value of a unit is one we wrote to it in a session that then died before recording it. The
 * write made both sides agree on the intended value, so that value, not the recorded base, is what a user's later
 * edit on either side changed.
 */
function holdsOurWrite<F extends object>(rules: MergeRules<F>, ours: WriteIntent<F>, side: 'outlook' | 'crm', item: F, unit: readonly string[]): boolean {
  const written = side === 'outlook' ? ours.outlookFields : ours.crmFields;
  return unit.every((field) => written.includes(field)) && unitEqual(rules, item, ours.intended, unit);
}

export function mergeUnits<F extends object, K extends string>(rules: MergeRules<F>, input: MergeInput<F, K>): MergeResult<F> {
  const { base, outlook, crm, winner, ours } = input;
  const outlookPatch: Record<string, unknown> = {};
  const crmPatch: Record<string, unknown> = {};
  const conflicts: string[] = [];
  for (const unit of rules.units) {
    if (unitEqual(rules, outlook, crm, unit)) continue;
    // A side that holds a write of ours the last session did not record: both sides last agreed on its value.
    const intended = ours && (holdsOurWrite(rules, ours, 'outlook', outlook, unit) || holdsOurWrite(rules, ours, 'crm', crm, unit)) ? ours.intended : null;
    const holdsBase = (item: F): boolean =>
      intended ? unitEqual(rules, item, intended, unit) : base !== null && unit.every((field) => base.holds(item, field));
    const outlookChanged = !holdsBase(outlook);
    const crmChanged = !holdsBase(crm);
    let take: 'outlook' | 'crm';
    if (outlookChanged && !crmChanged) take = 'outlook';
    else if (crmChanged && !outlookChanged) take = 'crm';
    else {
      // Both changed (or neither, which means the sides drifted apart): the tenant's winner decides.
      take = winner;
      if (outlookChanged) conflicts.push(...unit);
    }
    for (const field of unit) {
      if (take === 'outlook') crmPatch[field] = (outlook as Record<string, unknown>)[field];
      else outlookPatch[field] = rules.toOutlook ? rules.toOutlook(field, crm, outlook) : (crm as Record<string, unknown>)[field];
    }
  }
  return { outlookPatch: outlookPatch as Partial<F>, crmPatch: crmPatch as Partial<F>, conflicts };
}

/** A base backed by an item (no digests): what the merge did before the base was kept as digests; for tests. */
export function baseOfItem<F extends object>(rules: Pick<MergeRules<F>, 'equal'>, item: F): BaseView<F> {
  return { holds: (other, field) => rules.equal(other, item, field) };
}
