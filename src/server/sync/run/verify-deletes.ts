// R11 for activities deleted (not cancelled) in C4C: the tenant's change query reads by EntityLastChangedOn, and a
// deleted activity has none, so a delete would never reach the mailbox. On a full read of the calendar (the first
// session, the daily move of the sync window, an expired delta token) the session therefore re-reads the C4C side
// of every live pair it has not read otherwise; the ones C4C no longer has come back `removed`, and the planner
// treats them as it treats a cancel (delete the Outlook item C4C created, untag an Outlook-originated one).
// C4C's `deleted` notifications bring most deletes in within seconds (sync/tenant/delete-notes.ts); this is the backstop for
// notifications that never arrived (the service was down, or the tenant sends none).
import type { Mailbox } from '../../domain/mailbox.js';
import type { CrmRecord, GroupwareItem, GroupwareItemPresent } from '../../domain/snapshots.js';
import type { PairBase } from '../../domain/state-digest.js';
import type { SyncWindow } from '../../domain/sync-window.js';
import type { GroupwarePort } from '../../ports/groupware-port.js';
import type { CrmPort } from '../../ports/crm-port.js';

export async function deletedInCrm<C extends CrmRecord>(
  crm: Pick<CrmPort<C>, 'getByIds'>,
  mailbox: Mailbox,
  pairs: readonly { status: string; kind: C['kind']; crmObjectId: string | null }[],
  alreadyRead: readonly C[],
): Promise<C[]> {
  const seen = new Set(alreadyRead.map((a) => a.objectId));
  const refs = pairs.flatMap((p) => (p.status === 'synced' && p.crmObjectId !== null && !seen.has(p.crmObjectId) ? [{ kind: p.kind, objectId: p.crmObjectId }] : []));
  if (refs.length === 0) return [];
  return (await crm.getByIds(mailbox.tenantId, refs)).filter((a) => a.removed);
}

/**
 * The same for the groupware side: a full read lists only the items that exist, so an item deleted since the last
 * read (or one a session created and died before recording) is simply absent, never reported removed. The live pairs
 * whose item should have been listed (the family says whether the item lies in the window) but was not are re-read;
 * deleted ones come back `removed`.
 */
export async function deletedInGroupware<G extends GroupwareItemPresent>(
  deps: { groupware: Pick<GroupwarePort<G>, 'getItems'> },
  mailbox: Mailbox,
  pairs: readonly { status: string; outlookId: string | null; base: PairBase | null }[],
  alreadyRead: readonly GroupwareItem<G>[],
  window: SyncWindow,
): Promise<GroupwareItem<G>[]> {
  const seen = new Set(alreadyRead.map((i) => i.id));
  // The pair keeps the days its item spans (whole days: an item on the window's first or last day is re-read, which
  // only confirms it); a pair without them (or a family whose items have no time) is always expected.
  const expected = (base: PairBase | null) => !base?.span || (base.span.endUtc > window.startUtc && base.span.startUtc < window.endUtc);
  const ids = pairs.flatMap((p) => ((p.status === 'synced' || p.status === 'error') && p.outlookId !== null && !seen.has(p.outlookId) && expected(p.base) ? [p.outlookId] : []));
  if (ids.length === 0) return [];
  return (await deps.groupware.getItems(mailbox, ids)).filter((i) => i.removed);
}
