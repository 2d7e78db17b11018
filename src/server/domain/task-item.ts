// The normalized task (R13): one shape for a Microsoft To Do task (Graph todoTask) and a C4C Task (TasksCollection),
// so the engine can compare, hash and merge them without knowing either API. Pure data, JSON-serializable.
import type { UnknownZone } from './calendar-item.js';
import type { CrmLink } from '../../shared/crm-links.js';
import type { CrmRecord, GroupwareItemPresent } from './snapshots.js';

/** To Do `importance`; C4C PriorityCode 1 (immediate) and 2 (urgent) are high, 3 normal, 7 low. */
export type TaskImportance = 'low' | 'normal' | 'high';

/**
 * How far the task is: To Do `status` notStarted | inProgress | completed (waitingOnOthers reads as inProgress,
 * deferred as notStarted); C4C Status 1 open, 2 in process, 3 completed. A cancelled C4C task (Status 4) is not a
 * progress: the record's `status` says it, and R11 applies.
 */
export type TaskProgress = 'notStarted' | 'inProgress' | 'completed';

/** The C4C task a To Do task mirrors, as its linked resource names it (the service writes it). */
export interface TaskCrmRef {
  /** C4C `ObjectID`. */
  objectId: string;
  /** C4C `ID`, the number users see, when known. */
  displayId: string | null;
}

export interface NormalizedTask {
  /** To Do `title` ↔ C4C `Subject`. */
  title: string;
  /** Plain-text body, line endings `\n`, trimmed: To Do `body` ↔ the C4C task's body text (TasksTextCollection). */
  body: string;
  /**
   * Start and due as ISO 8601 UTC instants without fractions (`2026-12-10T08:00:00Z`), or null when unset. To Do
   * stores a date-time with a zone (`dateTimeTimeZone`); C4C a DateTimeOffset with a SAP zone code.
   */
  startUtc: string | null;
  dueUtc: string | null;
  /** IANA zone the dates were set in (display and the zone codes written; the instants are the truth). */
  timeZone: string;
  importance: TaskImportance;
  progress: TaskProgress;
  /** When it was completed (To Do `completedDateTime` ↔ C4C `CompletionDateTime`), or null. */
  completedUtc: string | null;
  /** The task's account, contact and opportunity links in C4C (shown in To Do as linked resources; C4C → To Do). */
  links: CrmLink[];
  /** Groupware side: the C4C task its service-written linked resource names, or null. CRM side: the record itself. */
  crmRef: TaskCrmRef | null;
  /** Set only when a side named a zone that maps to no known zone (R9; `timeZone` is then a UTC placeholder). */
  unknownZone?: UnknownZone;
}

export const TASK_KIND = 'task';
export type TaskKind = typeof TASK_KIND;

/** A To Do task in one of the mailbox's lists. */
export interface TodoTaskPresent extends GroupwareItemPresent<NormalizedTask> {
  /** The To Do list (todoTaskList id) the task is in. */
  listId: string;
  /** Whether that list is the one the service keeps for tasks made in C4C (its name is a setting). */
  inServiceList: boolean;
}

/** A C4C Task. */
export interface CrmTask extends CrmRecord<NormalizedTask, TaskKind> {
  /** ProcessorPartyID: the employee the task is assigned to (R7 for tasks: it lands in their To Do). */
  processorPartyId: string | null;
  /** ProcessorEmailURI, lower-case, when C4C gives it. */
  processorEmail: string | null;
  /** Owner (OwnerUUID is all C4C exposes on Tasks) is not used for routing; the processor is. */
}

export function emptyTask(): NormalizedTask {
  return { title: '', body: '', startUtc: null, dueUtc: null, timeZone: 'UTC', importance: 'normal', progress: 'notStarted', completedUtc: null, links: [], crmRef: null };
}
