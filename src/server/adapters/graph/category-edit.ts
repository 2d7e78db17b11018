// Applying a CategoryEdit (domain/actions.ts) to an item's current categories. Outlook compares category names
// case-insensitively; the item keeps its own spelling and order of what stays. Not in domain yet, so it lives here.
import type { CategoryEdit } from '../../domain/actions.js';

export function applyCategoryEdit(current: readonly string[], edit: CategoryEdit): string[] {
  const removed = new Set(edit.remove.map((c) => c.toLowerCase()));
  const out: string[] = [];
  const seen = new Set<string>();
  for (const name of [...current, ...edit.add]) {
    const key = name.toLowerCase();
    if (seen.has(key)) continue;
    const isAdded = edit.add.some((a) => a.toLowerCase() === key);
    if (removed.has(key) && !isAdded) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}

export function sameCategories(a: readonly string[], b: readonly string[]): boolean {
  const norm = (list: readonly string[]) => [...new Set(list.map((c) => c.toLowerCase()))].sort().join('\n');
  return norm(a) === norm(b);
}
