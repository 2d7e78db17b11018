// Write-ahead records of C4C creates (ports/pending-creates.ts). Before a session sends creates it commits
// one record per create; the session's state commit deletes the records whose pair now knows its C4C activity.
// A record that survives means the process died in between: if the Outlook item has since been deleted, the
// activity it created is found by GroupwareItemID and cancelled (R11), so nothing stays orphaned in C4C.
import type { ActionGroup } from '../../domain/actions.js';
import type { Mailbox } from '../../domain/mailbox.js';
import type { CrmRecord, GroupwareItem, GroupwareItemPresent } from '../../domain/snapshots.js';
import type { CrmPort } from '../../ports/crm-port.js';
import type { GroupwarePort } from '../../ports/groupware-port.js';
import type { PendingCreate } from '../../ports/pending-creates.js';

/** The records to commit before `groups` are applied. */
export function pendingCreatesOf(mailbox: Mailbox, groups: readonly ActionGroup<object, string>[]): PendingCreate[] {
  return groups.flatMap((group) =>
    group.steps.flatMap((step) =>
      step.type === 'createCrm' && group.record.pair.outlookId
        ? [{ mailboxId: mailbox.mailboxId, pairId: group.pairId, outlookId: group.record.pair.outlookId, kind: step.kind, groupwareItemId: step.groupwareItemId }]
        : [],
    ),
  );
}

/**
 * Left-over records whose Outlook item is gone: cancel the activity they may have created. Returns the pair ids
 * whose records are settled (cancelled, or nothing to cancel). Records whose item still exists are left to the
 * planner, which pairs the item with its activity by GroupwareItemID.
 */
export async function settleOrphanedCreates<G extends GroupwareItemPresent, C extends CrmRecord<G['fields']>>(
  deps: { groupware: Pick<GroupwarePort<G, C['kind']>, 'getItems'>; crm: Pick<CrmPort<C>, 'findByGroupwareItemId' | 'write'> },
  mailbox: Mailbox,
  leftovers: readonly PendingCreate[],
  pairs: readonly { pairId: string; crmObjectId: string | null }[],
  seen: readonly GroupwareItem<G>[],
): Promise<{ settled: string[]; warnings: string[] }> {
  const known = new Map(pairs.map((p) => [p.pairId, p]));
  const candidates = leftovers.filter((p) => !known.get(p.pairId)?.crmObjectId);
  const settled = leftovers.filter((p) => known.get(p.pairId)?.crmObjectId).map((p) => p.pairId);
  if (candidates.length === 0) return { settled, warnings: [] };
  const seenById = new Map<string, GroupwareItem<G>>(seen.map((i) => [i.id, i]));
  const unknown = candidates.filter((p) => !seenById.has(p.outlookId)).map((p) => p.outlookId);
  for (const item of unknown.length > 0 ? await deps.groupware.getItems(mailbox, unknown) : []) seenById.set(item.id, item);
  const warnings: string[] = [];
  for (const pending of candidates) {
    if (seenById.get(pending.outlookId)?.removed !== true) continue;
    const activity = await deps.crm.findByGroupwareItemId(mailbox.tenantId, pending.kind as C['kind'], pending.groupwareItemId);
    // Whatever it became meanwhile (a task completed by the write of a session that died too), a record whose
    // groupware item is gone is cancelled, as R11 cancels any record of a deleted item; only a cancelled one stays.
    if (activity && !activity.removed && activity.status !== 'cancelled') {
      const [result] = await deps.crm.write(mailbox.tenantId, [{ op: 'cancel', kind: pending.kind as C['kind'], objectId: activity.objectId, ifMatch: activity.version }]);
      if (!result?.ok) {
        warnings.push(`pendingCreate: could not cancel orphaned C4C activity ${activity.objectId}: ${result?.error.message ?? 'no result'}`);
        continue;
      }
      warnings.push(`pendingCreate: cancelled C4C activity ${activity.objectId}, created just before a crash for an Outlook item deleted since (R11)`);
    }
    settled.push(pending.pairId);
  }
  return { settled, warnings };
}

/**
 * The records our creates made before a session died, for items still here whose pair never learned its record and
 * that this session's reads did not bring (the C4C change query may not list them yet): read by GroupwareItemID, so
 * the planner adopts them with the create's write intent (planAdopt) instead of the create being sent again, which
 * would write the item over a C4C edit made since.
 */
export async function leftoverRecordsToAdopt<G extends GroupwareItemPresent, C extends CrmRecord<G['fields']>>(
  crm: Pick<CrmPort<C>, 'findByGroupwareItemId'>,
  mailbox: Mailbox,
  leftovers: readonly PendingCreate[],
  pairs: readonly { pairId: string; crmObjectId: string | null }[],
  read: { outlook: readonly GroupwareItem<G>[]; crm: readonly C[] },
  /**
   * For a CRM that keeps no GroupwareItemID (FamilySync.findCreated): the record the create made or took. It is
   * returned carrying the create's GroupwareItemID, so the planner pairs it with its item as it would any other.
   */
  findCreated?: (pending: PendingCreate) => Promise<C | null>,
): Promise<C[]> {
  const known = new Map(pairs.map((p) => [p.pairId, p]));
  const present = new Set(read.outlook.filter((i) => !i.removed).map((i) => i.id));
  const readKeys = new Set(read.crm.map((r) => `${r.kind}|${r.groupwareItemId ?? ''}`));
  const wanted = leftovers.filter((p) => !known.get(p.pairId)?.crmObjectId && present.has(p.outlookId) && !readKeys.has(`${p.kind}|${p.groupwareItemId}`));
  const find = async (p: PendingCreate): Promise<C | null> => {
    if (!findCreated) return crm.findByGroupwareItemId(mailbox.tenantId, p.kind as C['kind'], p.groupwareItemId);
    const record = await findCreated(p);
    return record ? { ...record, groupwareItemId: p.groupwareItemId } : null;
  };
  const found: (C | null)[] = await Promise.all(wanted.map(find));
  return found.flatMap((r) => (r !== null && !r.removed ? [r] : []));
}
