// The task family's share of the random interleavings: users of To Do and of C4C Tasks create, edit, tag, untag,
// cancel and delete tasks while sessions of both families run (commands.ts mixes them with the calendar's).
import fc from 'fast-check';
import type { World } from './harness.js';
import { DEFAULT_LIST, SERVICE_LIST } from './fake-todo.js';
import { TASK_EDIT_UNITS, applyTaskEdit, initialTask, type TaskEditUnit } from './task-edits.js';

export type TaskCommand =
  | { op: 'tCreate'; tagged: boolean; inServiceList: boolean; seed: number }
  | { op: 'tEdit'; target: number; unit: TaskEditUnit; value: number }
  | { op: 'tTag'; target: number; tagged: boolean }
  | { op: 'tDelete'; target: number }
  | { op: 'kCreate'; forOther: boolean; seed: number }
  | { op: 'kEdit'; target: number; unit: TaskEditUnit; value: number }
  | { op: 'kCancel'; target: number }
  | { op: 'kDelete'; target: number };

const target = fc.nat(20);
const value = fc.nat(1000);
const unit = fc.constantFrom(...TASK_EDIT_UNITS);

/** Weighted like the calendar's commands, so tasks get a fair share of a run. */
export const taskCommandArbs: { weight: number; arbitrary: fc.Arbitrary<TaskCommand> }[] = [
  { weight: 2, arbitrary: fc.record({ op: fc.constant('tCreate' as const), tagged: fc.boolean(), inServiceList: fc.boolean(), seed: value }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('tEdit' as const), target, unit, value }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('tTag' as const), target, tagged: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('tDelete' as const), target }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('kCreate' as const), forOther: fc.constantFrom(false, false, false, true), seed: value }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('kEdit' as const), target, unit, value }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('kCancel' as const), target }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('kDelete' as const), target }) },
];

function pick<T>(items: readonly T[], index: number): T | undefined {
  return items.length === 0 ? undefined : items[index % items.length];
}

/** Applies one task command to the world. */
export function runTaskCommand(world: World, command: TaskCommand): void {
  const todos = world.todo.all().sort((a, b) => a.id.localeCompare(b.id));
  const records = world.c4cTasks.all().sort((a, b) => a.objectId.localeCompare(b.objectId));
  const category = world.settings.categories.task;
  switch (command.op) {
    case 'tCreate': {
      const categories = command.tagged ? [category, 'Blue'] : ['Blue'];
      world.todo.userCreate(initialTask(command.seed), categories, command.inServiceList ? SERVICE_LIST : DEFAULT_LIST, command.tagged ? world.tick() : null);
      return;
    }
    case 'tEdit': {
      const task = pick(todos, command.target);
      if (task) world.todo.userEdit(task.id, (t) => (t.fields = applyTaskEdit(t.fields, command.unit, 'outlook', command.value)));
      return;
    }
    case 'tTag': {
      const task = pick(todos, command.target);
      if (!task) return;
      const tick = world.tick();
      world.todo.userEdit(task.id, (t) => {
        const others = t.categories.filter((c) => c.toLowerCase() !== category.toLowerCase());
        t.categories = command.tagged ? [...others, category] : others;
        if (command.tagged) t.userTaggedAt = tick;
        else t.userUntaggedAt = tick;
      });
      return;
    }
    case 'tDelete': {
      const task = pick(todos, command.target);
      if (task) world.todo.userDelete(task.id);
      return;
    }
    case 'kCreate':
      world.c4cTasks.userCreate(initialTask(command.seed + 5000), command.forOther);
      return;
    case 'kEdit': {
      const record = pick(records, command.target);
      if (record) world.c4cTasks.userEdit(record.objectId, (f) => applyTaskEdit(f, command.unit, 'crm', command.value));
      return;
    }
    case 'kCancel': {
      const record = pick(records, command.target);
      if (record && record.status !== 'cancelled') world.noteTaskGone(record.objectId);
      if (record) world.c4cTasks.userCancel(record.objectId);
      return;
    }
    case 'kDelete': {
      const record = pick(records, command.target);
      if (record && record.status !== 'cancelled') world.noteTaskGone(record.objectId);
      if (record) world.c4cTasks.userDelete(record.objectId);
      return;
    }
  }
}
