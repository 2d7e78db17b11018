// To Do writes with Graph's rules: defaults on create, inline linkedResources, partial PATCH, status ↔
// completedDateTime, linked-resource edits that version the task, and list create/rename/delete. Every task write
// takes a new store-wide version (delta, etag) and is announced to the subscription hub.
import { GraphError, badRequest, notFound } from '../errors.js';
import { normalizeWallClock, toInstant } from '../time.js';
import type { GraphStore, Mailbox } from '../store/graph-store.js';
import {
  emptyTaskFields,
  type LinkedResourceWrite,
  type StoredLinkedResource,
  type StoredTodoList,
  type StoredTodoTask,
  type TaskFields,
  type TaskWrite,
} from './todo-model.js';

const DATE_FIELDS = ['startDateTime', 'dueDateTime', 'completedDateTime', 'reminderDateTime'] as const;

export function findList(mailbox: Mailbox, listId: string): StoredTodoList {
  const list = mailbox.todoLists.get(listId);
  if (!list) throw notFound();
  return list;
}

export function findTask(list: StoredTodoList, taskId: string): StoredTodoTask {
  const task = list.tasks.get(taskId);
  if (!task) throw notFound();
  return task;
}

/**
 * To Do records completion as a date: Graph reports completedDateTime at midnight UTC of the day the task was
 * completed (as the Outlook task API documented for its `complete` action).
 */
function completionOf(now: number) {
  return { dateTime: `${new Date(now).toISOString().slice(0, 10)}T00:00:00`, timeZone: 'UTC' };
}

function applyTaskWrite(fields: TaskFields, input: TaskWrite, now: number): boolean {
  const wasCompleted = fields.status === 'completed';
  if (input.title !== undefined) fields.title = input.title ?? '';
  let bodyChanged = false;
  if (input.body) {
    fields.body = { contentType: input.body.contentType.toLowerCase() as 'text' | 'html', content: input.body.content };
    bodyChanged = true;
  }
  if (input.importance) fields.importance = input.importance;
  if (input.status) fields.status = input.status;
  if (input.isReminderOn !== undefined) fields.isReminderOn = input.isReminderOn;
  if (input.categories) fields.categories = [...input.categories];
  for (const key of DATE_FIELDS) {
    const value = input[key];
    if (value === undefined) continue;
    if (value === null) fields[key] = null;
    else {
      toInstant(value); // validates the wall clock and the zone (400 like Graph)
      fields[key] = normalizeWallClock({ dateTime: value.dateTime, timeZone: value.timeZone });
    }
  }
  // Graph keeps completedDateTime and status consistent: completing stamps the date, reopening clears it.
  if (fields.status === 'completed' && !wasCompleted && input.completedDateTime === undefined) fields.completedDateTime = completionOf(now);
  if (fields.status !== 'completed') fields.completedDateTime = null;
  return bodyChanged;
}

function linkedResourceOf(store: GraphStore, input: LinkedResourceWrite): StoredLinkedResource {
  return {
    id: store.ids.guid(),
    webUrl: input.webUrl ?? null,
    applicationName: input.applicationName ?? null,
    displayName: input.displayName ?? null,
    externalId: input.externalId ?? null,
  };
}

/** Records a new version of the task and announces it. */
function version(store: GraphStore, mailbox: Mailbox, task: StoredTodoTask, changeType: 'created' | 'updated'): StoredTodoTask {
  const v = store.nextVersion();
  task.seq = v.seq;
  task.changeKey = v.changeKey;
  task.lastModifiedDateTime = v.at;
  if (changeType === 'created') task.createdDateTime = v.at;
  store.emit({ mailboxId: mailbox.user.id, eventId: task.id, listId: task.listId, changeType, changeKey: task.changeKey });
  return task;
}

