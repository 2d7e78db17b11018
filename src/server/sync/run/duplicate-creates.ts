// One groupware item per CRM record in a mailbox (R14, known bug 11). A family whose create may take an existing
// record (contacts: the duplicate check by e-mail, ItemFamily.unlinkPatch) can be answered with a record another pair
// of the mailbox holds already: the copy of a listed record (made before, or by this very session), or the record an
// earlier create of another contact made or took. The store keeps one pair per record and mailbox (a unique key), so
// such a create is not linked: its item loses the sync categories (groupware-links.ts writes that instead of the
// link) and its pair is recorded closed without the record. The item keeps what its user typed; nothing is written to
// the CRM, and the pair that held the record first keeps it. Only a live pair holds a record that way: the closed
// pair of a contact deleted since, or of a copy taken off the list, is a tombstone. A create that takes its record is
// linked, and the tombstone goes in the commit before the create's pair is stored (the store's key), as the tombstone
// of a record put back on the list does (session.ts). Else the contact released by the duplicate check, tagged again
// once the contact that kept the record was gone, was released again, its notes naming a contact no longer there.
import type { ItemFamily } from '../../domain/family.js';
import type { SyncSettings } from '../../domain/settings.js';
import type { CrmRecord, GroupwareItemPresent } from '../../domain/snapshots.js';
import type { SyncPair } from '../../domain/sync-pair.js';
import type { GroupOutcome } from './apply.js';

type Row = Pick<SyncPair<object, string>, 'pairId' | 'crmObjectId' | 'status'>;

export interface DuplicateCreates {
  /** Pairs whose create took a record a live pair holds: released. */
  released: Set<string>;
  /** Closed pairs whose record a create took (not released): dropped in the commit. */
  superseded: Set<string>;
}

/**
 * The pairs (by id) whose create this session answered with a record another pair holds (`released`), and the
 * tombstones a create took the record of (`superseded`). Rows: the mailbox's as read, each as this session leaves it
 * (its planned row, unless its group failed), whatever their status (the store's key counts them all).
 */
export function duplicateCreates<G extends GroupwareItemPresent, C extends CrmRecord<G['fields']>>(
  family: Pick<ItemFamily<G, C>, 'unlinkPatch'>,
  pairs: readonly Row[],
  outcomes: readonly GroupOutcome<G, C>[],
): DuplicateCreates {
  const released = new Set<string>();
  const superseded = new Set<string>();
  if (!family.unlinkPatch) return { released, superseded };
  const rows = new Map<string, Row>(pairs.map((p) => [p.pairId, p]));
  for (const o of outcomes) if (!o.failure || !rows.has(o.group.pairId)) rows.set(o.group.pairId, o.group.record.pair);
  const holder = new Map<string, string>();
  const tombstones = new Map<string, string[]>();
  for (const p of rows.values()) {
    if (p.crmObjectId === null) continue;
    if (p.status === 'closed') tombstones.set(p.crmObjectId, [...(tombstones.get(p.crmObjectId) ?? []), p.pairId]);
    else if (!holder.has(p.crmObjectId)) holder.set(p.crmObjectId, p.pairId);
  }
  for (const { group, applied } of outcomes) {
    for (const { action, result } of applied) {
      if (action.type !== 'createCrm') continue;
      const held = holder.get(result.id);
      if (held !== undefined && held !== group.pairId) {
        released.add(group.pairId);
        continue;
      }
      holder.set(result.id, group.pairId);
      for (const id of tombstones.get(result.id) ?? []) if (id !== group.pairId) superseded.add(id);
    }
  }
  return { released, superseded };
}

/** What the released item's categories lose: every sync category of the family, and the error category. */
export function releaseEdit(family: Pick<ItemFamily<GroupwareItemPresent, CrmRecord>, 'syncCategories'>, settings: SyncSettings): { add: string[]; remove: string[] } {
  return { add: [], remove: [...family.syncCategories(settings), settings.categories.error] };
}
