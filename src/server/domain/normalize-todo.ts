// Graph `todoTask` JSON ↔ NormalizedTask / TodoTaskPresent (R13), and NormalizedTask → todoTask POST/PATCH bodies.
// Pure: the adapter supplies ids, the service list id and how C4C web URLs look.
//
// Linked resources (the service's only way to mark a To Do task as C4C's; To Do has no transactionId or extended
// properties the user cannot see) all carry applicationName "SAP Cloud for Customer":
//   - the task's own record: externalId = the C4C task ObjectID (32 hex digits, never a ':'), displayName
//     "SAP Cloud for Customer task <ID>", webUrl = the C4C screen → `fields.crmRef` {objectId, displayId: <ID>};
//     `task:<ObjectID>` is read the same way.
//   - each CRM link: externalId `<type>:<id>` (`:primary` appended for the primary account/contact), displayName
//     the link's name (or "<Label> <id>"), webUrl = the object's C4C screen → `fields.links`.
// Linked resources of other applications (Outlook's "flagged e-mail", partner apps) are left alone.
import { CRM_OBJECT_TYPES, normalizePrimaries, type CrmLink, type CrmObjectType } from '../../shared/crm-links.js';
import { ianaTimeZone } from '../../shared/time-zones.js';
import { normalizeText } from './canonical.js';
import { htmlToText, type GraphDateTimeTimeZone } from './normalize-graph.js';
import type { OutlookItemRemoved } from './snapshots.js';
import type { NormalizedTask, TaskCrmRef, TaskImportance, TaskProgress, TodoTaskPresent } from './task-item.js';
import { parseIsoUtc, toIsoUtc, wallClockToUtcMs } from './time.js';

export const CRM_APPLICATION_NAME = 'SAP Cloud for Customer';

export type TodoStatus = 'notStarted' | 'inProgress' | 'completed' | 'waitingOnOthers' | 'deferred';

export interface GraphLinkedResource {
  id?: string;
  webUrl?: string | null;
  applicationName?: string | null;
  displayName?: string | null;
  externalId?: string | null;
}

/** The subset of Graph's `todoTask` the sync reads. */
export interface GraphTodoTask {
  id: string;
  '@removed'?: { reason?: string };
  '@odata.etag'?: string;
  title?: string | null;
  body?: { content?: string | null; contentType?: string | null } | null;
  importance?: TaskImportance | null;
  status?: TodoStatus | null;
  startDateTime?: GraphDateTimeTimeZone | null;
  dueDateTime?: GraphDateTimeTimeZone | null;
  completedDateTime?: GraphDateTimeTimeZone | null;
  categories?: string[] | null;
  linkedResources?: GraphLinkedResource[] | null;
}

/** C4C web address of a record (the task itself or a linked object), for linked resources' webUrl. */
/** The C4C screen of an object, by the ID users see (a task's ID, an AccountID): shared/c4c-ui-links.ts. */
export type CrmWebUrl = (kind: 'task' | CrmObjectType, id: string) => string;

const TASK_PREFIX = 'SAP Cloud for Customer task ';

/** ISO UTC without fractions, or null; a zone Graph names in Windows or IANA form (UTC when unknown). */
export function instantOfTodoDate(value: GraphDateTimeTimeZone | null | undefined): string | null {
  if (!value?.dateTime) return null;
  if (/[zZ]|[+-]\d\d:\d\d$/.test(value.dateTime)) return toIsoUtc(parseIsoUtc(value.dateTime));
  return toIsoUtc(wallClockToUtcMs(value.dateTime, ianaTimeZone(value.timeZone) ?? 'UTC'));
}

export function progressOf(status: TodoStatus | null | undefined): TaskProgress {
  if (status === 'completed') return 'completed';
  return status === 'inProgress' || status === 'waitingOnOthers' ? 'inProgress' : 'notStarted';
}

const isCrmType = (value: string): value is CrmObjectType => Object.prototype.hasOwnProperty.call(CRM_OBJECT_TYPES, value);
const defaultLinkName = (type: CrmObjectType, id: string) => `${CRM_OBJECT_TYPES[type].label} ${id}`;

/** A service-written linked resource read back: the task's own C4C record, a CRM link, or neither. */
export function parseLinkedResource(resource: GraphLinkedResource): { crmRef: TaskCrmRef } | { link: CrmLink } | null {
  if (resource.applicationName !== CRM_APPLICATION_NAME || !resource.externalId) return null;
  const parts = resource.externalId.split(':');
  if (parts.length === 1 || (parts.length === 2 && parts[0] === 'task')) {
    const objectId = parts[parts.length - 1]!;
    const display = resource.displayName?.startsWith(TASK_PREFIX) ? resource.displayName.slice(TASK_PREFIX.length).trim() : '';
    return objectId ? { crmRef: { objectId, displayId: display || null } } : null;
  }
  const [type, id, flag] = parts;
  if (!type || !id || !isCrmType(type) || parts.length > 3 || (flag !== undefined && flag !== 'primary')) return null;
  const name = resource.displayName && resource.displayName !== defaultLinkName(type, id) ? resource.displayName : undefined;
  return { link: { type, id, ...(name ? { name } : {}), ...(flag === 'primary' ? { primary: true } : {}) } };
}

