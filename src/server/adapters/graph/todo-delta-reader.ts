// readChanges for To Do: one task delta per list of the mailbox (tasks have no time window). The lists are listed
// at a full read and at most every LIST_REFRESH_MS; a new list starts with a full read of that list; a list that
// vanished is dropped only after a GET of it answers 404, and then the read says `full: true`, so the engine
// confirms its pairs with getItems (the tasks of a deleted list come back removed there). A 410 on one list → a
// full read of that list, also `full: true`. Shared lists the mailbox does not own are skipped: their owner's
// mailbox syncs them. Delta is asked for `$expand=linkedResources` (the todoTask delta docs list $expand as
// supported); entries that still come without them, or without categories/status, are read again in $batch GETs.
import type { Mailbox } from '../../domain/mailbox.js';
import { normalizeTodoTask, type GraphTodoTask } from '../../domain/normalize-todo.js';
import type { GroupwareItem } from '../../domain/snapshots.js';
import type { TodoTaskPresent } from '../../domain/task-item.js';
import type { GroupwareChanges } from '../../ports/groupware-port.js';
import { PortFailure } from '../../ports/write-results.js';
import type { GraphHttp } from './graph-http.js';
import { decodeTodoCursor, encodeTodoCursor } from './todo-cursor.js';
import {
  DeltaTokenExpired,
  ListGone,
  collectTaskDelta,
  initialTaskDeltaUrl,
  isTaskReadError,
  listExists,
  listTodoLists,
  readTasksById,
  taskKey,
} from './todo-reads.js';

export const LIST_REFRESH_MS = 30 * 60_000;

/** Delta may send only changed properties; without these (or the linked resources) a task cannot be judged. */
function isPartial(entry: GraphTodoTask): boolean {
  return !('linkedResources' in entry) || !('categories' in entry) || !('status' in entry);
}

function latestPerId(entries: readonly GraphTodoTask[]): GraphTodoTask[] {
  const byId = new Map<string, GraphTodoTask>();
  for (const entry of entries) {
    byId.delete(entry.id);
    byId.set(entry.id, entry);
  }
  return [...byId.values()];
}

export interface TodoReadContext {
  /** The service list's id known to the adapter (memory), else the cursor's is used. */
  serviceListId: string | null;
  /** How long a listing of the mailbox's lists is trusted (default LIST_REFRESH_MS). */
  listRefreshMs?: number;
}

export async function readTodoChanges(
  http: GraphHttp,
  mailbox: Mailbox,
  cursor: string | null,
  context: TodoReadContext,
): Promise<GroupwareChanges<TodoTaskPresent> & { serviceListId: string | null }> {
  const userId = http.options.userIdOf(mailbox);
  const scope = userId.toLowerCase();
  const decoded = decodeTodoCursor(cursor);
  let full = decoded === null;
  let lists: Record<string, string | null> = { ...(decoded?.lists ?? {}) };
  let listedAt = decoded?.listedAt ?? 0;
  const now = http.options.clock.now().getTime();
  if (full || now - listedAt >= (context.listRefreshMs ?? LIST_REFRESH_MS)) {
    const current = (await listTodoLists(http, scope, userId)).filter((l) => l.isOwner);
    const next: Record<string, string | null> = {};
    for (const list of current) next[list.id] = lists[list.id] ?? null;
    for (const id of Object.keys(lists)) {
      if (id in next) continue;
      if (await listExists(http, scope, userId, id)) next[id] = lists[id] ?? null;
      else full = true;
    }
    lists = next;
    listedAt = now;
  }

  const entries: Array<{ listId: string; task: GraphTodoTask }> = [];
  for (const listId of Object.keys(lists)) {
    const known = lists[listId] ?? null;
    try {
      let delta;
      try {
        delta = await collectTaskDelta(http, scope, known ?? initialTaskDeltaUrl(userId, listId));
      } catch (error) {
        if (!(error instanceof DeltaTokenExpired)) throw error;
        if (known === null) throw new PortFailure({ code: 'cursor', message: 'Graph rejected the state token of a fresh task delta' });
        http.options.logger.info({ mailboxId: mailbox.mailboxId }, 'graph task delta token expired, reading the list again');
        full = true;
        delta = await collectTaskDelta(http, scope, initialTaskDeltaUrl(userId, listId));
      }
      lists[listId] = delta.deltaLink;
      for (const task of latestPerId(delta.entries)) entries.push({ listId, task });
    } catch (error) {
      if (!(error instanceof ListGone) || (await listExists(http, scope, userId, listId))) throw error;
      delete lists[listId];
      full = true;
    }
  }

  const serviceListId = context.serviceListId ?? decoded?.serviceListId ?? null;
  const details = entries.filter((e) => !e.task['@removed'] && isPartial(e.task)).map((e) => ({ listId: e.listId, taskId: e.task.id }));
  const read = details.length > 0 ? await readTasksById(http, scope, userId, details) : new Map();
  const items: GroupwareItem<TodoTaskPresent>[] = entries.map(({ listId, task }) => {
    const id = taskKey({ listId, taskId: task.id });
    const context = { listId, id, inServiceList: listId === serviceListId };
    const detail = read.get(id);
    if (isTaskReadError(detail)) throw new PortFailure(detail);
    if (detail === null) return { removed: true, id };
    return normalizeTodoTask(detail ?? task, context);
  });
  http.options.logger.info(
    { mailboxId: mailbox.mailboxId, full, lists: Object.keys(lists).length, items: items.length, removed: items.filter((i) => i.removed).length, detailReads: details.length },
    'graph task changes read',
  );
  return { items, nextCursor: encodeTodoCursor({ lists, listedAt, serviceListId }), full, serviceListId };
}
