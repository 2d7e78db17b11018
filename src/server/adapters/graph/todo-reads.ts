// Reading To Do through Graph: the mailbox's task lists, one list's task delta (all pages), and tasks by id with
// their linked resources ($expand=linkedResources, GETs batched 20 at a time). Task ids the adapter hands out are
// `<listId>/<taskId>`: Graph ids are URL path segments (url-safe base64), so '/' never occurs inside one, and the
// list is needed for every call on a task.
import type { PortError } from '../../domain/errors.js';
import type { GraphTodoTask } from '../../domain/normalize-todo.js';
import { PortFailure } from '../../ports/write-results.js';
import { runBatched } from './batch.js';
import { isItemGone, isExpiredDeltaToken, portErrorOf } from './graph-errors.js';
import type { GraphHttp } from './graph-http.js';
import { retryAfterOf, userPath } from './event-reads.js';

/** Times in UTC (Graph reports To Do dates in UTC anyway; the header makes it explicit). */
export const TODO_PREFER = 'outlook.timezone="UTC"';

export interface TodoListInfo {
  id: string;
  displayName: string;
  wellknownListName: string;
  isOwner: boolean;
}

export interface TaskRef {
  listId: string;
  taskId: string;
}

export const taskKey = (ref: TaskRef) => `${ref.listId}/${ref.taskId}`;

export function parseTaskKey(id: string): TaskRef | null {
  const slash = id.indexOf('/');
  if (slash <= 0 || slash === id.length - 1) return null;
  return { listId: id.slice(0, slash), taskId: id.slice(slash + 1) };
}

export const listsPath = (userId: string) => `${userPath(userId)}/todo/lists`;
export const tasksPath = (userId: string, listId: string) => `${listsPath(userId)}/${encodeURIComponent(listId)}/tasks`;
export const taskPath = (userId: string, ref: TaskRef) => `${tasksPath(userId, ref.listId)}/${encodeURIComponent(ref.taskId)}`;

const ok2xx = (status: number) => status >= 200 && status < 300;

export function isTodoTask(value: unknown): value is GraphTodoTask {
  return !!value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string';
}

/** Every task list of the mailbox (all pages). */
export async function listTodoLists(http: GraphHttp, scope: string, userId: string): Promise<TodoListInfo[]> {
  const lists: TodoListInfo[] = [];
  let url: string | undefined = listsPath(userId);
  while (url) {
    const response = await http.send(scope, { method: 'GET', url, headers: { prefer: `odata.maxpagesize=${http.options.pageSize}` } });
    if (!ok2xx(response.status)) throw new PortFailure(portErrorOf(response.status, response.body, retryAfterOf(response.headers)));
    const page = response.body as { value?: Array<Record<string, unknown>>; '@odata.nextLink'?: string };
    for (const l of page.value ?? []) {
      if (typeof l.id !== 'string') continue;
      lists.push({ id: l.id, displayName: String(l.displayName ?? ''), wellknownListName: String(l.wellknownListName ?? 'none'), isOwner: l.isOwner !== false });
    }
    url = page['@odata.nextLink'];
  }
  return lists;
}

/** Whether a list still exists: false only on Graph's item-level 404. */
export async function listExists(http: GraphHttp, scope: string, userId: string, listId: string): Promise<boolean> {
  const response = await http.send(scope, { method: 'GET', url: `${listsPath(userId)}/${encodeURIComponent(listId)}` });
  if (ok2xx(response.status)) return true;
  if (isItemGone(response.status, response.body)) return false;
  throw new PortFailure(portErrorOf(response.status, response.body, retryAfterOf(response.headers)));
}

export class DeltaTokenExpired extends Error {}
export class ListGone extends Error {}

export function initialTaskDeltaUrl(userId: string, listId: string): string {
  return `${tasksPath(userId, listId)}/delta?$expand=linkedResources`;
}

/** All pages of one list's task delta: the entries and the new deltaLink. */
export async function collectTaskDelta(http: GraphHttp, scope: string, firstUrl: string): Promise<{ entries: GraphTodoTask[]; deltaLink: string }> {
  const headers = { prefer: `${TODO_PREFER}, odata.maxpagesize=${http.options.pageSize}` };
  const entries: GraphTodoTask[] = [];
  let url = firstUrl;
  for (;;) {
    const response = await http.send(scope, { method: 'GET', url, headers });
    if (isExpiredDeltaToken(response.status, response.body)) throw new DeltaTokenExpired();
    if (isItemGone(response.status, response.body)) throw new ListGone();
    if (!ok2xx(response.status)) throw new PortFailure(portErrorOf(response.status, response.body, retryAfterOf(response.headers)));
    const page = (response.body ?? {}) as { value?: unknown[]; '@odata.nextLink'?: unknown; '@odata.deltaLink'?: unknown };
    for (const entry of page.value ?? []) if (isTodoTask(entry)) entries.push(entry);
    if (typeof page['@odata.nextLink'] === 'string') url = page['@odata.nextLink'];
    else if (typeof page['@odata.deltaLink'] === 'string') return { entries, deltaLink: page['@odata.deltaLink'] };
    else throw new PortFailure({ code: 'temporary', message: 'Graph task delta page had neither @odata.nextLink nor @odata.deltaLink' });
  }
}

/** What a GET of one task found: the task (linked resources expanded), null when it (or its list) is gone, or the error. */
export type TaskReadOutcome = GraphTodoTask | null | PortError;

export function isTaskReadError(value: TaskReadOutcome | undefined): value is PortError {
  return !!value && typeof value === 'object' && 'code' in value && !('id' in value);
}

/** Current state of tasks by ref, one outcome per ref, keyed by `<listId>/<taskId>`. */
export async function readTasksById(http: GraphHttp, scope: string, userId: string, refs: readonly TaskRef[]): Promise<Map<string, TaskReadOutcome>> {
  const responses = await runBatched(http, scope, refs.map((ref) => ({ method: 'GET' as const, url: `${taskPath(userId, ref)}?$expand=linkedResources`, headers: { prefer: TODO_PREFER } })));
  const found = new Map<string, TaskReadOutcome>();
  responses.forEach((response, i) => {
    const key = taskKey(refs[i]!);
    if (isItemGone(response.status, response.body)) found.set(key, null);
    else if (ok2xx(response.status) && isTodoTask(response.body)) found.set(key, response.body);
    else found.set(key, portErrorOf(response.status, response.body, retryAfterOf(response.headers)));
  });
  return found;
}
