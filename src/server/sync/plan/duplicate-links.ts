// One groupware item per CRM record in a mailbox (R14, known bug 11). A family whose creates may take an existing
// record (contacts: the duplicate check by e-mail) can end with two live pairs naming one record: a contact made in
// Outlook with the address of a listed record, whose copy the folder holds (or gets in the same session), or two
// contacts made with one address. The item that mirrored the record first keeps it; the newcomer made in groupware is
// released: the record's name and the sync categories come off it, its notes say why (ItemFamily.releaseNotice), and
// its pair closes. Its content stays as its user typed it and nothing is written to the CRM: the record and its copy are already in step, and the newcomer has no
// agreed state to merge against (R12 would have no base for either Outlook contact). The session releases such a
// create before recording it (run/duplicate-creates.ts); this catches two live pairs that a crash left.
import { applyPatch, type FieldsOf } from '../../domain/family.js';
import type { CrmRecord, GroupwareItem, GroupwareItemPresent } from '../../domain/snapshots.js';
import { groupOf, type PlanContext } from './plan-context.js';
import type { GroupOf, PairOf } from './plan-types.js';

const live = (p: { status: string }) => p.status === 'synced' || p.status === 'error';

/**
 * The one that keeps the record: a pair with an agreed state first (a create that took an existing record is recorded
 * without one), then the CRM's own copy (the sync list's), then the older id order for a stable choice.
 */
function keeperFirst<P extends { pairId: string; base: unknown; origin: string }>(a: P, b: P): number {
  const rank = (p: P) => (p.base !== null ? 0 : 2) + (p.origin === 'crm' ? 0 : 1);
  return rank(a) - rank(b) || (a.pairId < b.pairId ? -1 : a.pairId > b.pairId ? 1 : 0);
}

/**
 * The groups that release the newcomers among live pairs naming one record, by pair id. Only an item made in
 * groupware that this session read, and that names the record or nothing, is released; any other stays as it was
 * (read next session, as the pair's retry re-reads it).
 */
export function releasedDuplicates<G extends GroupwareItemPresent, C extends CrmRecord<FieldsOf<G>>>(
  ctx: PlanContext<G, C>,
  pairs: readonly PairOf<G, C>[],
  outlookOf: (pairId: string) => GroupwareItem<G> | undefined,
): Map<string, GroupOf<G, C>> {
  const released = new Map<string, GroupOf<G, C>>();
  const { family } = ctx;
  const patch = family.unlinkPatch;
  if (!patch) return released;
  const byRecord = new Map<string, PairOf<G, C>[]>();
  for (const pair of pairs) if (live(pair) && pair.crmObjectId !== null) byRecord.set(pair.crmObjectId, [...(byRecord.get(pair.crmObjectId) ?? []), pair]);
  for (const [crmObjectId, named] of byRecord) {
    if (named.length < 2) continue;
    const [keeper, ...others] = [...named].sort(keeperFirst);
    const held = keeper ? outlookOf(keeper.pairId) : undefined;
    const holder = held && !held.removed ? held.fields : null;
    for (const pair of others) {
      const item = outlookOf(pair.pairId);
      if (pair.origin !== 'outlook' || !item || item.removed) continue;
      const names = family.crmObjectIdOf?.(item) ?? null;
      if (names !== null && names !== crmObjectId) continue;
      const remove = [...family.syncCategories(ctx.settings), ctx.settings.categories.error];
      const notice = family.duplicateNotice ?? 'This item names a record another item mirrors already; it is no longer synced.';
      const told = family.releaseNotice?.(holder);
      // Without the record: the store keeps one pair per record and mailbox, closed ones too.
      const row = { ...pair, status: 'closed' as const, outlookId: item.id, outlookVersion: item.version, crmObjectId: null, crmVersion: null, crmHash: null, base: null, lastError: null, errorSince: null, updatedAt: ctx.now };
      released.set(
        pair.pairId,
        groupOf(row, [
          { type: 'updateOutlook', pairId: pair.pairId, mailboxId: ctx.mailbox.mailboxId, outlookId: item.id, ifMatch: item.version, patch, after: applyPatch(item.fields, patch), before: item.fields, categoryEdit: { add: [], remove }, ...(told !== undefined ? { notice: told } : {}) },
          { type: 'unlink', pairId: pair.pairId, mailboxId: ctx.mailbox.mailboxId, reason: notice },
        ]),
      );
    }
  }
  return released;
}
