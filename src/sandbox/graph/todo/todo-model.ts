// Microsoft To Do as the sandbox stores it (todoTaskList, todoTask, linkedResource; learn.microsoft.com
// resources/todotask, todotasklist, linkedresource), and the zod schemas of what clients may write. Unknown
// properties are rejected like Graph does; read-only ones that clients echo back are accepted and ignored.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { DateTimeTimeZone } from '../time.js';

export const TASK_STATUSES = ['notStarted', 'inProgress', 'completed', 'waitingOnOthers', 'deferred'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

const dateTimeTimeZone = z.object({ dateTime: z.string().min(1), timeZone: z.string().default('UTC'), '@odata.type': z.string().optional() }).strict();

const TASK_READ_ONLY = ['@odata.etag', '@odata.context', '@odata.type', 'id', 'createdDateTime', 'lastModifiedDateTime', 'bodyLastModifiedDateTime', 'hasAttachments'] as const;
const readOnly = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, z.unknown().optional()]));

export const linkedResourceWriteSchema = z
  .object({
    webUrl: z.string().max(2048).nullable().optional(),
    applicationName: z.string().max(255).nullable().optional(),
    displayName: z.string().max(255).nullable().optional(),
    externalId: z.string().max(255).nullable().optional(),
    ...readOnly(['@odata.etag', '@odata.context', '@odata.type', 'id']),
  })
  .strict();
export type LinkedResourceWrite = z.infer<typeof linkedResourceWriteSchema>;

export const taskWriteSchema = z
  .object({
    title: z.string().max(255).nullable().optional(),
    body: z.object({ contentType: z.enum(['text', 'html', 'Text', 'HTML']).default('text'), content: z.string() }).strict().optional(),
    importance: z.enum(['low', 'normal', 'high']).optional(),
    status: z.enum(TASK_STATUSES).optional(),
    startDateTime: dateTimeTimeZone.nullable().optional(),
    dueDateTime: dateTimeTimeZone.nullable().optional(),
    completedDateTime: dateTimeTimeZone.nullable().optional(),
    reminderDateTime: dateTimeTimeZone.nullable().optional(),
    isReminderOn: z.boolean().optional(),
    categories: z.array(z.string()).optional(),
    recurrence: z.unknown().optional(),
    /** Graph accepts linked resources inline on create (todotasklist-post-tasks example). */
    linkedResources: z.array(linkedResourceWriteSchema).max(50).optional(),
    ...readOnly(TASK_READ_ONLY),
  })
  .strict();
export type TaskWrite = z.infer<typeof taskWriteSchema>;

export const listWriteSchema = z
  .object({
    displayName: z.string().min(1).max(255).optional(),
    ...readOnly(['@odata.etag', '@odata.context', '@odata.type', 'id', 'isOwner', 'isShared', 'wellknownListName']),
  })
  .strict();

export interface StoredLinkedResource {
  id: string;
  webUrl: string | null;
  applicationName: string | null;
  displayName: string | null;
  externalId: string | null;
}

export interface TaskFields {
  title: string;
  body: { contentType: 'text' | 'html'; content: string };
  importance: 'low' | 'normal' | 'high';
  status: TaskStatus;
  startDateTime: DateTimeTimeZone | null;
  dueDateTime: DateTimeTimeZone | null;
  completedDateTime: DateTimeTimeZone | null;
  reminderDateTime: DateTimeTimeZone | null;
  isReminderOn: boolean;
  categories: string[];
}

export interface StoredTodoTask {
  id: string;
  listId: string;
  changeKey: string;
  /** Store-wide change sequence of the last write (drives delta). */
  seq: number;
  createdDateTime: string;
  lastModifiedDateTime: string;
  bodyLastModifiedDateTime: string;
  fields: TaskFields;
  linkedResources: StoredLinkedResource[];
}

export interface StoredTodoList {
  id: string;
  displayName: string;
  wellknownListName: 'none' | 'defaultList' | 'flaggedEmails';
  isOwner: boolean;
  isShared: boolean;
  changeKey: string;
  tasks: Map<string, StoredTodoTask>;
  /** Deleted task ids with the sequence of their delete, for delta's `@removed` entries. */
  tombstones: Array<{ id: string; seq: number }>;
}

/**
 * Every mailbox's default list ("Tasks"). Its id is derived from the user id rather than drawn from the store's
 * counter, so adding To Do left the seeded event ids exactly as they were.
 */
export function defaultTodoList(userId: string): StoredTodoList {
  const digest = createHash('sha256').update(`todo-default:${userId}`).digest();
  return {
    id: `AAMkAGTodoDef${digest.subarray(0, 24).toString('base64url')}AAA=`,
    displayName: 'Tasks',
    wellknownListName: 'defaultList',
    isOwner: true,
    isShared: false,
    changeKey: digest.subarray(24, 32).toString('base64'),
    tasks: new Map(),
    tombstones: [],
  };
}

export function emptyTaskFields(): TaskFields {
  return {
    title: '',
    body: { contentType: 'text', content: '' },
    importance: 'normal',
    status: 'notStarted',
    startDateTime: null,
    dueDateTime: null,
    completedDateTime: null,
    reminderDateTime: null,
    isReminderOn: false,
    categories: [],
  };
}
