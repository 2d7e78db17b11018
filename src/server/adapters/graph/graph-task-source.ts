// The Microsoft Graph implementation of GroupwarePort for the tasks family (R13: Microsoft To Do ↔ C4C Tasks),
// plus the To Do operations the service needs beyond it: the service list and what to subscribe to (each list).
//
// Ids: a task's id is `<listId>/<taskId>` (Graph ids are URL path segments, so they never hold a '/'). Every Graph
// call on a task needs its list, and the composite id lets getItems and write find it after a restart without a
// map. A task moved to another list gets a new Graph id there (todoTask docs), so it reads as a delete plus a new
// task, which the engine relinks through the C4C record its linked resource names.
// Cursor: todo-cursor.ts (per-list deltaLinks, when lists were listed, the service list id).
// Shares a GraphHttp with the calendar source when given one, so both families draw on one per-mailbox budget.
import type { Mailbox } from '../../domain/mailbox.js';
import { normalizeTodoTask, type CrmWebUrl } from '../../domain/normalize-todo.js';
import type { GroupwareItem } from '../../domain/snapshots.js';
import type { TaskKind, TodoTaskPresent } from '../../domain/task-item.js';
import { refuseWrites, type GroupwareChanges, type GroupwarePort, type ReadOnlyGroupware, type SyncWindow } from '../../ports/groupware-port.js';
import { PortFailure, type WriteResult } from '../../ports/write-results.js';
import { GraphHttp } from './graph-http.js';
import { resolveGraphOptions, type GraphAdapterOptions } from './options.js';
import type { SubscriptionResources } from '../../ports/change-subscriptions.js';
import { userPath } from './event-reads.js';
import { decodeTodoCursor } from './todo-cursor.js';
import { readTodoChanges } from './todo-delta-reader.js';
import { isTaskReadError, listTodoLists, parseTaskKey, readTasksById, taskKey } from './todo-reads.js';
import { ServiceLists } from './todo-service-list.js';
import { TodoWriter, type TaskWriteRequest } from './todo-writer.js';
import type { RunExclusive } from '../../ports/exclusive.js';
import { GraphTokenProvider } from './token-provider.js';
import { noteUnknownZones } from './unknown-zones.js';

export interface GraphTaskSourceOptions {
  /** C4C web address of a task or linked object (linked resources' webUrl). */
  crmWebUrl: CrmWebUrl;
  /** Name of the list for tasks made in C4C when ensureServiceList was not called for the mailbox yet. */
  serviceListName?: string;
  /**
   * How long a listing of a mailbox's To Do lists is trusted (default 30 minutes): a list the user makes is read,
   * and subscribed, within this. Each listing costs a Graph call per session, so idle sessions skip it.
   */
  listRefreshMs?: number;
  /** Claims a mailbox across processes while its service list is looked up or made (default: this process only). */
  exclusive?: RunExclusive;
}

export const DEFAULT_SERVICE_LIST_NAME = 'SAP Cloud for Customer';

const hasServiceList = (cursor: string | null): boolean => (decodeTodoCursor(cursor)?.serviceListId ?? null) !== null;

export class GraphTaskSource implements GroupwarePort<TodoTaskPresent, TaskKind>, SubscriptionResources {
  readonly http: GraphHttp;
  private readonly serviceLists: ServiceLists;

  /** `graph`: the adapter options (a new GraphHttp) or the calendar source's GraphHttp (shared limiter and tokens). */
  constructor(graph: GraphAdapterOptions | GraphHttp, private readonly options: GraphTaskSourceOptions) {
    if (graph instanceof GraphHttp) this.http = graph;
    else {
      const resolved = resolveGraphOptions(graph);
      const tokens = new GraphTokenProvider({
        authority: resolved.authority, tenantId: resolved.tenantId, clientId: resolved.clientId,
        clientSecret: resolved.clientSecret, scope: resolved.graphScope, logger: resolved.logger,
      });
      this.http = new GraphHttp(resolved, tokens);
    }
    this.serviceLists = new ServiceLists(this.http, options.exclusive);
  }

  /** Tasks have no time window: `window` is ignored. */
  async readChanges(mailbox: Mailbox, cursor: string | null, _window: SyncWindow): Promise<GroupwareChanges<TodoTaskPresent>> {
    // The service list exists before the first read (found or made once; later the cursor names it), so the read can
    // tell which tasks are in it (TASK_SYNC_SCOPE=list) and C4C's tasks have a place to land.
    if (!this.serviceLists.known(mailbox) && !hasServiceList(cursor)) await this.serviceLists.ensure(mailbox, this.options.serviceListName ?? DEFAULT_SERVICE_LIST_NAME);
    const changes = await readTodoChanges(this.http, mailbox, cursor, { serviceListId: this.serviceLists.known(mailbox), ...(this.options.listRefreshMs === undefined ? {} : { listRefreshMs: this.options.listRefreshMs }) });
    this.serviceLists.learn(mailbox, changes.serviceListId);
    noteUnknownZones(changes.items, this.http.options.logger);
    return { items: changes.items, nextCursor: changes.nextCursor, full: changes.full };
  }

