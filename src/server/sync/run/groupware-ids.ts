// After the session created groupware items for CRM-created records (R7), it tells the CRM their groupware id
// (GroupwareItemID = the key every copy shares: a meeting's iCalUId). An attendee who is a synced user and tags
// their copy of that meeting then reaches this record through the create upsert, as for meetings made in Outlook,
// instead of creating a second one. Best effort: a failure is reported as a warning and costs at most that
// duplicate, never the session. Families whose items have no shared key skip it.
import { noShareKey, type ItemFamily } from '../../domain/family.js';
import type { Mailbox } from '../../domain/mailbox.js';
import type { CrmRecord, GroupwareItemPresent } from '../../domain/snapshots.js';
import type { CrmPort, CrmWriteRequestOf } from '../../ports/crm-port.js';
import type { GroupwarePort } from '../../ports/groupware-port.js';
import type { GroupOutcome } from './apply.js';

export async function tellCrmGroupwareIds<G extends GroupwareItemPresent, C extends CrmRecord<G['fields']>>(
  deps: { family: Pick<ItemFamily<G, C>, 'shareKeyOf'>; groupware: Pick<GroupwarePort<G, C['kind']>, 'getItems'>; crm: Pick<CrmPort<C>, 'write'> },
  mailbox: Mailbox,
  outcomes: readonly GroupOutcome<G, C>[],
): Promise<string[]> {
  // A family without shared keys has nothing to tell the CRM, so its new items are not read back for one.
  if (deps.family.shareKeyOf === noShareKey) return [];
  const created = outcomes.flatMap((o) => o.applied.flatMap((a) => (a.action.type === 'createOutlook' ? [{ action: a.action, outlookId: a.result.id }] : [])));
  if (created.length === 0) return [];
  try {
    const items = await deps.groupware.getItems(mailbox, created.map((c) => c.outlookId));
    const keys = new Map<string, string>();
    for (const item of items) {
      const key = item.removed ? null : deps.family.shareKeyOf(item);
      if (key) keys.set(item.id, key);
    }
    const writes = created.flatMap(({ action, outlookId }) => {
      const groupwareItemId = keys.get(outlookId);
      // No If-Match: only the service writes this field, so a concurrent user edit cannot be lost by it.
      const request: CrmWriteRequestOf<G['fields'], C['kind']> = { op: 'update', kind: action.kind, objectId: action.crmObjectId, ifMatch: '*', patch: {}, after: action.fields, groupwareItemId: groupwareItemId ?? '' };
      return groupwareItemId ? [{ objectId: action.crmObjectId, request }] : [];
    });
    if (writes.length === 0) return [];
    const results = await deps.crm.write(mailbox.tenantId, writes.map((w) => w.request));
    return results.flatMap((r, i) => (r.ok ? [] : [`groupwareIdNotWritten: C4C activity ${writes[i]?.objectId ?? '?'}: ${r.error.message}`]));
  } catch (error) {
    return [`groupwareIdNotWritten: ${error instanceof Error ? error.message : String(error)}`];
  }
}
