// Part of phase 1 (read sides): the pair's base keeps keyed digests, not values (domain/state-digest.ts), so the
// side that did not change can no longer be stood in for by the base. When one side of a live pair changed (its
// version moved), the other side is read too, by id, so the merge sees both as they are now. Our own writes come
// back with the versions we recorded, so their echoes cost no read.
import type { Mailbox } from '../../domain/mailbox.js';
import type { SyncSettings } from '../../domain/settings.js';
import type { CrmRecord, GroupwareItem, GroupwareItemPresent } from '../../domain/snapshots.js';
import type { FamilySync } from '../family-sync.js';
import type { PairOf } from '../plan/plan-types.js';

export interface OtherSides<G extends GroupwareItemPresent, C extends CrmRecord<G['fields']>> {
  outlookItems: GroupwareItem<G>[];
  crmRecords: C[];
}

/** The CRM records and groupware items the merge needs and the reads so far did not bring. Pure. */
export function otherSidesToRead<G extends GroupwareItemPresent, C extends CrmRecord<G['fields']>>(
  sync: Pick<FamilySync<G, C>, 'family'>,
  settings: SyncSettings,
  pairs: readonly PairOf<G, C>[],
  outlook: readonly GroupwareItem<G>[],
  crm: readonly C[],
): { outlookIds: string[]; crmRefs: { kind: C['kind']; objectId: string }[] } {
  const { family } = sync;
  const outlookById = new Map(outlook.map((i) => [i.id, i]));
  const crmById = new Map(crm.map((r) => [r.objectId, r]));
  const outlookIds: string[] = [];
  const crmRefs: { kind: C['kind']; objectId: string }[] = [];
  for (const pair of pairs) {
    if (pair.status === 'closed' || pair.outlookId === null || pair.crmObjectId === null) continue;
    const item = outlookById.get(pair.outlookId);
    const record = crmById.get(pair.crmObjectId);
    if (item && !record) {
      // A groupware change still tagged as the pair's kind is merged (or, for an unlinked pair, revived); a removed
      // item of a family with R8's rule needs the record to tell whose it is.
      const merges = !item.removed && item.version !== pair.outlookVersion && family.scopeOf(item, settings) === pair.kind;
      // An untagged copy's removal too (R8: its user leaves the activity, planUntaggedCopyRemoved).
      const removedCopy = item.removed && family.patchForRemovedCopy !== undefined;
      if (merges || removedCopy) crmRefs.push({ kind: pair.kind, objectId: pair.crmObjectId });
    } else if (record && !item && (pair.status === 'synced' || pair.status === 'error')) {
      const gone = record.removed || record.status === 'cancelled';
      if (!gone && record.version !== pair.crmVersion) outlookIds.push(pair.outlookId);
    }
  }
  return { outlookIds, crmRefs };
}

/**
 * The groupware items of live pairs whose CRM record the inbox says changed: the merge will need them, so they are
 * read together with the inbox re-read, not after it (one round trip less for a CRM change). Pure.
 */
export function outlookIdsForInbox<G extends GroupwareItemPresent, C extends CrmRecord<G['fields']>>(pairs: readonly PairOf<G, C>[], inbox: readonly { activity: CrmRecord }[]): string[] {
  const byCrmId = new Map(pairs.flatMap((p) => (p.crmObjectId !== null ? [[p.crmObjectId, p] as const] : [])));
  return inbox.flatMap(({ activity }) => {
    const pair = byCrmId.get(activity.objectId);
    const live = pair && (pair.status === 'synced' || pair.status === 'error') && pair.outlookId !== null;
    return live && !activity.removed && activity.version !== pair.crmVersion ? [pair.outlookId as string] : [];
  });
}

export async function readOtherSides<G extends GroupwareItemPresent, C extends CrmRecord<G['fields']>>(
  sync: FamilySync<G, C>,
  mailbox: Mailbox,
  settings: SyncSettings,
  pairs: readonly PairOf<G, C>[],
  read: { outlook: readonly GroupwareItem<G>[]; crm: readonly C[] },
): Promise<OtherSides<G, C>> {
  const { outlookIds, crmRefs } = otherSidesToRead(sync, settings, pairs, read.outlook, read.crm);
  const [outlookItems, crmRecords] = await Promise.all([
    outlookIds.length > 0 ? sync.groupware.getItems(mailbox, outlookIds) : Promise.resolve([]),
    crmRefs.length > 0 ? sync.crm.getByIds(mailbox.tenantId, crmRefs) : Promise.resolve([]),
  ]);
  return { outlookItems, crmRecords };
}
