// NormalizedTask → C4C Task write bodies. A create is one deep insert (header, the To Do reference entry that
// makes it idempotent, the body entry); an update is a header PATCH plus, when the body changes, the body entry's
// new text. Links flow C4C → To Do only (To Do shows them as linked resources and cannot edit them), so no
// payload here writes MainAccountPartyID, MainContactPartyID or BTD references. Pure.
import {
  C4C_TASK_BODY_TEXT_TYPE,
  C4C_TASK_CREATED_BY_SSI,
  C4C_TASK_NAMES,
  C4C_TASK_REFERENCE_TEXT_TYPE,
  C4C_TASK_STATUS,
  priorityOfImportance,
  referenceText,
  statusOfProgress,
} from './c4c-task-fields.js';
import type { NormalizedTask } from './task-item.js';
import { parseIsoUtc, sapZoneFromIana, toODataDate } from './time.js';
import { STANDARD_SAP_ZONES, type SapZones } from './sap-time-zones.js';

export type C4cTaskBody = Record<string, unknown>;

export interface C4cTaskWrite {
  header: C4cTaskBody;
  /** The body entry's new text, when the body changes. */
  bodyText?: string;
}

const odataDate = (iso: string | null): string | null => (iso === null ? null : toODataDate(parseIsoUtc(iso)));

/**
 * The SAP code a task's dates are written with (its zone's, or one keeping its offsets), or null when the tenant has
 * none: the writer refuses such a task (R9) rather than write its dates as UTC.
 */
export function taskZoneCode(task: Pick<NormalizedTask, 'startUtc' | 'dueUtc' | 'timeZone'>, zones: SapZones = STANDARD_SAP_ZONES): string | null {
  const at = task.dueUtc ?? task.startUtc;
  return sapZoneFromIana(task.timeZone, at === null ? Date.now() : parseIsoUtc(at), zones);
}

/** Start, due and their zone codes travel together (the zone is the task's one zone; an unset date gets no zone). */
export function taskDateFields(task: Pick<NormalizedTask, 'startUtc' | 'dueUtc' | 'timeZone'>, zones: SapZones = STANDARD_SAP_ZONES): C4cTaskBody {
  const zone = taskZoneCode(task, zones);
  if (zone === null && (task.startUtc !== null || task.dueUtc !== null)) throw new RangeError(`no SAP time-zone code for ${task.timeZone}`);
  return {
    StartDateTime: odataDate(task.startUtc),
    StartDatetimeZoneCode: task.startUtc === null ? null : zone,
    DueDateTime: odataDate(task.dueUtc),
    DueDatetimeZoneCode: task.dueUtc === null ? null : zone,
  };
}

/** Status with its completion time (C4C keeps CompletionDateTime beside Status; To Do sets both together). */
function progressFields(task: Pick<NormalizedTask, 'progress' | 'completedUtc'>): C4cTaskBody {
  return { Status: statusOfProgress(task.progress), CompletionDateTime: odataDate(task.completedUtc) };
}

export function textEntry(text: string, typeCode: string): C4cTaskBody {
  return { Text: text, TypeCode: typeCode, LanguageCode: 'EN' };
}

export interface C4cTaskCreateContext {
  /** The To Do task's idempotency key (written into the reference entry). */
  groupwareItemId: string;
  /** The mailbox user's employee party: the task's processor, so it lands in their To Do again. */
  ownerPartyId: string | null;
}

/** The deep-insert body of a task created from To Do. */
export function toC4cTaskCreate(task: NormalizedTask, context: C4cTaskCreateContext, zones: SapZones = STANDARD_SAP_ZONES): C4cTaskBody {
  const texts = [textEntry(referenceText(context.groupwareItemId), C4C_TASK_REFERENCE_TEXT_TYPE)];
  if (task.body !== '') texts.push(textEntry(task.body, C4C_TASK_BODY_TEXT_TYPE));
  const body: C4cTaskBody = {
    Subject: task.title,
    ...taskDateFields(task, zones),
    PriorityCode: priorityOfImportance(task.importance),
    ...progressFields(task),
    CreatedBySSI: C4C_TASK_CREATED_BY_SSI,
    [C4C_TASK_NAMES.textNav]: texts,
  };
  if (context.ownerPartyId !== null) body.ProcessorPartyID = context.ownerPartyId;
  return body;
}

/** The changed fields of a To Do edit; `after` supplies the unchanged members of fields that travel together. */
export function toC4cTaskUpdate(patch: Partial<NormalizedTask>, after: NormalizedTask, zones: SapZones = STANDARD_SAP_ZONES): C4cTaskWrite {
  const header: C4cTaskBody = {};
  if (patch.title !== undefined) header.Subject = patch.title;
  if (patch.startUtc !== undefined || patch.dueUtc !== undefined || patch.timeZone !== undefined) Object.assign(header, taskDateFields(after, zones));
  if (patch.importance !== undefined) header.PriorityCode = priorityOfImportance(patch.importance);
  if (patch.progress !== undefined || patch.completedUtc !== undefined) Object.assign(header, progressFields(after));
  const write: C4cTaskWrite = { header };
  if (patch.body !== undefined) write.bodyText = patch.body;
  return write;
}

/** The whole To Do side of a task as an update (a create that found its earlier create: make it match). */
export function fullTaskPatch(task: NormalizedTask): Partial<NormalizedTask> {
  const { title, body, startUtc, dueUtc, timeZone, importance, progress, completedUtc } = task;
  return { title, body, startUtc, dueUtc, timeZone, importance, progress, completedUtc };
}

/** R11: cancel, never delete. */
export function toC4cTaskCancel(): C4cTaskBody {
  return { Status: C4C_TASK_STATUS.cancelled };
}
