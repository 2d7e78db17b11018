// R11 for activities deleted (not cancelled) in C4C: the tenant's change query reads by EntityLastChangedOn, and a
// deleted activity has none, so a delete would never reach the mailbox. On a full read of the calendar (the first
// session, the daily move of the sync window, an expired delta token) the session therefore re-reads the C4C side
// of every live pair it has not read otherwise; the ones C4C no longer has come back `removed`, and the planner
// treats them as it treats a cancel (delete the Outlook item C4C created, untag an Outlook-originated one).
// C4C's `deleted` notifications bring most deletes in within seconds (crm-deletes.ts); this is the backstop for
// notifications that never arrived (the service was down, or the tenant sends none).
import type { Mailbox } from '../../domain/mailbox.js';
import type { CrmRecord } from '../../domain/snapshots.js';
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
