// write() for To Do: creates, updates, deletes and category writes through $batch (≤ 20 per batch, the mailbox's
// concurrency budget). To Do has no transactionId: a create that was sent but whose answer was lost is found by the
// engine in the next delta, because the task names its C4C record in a linked resource (normalize-todo.ts).
// Updates carry If-Match (stale → `conflict`, vanished → `notFound`); when the patch touches `links` or `crmRef`
// the service's linked resources are brought to the new state after the PATCH (read first, so a stale version
// is a conflict there too), and the task is read once more for its final etag. Deletes: If-Match, 404 = success.
// editCategories is read-modify-write without If-Match, keeping categories the user added; setCategories replaces.
import type { Mailbox } from '../../domain/mailbox.js';
import { desiredLinkedResources, parseLinkedResource, toTodoCreatePayload, toTodoPatchPayload, type CrmWebUrl, type GraphTodoTask } from '../../domain/normalize-todo.js';
import type { NormalizedTask, TaskKind } from '../../domain/task-item.js';
import type { GroupwareWriteRequest } from '../../ports/groupware-port.js';
import type { WriteResult } from '../../ports/write-results.js';
import { runBatched } from './batch.js';
import { applyCategoryEdit, sameCategories } from './category-edit.js';
import { retryAfterOf } from './event-reads.js';
import { ifMatchHeader } from './event-writer.js';
import { isItemGone, portErrorOf } from './graph-errors.js';
import type { GraphHttp, GraphRequest, GraphResponse } from './graph-http.js';
import { TODO_PREFER, isTaskReadError, isTodoTask, parseTaskKey, readTasksById, taskKey, taskPath, tasksPath, type TaskReadOutcome, type TaskRef } from './todo-reads.js';

export type TaskWriteRequest = GroupwareWriteRequest<NormalizedTask, TaskKind>;
type Update = Extract<TaskWriteRequest, { op: 'update' }>;

const ok2xx = (status: number) => status >= 200 && status < 300;
const bare = (v: string) => /^(?:W\/)?"(.*)"$/.exec(v)?.[1] ?? v;
// `*` (HTTP's "any version") is what the engine gives for writes of what only the service owns (the C4C link).
const sameVersion = (a: string | undefined, b: string) => b === '*' || (a !== undefined && bare(a) === bare(b));
const ifMatchOf = (version: string) => (version === '*' ? '*' : ifMatchHeader(version));
const failure = (r: GraphResponse): WriteResult => ({ ok: false, error: portErrorOf(r.status, r.body, retryAfterOf(r.headers)) });
const etagOf = (body: unknown): string | null => (isTodoTask(body) ? (body['@odata.etag'] ?? null) : null);

export interface TodoWriteContext {
  crmWebUrl: CrmWebUrl;
  /** The service list to create tasks in (ensured by the caller). */
  serviceListId: () => Promise<string>;
}

export class TodoWriter {
  private readonly userId: string;
  private readonly scope: string;
  private readonly results: (WriteResult | undefined)[];
  private readonly headers = { prefer: TODO_PREFER };

  constructor(
    private readonly http: GraphHttp,
    mailbox: Mailbox,
    private readonly requests: readonly TaskWriteRequest[],
    private readonly context: TodoWriteContext,
  ) {
    this.userId = http.options.userIdOf(mailbox);
    this.scope = this.userId.toLowerCase();
    this.results = requests.map(() => undefined);
  }

  async run(): Promise<WriteResult[]> {
    const refs = this.requests.map((r) => (r.op === 'create' ? null : parseTaskKey(r.id)));
    refs.forEach((ref, i) => {
      if (ref === null && this.requests[i]!.op !== 'create') this.results[i] = { ok: false, error: { code: 'invalid', message: 'not a To Do task id (<listId>/<taskId>)' } };
    });
    const needCurrent = this.requests.flatMap((r, i) => (refs[i] && ((r.op === 'update' && (r.categoryEdit || touchesLinks(r))) || r.op === 'editCategories') ? [refs[i]!] : []));
    const current = needCurrent.length > 0 ? await readTasksById(this.http, this.scope, this.userId, needCurrent) : new Map<string, TaskReadOutcome>();
    const hasCreate = this.requests.some((r) => r.op === 'create');
    const listId = hasCreate ? await this.context.serviceListId() : '';

    const pending: { index: number; request: GraphRequest }[] = [];
    this.requests.forEach((r, index) => {
      if (this.results[index]) return;
      const request = this.build(r, index, refs[index] ?? null, current, listId);
      if (request) pending.push({ index, request });
    });
    const responses = await runBatched(this.http, this.scope, pending.map((p) => p.request));
    const relink: number[] = [];
    pending.forEach(({ index }, k) => {
      const r = this.requests[index]!;
      const response = responses[k]!;
      if (r.op === 'delete') this.results[index] = ok2xx(response.status) || isItemGone(response.status, response.body) ? { ok: true, id: r.id, version: null } : failure(response);
      else if (!ok2xx(response.status)) this.results[index] = failure(response);
      else if (r.op === 'create') {
        const id = isTodoTask(response.body) ? taskKey({ listId, taskId: response.body.id }) : '';
        this.results[index] = id ? { ok: true, id, version: etagOf(response.body) } : { ok: false, error: { code: 'temporary', message: 'Graph create answered without a task' } };
      } else {
        this.results[index] = { ok: true, id: r.id, version: etagOf(response.body) };
        if (r.op === 'update' && touchesLinks(r)) relink.push(index);
      }
    });
    // Updates that only changed links sent no PATCH; they join the relink step here.
    this.requests.forEach((r, index) => {
      if (r.op === 'update' && touchesLinks(r) && this.results[index] === undefined && !pending.some((p) => p.index === index)) relink.push(index);
    });
    await this.relink(relink, refs, current);
    return this.results.map((r, i) => r ?? { ok: false, error: { code: 'temporary', message: `no result for write ${i}` } });
  }

