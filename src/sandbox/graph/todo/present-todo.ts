// Renders To Do lists, tasks and linked resources as Graph JSON, in the shape of the samples on
// learn.microsoft.com (todotask-get, todotasklist-get): `@odata.etag` first, timestamps with seven fractional
// digits, dateTimeTimeZone values in UTC unless the client sent Prefer: outlook.timezone. linkedResources appear
// only when expanded ($expand=linkedResources), as navigation properties do.
import { etagOf } from '../present.js';
import { fromInstant, toInstant, type DateTimeTimeZone } from '../time.js';
import type { StoredLinkedResource, StoredTodoList, StoredTodoTask } from './todo-model.js';

export interface TaskPresentOptions {
  timeZone: string;
  expandLinkedResources: boolean;
}

/** Graph writes task timestamps with seven fractional digits (`2020-07-22T10:39:03.7937971Z`). */
const stamp = (iso: string) => iso.replace(/Z$/, '.0000000Z');

function zoned(value: DateTimeTimeZone | null, timeZone: string): DateTimeTimeZone | undefined {
  if (!value) return undefined;
  return fromInstant(toInstant(value), timeZone);
}

export function presentLinkedResource(r: StoredLinkedResource): Record<string, unknown> {
  return { id: r.id, webUrl: r.webUrl, applicationName: r.applicationName, displayName: r.displayName, externalId: r.externalId };
}

export function presentTask(task: StoredTodoTask, options: TaskPresentOptions): Record<string, unknown> {
  const f = task.fields;
  const out: Record<string, unknown> = {
    '@odata.etag': etagOf(task.changeKey),
    importance: f.importance,
    isReminderOn: f.isReminderOn,
    status: f.status,
    title: f.title,
    createdDateTime: stamp(task.createdDateTime),
    lastModifiedDateTime: stamp(task.lastModifiedDateTime),
    bodyLastModifiedDateTime: stamp(task.bodyLastModifiedDateTime),
    hasAttachments: false,
    categories: [...f.categories],
    id: task.id,
    body: { content: f.body.content, contentType: f.body.contentType },
  };
  // Unset dates are absent from Graph's JSON, not null.
  for (const key of ['completedDateTime', 'dueDateTime', 'reminderDateTime', 'startDateTime'] as const) {
    const value = zoned(f[key], options.timeZone);
    if (value) out[key] = value;
  }
  if (options.expandLinkedResources) {
    out.linkedResources = task.linkedResources.map(presentLinkedResource);
  }
  return out;
}

export function presentList(list: StoredTodoList): Record<string, unknown> {
  return {
    '@odata.etag': etagOf(list.changeKey),
    displayName: list.displayName,
    isOwner: list.isOwner,
    isShared: list.isShared,
    wellknownListName: list.wellknownListName,
    id: list.id,
  };
}
