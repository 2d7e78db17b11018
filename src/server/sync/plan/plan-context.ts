// Shared helpers of the planner's steps: the session context and builders for pair rows and common groups.
import type { Action, CategoryEdit } from '../../domain/actions.js';
import type { NormalizedCalendarItem } from '../../domain/calendar-item.js';
import type { ItemError } from '../../domain/errors.js';
import { hashItem } from '../../domain/hash.js';
import type { Mailbox } from '../../domain/mailbox.js';
import { hasErrorCategory } from '../../domain/rules.js';
import type { WriteIntent } from '../../domain/write-intent.js';
import type { SyncSettings } from '../../domain/settings.js';
import type { OutlookItemPresent } from '../../domain/snapshots.js';
import type { SyncPair } from '../../domain/sync-pair.js';
import type { PlanWarning } from './plan-types.js';

export interface PlanContext {
  mailbox: Mailbox;
  settings: SyncSettings;
  now: string;
  warnings: PlanWarning[];
  /** Write intents left by a session that died before its commit, by pair id. */
  intents: ReadonlyMap<string, WriteIntent>;
}

/** The pair row after a successful sync: both hashes from the fields each side will have, base = Outlook's view. */
export function syncedRow(
  ctx: PlanContext,
  pair: Omit<SyncPair, 'outlookHash' | 'crmHash' | 'base' | 'status' | 'lastError' | 'errorSince' | 'updatedAt'>,
  outlookAfter: NormalizedCalendarItem,
  crmAfter: NormalizedCalendarItem,
): SyncPair {
  return {
    ...pair,
    outlookHash: hashItem(outlookAfter, 'outlook', pair.kind),
    crmHash: hashItem(crmAfter, 'crm', pair.kind),
    base: outlookAfter,
    status: 'synced',
    lastError: null,
    errorSince: null,
    updatedAt: ctx.now,
  };
}

export function errorEditFor(outlook: OutlookItemPresent | undefined, ctx: PlanContext, mode: 'add' | 'remove'): CategoryEdit | null {
  const name = ctx.settings.categories.error;
  if (outlook) {
    const has = hasErrorCategory(outlook.categories, ctx.settings);
    if (mode === 'add' ? has : !has) return null;
  }
  return mode === 'add' ? { add: [name], remove: [] } : { add: [], remove: [name] };
}

/** The pair in error: versions and hashes of the last successful sync stay, so the next session retries (R9). */
export function errorRow(ctx: PlanContext, pair: SyncPair, error: ItemError): SyncPair {
  return { ...pair, status: 'error', lastError: error, errorSince: pair.errorSince ?? ctx.now, updatedAt: ctx.now };
}

/**
 * R4/R9: mark the pair failed. The row keeps the versions/hashes of the last successful sync so the next
 * session sees the pending change again. Nothing is planned when the same error is already recorded and shown.
 */
export function markErrorGroup(ctx: PlanContext, pair: SyncPair, outlook: OutlookItemPresent | undefined, error: ItemError): Action[] {
  const categoryEdit = errorEditFor(outlook, ctx, 'add');
  if (pair.status === 'error' && pair.lastError?.code === error.code && categoryEdit === null) return [];
  const row = errorRow(ctx, { ...pair, outlookId: outlook?.id ?? pair.outlookId }, error);
  return [
    { type: 'markError', pairId: pair.pairId, mailboxId: ctx.mailbox.mailboxId, outlookId: outlook?.id ?? pair.outlookId, error, categoryEdit },
    { type: 'recordState', pairId: pair.pairId, pair: row },
  ];
}

/** R9: clear the error (category and state) after a successful sync, when there is anything to clear. */
export function clearErrorAction(ctx: PlanContext, pair: SyncPair, outlook: OutlookItemPresent | undefined): Action | null {
  const outlookId = outlook?.id ?? pair.outlookId;
  if (outlookId === null) return null;
  if (!outlook && pair.status !== 'error') return null;
  const categoryEdit = errorEditFor(outlook, ctx, 'remove');
  if (categoryEdit === null && pair.status !== 'error') return null;
  return { type: 'clearError', pairId: pair.pairId, mailboxId: ctx.mailbox.mailboxId, outlookId, categoryEdit };
}