  async getItems(mailbox: Mailbox, ids: readonly string[]): Promise<GroupwareItem<TodoTaskPresent>[]> {
    const unique = [...new Set(ids)];
    const refs = unique.flatMap((id) => parseTaskKey(id) ?? []);
    if (refs.length === 0) return unique.map((id) => ({ removed: true, id }));
    const userId = this.http.options.userIdOf(mailbox);
    const found = await readTasksById(this.http, userId.toLowerCase(), userId, refs);
    const serviceListId = this.serviceLists.known(mailbox);
    const items = unique.map((id): GroupwareItem<TodoTaskPresent> => {
      const ref = parseTaskKey(id);
      const outcome = ref ? found.get(taskKey(ref)) : null;
      if (isTaskReadError(outcome)) throw new PortFailure(outcome);
      if (!outcome || !ref) return { removed: true, id };
      return normalizeTodoTask(outcome, { listId: ref.listId, id, inServiceList: ref.listId === serviceListId });
    });
    noteUnknownZones(items, this.http.options.logger);
    return items;
  }

  /**
   * The dry run's view (GroupwarePort.readOnly): the service list found by name, not made. Without it the lists the
   * user has are read as a session would (their tasks sync under TASK_SYNC_SCOPE=all), none of them the service list.
   */
  async readOnly(mailbox: Mailbox): Promise<ReadOnlyGroupware<TodoTaskPresent, TaskKind>> {
    const name = this.serviceLists.nameOf(mailbox) ?? this.options.serviceListName ?? DEFAULT_SERVICE_LIST_NAME;
    const serviceListId = this.serviceLists.known(mailbox) ?? (await this.serviceLists.find(mailbox, name));
    const listRefresh = this.options.listRefreshMs === undefined ? {} : { listRefreshMs: this.options.listRefreshMs };
    const port: GroupwarePort<TodoTaskPresent, TaskKind> = {
      readChanges: async (m, cursor) => {
        const changes = await readTodoChanges(this.http, m, cursor, { serviceListId, ...listRefresh });
        return { items: changes.items, nextCursor: changes.nextCursor, full: changes.full };
      },
      getItems: (m, ids) => this.getItems(m, ids),
      write: refuseWrites,
    };
    return { port, wouldCreate: serviceListId ? [] : [`To Do list '${name}'`] };
  }

  write(mailbox: Mailbox, requests: readonly TaskWriteRequest[]): Promise<WriteResult[]> {
    if (requests.length === 0) return Promise.resolve([]);
    const serviceListId = () =>
      this.serviceLists.ensure(mailbox, this.serviceLists.nameOf(mailbox) ?? this.options.serviceListName ?? DEFAULT_SERVICE_LIST_NAME);
    return new TodoWriter(this.http, mailbox, requests, { crmWebUrl: this.options.crmWebUrl, serviceListId }).run();
  }

  /** The list for tasks made in C4C: found by `storedId`, else by name, else created (never twice). Returns its id. */
  ensureServiceList(mailbox: Mailbox, displayName: string, storedId?: string | null): Promise<string> {
    return this.serviceLists.ensure(mailbox, displayName, storedId);
  }

  /**
   * The task family subscribes to each list the mailbox owns (`users/{id}/todo/lists/{listId}/tasks`; shared lists
   * are their owners' to sync). One Graph call; the subscription keeper asks at most hourly per mailbox. Creating,
   * renewing and deleting subscriptions is the calendar source's (one `/subscriptions` API for every resource).
   */
  async subscriptionResources(mailbox: Mailbox): Promise<string[]> {
    // The service list first: it is where C4C's tasks land, so it is subscribed from the start (found or made once).
    await this.serviceLists.ensure(mailbox, this.serviceLists.nameOf(mailbox) ?? this.options.serviceListName ?? DEFAULT_SERVICE_LIST_NAME);
    const userId = this.http.options.userIdOf(mailbox);
    const lists = await listTodoLists(this.http, userId.toLowerCase(), userId);
    // A resource string as Graph echoes it, not a URL: ids as Graph gave them.
    return lists.filter((l) => l.isOwner).map((l) => `${userPath(userId).slice(1)}/todo/lists/${l.id}/tasks`);
  }
}
