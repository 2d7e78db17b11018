// The sync categories on the current item (R1) and the mailbox's master category list.
// Categories need Mailbox 1.8. Outlook on the web and new Outlook can't manage categories in compose forms,
// and a meeting organised by someone else is treated the same way; there the caller falls back to the service,
// which sets the category through Graph.
import { SYNC_CATEGORY_PRESETS, type SyncKind } from '../../shared/categories.js';
import { officeCall, OfficeCallError } from './async.js';
import { currentItem, isWebLike, supports } from './host.js';
import type { ItemInfo } from './item.js';

export type CategoryCapability =
  | { canSet: true }
  | { canSet: false; reason: 'requirementSet' | 'composeOnWeb' | 'notOrganizer' };

export interface SyncCategoryNames {
  appointment: string;
  visit: string;
}

type OfficeColor = keyof typeof Office.MailboxEnums.CategoryColor;
const officeColor = (preset: string) => `P${preset.slice(1)}` as OfficeColor;

/** Colours of the master categories the add-in creates (names of Office.MailboxEnums.CategoryColor), as the service's. */
export const SYNC_CATEGORY_COLORS: Record<SyncKind, OfficeColor> = {
  appointment: officeColor(SYNC_CATEGORY_PRESETS.appointment), // Blue
  visit: officeColor(SYNC_CATEGORY_PRESETS.visit), // Green
};

export function categoryCapability(info: Pick<ItemInfo, 'mode' | 'isOrganizer'>): CategoryCapability {
  if (!supports('Mailbox', '1.8')) return { canSet: false, reason: 'requirementSet' };
  if (info.mode === 'compose' && isWebLike()) return { canSet: false, reason: 'composeOnWeb' };
  if (info.mode === 'read' && !info.isOrganizer) return { canSet: false, reason: 'notOrganizer' };
  return { canSet: true };
}

function itemCategories(): Office.Categories {
  const categories = currentItem().categories as Office.Categories | undefined;
  if (!categories) throw new OfficeCallError('categories', 'NotSupported', 'item.categories is not available');
  return categories;
}

/** The item's category names, or null when this client can't read them. */
export async function getCategories(): Promise<string[] | null> {
  if (!supports('Mailbox', '1.8')) return null;
  try {
    const details = await officeCall<Office.CategoryDetails[]>('categories.getAsync', (cb) => itemCategories().getAsync(cb));
    return (details ?? []).map((d) => d.displayName);
  } catch {
    return null;
  }
}

/** Creates the master category with its colour unless the mailbox already has it (names compare case-insensitively). */
export async function ensureMasterCategory(displayName: string, color: keyof typeof Office.MailboxEnums.CategoryColor): Promise<void> {
  const master = Office.context.mailbox.masterCategories;
  const existing = await officeCall<Office.CategoryDetails[]>('masterCategories.getAsync', (cb) => master.getAsync(cb));
  if ((existing ?? []).some((c) => c.displayName.toLowerCase() === displayName.toLowerCase())) return;
  try {
    const details: Office.CategoryDetails = { displayName, color: Office.MailboxEnums.CategoryColor[color] };
    await officeCall<void>('masterCategories.addAsync', (cb) => master.addAsync([details], cb));
  } catch (err) {
    // Another client (or the other command) created it meanwhile.
    if (!(err instanceof OfficeCallError) || err.code !== 'DuplicateCategory') throw err;
  }
}

/**
 * Makes the item carry exactly the sync category for `kind` (or neither for null), leaving other categories.
 * The caller checks categoryCapability first; Office errors propagate so the caller can fall back.
 */
export async function setSyncCategory(kind: SyncKind | null, names: SyncCategoryNames): Promise<string[]> {
  const current = (await getCategories()) ?? [];
  const has = (name: string) => current.some((c) => c.toLowerCase() === name.toLowerCase());
  const wanted = kind ? names[kind] : null;
  const unwanted = (Object.keys(names) as SyncKind[]).filter((k) => k !== kind).map((k) => names[k]).filter(has);
  // The new tag goes on before the old one comes off: each call is saved on its own, and a session between them must
  // see a switch of kind (R1: with both, Visit wins), never an untagged item (R2 would unlink it and leave the old
  // record open instead of cancelling it).
  if (kind && wanted && !has(wanted)) {
    await ensureMasterCategory(wanted, SYNC_CATEGORY_COLORS[kind]);
    await officeCall<void>('categories.addAsync', (cb) => itemCategories().addAsync([wanted], cb));
  }
  if (unwanted.length > 0) {
    await officeCall<void>('categories.removeAsync', (cb) => itemCategories().removeAsync(unwanted, cb));
  }
  const remaining = current.filter((c) => !unwanted.some((u) => u.toLowerCase() === c.toLowerCase()));
  return wanted && !has(wanted) ? [...remaining, wanted] : remaining;
}

/** The sync kind an item's categories select (R1: Visit wins when both are present). */
export function syncKindFromCategories(categories: readonly string[], names: SyncCategoryNames): SyncKind | null {
  const lower = new Set(categories.map((c) => c.toLowerCase()));
  if (lower.has(names.visit.toLowerCase())) return 'visit';
  if (lower.has(names.appointment.toLowerCase())) return 'appointment';
  return null;
}
