// R11 for activities deleted (not cancelled) in C4C, at insta-sync speed. The tenant's change query reads by
// EntityLastChangedOn and never sees a hard delete; the full read of the calendar catches it only once a day
// (session-verify.ts). C4C's `deleted` notification names the object: the web process notes it (a row that
// survives failures and restarts) and asks for a tenant poll, and the poll settles the notes. A note is only a
// hint: C4C itself is asked, and only an activity C4C no longer has is filed, as removed, for the mailboxes that
// mirror it; so a forged or stale notification deletes nothing.
import type { SyncKind } from '../../../shared/categories.js';
import { TASK_KIND, type TaskKind } from '../../domain/task-item.js';
import { CONTACT_KINDS, type ContactKind } from '../../domain/contact-item.js';
import { SYNC_LIST_RECORD_TYPES } from '../../../shared/sync-list-api.js';
import type { CrmPort } from '../../ports/crm-port.js';
import type { CrmRecord } from '../../domain/snapshots.js';
import type { CrmDeleteHint } from '../../ports/crm-delete-notes.js';
import type { InboxEntry } from '../../ports/crm-inbox.js';
import type { SessionStore } from '../../ports/session-store.js';

/**
 * How long a note waits for a pair to mirror its activity. A notification can overtake the session that is
 * creating the Outlook copy (its pair is committed only at the session's end); the scheduler's minute tick
 * polls the tenant again while notes are waiting.
 */
export const HINT_WAIT_MS = 10 * 60_000;

/** C4C entity sets whose notifications concern synced records, and the kind each holds. */
export function kindOfEntitySet(entitySet: string): SyncKind | TaskKind | ContactKind | null {
  if (entitySet === 'AppointmentCollection') return 'appointment';
  if (entitySet === 'VisitCollection') return 'visit';
  if (entitySet === 'TasksCollection') return TASK_KIND;
  const contactKind = CONTACT_KINDS.find((kind) => SYNC_LIST_RECORD_TYPES[kind].entitySet === entitySet);
  return contactKind ?? null;
}

export interface SettledHints {
  /** Removed records to file, one entry per mailbox that mirrors them. */
  entries: InboxEntry<CrmRecord>[];
  /** Notes that are done with (filed, still present in C4C, or waited too long for a pair). */
  drop: string[];
  /** Why C4C could not be asked this time (the notes stay for the next poll). */
  failure: string | null;
  /** Notes left after this poll. */
  waiting: number;
}

/** What the tenant poll does with the waiting notes; it commits the result with its own. */
export async function settleCrmDeleteHints<C extends CrmRecord>(
  deps: { store: Pick<SessionStore, 'findPairsByCrmObjectId'>; crm: Pick<CrmPort<C>, 'getByIds'> },
  tenantId: string,
  /** The family's notes (their kinds are its own). */
  hints: readonly CrmDeleteHint[],
  now: Date,
): Promise<SettledHints> {
  const result: SettledHints = { entries: [], drop: [], failure: null, waiting: 0 };
  const mirrored: { hint: CrmDeleteHint; mailboxIds: string[] }[] = [];
  for (const hint of hints) {
    const live = (await deps.store.findPairsByCrmObjectId(hint.objectId)).filter((p) => p.kind === hint.kind && (p.status === 'synced' || p.status === 'error'));
    if (live.length > 0) mirrored.push({ hint, mailboxIds: [...new Set(live.map((p) => p.mailboxId))].sort() });
    else if (now.getTime() - Date.parse(hint.notedAt) > HINT_WAIT_MS) result.drop.push(hint.objectId);
  }
  if (mirrored.length === 0) return { ...result, waiting: hints.length - result.drop.length };
  let current: C[];
  try {
    current = await deps.crm.getByIds(tenantId, mirrored.map(({ hint }) => ({ kind: hint.kind as C['kind'], objectId: hint.objectId })));
  } catch (error) {
    return { ...result, failure: (error as Error).message, waiting: hints.length - result.drop.length };
  }
  const gone = new Map(current.filter((a) => a.removed).map((a) => [a.objectId, a]));
  for (const { hint, mailboxIds } of mirrored) {
    result.drop.push(hint.objectId);
    const activity = gone.get(hint.objectId);
    if (!activity) continue;
    // Filed as of now, so that it replaces any older entry of the activity still waiting in the inbox.
    const removed = { ...activity, lastChangedOn: now.toISOString() };
    for (const mailboxId of mailboxIds) result.entries.push({ mailboxId, activity: removed });
  }
  return { ...result, waiting: hints.length - result.drop.length };
}