  /** The current task for a request that needs it, or undefined once its result is known (gone, unreadable). */
  private currentOf(index: number, ref: TaskRef, current: Map<string, TaskReadOutcome>): GraphTodoTask | undefined {
    const outcome = current.get(taskKey(ref));
    if (isTaskReadError(outcome)) return void (this.results[index] = { ok: false, error: outcome });
    if (!outcome) return void (this.results[index] = { ok: false, error: { code: 'notFound', message: 'To Do task not found' } });
    return outcome;
  }

  private build(r: TaskWriteRequest, index: number, ref: TaskRef | null, current: Map<string, TaskReadOutcome>, listId: string): GraphRequest | undefined {
    if (r.op === 'create') return { method: 'POST', url: tasksPath(this.userId, listId), headers: this.headers, body: toTodoCreatePayload(r.fields, r.categories, this.context.crmWebUrl) };
    if (!ref) return undefined;
    const url = taskPath(this.userId, ref);
    switch (r.op) {
      case 'update': {
        let categories: string[] | undefined;
        if (r.categoryEdit || touchesLinks(r)) {
          const task = this.currentOf(index, ref, current);
          if (!task) return undefined;
          if (!sameVersion(task['@odata.etag'], r.ifMatch)) return void (this.results[index] = { ok: false, error: { code: 'conflict', message: 'To Do task changed since the version given' } });
          if (r.categoryEdit) categories = applyCategoryEdit(task.categories ?? [], r.categoryEdit);
        }
        const { links: _l, crmRef: _c, timeZone: _z, ...patch } = r.patch;
        const body = toTodoPatchPayload(patch, categories);
        if (Object.keys(body).length === 0) {
          if (!touchesLinks(r)) this.results[index] = { ok: true, id: r.id, version: r.ifMatch };
          return undefined;
        }
        return { method: 'PATCH', url, headers: { ...this.headers, 'if-match': ifMatchOf(r.ifMatch) }, body };
      }
      case 'delete':
        return { method: 'DELETE', url, headers: { 'if-match': ifMatchOf(r.ifMatch) } };
      case 'editCategories': {
        const task = this.currentOf(index, ref, current);
        if (!task) return undefined;
        const categories = applyCategoryEdit(task.categories ?? [], r.edit);
        if (sameCategories(categories, task.categories ?? [])) return void (this.results[index] = { ok: true, id: r.id, version: task['@odata.etag'] ?? null });
        return { method: 'PATCH', url, headers: this.headers, body: { categories } };
      }
      case 'setCategories':
        return { method: 'PATCH', url, headers: this.headers, body: { categories: [...new Set(r.categories)] } };
      default: {
        const unknown: never = r;
        throw new Error(`unsupported task write ${JSON.stringify(unknown)}`);
      }
    }
  }

  /** Brings the service's linked resources of updated tasks to their `after` state, then reads the final etags. */
  private async relink(indexes: number[], refs: (TaskRef | null)[], current: Map<string, TaskReadOutcome>): Promise<void> {
    if (indexes.length === 0) return;
    const ops: { index: number; request: GraphRequest }[] = [];
    for (const index of indexes) {
      const r = this.requests[index] as Update;
      const ref = refs[index]!;
      const task = current.get(taskKey(ref)) as GraphTodoTask;
      const base = `${taskPath(this.userId, ref)}/linkedResources`;
      const desired = desiredLinkedResources({ crmRef: r.patch.crmRef !== undefined ? r.patch.crmRef : r.after.crmRef, links: r.patch.links ?? r.after.links }, this.context.crmWebUrl);
      const existing = (task.linkedResources ?? []).filter((lr) => parseLinkedResource(lr) !== null);
      for (const lr of existing) {
        const match = desired.find((d) => d.externalId === lr.externalId);
        if (!match) ops.push({ index, request: { method: 'DELETE', url: `${base}/${encodeURIComponent(lr.id ?? '')}` } });
        else if (match.displayName !== lr.displayName || match.webUrl !== lr.webUrl) {
          ops.push({ index, request: { method: 'PATCH', url: `${base}/${encodeURIComponent(lr.id ?? '')}`, body: { displayName: match.displayName, webUrl: match.webUrl } } });
        }
      }
      for (const d of desired) if (!existing.some((lr) => lr.externalId === d.externalId)) ops.push({ index, request: { method: 'POST', url: base, body: d } });
    }
    const responses = await runBatched(this.http, this.scope, ops.map((o) => o.request));
    const failed = new Set<number>();
    ops.forEach(({ index }, k) => {
      const response = responses[k]!;
      if (!ok2xx(response.status) && !(ops[k]!.request.method === 'DELETE' && isItemGone(response.status, response.body)) && !failed.has(index)) {
        failed.add(index);
        this.results[index] = failure(response);
      }
    });
    const done = indexes.filter((i) => !failed.has(i));
    const after = await readTasksById(this.http, this.scope, this.userId, done.map((i) => refs[i]!));
    for (const index of done) {
      const outcome = after.get(taskKey(refs[index]!));
      const id = (this.requests[index] as Update).id;
      if (isTaskReadError(outcome)) this.results[index] = { ok: false, error: outcome };
      else this.results[index] = outcome ? { ok: true, id, version: outcome['@odata.etag'] ?? null } : { ok: false, error: { code: 'notFound', message: 'To Do task not found' } };
    }
  }
}

function touchesLinks(r: Update): boolean {
  return r.patch.links !== undefined || r.patch.crmRef !== undefined;
}
