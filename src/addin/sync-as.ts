// "Sync as": put the item's sync category in place (R1), through Office.js where the client allows it and
// through the service (Graph) where it doesn't. Shared by the task pane and the ribbon commands.
import type { SyncKind } from '../shared/categories.js';
import type { ApiClient } from './api/client.js';
import { OfficeCallError } from './office/async.js';
import { categoryCapability, setSyncCategory, type SyncCategoryNames } from './office/categories.js';
import { getItemInfo, getRestItemId, saveItem, toRestId, type ItemInfo } from './office/item.js';

export interface SyncAsResult {
  /** Who set the category: Office.js on the item, or the service through Graph. */
  via: 'office' | 'service';
  itemId: string | null;
}

/** Office.js can't set the category here and there is no service to fall back to. */
export class NoCategoryRouteError extends Error {
  constructor(override readonly cause: unknown) {
    super('Outlook cannot set categories here and the sync service is not available');
    this.name = 'NoCategoryRouteError';
  }
}

/** A new compose item never saved, where only the service could set the category: that would need a save first. */
export class UnsavedItemError extends Error {
  constructor() {
    super('The item has not been saved yet');
    this.name = 'UnsavedItemError';
  }
}

export interface SyncAsOptions {
  names: SyncCategoryNames;
  /** null when the service is unreachable or the user is not signed in. */
  api: ApiClient | null;
  /** Pass the item info when the caller already has it. */
  info?: ItemInfo;
}

/**
 * A compose form's changes (category included) reach Exchange only when the item is saved. An item saved before is
 * saved again so the sync starts now; a new one is not: saving it would put a half-written "New appointment" into
 * the calendar and into C4C. Its category goes in with the user's own save.
 */
async function savedItemId(info: ItemInfo): Promise<string | null> {
  if (info.mode !== 'compose') return getRestItemId({ saveIfNeeded: false });
  const existing = await getRestItemId({ saveIfNeeded: false });
  return existing ? toRestId(await saveItem()) : null;
}

function nudgeSync(api: ApiClient | null, itemId: string | null, kind: SyncKind | null): void {
  // Insta-sync would pick the change up from the Graph notification anyway; asking directly saves seconds.
  if (api && itemId && kind) api.syncItem(itemId).catch(() => undefined);
}

export async function applySyncKind(kind: SyncKind | null, options: SyncAsOptions): Promise<SyncAsResult> {
  const info = options.info ?? (await getItemInfo());
  let officeFailure: unknown = null;
  if (categoryCapability(info).canSet) {
    try {
      await setSyncCategory(kind, options.names);
      const itemId = await savedItemId(info);
      nudgeSync(options.api, itemId, kind);
      return { via: 'office', itemId };
    } catch (err) {
      if (!(err instanceof OfficeCallError)) throw err;
      officeFailure = err; // e.g. PermissionDenied on someone else's meeting: let the service do it
    }
  }
  if (!options.api) throw new NoCategoryRouteError(officeFailure);
  if (info.mode === 'compose' && !(await getRestItemId({ saveIfNeeded: false }))) throw new UnsavedItemError();
  const itemId = info.mode === 'compose' ? toRestId(await saveItem()) : await getRestItemId({ saveIfNeeded: true });
  if (!itemId) throw new NoCategoryRouteError(officeFailure);
  await options.api.setItemCategory(itemId, kind);
  nudgeSync(options.api, itemId, kind);
  return { via: 'service', itemId };
}
