// An in-memory Microsoft To Do of one mailbox, as far as the task sync relies on it (fake-groupware-store.ts: an
// etag that changes on every write, categories and linked resources too, a delta feed with removals, If-Match on
// update/delete). Unlike Graph events, To Do has NO transactionId: a create is not idempotent, and a retried create
// makes a second task. The service's link to the C4C task (a linked resource) is `fields.crmRef`; tasks made from
// C4C go to the service's list. To Do keeps only the day a task was completed, and none once it is not completed.
import type { NormalizedTask, TodoTaskPresent } from '../../../src/server/domain/task-item.js';
import { FakeGroupwareStore, type FakeResult } from './fake-groupware-store.js';

export const DEFAULT_LIST = 'list-tasks';
export const SERVICE_LIST = 'list-c4c';

export interface StoredTodoTask {
  id: string;
  version: string;
  categories: string[];
  fields: NormalizedTask;
  listId: string;
  /** Who made it: the user, or the service (a create request). */
  origin: 'user' | 'service';
  /** When (World tick) the user last put the task category on it; null: never (the service tagged it). */
  userTaggedAt: number | null;
  /** When (World tick) the user last took the task category off it; null: never. */
  userUntaggedAt: number | null;
}

export class FakeTodo extends FakeGroupwareStore<NormalizedTask, StoredTodoTask, TodoTaskPresent> {
  /** Tasks the user made that a service write deleted (R11 allows deleting only what the service made). */
  readonly userTasksDeletedByService: string[] = [];

  constructor() {
    super('todo', 'W/"td');
  }

  protected snapshot(task: StoredTodoTask): TodoTaskPresent {
    return {
      removed: false,
      id: task.id,
      version: task.version,
      transactionId: null,
      categories: [...task.categories],
      fields: structuredClone(task.fields),
      listId: task.listId,
      inServiceList: task.listId === SERVICE_LIST,
    };
  }

  protected override keep(fields: NormalizedTask): NormalizedTask {
    const completedDay = fields.progress === 'completed' && fields.completedUtc ? `${fields.completedUtc.slice(0, 10)}T00:00:00Z` : null;
    return { ...fields, completedUtc: completedDay };
  }

  userCreate(fields: NormalizedTask, categories: string[], listId: string, userTaggedAt: number | null): string {
    return this.insert((id, version) => ({ id, version, categories, fields: structuredClone(fields), listId, origin: 'user', userTaggedAt, userUntaggedAt: null })).id;
  }

  /** The service's create: always a new task in the service's list (no idempotency key exists). */
  create(fields: NormalizedTask, categories: string[]): FakeResult {
    const task = this.insert((id, version) => ({ id, version, categories: [...categories], fields: structuredClone(fields), listId: SERVICE_LIST, origin: 'service', userTaggedAt: null, userUntaggedAt: null }));
    return { ok: true, id: task.id, version: task.version };
  }

  override delete(id: string, ifMatch: string): FakeResult {
    const task = this.get(id);
    const result = super.delete(id, ifMatch);
    if (task && result.ok && task.origin === 'user') this.userTasksDeletedByService.push(id);
    return result;
  }
}