export function createTask(store: GraphStore, mailbox: Mailbox, list: StoredTodoList, input: TaskWrite): StoredTodoTask {
  const fields = emptyTaskFields();
  applyTaskWrite(fields, input, store.now());
  const task: StoredTodoTask = {
    id: store.ids.todoTaskId(),
    listId: list.id,
    changeKey: '',
    seq: 0,
    createdDateTime: '',
    lastModifiedDateTime: '',
    bodyLastModifiedDateTime: '',
    fields,
    linkedResources: (input.linkedResources ?? []).map((r) => linkedResourceOf(store, r)),
  };
  list.tasks.set(task.id, task);
  version(store, mailbox, task, 'created');
  task.bodyLastModifiedDateTime = task.createdDateTime;
  return task;
}

export function updateTask(store: GraphStore, mailbox: Mailbox, task: StoredTodoTask, input: TaskWrite): StoredTodoTask {
  if (input.linkedResources !== undefined) {
    throw badRequest('linkedResources cannot be changed with PATCH on the task; use the linkedResources navigation property.', 'invalidRequest');
  }
  const bodyChanged = applyTaskWrite(task.fields, input, store.now());
  version(store, mailbox, task, 'updated');
  if (bodyChanged) task.bodyLastModifiedDateTime = task.lastModifiedDateTime;
  return task;
}

export function deleteTask(store: GraphStore, mailbox: Mailbox, list: StoredTodoList, task: StoredTodoTask): void {
  const v = store.nextVersion();
  list.tasks.delete(task.id);
  list.tombstones.push({ id: task.id, seq: v.seq });
  store.emit({ mailboxId: mailbox.user.id, eventId: task.id, listId: list.id, changeType: 'deleted' });
}

export function addLinkedResource(store: GraphStore, mailbox: Mailbox, task: StoredTodoTask, input: LinkedResourceWrite): StoredLinkedResource {
  if (task.linkedResources.length >= 50) throw new GraphError(400, 'invalidRequest', 'A task can have at most 50 linked resources.');
  const resource = linkedResourceOf(store, input);
  task.linkedResources.push(resource);
  version(store, mailbox, task, 'updated');
  return resource;
}

export function findLinkedResource(task: StoredTodoTask, id: string): StoredLinkedResource {
  const resource = task.linkedResources.find((r) => r.id === id);
  if (!resource) throw notFound();
  return resource;
}

export function updateLinkedResource(store: GraphStore, mailbox: Mailbox, task: StoredTodoTask, resource: StoredLinkedResource, input: LinkedResourceWrite): StoredLinkedResource {
  for (const key of ['webUrl', 'applicationName', 'displayName', 'externalId'] as const) {
    if (input[key] !== undefined) resource[key] = input[key] ?? null;
  }
  version(store, mailbox, task, 'updated');
  return resource;
}

export function deleteLinkedResource(store: GraphStore, mailbox: Mailbox, task: StoredTodoTask, resource: StoredLinkedResource): void {
  task.linkedResources = task.linkedResources.filter((r) => r !== resource);
  version(store, mailbox, task, 'updated');
}

export function createList(store: GraphStore, mailbox: Mailbox, displayName: string): StoredTodoList {
  const list: StoredTodoList = {
    id: store.ids.todoListId(),
    displayName,
    wellknownListName: 'none',
    isOwner: true,
    isShared: false,
    changeKey: store.nextVersion().changeKey,
    tasks: new Map(),
    tombstones: [],
  };
  mailbox.todoLists.set(list.id, list);
  return list;
}

export function renameList(store: GraphStore, list: StoredTodoList, displayName: string): StoredTodoList {
  list.displayName = displayName;
  list.changeKey = store.nextVersion().changeKey;
  return list;
}

/** Deleting a list deletes its tasks; the default list cannot be deleted. */
export function deleteList(store: GraphStore, mailbox: Mailbox, list: StoredTodoList): void {
  if (list.wellknownListName !== 'none') throw badRequest('The default list cannot be deleted.', 'invalidRequest');
  for (const task of [...list.tasks.values()]) deleteTask(store, mailbox, list, task);
  mailbox.todoLists.delete(list.id);
}
