// The task family (DESIGN R13): Microsoft To Do tasks ↔ C4C Tasks. Everything here is a rule of tasks; the engine
// that runs it is family-blind (domain/family.ts). Deletes follow R11 as for calendar items: a To Do delete cancels
// the C4C task (never destroys it); a C4C cancel or delete removes the To Do copy only when the service made it.
import { unknownZoneError } from './rules.js';
import type { ItemError } from './errors.js';
import { noShareKey, type ItemFamily } from './family.js';
import type { Mailbox } from './mailbox.js';
import type { SyncSettings } from './settings.js';
import { TASK_TWO_WAY_FIELDS, canonicalTaskLinks, hashTask, taskCanonicalFields, taskFieldEqual } from './task-canonical.js';
import { TASK_KIND, type CrmTask, type NormalizedTask, type TaskKind, type TodoTaskPresent } from './task-item.js';
import { mergeUnits, type MergeRules } from './three-way-merge.js';

export const TASK_FAMILY_NAME = 'tasks';

/** Start and due are one unit (mixing sides could put the start after the due date); so are progress and completion. */
const TASK_RULES: MergeRules<NormalizedTask> = {
  units: [['title'], ['body'], ['startUtc', 'dueUtc'], ['importance'], ['progress', 'completedUtc']],
  equal: taskFieldEqual,
};

function hasCategory(categories: readonly string[], name: string): boolean {
  return categories.some((c) => c.toLowerCase() === name.toLowerCase());
}

/** R13: tagged tasks sync wherever they are; with scope `list`, every task of the service's list does too. */
export function taskScopeOf(item: TodoTaskPresent, settings: SyncSettings): TaskKind | null {
  if (hasCategory(item.categories, settings.categories.task)) return TASK_KIND;
  return settings.tasks.scope === 'list' && item.inServiceList ? TASK_KIND : null;
}

export function taskBlocker(task: NormalizedTask): ItemError | null {
  if (task.unknownZone) return unknownZoneError(task.unknownZone);
  if (task.startUtc !== null && task.dueUtc !== null && task.startUtc > task.dueUtc) {
    return { code: 'invalidItem', message: 'The task starts after it is due; SAP Cloud for Customer does not accept that.' };
  }
  return null;
}

/** R7 for tasks: a C4C task lands in the To Do of the employee it is assigned to (its processor). */
export function isTaskProcessor(record: CrmTask, mailbox: Mailbox): boolean {
  if (record.processorPartyId !== null && mailbox.employeePartyId !== null && record.processorPartyId === mailbox.employeePartyId) return true;
  return record.processorEmail !== null && record.processorEmail.toLowerCase() === mailbox.email.toLowerCase();
}

function twoWayPatch(task: NormalizedTask): Partial<NormalizedTask> {
  const patch: Partial<NormalizedTask> = {};
  for (const field of TASK_TWO_WAY_FIELDS) (patch as Record<string, unknown>)[field] = task[field];
  return patch;
}

export const taskFamily: ItemFamily<TodoTaskPresent, CrmTask> = {
  name: TASK_FAMILY_NAME,
  kinds: [TASK_KIND],

  scopeOf: taskScopeOf,
  ignores: () => false,
  // A task is one user's: no copies in other mailboxes share it.
  shareKeyOf: noShareKey,

  mergeFields: TASK_TWO_WAY_FIELDS,
  // Both sides carry the same fields (links included: To Do shows them as linked resources), so one projection.
  hash: (fields) => hashTask(fields),
  canonicalFields: taskCanonicalFields,
  merge: (input) => {
    const merged = mergeUnits(TASK_RULES, input);
    const { outlook, crm } = input;
    // C4C → To Do only: the task's links (a user who removes one in To Do gets it back), and the task's own link.
    if (canonicalTaskLinks(outlook.links).join() !== canonicalTaskLinks(crm.links).join()) merged.outlookPatch.links = crm.links;
    if (crm.crmRef && outlook.crmRef?.objectId !== crm.crmRef.objectId) merged.outlookPatch.crmRef = crm.crmRef;
    return merged;
  },
  fullPatch: twoWayPatch,

  // Links and the record's own reference are C4C's to give; a new C4C task gets the To Do task's content.
  crmCreateFields: (fields) => ({ ...fields, links: [], crmRef: null }),
  createsAsOwner: () => true,
  blocker: (fields) => taskBlocker(fields),
  crmBlocker: (fields) => (fields.unknownZone ? unknownZoneError(fields.unknownZone) : null),
  isTarget: (record, mailbox) => isTaskProcessor(record, mailbox),
  categoryFor: (_kind, settings) => settings.categories.task,
  syncCategories: (settings) => [settings.categories.task],
  crmGoneNotice: 'The task was cancelled or deleted in SAP Cloud for Customer; it is no longer synced.',

  // The hash leaves the task's own link out (it names the record, it is no content): a re-read To Do task holds an
  // update that wrote it only when it names that record (run/apply.ts counts a timed-out update as landed).
  holdsUpdate: (side, current, after, patch) => side === 'crm' || patch.crmRef === undefined || current.crmRef?.objectId === after.crmRef?.objectId,
  crmObjectIdOf: (item) => item.fields.crmRef?.objectId ?? null,
  groupwareLinkPatch: (record) => (record.fields.crmRef ? { crmRef: record.fields.crmRef, links: record.fields.links } : null),
};
