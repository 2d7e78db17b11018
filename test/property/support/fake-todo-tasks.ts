// The task family's groupware port (GroupwarePort<TodoTaskPresent, TaskKind>) over FakeTodo, as a To Do adapter
// behaves towards the session: a delta read from an opaque cursor (null: a full read of every list, no removals),
// current state by id (missing ones come back removed), and batched writes with one result per request, each
// through the session's fault gate (gated-writes.ts). A create's transactionId is ignored: To Do has none.
import type { Mailbox } from '../../../src/server/domain/mailbox.js';
import type { NormalizedTask, TaskKind, TodoTaskPresent } from '../../../src/server/domain/task-item.js';
import type { GroupwareItem } from '../../../src/server/domain/snapshots.js';
import type { GroupwareChanges, GroupwarePort, GroupwareWriteRequest, SyncWindow } from '../../../src/server/ports/groupware-port.js';
import type { WriteResult } from '../../../src/server/ports/write-results.js';
import { OPEN_GATE, type FaultGate, type WriteTarget } from '../../support/session-faults.js';
import type { FakeResult } from './fake-groupware-store.js';
import type { FakeTodo } from './fake-todo.js';
import { gatedWrites } from './gated-writes.js';

type TodoWriteRequest = GroupwareWriteRequest<NormalizedTask, TaskKind>;

export class FakeTodoTasks implements GroupwarePort<TodoTaskPresent, TaskKind> {
  constructor(
    private readonly todo: FakeTodo,
    private readonly gate: FaultGate = OPEN_GATE,
  ) {}

  async readChanges(_mailbox: Mailbox, cursor: string | null, _window: SyncWindow): Promise<GroupwareChanges<TodoTaskPresent>> {
    this.gate.read('todo.readChanges');
    const nextCursor = `todo:${this.todo.cursor}`;
    if (cursor === null) return { items: this.todo.getItems(this.todo.all().map((t) => t.id)), nextCursor, full: true };
    const since = Number(cursor.replace(/^todo:/, ''));
    if (!cursor.startsWith('todo:') || !Number.isInteger(since)) throw new Error(`fake: unreadable To Do delta cursor ${cursor}`);
    return { items: this.todo.changesSince(since), nextCursor, full: false };
  }

  async getItems(_mailbox: Mailbox, ids: readonly string[]): Promise<GroupwareItem<TodoTaskPresent>[]> {
    this.gate.read('todo.getItems');
    return this.todo.getItems(ids);
  }

  write(_mailbox: Mailbox, requests: readonly TodoWriteRequest[]): Promise<WriteResult[]> {
    const target = (request: TodoWriteRequest): WriteTarget => (request.op === 'create' ? null : { side: 'outlook', id: request.id });
    return gatedWrites(this.gate, 'todo.write', requests, target, (request) => this.apply(request));
  }

  private apply(request: TodoWriteRequest): FakeResult {
    switch (request.op) {
      case 'create':
        return this.todo.create(request.fields, request.categories);
      case 'update':
        return this.todo.update(request.id, request.ifMatch, request.patch, request.categoryEdit ?? null);
      case 'delete':
        return this.todo.delete(request.id, request.ifMatch);
      case 'editCategories':
        return this.todo.editCategories(request.id, request.edit);
      case 'setCategories':
        return this.todo.setCategories(request.id, request.categories);
    }
  }
}
