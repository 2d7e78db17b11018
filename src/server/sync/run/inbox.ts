// The CRM side a session works from. Inbox entries are what the tenant poll read, which can be older than what
// this mailbox has since written or read: a poll that read a record just before one of our writes commits its
// entry after our session committed. Planning from that snapshot would take our own older content for a CRM edit
// and push it back to groupware. So an entry only says which record to look at; the session reads its current
// state (one query per kind; records the CRM no longer has come back `removed`).
import type { Mailbox } from '../../domain/mailbox.js';
import type { CrmRecord } from '../../domain/snapshots.js';
import type { InboxEntry } from '../../ports/crm-inbox.js';
import type { CrmPort } from '../../ports/crm-port.js';

export interface InboxRead<C extends CrmRecord> {
  activities: C[];
  /** The entries this session acts on, to acknowledge at commit (none when the read failed). */
  consumed: InboxEntry<CrmRecord>[];
  warning: string | null;
}

export async function readInboxActivities<C extends CrmRecord>(crm: Pick<CrmPort<C>, 'getByIds'>, mailbox: Mailbox, inbox: readonly InboxEntry<CrmRecord>[]): Promise<InboxRead<C>> {
  if (inbox.length === 0) return { activities: [], consumed: [], warning: null };
  try {
    const activities = await crm.getByIds(
      mailbox.tenantId,
      inbox.map((e) => ({ kind: e.activity.kind as C['kind'], objectId: e.activity.objectId })),
    );
    return { activities, consumed: [...inbox], warning: null };
  } catch (error) {
    // C4C unreachable: the entries stay for the next session, and this one goes on without them (its CRM
    // writes are guarded by If-Match, so none can overwrite the changes it did not read).
    return { activities: [], consumed: [], warning: `crmInboxUnread: ${error instanceof Error ? error.message : String(error)}` };
  }
}
