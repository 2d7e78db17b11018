// Field edits the property tests make to tasks on either side, grouped in the task merge's units (start and due
// travel together, so do progress and completion). Edits never make a task start after it is due (a blocker).
import type { CrmLink } from '../../../src/shared/crm-links.js';
import { emptyTask, type NormalizedTask, type TaskImportance, type TaskProgress } from '../../../src/server/domain/task-item.js';
import type { Side } from './edits.js';

export const TASK_EDIT_UNITS = ['title', 'body', 'dates', 'importance', 'progress', 'links'] as const;
export type TaskEditUnit = (typeof TASK_EDIT_UNITS)[number];

const BASE_MS = Date.UTC(2026, 10, 23, 8, 0, 0);
const HOUR = 3_600_000;
const IMPORTANCES: readonly TaskImportance[] = ['low', 'normal', 'high'];
const PROGRESSES: readonly TaskProgress[] = ['notStarted', 'inProgress', 'completed'];

function instant(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

export function initialTask(seed: number): NormalizedTask {
  return { ...emptyTask(), title: `Task ${seed}`, body: `Notes ${seed}`, dueUtc: instant(BASE_MS + (seed % 100) * HOUR), timeZone: 'Europe/Berlin' };
}

/** C4C users link tasks to accounts and opportunities; To Do users can only remove the links (C4C gives them back). */
function linksFor(side: Side, value: number): CrmLink[] {
  return side === 'outlook' ? [] : [{ type: 'account', id: `A${value % 3}`, name: 'Acme' }, { type: 'opportunity', id: `O${value}`, name: `Deal ${value}` }];
}

/** The fields with one unit set to a value derived from (side, value). */
export function applyTaskEdit(fields: NormalizedTask, unit: TaskEditUnit, side: Side, value: number): NormalizedTask {
  const tag = `${side === 'outlook' ? 'T' : 'C'}${value}`;
  switch (unit) {
    case 'title':
      return { ...fields, title: `Title ${tag}` };
    case 'body':
      return { ...fields, body: `Line 1 ${tag}\nLine 2` };
    case 'dates': {
      if (value % 4 === 0) return { ...fields, startUtc: null, dueUtc: null };
      const start = BASE_MS + ((value % 150) + (side === 'crm' ? 200 : 0)) * HOUR;
      const due = instant(start + (value % 3) * 24 * HOUR);
      return { ...fields, startUtc: value % 4 === 1 ? null : instant(start), dueUtc: due };
    }
    case 'importance':
      return { ...fields, importance: IMPORTANCES[value % 3] as TaskImportance };
    case 'progress': {
      const progress = PROGRESSES[value % 3] as TaskProgress;
      const completedUtc = progress === 'completed' ? instant(BASE_MS + (value % 10) * 24 * HOUR + (side === 'crm' ? 5 : 3) * HOUR) : null;
      return { ...fields, progress, completedUtc };
    }
    case 'links':
      return { ...fields, links: linksFor(side, value) };
  }
}
