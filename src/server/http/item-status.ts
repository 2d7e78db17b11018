// What the task pane shows for one item: derived from the item as Graph has it now and its pair row.
import type { ItemStatus } from '../../shared/api.js';
import { c4cUiLinkFor, type C4cUiSettings } from '../../shared/c4c-ui-links.js';
import { syncKindOf } from '../../shared/categories.js';
import { errorForOwner, type ItemError } from '../domain/errors.js';
import type { SyncSettings } from '../domain/settings.js';
import type { OutlookItemPresent } from '../domain/snapshots.js';
import type { SyncPair } from '../domain/sync-pair.js';

export function statusOfItem(
  item: OutlookItemPresent,
  pair: SyncPair | null,
  settings: SyncSettings,
  /** Where the C4C UI is; null: no links are handed out. */
  c4cUi: C4cUiSettings | null,
  /** The activity's readable C4C ID, when it could be read. */
  c4cId: string | null = null,
): ItemStatus {
  const readableId = pair?.crmObjectId ? c4cId : null;
  const kind = syncKindOf(item.categories, settings.categories);
  const base = {
    itemId: item.id,
    kind,
    c4cObjectId: pair?.crmObjectId ?? null,
    c4cId: readableId,
    // The C4C screen of the activity, which C4C opens by the ID users see: unknown ID, no link (never the OData URL).
    c4cUrl: pair && readableId && c4cUi ? c4cUiLinkFor(c4cUi, pair.kind, readableId) : null,
    syncedAt: null as string | null,
    error: null as ItemStatus['error'],
  };
  if (pair?.status === 'error' && pair.lastError && kind) {
    return { ...base, state: 'error', error: { code: pair.lastError.code, message: shownError(pair.lastError), since: pair.errorSince ?? pair.updatedAt } };
  }
  if (!kind) return { ...base, state: 'notSynced' };
  if (!pair || pair.status !== 'synced') return { ...base, state: 'pending' };
  // The item changed after the last session recorded it: its edit has not reached C4C yet.
  const upToDate = pair.outlookVersion === item.version;
  return { ...base, state: upToDate ? 'synced' : 'pending', syncedAt: pair.updatedAt };
}

/**
 * What the pane shows of an item's error (R9): our message, and C4C's own wording when C4C refused the item's data,
 * which the user can act on ("enter a valid account"). Graph's wording is never shown: a Graph failure is about our
 * request, not what the user typed, and its text can name Exchange internals (servers, mailbox GUIDs, request ids).
 */
function shownError(error: ItemError): string {
  return error.code === 'crmRejected' ? errorForOwner(error) : error.message;
}
