// Deterministic demo To Do data: every demo user's default list ("Tasks") gets a handful of tasks around the anchor
// day (some due, one in progress, one completed, one with a reminder), about half tagged `SAP Cloud for Customer`.
// Runs after the calendar seed, so the seeded event ids do not move.
import { mulberry32 } from '../../common/mulberry32.js';
import type { GraphStore } from '../store/graph-store.js';
import { DAY_MS } from '../time.js';
import type { TaskWrite } from './todo-model.js';
import { createTask } from './todo-ops.js';

export const TODO_SAP_CATEGORY = 'SAP Cloud for Customer';

const TITLES = ['Send revised quote', 'Call back about renewal', 'Prepare account plan', 'Book customer visit',
  'Follow up on demo feedback', 'Update opportunity forecast', 'Check delivery status', 'Draft contract summary'];

const date = (anchorDay: number, offset: number, hour = 0) =>
  ({ dateTime: `${new Date((anchorDay + offset) * DAY_MS).toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00:00`, timeZone: 'UTC' });

export function seedTodoData(store: GraphStore, anchor: number): void {
  const anchorDay = Math.floor(anchor / DAY_MS);
  const random = mulberry32(0x70d0);
  [...store.mailboxes.values()].forEach((mailbox) => {
    const list = [...mailbox.todoLists.values()].find((l) => l.wellknownListName === 'defaultList');
    if (!list) return;
    const count = 4 + Math.floor(random() * 3);
    for (let i = 0; i < count; i += 1) {
      const tagged = i % 2 === 0;
      const input: TaskWrite = {
        title: TITLES[(i + Math.floor(random() * TITLES.length)) % TITLES.length],
        body: { contentType: 'text', content: tagged ? 'Agreed in the last customer call.' : '' },
        importance: i === 1 ? 'high' : 'normal',
        categories: tagged ? [TODO_SAP_CATEGORY] : [],
        dueDateTime: i === count - 1 ? undefined : date(anchorDay, -2 + i * 3),
        startDateTime: i === 0 ? date(anchorDay, -3) : undefined,
        status: i === 2 ? 'completed' : i === 1 ? 'inProgress' : 'notStarted',
        isReminderOn: i === 0,
        reminderDateTime: i === 0 ? date(anchorDay, -3, 9) : undefined,
      };
      createTask(store, mailbox, list, input);
    }
  });
}
