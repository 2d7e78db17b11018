// R11 for activities deleted (not cancelled) in C4C, at insta-sync speed. The tenant's change query reads by
// EntityLastChangedOn and never sees a hard delete; the full read of the calendar catches it only once a day
// (session-verify.ts). C4C's `deleted` notification names the object, so the mailboxes that mirror it get an
// inbox entry saying it is gone, and a session. The notification is only a hint: C4C itself is asked first, and
// only an activity C4C no longer has is filed as removed, so a forged or stale notification deletes nothing.
import type { SyncKind } from '../../shared/categories.js';
import type { Clock } from '../ports/clock.js';
import type { CrmActivities } from '../ports/crm-activities.js';
import type { InboxEntry, SessionStore } from '../ports/crm-inbox.js';
import type { JobQueue } from '../ports/job-queue.js';

export interface CrmDeleteDeps {
  store: SessionStore;
  crm: Pick<CrmActivities, 'getByIds'>;
  queue: Pick<JobQueue, 'enqueueMailboxSession'>;
  clock: Clock;
}

/** The mailboxes that got a session because the activity is confirmed gone (empty: nothing to do). */
export async function fileCrmDelete(deps: CrmDeleteDeps, tenantId: string, kind: SyncKind, objectId: string): Promise<string[]> {
  const live = (await deps.store.findPairsByCrmObjectId(objectId)).filter((p) => p.kind === kind && (p.status === 'synced' || p.status === 'error'));
  if (live.length === 0) return [];
  const [current] = await deps.crm.getByIds(tenantId, [{ kind, objectId }]);
  if (!current?.removed) return [];
  // Filed as of now, so that it replaces any older entry of the activity still waiting in the inbox.
  const gone = { ...current, lastChangedOn: deps.clock.now().toISOString() };
  const mailboxIds = [...new Set(live.map((p) => p.mailboxId))].sort();
  const entries: InboxEntry[] = mailboxIds.map((mailboxId) => ({ mailboxId, activity: gone }));
  await deps.store.transaction((tx) => tx.putInbox(entries));
  for (const mailboxId of mailboxIds) await deps.queue.enqueueMailboxSession(mailboxId, 'insta');
  return mailboxIds;
}

/** C4C entity sets whose notifications concern synced activities. */
export function kindOfEntitySet(entitySet: string): SyncKind | null {
  if (entitySet === 'AppointmentCollection') return 'appointment';
  if (entitySet === 'VisitCollection') return 'visit';
  return null;
}
