// Part of phase 1 (read sides), R8: a record the tenant poll filed for this mailbox because its user attends it
// (ItemFamily.attendedBy), with no pair here yet. Their copy of it (untagged, most likely, and unchanged since the
// invitation) is not in the delta: it is looked up by the key copies share, so the planner can follow it and take
// its user off the record once they delete or decline it.
import type { Mailbox } from '../../domain/mailbox.js';
import type { CrmRecord, GroupwareItem, GroupwareItemPresent } from '../../domain/snapshots.js';
import type { SharedItemRef } from '../../ports/groupware-port.js';
import type { FamilySync } from '../family-sync.js';
import type { PairOf } from '../plan/plan-types.js';

/** Which shared copies to look up: attended records without a pair here, whose copy the reads did not bring. Pure. */
export function sharedCopiesToFind<G extends GroupwareItemPresent, C extends CrmRecord<G['fields']>>(
  sync: Pick<FamilySync<G, C>, 'family'>,
  mailbox: Mailbox,
  pairs: readonly PairOf<G, C>[],
  outlook: readonly GroupwareItem<G>[],
  crm: readonly C[],
): SharedItemRef[] {
  const { family } = sync;
  if (!family.attendedBy || !family.spanOf) return [];
  const paired = new Set(pairs.map((p) => p.crmObjectId));
  const read = new Set(outlook.flatMap((i) => (i.removed ? [] : [family.shareKeyOf(i)])));
  const wanted = new Map<string, SharedItemRef>();
  for (const record of crm) {
    const key = record.groupwareItemId;
    if (key === null || record.removed || record.status === 'cancelled' || paired.has(record.objectId) || read.has(key)) continue;
    if (!family.attendedBy(record, mailbox)) continue;
    wanted.set(key, { shareKey: key, ...family.spanOf(record.fields) });
  }
  return [...wanted.values()];
}

export async function readSharedCopies<G extends GroupwareItemPresent, C extends CrmRecord<G['fields']>>(
  sync: FamilySync<G, C>,
  mailbox: Mailbox,
  pairs: readonly PairOf<G, C>[],
  read: { outlook: readonly GroupwareItem<G>[]; crm: readonly C[] },
): Promise<G[]> {
  const wanted = sharedCopiesToFind(sync, mailbox, pairs, read.outlook, read.crm);
  if (wanted.length === 0 || !sync.groupware.findShared) return [];
  const known = new Set(read.outlook.map((i) => i.id));
  return (await sync.groupware.findShared(mailbox, wanted)).filter((i) => !known.has(i.id));
}
