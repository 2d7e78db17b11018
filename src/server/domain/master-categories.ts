// The categories the service needs in each mailbox's master list (R1, R9, R13), under the tenant's names, with the
// colours users know them by. The add-in creates the two it sets with the same colours (addin/office/categories.ts).
import { SYNC_CATEGORY_PRESETS, type CategorySettings } from '../../shared/categories.js';

/** A master category: its name and a Graph colour (`none`, `preset0` … `preset24`). */
export interface MasterCategory {
  displayName: string;
  color: string;
}

/**
 * The sync categories a mailbox needs: appointment, Visit, the task category when it is a category of its own (by
 * default it is the appointments' one, as in SSI) and the error category. One entry per name (case-insensitive).
 */
export function syncMasterCategories(names: CategorySettings, options: { tasks: boolean }): MasterCategory[] {
  const wanted: MasterCategory[] = [
    { displayName: names.appointment, color: SYNC_CATEGORY_PRESETS.appointment },
    { displayName: names.visit, color: SYNC_CATEGORY_PRESETS.visit },
    ...(options.tasks ? [{ displayName: names.task, color: SYNC_CATEGORY_PRESETS.task }] : []),
    { displayName: names.error, color: SYNC_CATEGORY_PRESETS.error },
  ];
  const seen = new Set<string>();
  return wanted.filter((c) => {
    const key = c.displayName.trim().toLowerCase();
    if (key === '' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
