// Tasks processed by one demo user: five per employee around the reference time, each linked to an account, in
// the states a To Do sync meets (open, in process, completed), some with a body text, one with an opportunity
// reference, one due in another zone. The PRNG is drawn exactly as before tasks had these variations (subject,
// then account), so every other seeded row stays what it was; the variations come from the task's index.
import type { StoredRecord } from '../edm-values.js';
import type { Row } from '../store.js';
import type { Prng } from './prng.js';
import { TOPICS } from './words.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The body text type tasks use (SAP's Manage Task Activities example: TextTypeCode 10002). */
export const SEED_TASK_BODY_TYPE = '10002';

export interface TaskSeedInput {
  add(set: string, values: StoredRecord): Row;
  rng: Prng;
  employee: Row;
  /** The employee's position among the seeded employees (varies the linked opportunity). */
  index: number;
  dayStart: number;
  accounts: Row[];
  opportunities: Row[];
}

const TASKS_PER_EMPLOYEE = 5;

/** Per task index: status, priority, due zone, body text. Index 0 is the employee's completed task. */
const VARIANTS: { status: string; priority: string; zone: string; body: string | null }[] = [
  { status: '3', priority: '3', zone: 'UTC', body: 'Sent the summary to the customer.' },
  { status: '2', priority: '2', zone: 'UTC', body: 'Prepare the pricing options before the call.' },
  { status: '1', priority: '3', zone: 'UTC', body: null },
  { status: '1', priority: '7', zone: 'CET', body: 'Check the delivery dates with logistics.' },
  { status: '1', priority: '3', zone: 'UTC', body: null },
];

export function seedTasks(input: TaskSeedInput): void {
  const { add, rng, employee, dayStart } = input;
  const value = (row: Row | undefined, prop: string) => (row?.values[prop] as string | undefined) ?? null;
  for (let i = 0; i < TASKS_PER_EMPLOYEE; i += 1) {
    const variant = VARIANTS[i] ?? { status: '1', priority: '3', zone: 'UTC', body: null };
    const subject = `Follow up: ${rng.pick(TOPICS)}`;
    const account = input.accounts.length === 0 ? undefined : rng.pick(input.accounts);
    const start = dayStart + (i - 1) * DAY + 9 * HOUR;
    const task = add('TasksCollection', {
      Subject: subject,
      Status: variant.status,
      StartDateTime: start,
      DueDateTime: start + 3 * DAY,
      StartDatetimeZoneCode: variant.zone,
      DueDatetimeZoneCode: variant.zone,
      CompletionDateTime: variant.status === '3' ? start + 2 * DAY : null,
      PriorityCode: variant.priority,
      ProcessorPartyID: value(employee, 'EmployeeID'),
      OwnerUUID: value(employee, 'UUID'),
      MainAccountPartyID: value(account, 'AccountID'),
    });
    if (variant.body) {
      add('TasksTextCollectionCollection', { ParentObjectID: task.id, TaskID: value(task, 'ID'), Text: variant.body, TypeCode: SEED_TASK_BODY_TYPE, LanguageCode: 'EN' });
    }
    const opportunity = input.opportunities[input.index % Math.max(1, input.opportunities.length)];
    if (i === 1 && opportunity) {
      add('TasksBTDReferenceCollection', { ParentObjectID: task.id, TaskID: value(task, 'ID'), ID: value(opportunity, 'ID'), TypeCode: '72', BTDRoleCode: '1' });
    }
  }
}
