// The engine speaks of categories (R1, R9, R11): it adds and removes the error category and, when a C4C activity is
// gone, the sync categories. A Google event has none; normalize-google.ts reads the calendar as the kind's category
// and the error line as the error category. This is the way back: what a category edit means for the event.
import type { CategorySettings, SyncKind } from '../../shared/categories.js';
import type { CategoryEdit } from './actions.js';
import { googleErrorClearPatch, googleErrorMarkPatch, type GoogleErrorPatch } from './google-error-mark.js';
import type { GoogleEvent } from './google-event.js';

/** What a category edit does to a Google event. */
export interface GoogleCategoryChange {
  /** The error mark's patch (events.patch), or null. */
  patch: GoogleErrorPatch | null;
  /**
   * Where the event moves (events.move): `out` to the user's primary calendar (the sync categories removed, R11: it
   * no longer syncs and stays the user's), or the calendar of a kind whose category was added; null: it stays.
   */
  move: SyncKind | 'out' | null;
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * The change a category edit asks of `event`, read from calendar `kind`. `reason`: the R9 reason to show when the
 * error category is added (the markError action's message).
 */
export function googleCategoryChange(
  event: Pick<GoogleEvent, 'description' | 'colorId' | 'extendedProperties'>,
  kind: SyncKind | null,
  edit: CategoryEdit,
  categories: Pick<CategorySettings, 'appointment' | 'visit' | 'error'>,
  reason: string,
): GoogleCategoryChange {
  const has = (list: readonly string[], name: string): boolean => list.some((c) => same(c, name));
  const kindOf = (name: string): SyncKind | null => (same(name, categories.visit) ? 'visit' : same(name, categories.appointment) ? 'appointment' : null);
  let patch: GoogleErrorPatch | null = null;
  if (has(edit.add, categories.error)) patch = googleErrorMarkPatch(event, reason);
  else if (has(edit.remove, categories.error)) patch = googleErrorClearPatch(event);
  // The Visit category wins when both are added (R1); a removal of the event's own kind's category takes it out.
  const added = edit.add.map(kindOf).filter((k): k is SyncKind => k !== null);
  const addedKind = added.includes('visit') ? 'visit' : (added[0] ?? null);
  let move: SyncKind | 'out' | null = null;
  if (addedKind !== null && addedKind !== kind) move = addedKind;
  else if (addedKind === null && kind !== null && edit.remove.some((c) => kindOf(c) === kind)) move = 'out';
  return { patch, move };
}
