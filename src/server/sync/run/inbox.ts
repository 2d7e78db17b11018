// The C4C side a session works from. Inbox entries are what the tenant poll read, which can be older than what
// this mailbox has since written or read: a poll that read an activity just before one of our writes commits its
// entry after our session committed. Planning from that snapshot would take our own older content for a C4C edit
// and push it back to Outlook. So an entry only says which activity to look at; the session reads its current
// state (one query per kind; activities C4C no longer has come back `removed`).
import type { Mailbox } from '../../domain/mailbox.js';
import type { CrmActivity } from '../../domain/snapshots.js';
import type { CrmActivities } from '../../ports/crm-activities.js';
import type { InboxEntry } from '../../ports/crm-inbox.js';

export interface InboxRead {
  activities: CrmActivity[];
  /** The entries this session acts on, to acknowledge at commit (none when the read failed). */
  consumed: InboxEntry[];
  warning: string | null;
}

export async function readInboxActivities(crm: Pick<CrmActivities, 'getByIds'>, mailbox: Mailbox, inbox: readonly InboxEntry[]): Promise<InboxRead> {
  if (inbox.length === 0) return { activities: [], consumed: [], warning: null };
  try {
    const activities = await crm.getByIds(
      mailbox.tenantId,
      inbox.map((e) => ({ kind: e.activity.kind, objectId: e.activity.objectId })),
    );
    return { activities, consumed: [...inbox], warning: null };
  } catch (error) {
    // C4C unreachable: the entries stay for the next session, and this one goes on without them (its C4C
    // writes are guarded by If-Match, so none can overwrite the changes it did not read).
    return { activities: [], consumed: [], warning: `crmInboxUnread: ${error instanceof Error ? error.message : String(error)}` };
  }
}
