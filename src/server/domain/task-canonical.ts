// Canonical forms of a task's synced fields (R13): what "equal" means when the two sides are compared, hashed or
// merged. A faithful round trip through To Do or C4C compares equal.
import { createHash } from 'node:crypto';
import type { CrmLink } from '../../shared/crm-links.js';
import { normalizeText } from './canonical.js';
import { canonicalJson } from './hash.js';
import type { NormalizedTask } from './task-item.js';

/** Fields merged both ways (R12). Links flow C4C → To Do only; `crmRef` names the record and is not content. */
export const TASK_TWO_WAY_FIELDS = ['title', 'body', 'startUtc', 'dueUtc', 'importance', 'progress', 'completedUtc'] as const;
export type TaskTwoWayField = (typeof TASK_TWO_WAY_FIELDS)[number];

/** Every field the merge compares with the base: the two-way fields and the one-way links. */
export const TASK_COMPARED_FIELDS = [...TASK_TWO_WAY_FIELDS, 'links'] as const;
export type TaskComparedField = (typeof TASK_COMPARED_FIELDS)[number];

/** Sorted `type:id` keys: To Do shows a link by type and id; its name is display only. */
export function canonicalTaskLinks(links: readonly CrmLink[]): string[] {
  return [...new Set(links.map((l) => `${l.type}:${l.id}`))].sort();
}

export function canonicalTaskField(task: NormalizedTask, field: TaskComparedField): string | string[] {
  switch (field) {
    case 'title':
    case 'body':
      return normalizeText(task[field]);
    case 'startUtc':
    case 'dueUtc':
      return task[field] ?? '';
    // To Do keeps the day a task was completed (and sets the time itself), C4C an instant: the day is what syncs.
    case 'completedUtc':
      return task.completedUtc?.slice(0, 10) ?? '';
    case 'importance':
    case 'progress':
      return task[field];
    case 'links':
      return canonicalTaskLinks(task.links);
  }
}

export function taskFieldEqual(a: NormalizedTask, b: NormalizedTask, field: string): boolean {
  return canonicalJson(canonicalTaskField(a, field as TaskComparedField)) === canonicalJson(canonicalTaskField(b, field as TaskComparedField));
}

/** The canonical text of each compared field; the pair keeps only keyed digests of these (domain/state-digest.ts). */
export function taskCanonicalFields(task: NormalizedTask): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const field of TASK_COMPARED_FIELDS) texts[field] = canonicalJson(canonicalTaskField(task, field));
  return texts;
}

/** Stable hash of what syncs of a task; the same projection on both sides (links are compared on both). */
export function hashTask(task: NormalizedTask): string {
  return createHash('sha256').update(canonicalJson({ kind: 'task', ...taskCanonicalFields(task) })).digest('hex');
}
