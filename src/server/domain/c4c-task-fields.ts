// Names and codes of C4C Tasks (TasksCollection and its text and BTD reference children), and the mapping of
// their codes to the normalized task. Sources: the tenant $metadata (field names, MaxLengths, no GroupwareItemID
// on Tasks); SAP's Manage Task Activities web-service example (help.sap.com, ManageTaskActivityIn: a task's
// text with TextTypeCode 10002, PriorityCode 1); status and priority codes as for activities ([M]: the tenant's
// TasksStatusCollection / TasksPriorityCodeCollection hold the real ones).
import type { TaskImportance, TaskProgress } from './task-item.js';
import type { CrmActivityStatus } from './snapshots.js';

export const C4C_TASK_NAMES = {
  entitySet: 'TasksCollection',
  textSet: 'TasksTextCollectionCollection',
  textNav: 'TasksTextCollection',
  btdNav: 'TasksBTDReference',
} as const;

/** Text type of the task's body (the type SAP's own task web-service example writes). */
export const C4C_TASK_BODY_TEXT_TYPE = '10002';

/**
 * Text type of the entry that carries the idempotency key of a task created from Microsoft To Do. Tasks have no
 * GroupwareItemID, so the key lives in a text entry deep-inserted with the task (one atomic POST). 10011 is a
 * standard C4C text type used for internal comments ([M]: check the tenant's
 * TasksTextCollectionTypeCodeCollection): the key is service data, not something to show as the task's note, and
 * a type other than the body's keeps it out of the body in both directions.
 */
export const C4C_TASK_REFERENCE_TEXT_TYPE = '10011';

/** The reference entry's text: `Microsoft To Do reference: <key>`. */
export const TODO_REFERENCE_PREFIX = 'Microsoft To Do reference: ';

/** Longest idempotency key accepted (To Do's keys are opaque strings of at most 64 characters). */
export const MAX_TASK_KEY_LENGTH = 64;

/** CreatedBySSI of a task the service creates: "created by the server-side (groupware) integration". [M] value. */
export const C4C_TASK_CREATED_BY_SSI = '1';

/** Status: 1 open, 2 in process, 3 completed, 4 cancelled. */
export const C4C_TASK_STATUS = { open: '1', inProcess: '2', completed: '3', cancelled: '4' } as const;

/** PriorityCode: 1 immediate, 2 urgent, 3 normal, 7 low. */
export const C4C_TASK_PRIORITY = { immediate: '1', urgent: '2', normal: '3', low: '7' } as const;

export function referenceText(key: string): string {
  return `${TODO_REFERENCE_PREFIX}${key}`;
}

/** The key of a reference entry's text, or null when the text is not one (exact prefix, case kept). */
export function keyOfReferenceText(text: string | null | undefined): string | null {
  if (typeof text !== 'string' || !text.startsWith(TODO_REFERENCE_PREFIX)) return null;
  const key = text.slice(TODO_REFERENCE_PREFIX.length);
  return key === '' ? null : key;
}

/** Immediate and urgent are both To Do's high; an unknown or empty code is normal. */
export function importanceOfPriority(code: string | null | undefined): TaskImportance {
  if (code === C4C_TASK_PRIORITY.immediate || code === C4C_TASK_PRIORITY.urgent) return 'high';
  if (code === C4C_TASK_PRIORITY.low) return 'low';
  return 'normal';
}

/** High is written as urgent: immediate is an escalation a To Do flag does not express. */
export function priorityOfImportance(importance: TaskImportance): string {
  if (importance === 'high') return C4C_TASK_PRIORITY.urgent;
  return importance === 'low' ? C4C_TASK_PRIORITY.low : C4C_TASK_PRIORITY.normal;
}

/** A cancelled task keeps "not started" as its progress; the record's status says it is cancelled. */
export function progressOfStatus(code: string | null | undefined): TaskProgress {
  if (code === C4C_TASK_STATUS.inProcess) return 'inProgress';
  if (code === C4C_TASK_STATUS.completed) return 'completed';
  return 'notStarted';
}

export function statusOfProgress(progress: TaskProgress): string {
  if (progress === 'inProgress') return C4C_TASK_STATUS.inProcess;
  return progress === 'completed' ? C4C_TASK_STATUS.completed : C4C_TASK_STATUS.open;
}

export function recordStatusOf(code: string | null | undefined): CrmActivityStatus {
  if (code === C4C_TASK_STATUS.completed) return 'completed';
  if (code === C4C_TASK_STATUS.cancelled) return 'cancelled';
  return 'open';
}
