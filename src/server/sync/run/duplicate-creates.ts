// One groupware item per CRM record in a mailbox (R14, known bug 11). A family whose create may take an existing
// record (contacts: the duplicate check by e-mail, ItemFamily.unlinkPatch) can be answered with a record another pair
// of the mailbox holds already: the copy of a listed record (made before, or by this very session), or the record an
// earlier create of another contact made or took. The store keeps one pair per record and mailbox (a unique key), so
// such a create is not linked: its item loses the sync categories (groupware-links.ts writes that instead of the
// link) and its pair is recorded closed without the record. The item keeps what its user typed; nothing is written to
// the CRM, and the pair that held the record first keeps it.
import type { ItemFamily } from '../../domain/family.js';
import type { SyncSettings } from '../../domain/settings.js';
import type { CrmRecord, GroupwareItemPresent } from '../../domain/snapshots.js';
import type { SyncPair } from '../../domain/sync-pair.js';
import type { GroupOutcome } from './apply.js';

/**
 * The pairs (by id) whose create this session answered with a record another pair holds: the mailbox's rows as read,
 * whatever their status (the store's key counts them all), the rows this session plans, and the creates before it.
 */
export function duplicateCreates<G extends GroupwareItemPresent, C extends CrmRecord<G['fields']>>(
  family: Pick<ItemFamily<G, C>, 'unlinkPatch'>,
  pairs: readonly Pick<SyncPair<object, string>, 'pairId' | 'crmObjectId'>[],
  outcomes: readonly GroupOutcome<G, C>[],
): Set<string> {
  const duplicates = new Set<string>();
  if (!family.unlinkPatch) return duplicates;
  const holder = new Map<string, string>();
  for (const p of [...pairs, ...outcomes.map((o) => o.group.record.pair)]) if (p.crmObjectId !== null && !holder.has(p.crmObjectId)) holder.set(p.crmObjectId, p.pairId);
  for (const { group, applied } of outcomes) {
    for (const { action, result } of applied) {
      if (action.type !== 'createCrm') continue;
      const held = holder.get(result.id);
      if (held !== undefined && held !== group.pairId) duplicates.add(group.pairId);
      else holder.set(result.id, group.pairId);
    }
  }
  return duplicates;
}

/** What the released item's categories lose: every sync category of the family, and the error category. */
export function releaseEdit(family: Pick<ItemFamily<GroupwareItemPresent, CrmRecord>, 'syncCategories'>, settings: SyncSettings): { add: string[]; remove: string[] } {
  return { add: [], remove: [...family.syncCategories(settings), settings.categories.error] };
}
