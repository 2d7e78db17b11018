// The mailbox's master category list (Outlook's Categorize menu): the groupware side creates the sync categories in
// it (Graph `outlook/masterCategories`). An item may carry a category the list lacks; Outlook then shows it without
// colour, and the user cannot pick it from the menu.
import type { Mailbox } from '../domain/mailbox.js';
import type { MasterCategory } from '../domain/master-categories.js';

export type { MasterCategory } from '../domain/master-categories.js';

export interface MasterCategories {
  /**
   * Creates those of `wanted` the mailbox's master list lacks (names compare case-insensitively) and returns the
   * names it created. Categories already there are left as they are, whatever their colour: a user who recoloured one
   * keeps it. One read of the list, one create per missing category.
   */
  ensureMasterCategories(mailbox: Mailbox, wanted: readonly MasterCategory[]): Promise<string[]>;
}
