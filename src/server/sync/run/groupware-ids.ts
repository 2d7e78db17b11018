// After the session created Outlook items for C4C-created activities (R7), it tells C4C their groupware id
// (GroupwareItemID = the item's iCalUId, which every copy of a meeting shares). An attendee who is a synced user and
// tags their copy of that meeting then reaches this activity through the create upsert, as for meetings made in
// Outlook, instead of creating a second activity. Best effort: a failure is reported as a warning and costs at most
// that duplicate, never the session.
import type { Mailbox } from '../../domain/mailbox.js';
import type { CalendarSource } from '../../ports/calendar-source.js';
import type { CrmActivities, CrmWriteRequest } from '../../ports/crm-activities.js';
import type { GroupOutcome } from './apply.js';

export async function tellCrmGroupwareIds(
  deps: { calendar: Pick<CalendarSource, 'getItems'>; crm: Pick<CrmActivities, 'write'> },
  mailbox: Mailbox,
  outcomes: readonly GroupOutcome[],
): Promise<string[]> {
  const created = outcomes.flatMap((o) => o.applied.flatMap((a) => (a.action.type === 'createOutlook' ? [{ action: a.action, outlookId: a.result.id }] : [])));
  if (created.length === 0) return [];
  try {
    const items = await deps.calendar.getItems(mailbox, created.map((c) => c.outlookId));
    const uids = new Map(items.flatMap((i) => (!i.removed && i.iCalUId ? [[i.id, i.iCalUId] as const] : [])));
    const writes = created.flatMap(({ action, outlookId }) => {
      const groupwareItemId = uids.get(outlookId);
      // No If-Match: only the service writes this field, so a concurrent user edit cannot be lost by it.
      const request: CrmWriteRequest = { op: 'update', kind: action.kind, objectId: action.crmObjectId, ifMatch: '*', patch: {}, after: action.fields, groupwareItemId: groupwareItemId ?? '' };
      return groupwareItemId ? [{ objectId: action.crmObjectId, request }] : [];
    });
    if (writes.length === 0) return [];
    const results = await deps.crm.write(mailbox.tenantId, writes.map((w) => w.request));
    return results.flatMap((r, i) => (r.ok ? [] : [`groupwareIdNotWritten: C4C activity ${writes[i]?.objectId ?? '?'}: ${r.error.message}`]));
  } catch (error) {
    return [`groupwareIdNotWritten: ${error instanceof Error ? error.message : String(error)}`];
  }
}
