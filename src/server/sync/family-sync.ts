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

export interface FamilySync<G extends GroupwareItemPresent = GroupwareItemPresent, C extends CrmRecord<FieldsOf<G>> = CrmRecord> {
  family: ItemFamily<G, C>;
  groupware: GroupwarePort<G, C['kind']>;
  crm: CrmPort<C>;
  /** The groupware cursor of a mailbox in this family (scope: the mailbox id). */
  cursor: CursorKind;
  /** Scope of the tenant's CRM high-water mark for this family. */
  crmCursorScope(tenantId: string): string;
}

/** The calendar family over a groupware calendar and C4C's Appointments and Visits. */
export function calendarSync(ports: { calendar: CalendarSource; crm: CrmActivities }): FamilySync<OutlookItemPresent, CrmActivity> {
  // The tenant id alone, as before there were families: existing high-water marks stay valid.
  return { family: calendarFamily, groupware: ports.calendar, crm: ports.crm, cursor: 'graphDelta', crmCursorScope: (tenantId) => tenantId };
}

/** The task family (R13) over To Do and C4C Tasks. Its cursors are its own: a mailbox's lists, the tenant's tasks. */
export function taskSync(ports: { tasks: GroupwarePort<TodoTaskPresent, TaskKind>; crm: CrmPort<CrmTask> }): FamilySync<TodoTaskPresent, CrmTask> {
  return { family: taskFamily, groupware: ports.tasks, crm: ports.crm, cursor: 'todoDelta', crmCursorScope: (tenantId) => `${tenantId}/tasks` };
}
