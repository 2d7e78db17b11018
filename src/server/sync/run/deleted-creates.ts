// The replay of a create from C4C whose item the user deleted before the service learned of it. A session killed
// while Graph made an item from a C4C activity (the item exists, its id never reached the store) leaves the
// create's write intent behind (plan/write-intents.ts), and the next session plans the same create again. If the
// user deleted the new item meanwhile, the transactionId no longer finds it (it only dedupes while the first item
// exists), so the create would bring the item back. Instead, the session asks the groupware side whether the item
// stamped with the pair id sits among the deleted ones (Graph: Deleted Items); if so the user's delete wins, as R11
// says for any deleted item: the pair is planned again as one whose item was removed, which cancels the activity.
import type { Mailbox } from '../../domain/mailbox.js';
import type { CrmRecord, GroupwareItem, GroupwareItemPresent } from '../../domain/snapshots.js';
import type { FamilySync } from '../family-sync.js';
import type { GroupOf, PairOf } from '../plan/plan-types.js';

/**
 * Pair id → deleted item id, for the planned creates of the groupware side that an earlier session may have made.
 * A look-up that fails is reported and the creates go ahead as before it existed (the item may come back): the
 * session is not held up by a side it only asks for a hint.
 */
export async function deletedCreatesOf<G extends GroupwareItemPresent, C extends CrmRecord<G['fields']>>(
  sync: Pick<FamilySync<G, C>, 'groupware' | 'chosenSince'>,
  mailbox: Mailbox,
  groups: readonly GroupOf<G, C>[],
  intentPairIds: ReadonlySet<string>,
): Promise<{ deleted: ReadonlyMap<string, string>; warning: string | null }> {
  const none = { deleted: new Map<string, string>(), warning: null };
  if (!sync.groupware.findDeletedCreates) return none;
  // Only a create that left its write intent can have landed unseen; a first attempt costs no look-up.
  const replayed = groups.flatMap((g) => {
    const create = intentPairIds.has(g.pairId) ? g.steps.find((s) => s.type === 'createOutlook') : undefined;
    return create && 'fields' in create ? [{ pairId: g.pairId, fields: create.fields as G['fields'] }] : [];
  });
  if (replayed.length === 0) return none;
  try {
    const since = async (c: (typeof replayed)[number]) => {
      const notBefore = sync.chosenSince ? await sync.chosenSince(mailbox, c.fields) : null;
      return notBefore ? { ...c, notBefore } : c;
    };
    return { deleted: await sync.groupware.findDeletedCreates(mailbox, await Promise.all(replayed.map(since))), warning: null };
  } catch (error) {
    const reason = (error as { error?: { message?: string } }).error?.message ?? (error as Error).message;
    return { ...none, warning: `deletedCreatesUnchecked: ${replayed.length} replayed creates not looked for in deleted items: ${reason}` };
  }
}

/**
 * The planner's input as if the session had learned its create: the pair (as the create planned it) names the
 * deleted item, and the item is read as removed. The planner then applies R11 to it like to any deleted item.
 */
export function withDeletedCreates<G extends GroupwareItemPresent, C extends CrmRecord<G['fields']>>(
  groups: readonly GroupOf<G, C>[],
  deleted: ReadonlyMap<string, string>,
  input: { pairs: readonly PairOf<G, C>[]; outlookItems: readonly GroupwareItem<G>[] },
): { pairs: PairOf<G, C>[]; outlookItems: GroupwareItem<G>[] } {
  const learned = groups.flatMap((g) => {
    const outlookId = deleted.get(g.pairId);
    return outlookId ? [{ ...g.record.pair, outlookId, outlookVersion: null }] : [];
  });
  return {
    pairs: [...input.pairs.filter((p) => !deleted.has(p.pairId)), ...learned],
    outlookItems: [...input.outlookItems, ...[...deleted.values()].map((id): GroupwareItem<G> => ({ removed: true, id }))],
  };
}
