// A family bound to its ports: what a session and the tenant poll need to sync one item family of a mailbox. The
// composition root binds each family it serves (main.ts); the engine iterates over them without knowing which.
import { calendarFamily } from '../domain/calendar-family.js';
import { taskFamily } from '../domain/task-family.js';
import type { CrmTask, TaskKind, TodoTaskPresent } from '../domain/task-item.js';
import type { FieldsOf, ItemFamily } from '../domain/family.js';
import type { CrmActivity, CrmRecord, GroupwareItemPresent, OutlookItemPresent } from '../domain/snapshots.js';
import type { CalendarSource } from '../ports/calendar-source.js';
import type { CrmActivities } from '../ports/crm-activities.js';
import type { CrmPort } from '../ports/crm-port.js';
import type { GroupwarePort } from '../ports/groupware-port.js';
import type { CursorKind } from '../ports/state-store.js';
import type { Mailbox, MailboxProvider } from '../domain/mailbox.js';
import type { SyncPair } from '../domain/sync-pair.js';

export interface FamilySync<G extends GroupwareItemPresent = GroupwareItemPresent, C extends CrmRecord<FieldsOf<G>> = CrmRecord> {
  family: ItemFamily<G, C>;
  groupware: GroupwarePort<G, C['kind']>;
  crm: CrmPort<C>;
  /** The groupware cursor of a mailbox in this family (scope: the mailbox id). */
  cursor: CursorKind;
  /** Scope of the tenant's CRM high-water mark for this family. */
  crmCursorScope(tenantId: string): string;
  /** The mailbox providers this family syncs (R10: Google mailboxes have a calendar only); absent: Graph only. */
  providers?: readonly MailboxProvider[];
  /**
   * Whether a session's read stage writes nothing for this mailbox, so that an admin's dry run may run it as it is
   * (sync/run/dry-run.ts). Absent or false: the dry run reads through the groupware port's read-only view
   * (GroupwarePort.readOnly: a To Do list, contact folder or Google calendars made on the first read) and asks
   * `wanted` with `readOnly`.
   */
  readsWriteNothing?(mailbox: Mailbox): boolean;
  /** What an admin's dry run of this family cannot preview (contacts: an active sync list rule). */
  dryRunNotes?(): string[];

  // --- A family whose mailboxes choose their records (contacts: the sync list, R14). Absent: the R7 rule decides. ---
  /**
   * The mailboxes a changed CRM record concerns besides those that already mirror it (contacts: whose sync list holds
   * it). When present, the tenant poll files a record under these instead of asking the family's `isTarget`.
   */
  audienceOf?(record: C): Promise<string[]>;
  /**
   * What the mailbox wants mirrored, as the session sees it at its start: records it wants and has no live pair for
   * (read now, so the planner creates their copies), and stand-ins marked removed for the live pairs whose record it
   * no longer wants (so the planner removes the copies the service made, as for a CRM delete: R11). `reopened`: closed
   * pairs of records it wants again (a contact the user deleted, then put back on the list): the planner sees their
   * records as new, so they get a copy again. `readOnly` (an admin's dry run): the choice as stored, nothing brought
   * up to date first.
   */
  wanted?(mailbox: Mailbox, pairs: readonly SyncPair<object, string>[], options?: { readOnly?: boolean }): Promise<{ records: C[]; dropped: C[]; reopened?: string[] }>;
  /**
   * What the session changed of the mailbox's choice: just before the family's commit (a failure replays the
   * session), the records whose groupware copy the user deleted (their pairs close); just after it, those created in
   * the CRM from a groupware item (or found for one), once their pairs are recorded. Contacts: the first leave the
   * sync list, the second join it. Idempotent.
   */
  selectionChanged?(mailbox: Mailbox, done: { copiesRemoved: { kind: C['kind']; objectId: string }[]; createdFromGroupware: C[] }): Promise<void>;
  /**
   * For a family whose mailboxes choose their records: the time since when a replayed create of these fields may have
   * made its item (contacts: when the record joined the sync list), or null when not known. A deleted item stamped
   * alike but older is the copy of an earlier time on the list, which says nothing of this create (run/deleted-creates.ts).
   */
  chosenSince?(mailbox: Mailbox, fields: G['fields']): Promise<string | null>;
  /**
   * For a CRM that keeps no GroupwareItemID of the item (contacts): the record a create of these fields made, or
   * takes (contacts: the duplicate check by e-mail), or null. A session finds by it the record a create whose answer
   * or commit was lost made, to adopt it rather than create again (run/pending-creates.ts).
   */
  findCreated?(mailbox: Mailbox, kind: C['kind'], fields: FieldsOf<G>): Promise<C | null>;
  /** The ids of those of `records` the mailbox does not want mirrored (contacts: not on its sync list). */
  unwantedOf?(mailbox: Mailbox, records: readonly C[]): Promise<Set<string>>;
}

/** The calendar family over a groupware calendar and C4C's Appointments and Visits. */
export function calendarSync(ports: { calendar: CalendarSource; crm: CrmActivities }): FamilySync<OutlookItemPresent, CrmActivity> {
  // The tenant id alone, as before there were families: existing high-water marks stay valid.
  return {
    family: calendarFamily,
    groupware: ports.calendar,
    crm: ports.crm,
    cursor: 'graphDelta',
    crmCursorScope: (tenantId) => tenantId,
    providers: ['graph', 'google'],
    // Graph's calendar reads are GETs (and $batch of GETs); a Google mailbox's first read makes its two calendars (R10).
    readsWriteNothing: (mailbox) => mailbox.provider === 'graph',
  };
}

/** The task family (R13) over To Do and C4C Tasks. Its cursors are its own: a mailbox's lists, the tenant's tasks. */
export function taskSync(ports: { tasks: GroupwarePort<TodoTaskPresent, TaskKind>; crm: CrmPort<CrmTask> }): FamilySync<TodoTaskPresent, CrmTask> {
  return { family: taskFamily, groupware: ports.tasks, crm: ports.crm, cursor: 'todoDelta', crmCursorScope: (tenantId) => `${tenantId}/tasks` };
}

/** Whether the family syncs this mailbox (its provider). */
export function familyServes(sync: Pick<FamilySync, 'providers'>, mailbox: Pick<Mailbox, 'provider'>): boolean {
  return (sync.providers ?? ['graph']).includes(mailbox.provider);
}
