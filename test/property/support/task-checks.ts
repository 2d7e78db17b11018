// Invariants of a converged world for the task family (R13): live pairs agree on every two-way field, C4C's links
// and the task's own reference reached To Do, nothing is duplicated (To Do has no idempotent create), nothing is
// missing, and R11 held both ways.
import { hasErrorCategory } from '../../../src/server/domain/rules.js';
import { TASK_TWO_WAY_FIELDS, canonicalTaskLinks, taskFieldEqual } from '../../../src/server/domain/task-canonical.js';
import { TASK_FAMILY_NAME, taskScopeOf } from '../../../src/server/domain/task-family.js';
import { TASK_KIND, type TodoTaskPresent } from '../../../src/server/domain/task-item.js';
import { outlookPairId } from '../../../src/server/sync/plan/pair-ids.js';
import type { StoredTodoTask } from './fake-todo.js';
import { SERVICE_LIST } from './fake-todo.js';
import type { World } from './harness.js';

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => (seen.has(v) ? true : (seen.add(v), false)));
}

export function taskConvergenceProblems(world: World): string[] {
  const problems: string[] = [];
  const pairs = [...world.pairs.values()].filter((p) => p.family === TASK_FAMILY_NAME);
  const live = pairs.filter((p) => p.status === 'synced' || p.status === 'error');
  const todos = world.todo.all();
  const records = world.c4cTasks.all();
  const inScope = (task: StoredTodoTask) => taskScopeOf(world.todo.getItems([task.id])[0] as TodoTaskPresent, world.settings) !== null;
  for (const pair of pairs) {
    if (pair.status === 'error') problems.push(`task pair ${pair.pairId} still in error: ${pair.lastError?.code}`);
    if (pair.status !== 'synced') continue;
    const task = pair.outlookId ? world.todo.get(pair.outlookId) : undefined;
    const record = pair.crmObjectId ? world.c4cTasks.get(pair.crmObjectId) : undefined;
    if (!task || !record) {
      problems.push(`synced task pair ${pair.pairId} lacks a side (To Do ${pair.outlookId}, C4C ${pair.crmObjectId})`);
      continue;
    }
    if (!inScope(task)) problems.push(`synced task pair ${pair.pairId}: To Do task out of scope`);
    if (hasErrorCategory(task.categories, world.settings)) problems.push(`synced task pair ${pair.pairId}: To Do task keeps the error category`);
    if (record.status === 'cancelled') problems.push(`synced task pair ${pair.pairId}: C4C task cancelled`);
    const differing = TASK_TWO_WAY_FIELDS.filter((f) => !taskFieldEqual(task.fields, record.fields, f));
    if (differing.length > 0) problems.push(`task pair ${pair.pairId} differs in ${differing.join(', ')}`);
    if (canonicalTaskLinks(task.fields.links).join() !== canonicalTaskLinks(record.fields.links).join()) problems.push(`task pair ${pair.pairId}: C4C links did not reach To Do`);
    if (task.fields.crmRef?.objectId !== record.objectId) problems.push(`task pair ${pair.pairId}: To Do task names ${task.fields.crmRef?.objectId ?? 'nothing'}, not ${record.objectId}`);
  }
  // Completeness: tasks in scope are mirrored; open C4C tasks of the user have their To Do copy (in the service's
  // list), unless the user untagged the copy and then deleted it (R2: the C4C task stays); others' tasks never land.
  for (const task of todos) {
    if (!inScope(task)) continue;
    if (!pairs.some((p) => p.outlookId === task.id && (p.status === 'synced' || p.status === 'closed'))) problems.push(`To Do task ${task.id} in scope has no synced pair`);
  }
  for (const record of records) {
    if (record.origin !== 'user') continue;
    const copies = todos.filter((t) => t.fields.crmRef?.objectId === record.objectId);
    if (record.processorPartyId !== world.mailbox.employeePartyId) {
      if (copies.length > 0 || pairs.some((p) => p.crmObjectId === record.objectId)) problems.push(`C4C task ${record.objectId} of another processor landed in this mailbox`);
      continue;
    }
    if (record.status === 'cancelled') continue;
    const untaggedThenDeleted = pairs.some((p) => p.crmObjectId === record.objectId && p.status === 'closed' && world.statusBeforeClosing.get(p.pairId) === 'unlinked');
    if (copies.length === 0 && !untaggedThenDeleted) problems.push(`C4C task ${record.objectId} has no To Do copy`);
    for (const copy of copies) if (copy.listId !== SERVICE_LIST) problems.push(`To Do copy ${copy.id} of C4C task ${record.objectId} is not in the service's list`);
  }
  // R11 for creates no pair recorded: once the To Do task is gone, the C4C task it created is cancelled.
  const pairIdsOfTodos = new Set(todos.map((t) => outlookPairId(world.mailbox.mailboxId, TASK_KIND, { id: t.id, iCalUId: null })));
  for (const record of records) {
    if (record.status === 'cancelled' || record.origin !== 'service' || pairs.some((p) => p.crmObjectId === record.objectId)) continue;
    if (record.groupwareItemId !== null && !pairIdsOfTodos.has(record.groupwareItemId)) problems.push(`C4C task ${record.objectId} created for a deleted To Do task, never recorded, left live`);
  }
  // R11, To Do → C4C: a mirrored task deleted in To Do cancels its C4C task (untagged first, R2: it stays).
  for (const pair of pairs) {
    if (pair.status !== 'closed' || !pair.crmObjectId || (pair.outlookId && world.todo.get(pair.outlookId))) continue;
    if (world.statusBeforeClosing.get(pair.pairId) === 'unlinked') continue;
    const record = world.c4cTasks.get(pair.crmObjectId);
    const stillMirrored = live.some((p) => p.crmObjectId === pair.crmObjectId);
    if (record && record.status !== 'cancelled' && !stillMirrored) problems.push(`task pair ${pair.pairId}: To Do task deleted, C4C task ${pair.crmObjectId} left live`);
  }
  // R11, C4C → To Do: a C4C cancel or delete removes the copy the service made, untags the user's own task, and
  // never deletes a task the user made. A task the user tagged again after the cancel is theirs to keep; so is one
  // the user untagged and tagged again (R2: a session that saw it untagged closes its pair when C4C's side goes).
  for (const task of todos) {
    const named = task.fields.crmRef?.objectId;
    const record = named ? world.c4cTasks.get(named) : undefined;
    if (!named || (record && record.status !== 'cancelled')) continue;
    const goneAt = world.taskGoneAt.get(named);
    const retagged = task.userTaggedAt !== null && ((goneAt !== undefined && task.userTaggedAt > goneAt) || (task.userUntaggedAt !== null && task.userTaggedAt > task.userUntaggedAt));
    if (inScope(task) && !retagged) problems.push(`To Do task ${task.id} still in scope after C4C task ${named} was cancelled or deleted`);
    if (hasErrorCategory(task.categories, world.settings)) problems.push(`To Do task ${task.id} keeps the error category after C4C task ${named} was cancelled or deleted`);
  }
  for (const id of world.todo.userTasksDeletedByService) problems.push(`the service deleted To Do task ${id}, which the user made`);
  // No duplicates: one To Do task per C4C task, one C4C task per To Do task.
  const dupTodo = duplicates(todos.flatMap((t) => (t.fields.crmRef ? [t.fields.crmRef.objectId] : [])));
  if (dupTodo.length) problems.push(`several To Do tasks name C4C task ${dupTodo.join()}`);
  const dupGw = duplicates(records.flatMap((r) => (r.groupwareItemId ? [r.groupwareItemId] : [])));
  if (dupGw.length) problems.push(`duplicate C4C task creates: ${dupGw.join()}`);
  const dupTodoPairs = duplicates(live.flatMap((p) => (p.outlookId ? [p.outlookId] : [])));
  if (dupTodoPairs.length) problems.push(`To Do task in several live pairs: ${dupTodoPairs.join()}`);
  const dupCrmPairs = duplicates(live.flatMap((p) => (p.crmObjectId ? [p.crmObjectId] : [])));
  if (dupCrmPairs.length) problems.push(`C4C task in several live pairs: ${dupCrmPairs.join()}`);
  return problems;
}
