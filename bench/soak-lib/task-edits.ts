// The soak's random edits of tasks (R13): To Do tasks of the demo users and C4C tasks they process. Like the
// calendar's, every task's title starts with its unique tag, so the checker finds both sides by subject alone.
import { DEFAULT_CATEGORIES } from '../../src/shared/categories.js';
import type { Json } from '../../test/support/sync-harness-http.js';
import type { SoakSides } from './clients.js';
import type { TrackedItem } from './edits.js';

export type TaskEditKind = 'createTodo' | 'createCrmTask' | 'updateTodo' | 'updateCrmTask' | 'untagTodo' | 'completeTodo' | 'deleteTodo' | 'deleteCrmTask';

export const TASK_WEIGHTS: [TaskEditKind, number][] = [
  ['createTodo', 2], ['createCrmTask', 2], ['updateTodo', 3], ['updateCrmTask', 3], ['untagTodo', 1], ['completeTodo', 1], ['deleteTodo', 1], ['deleteCrmTask', 1],
];

const DAY = 86_400_000;
const dueAt = (days: number) => new Date(Math.floor(Date.now() / DAY) * DAY + days * DAY).toISOString().slice(0, 19);

export class TaskEdits {
  constructor(
    private readonly sides: SoakSides,
    private readonly random: () => number,
    private readonly hardDeletes: boolean,
  ) {}

  private async taskOf(item: TrackedItem): Promise<{ listId: string; id: string } | null> {
    if (item.eventId && item.listId) return { listId: item.listId, id: item.eventId };
    const [task] = await this.sides.todoTasks(item.user.id, item.tag);
    if (!task) return null;
    item.eventId = task.id;
    item.listId = task.listId;
    return { listId: task.listId, id: task.id };
  }

  private async crmTaskOf(item: TrackedItem): Promise<string | null> {
    if (item.objectId) return item.objectId;
    const [task] = await this.sides.crmTasks(item.tag);
    item.objectId = task?.objectId ?? null;
    return item.objectId;
  }

  /** A new task (`item` is fresh, of the tasks family); false when it could not be made. */
  async create(kind: 'createTodo' | 'createCrmTask', item: TrackedItem): Promise<boolean> {
    const days = 1 + Math.floor(this.random() * 20);
    if (kind === 'createTodo') {
      const listId = await this.sides.defaultTaskListId(item.user.id);
      const created = await this.sides.graphWrite('POST', `/users/${item.user.id}/todo/lists/${listId}/tasks`, {
        title: item.lastOutlookSubject,
        // The body carries the tag too: the privacy scan after the soak looks for it in every table.
        body: { contentType: 'text', content: `${item.tag} notes` },
        dueDateTime: { dateTime: dueAt(days), timeZone: 'UTC' },
        categories: [DEFAULT_CATEGORIES.task],
      });
      item.eventId = String(created.id);
      item.listId = listId;
      return true;
    }
    const created = await this.sides.c4cWrite('POST', 'TasksCollection', {
      Subject: item.lastCrmSubject,
      DueDateTime: `${dueAt(days)}Z`,
      DueDatetimeZoneCode: 'UTC',
      Status: '1',
      ProcessorPartyID: item.user.c4cEmployeeId,
    });
    item.objectId = String((created.d as Json | undefined)?.ObjectID ?? '') || null;
    return true;
  }

  /** An edit of a live task; false when it does not apply to this one. */
  async edit(kind: Exclude<TaskEditKind, 'createTodo' | 'createCrmTask'>, item: TrackedItem): Promise<boolean> {
    if (kind === 'updateCrmTask' || kind === 'deleteCrmTask') {
      if (kind === 'deleteCrmTask' && item.origin !== 'crm') return false;
      const objectId = await this.crmTaskOf(item);
      if (!objectId) return false;
      const path = `TasksCollection('${objectId}')`;
      if (kind === 'updateCrmTask') {
        const subject = `${item.tag} v${++item.version}`;
        await this.sides.c4cWrite('PATCH', path, { Subject: subject });
        item.lastCrmSubject = subject;
        item.lastEditSide = 'crm';
      } else if (this.hardDeletes) {
        await this.sides.c4cWrite('DELETE', path);
        item.state = 'deletedInCrm';
      } else {
        await this.sides.c4cWrite('PATCH', path, { Status: '4' });
        item.state = 'cancelledInCrm';
      }
      return true;
    }
    const task = await this.taskOf(item);
    if (!task) return false;
    const path = `/users/${item.user.id}/todo/lists/${task.listId}/tasks/${task.id}`;
    if (kind === 'updateTodo') {
      const subject = `${item.tag} v${++item.version}`;
      await this.sides.graphWrite('PATCH', path, { title: subject });
      item.lastOutlookSubject = subject;
      item.lastEditSide = 'outlook';
    } else if (kind === 'completeTodo') {
      await this.sides.graphWrite('PATCH', path, { status: 'completed' });
    } else if (kind === 'untagTodo') {
      await this.sides.graphWrite('PATCH', path, { categories: [] });
      item.state = 'untagged';
    } else {
      await this.sides.graphWrite('DELETE', path);
      item.state = 'deletedInOutlook';
    }
    return true;
  }
}