export function normalizeTodoFields(task: GraphTodoTask): NormalizedTask {
  const content = task.body?.content ?? '';
  let crmRef: TaskCrmRef | null = null;
  const links: CrmLink[] = [];
  for (const resource of task.linkedResources ?? []) {
    const parsed = parseLinkedResource(resource);
    if (parsed && 'crmRef' in parsed) crmRef ??= parsed.crmRef;
    else if (parsed) links.push(parsed.link);
  }
  const progress = progressOf(task.status);
  const zone = task.dueDateTime?.timeZone ?? task.startDateTime?.timeZone;
  // A zone that is neither Windows nor IANA: its wall clocks were read as UTC placeholders; the task is reported (R9).
  const unknown = [task.dueDateTime?.timeZone, task.startDateTime?.timeZone, task.completedDateTime?.timeZone].find((name) => !!name && ianaTimeZone(name) === null);
  return {
    title: normalizeText(task.title ?? ''),
    body: normalizeText(task.body?.contentType?.toLowerCase() === 'html' ? htmlToText(content) : content),
    startUtc: instantOfTodoDate(task.startDateTime),
    dueUtc: instantOfTodoDate(task.dueDateTime),
    timeZone: ianaTimeZone(zone) ?? 'UTC',
    importance: task.importance ?? 'normal',
    progress,
    completedUtc: progress === 'completed' ? instantOfTodoDate(task.completedDateTime) : null,
    links: normalizePrimaries(links),
    crmRef,
    ...(unknown ? { unknownZone: { side: 'outlook' as const, name: unknown } } : {}),
  };
}

/** todoTask (or a delta `@removed` entry) → TodoTaskPresent; `id` is the adapter's `<listId>/<taskId>`. */
export function normalizeTodoTask(task: GraphTodoTask, context: { listId: string; id: string; inServiceList: boolean }): TodoTaskPresent | OutlookItemRemoved {
  if (task['@removed']) return { removed: true, id: context.id };
  return {
    removed: false,
    id: context.id,
    version: task['@odata.etag'] ?? '',
    transactionId: null,
    categories: task.categories ?? [],
    fields: normalizeTodoFields(task),
    listId: context.listId,
    inServiceList: context.inServiceList,
  };
}

const todoDate = (iso: string | null) => (iso ? { dateTime: iso.replace(/Z$/, '').replace(/\.\d+$/, ''), timeZone: 'UTC' } : null);

const STATUS_OF: Record<TaskProgress, TodoStatus> = { notStarted: 'notStarted', inProgress: 'inProgress', completed: 'completed' };

/** The linked resources the service keeps on a task for `fields` (its C4C record first, then the links). */
export function desiredLinkedResources(fields: Pick<NormalizedTask, 'crmRef' | 'links'>, crmWebUrl: CrmWebUrl): Required<Omit<GraphLinkedResource, 'id'>>[] {
  const out: Required<Omit<GraphLinkedResource, 'id'>>[] = [];
  if (fields.crmRef) {
    const { objectId, displayId } = fields.crmRef;
    out.push({ applicationName: CRM_APPLICATION_NAME, externalId: objectId, displayName: `${TASK_PREFIX}${displayId ?? objectId}`, webUrl: crmWebUrl('task', displayId ?? objectId) });
  }
  for (const link of normalizePrimaries(fields.links)) {
    out.push({
      applicationName: CRM_APPLICATION_NAME,
      externalId: `${link.type}:${link.id}${link.primary ? ':primary' : ''}`,
      displayName: link.name ?? defaultLinkName(link.type, link.id),
      webUrl: crmWebUrl(link.type, link.id),
    });
  }
  return out;
}

/** Body of a PATCH for the changed fields (links and crmRef travel as linked resources, not here). */
export function toTodoPatchPayload(patch: Partial<NormalizedTask>, categories?: readonly string[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (patch.title !== undefined) body.title = patch.title;
  // Written as text: the service's bodies are plain text (normalized), and To Do shows text bodies as they are.
  if (patch.body !== undefined) body.body = { content: patch.body, contentType: 'text' };
  if (patch.startUtc !== undefined) body.startDateTime = todoDate(patch.startUtc);
  if (patch.dueUtc !== undefined) body.dueDateTime = todoDate(patch.dueUtc);
  if (patch.importance !== undefined) body.importance = patch.importance;
  if (patch.progress !== undefined) body.status = STATUS_OF[patch.progress];
  // completedDateTime only with a completion: Graph clears it itself when the status leaves `completed`.
  const completedUtc = patch.completedUtc ?? null;
  if (patch.completedUtc !== undefined && completedUtc !== null && (patch.progress ?? 'completed') === 'completed') body.completedDateTime = todoDate(completedUtc);
  if (categories) body.categories = [...new Set(categories)];
  return body;
}

/** Body of the POST that creates a task, its linked resources inline (Graph allows that on create). */
export function toTodoCreatePayload(fields: NormalizedTask, categories: readonly string[], crmWebUrl: CrmWebUrl): Record<string, unknown> {
  const { links: _links, crmRef: _crmRef, timeZone: _zone, ...rest } = fields;
  // Unset dates are simply left out of a create.
  const body = Object.fromEntries(Object.entries(toTodoPatchPayload(rest, categories)).filter(([, v]) => v !== null));
  const linkedResources = desiredLinkedResources(fields, crmWebUrl);
  return { ...body, ...(linkedResources.length > 0 ? { linkedResources } : {}) };
}
