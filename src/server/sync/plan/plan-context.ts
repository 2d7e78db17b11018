// Shared helpers of the planner's steps: the session context and builders for pair rows and common groups.
import type { Action, CategoryEdit } from '../../domain/actions.js';
import { conflictRecordOf, type ConflictRecord } from '../../domain/conflict-record.js';
import type { ItemError } from '../../domain/errors.js';
import type { FieldsOf, ItemFamily, KindOf } from '../../domain/family.js';
import type { Mailbox } from '../../domain/mailbox.js';
import { hasErrorCategory } from '../../domain/rules.js';
import type { SyncSettings } from '../../domain/settings.js';
import { pairBaseOf } from '../../domain/pair-base.js';
import { baseOfDigests, type BaseView, type StateSeal } from '../../domain/state-digest.js';
import type { CrmActivity, CrmRecord, GroupwareItemPresent, OutlookItemPresent } from '../../domain/snapshots.js';
import type { WriteIntent } from '../../domain/write-intent.js';
import type { GroupOf, PairOf, PlanWarning } from './plan-types.js';

export interface PlanContext<G extends GroupwareItemPresent = OutlookItemPresent, C extends CrmRecord<FieldsOf<G>> = CrmActivity> {
  family: ItemFamily<G, C>;
  mailbox: Mailbox;
  settings: SyncSettings;
  now: string;
  warnings: PlanWarning[];
  /** Write intents left by a session that died before its commit, by pair id. */
  intents: ReadonlyMap<string, WriteIntent<FieldsOf<G>>>;
  /** The tenant's keyed hashing: pairs keep digests of what they synced, not the values (domain/state-digest.ts). */
  seal: StateSeal;
  /** The tenant's other synced users among the shared records' owners (plan-types.ts `PlanInput.peers`). */
  peers: ReadonlySet<string>;
}

/** R8: whether this groupware item only joins the record another copy owns (domain/family.ts `joinsOnly`). */
/**
 * R12: fields both sides changed, decided by the tenant's winner. Warned, and recorded for the sync log (with the
 * group's outcome), so that a conflict can be told from a lost edit later. Null when there was none.
 */
export function conflictOf<G extends GroupwareItemPresent, C extends CrmRecord<FieldsOf<G>>>(
  ctx: PlanContext<G, C>,
  pairId: string,
  fields: readonly string[],
  outlook: { version: string | null; fields: FieldsOf<G> },
  crm: { version: string | null; fields: FieldsOf<G> },
): ConflictRecord | null {
  if (fields.length === 0) return null;
  const winner = ctx.settings.conflictWinner;
  ctx.warnings.push({ code: 'conflict', pairId, message: `Changed on both sides: ${fields.join(', ')}; ${winner} won.` });
  return conflictRecordOf(ctx.seal, (f: FieldsOf<G>) => ctx.family.canonicalFields(f), { fields, winner }, outlook, crm);
}

export function joinsOnly<G extends GroupwareItemPresent, C extends CrmRecord<FieldsOf<G>>>(ctx: PlanContext<G, C>, item: G, crm: C | undefined): boolean {
  return ctx.family.joinsOnly?.(item, crm, { mailbox: ctx.mailbox, peers: ctx.peers }) ?? false;
}

/** A group from its steps and closing row. */
export function groupOf<G extends GroupwareItemPresent, C extends CrmRecord<FieldsOf<G>>>(
  pair: PairOf<G, C>,
  steps: GroupOf<G, C>['steps'] = [],
  intended: FieldsOf<G> | null = null,
): GroupOf<G, C> {
  return { pairId: pair.pairId, steps, record: { type: 'recordState', pairId: pair.pairId, pair, intended } };
}

/** The pair's base as the merge reads it, or null before the first sync. */
export function baseViewOf<G extends GroupwareItemPresent, C extends CrmRecord<FieldsOf<G>>>(ctx: PlanContext<G, C>, pair: PairOf<G, C>): BaseView<FieldsOf<G>> | null {
  return pair.base ? baseOfDigests(ctx.seal, (fields: FieldsOf<G>) => ctx.family.canonicalFields(fields), pair.base.digests) : null;
}

/** A side's stored hash: the family's hash, keyed. */
export function sealedHash<G extends GroupwareItemPresent, C extends CrmRecord<FieldsOf<G>>>(ctx: PlanContext<G, C>, fields: FieldsOf<G>, side: 'outlook' | 'crm', kind: KindOf<C>): string {
  return ctx.seal.item(ctx.family.hash(fields, side, kind));
}

/** The pair row after a successful sync: both hashes from the fields each side will have, base = Outlook's view (as digests). */
export function syncedRow<G extends GroupwareItemPresent, C extends CrmRecord<FieldsOf<G>>>(
  ctx: PlanContext<G, C>,
  pair: Omit<PairOf<G, C>, 'outlookHash' | 'crmHash' | 'base' | 'status' | 'lastError' | 'errorSince' | 'updatedAt'>,
  outlookAfter: FieldsOf<G>,
  crmAfter: FieldsOf<G>,
): PairOf<G, C> {
  return {
    ...pair,
    outlookHash: sealedHash(ctx, outlookAfter, 'outlook', pair.kind),
    crmHash: sealedHash(ctx, crmAfter, 'crm', pair.kind),
    base: pairBaseOf(ctx.family, ctx.seal, outlookAfter),
    status: 'synced',
    lastError: null,
    errorSince: null,
    updatedAt: ctx.now,
  };
}

export function errorEditFor(outlook: GroupwareItemPresent | undefined, ctx: Pick<PlanContext, 'settings'>, mode: 'add' | 'remove'): CategoryEdit | null {
  const name = ctx.settings.categories.error;
  if (outlook) {
    const has = hasErrorCategory(outlook.categories, ctx.settings);
    if (mode === 'add' ? has : !has) return null;
  }
  return mode === 'add' ? { add: [name], remove: [] } : { add: [], remove: [name] };
}

/** The pair in error: versions and hashes of the last successful sync stay, so the next session retries (R9). */
export function errorRow<P extends PairOf<GroupwareItemPresent, CrmRecord>>(ctx: Pick<PlanContext, 'now'>, pair: P, error: ItemError): P {
  return { ...pair, status: 'error', lastError: error, errorSince: pair.errorSince ?? ctx.now, updatedAt: ctx.now };
}

/**
 * R4/R9: mark the pair failed. The row keeps the versions/hashes of the last successful sync so the next
 * session sees the pending change again. Nothing is planned when the same error is already recorded and shown.
 */
export function markErrorGroup<G extends GroupwareItemPresent, C extends CrmRecord<FieldsOf<G>>>(
  ctx: PlanContext<G, C>,
  pair: PairOf<G, C>,
  outlook: G | undefined,
  error: ItemError,
): GroupOf<G, C> | null {
  const categoryEdit = errorEditFor(outlook, ctx, 'add');
  if (pair.status === 'error' && pair.lastError?.code === error.code && categoryEdit === null) return null;
  const row = errorRow(ctx, { ...pair, outlookId: outlook?.id ?? pair.outlookId }, error);
  return groupOf(row, [{ type: 'markError', pairId: pair.pairId, mailboxId: ctx.mailbox.mailboxId, outlookId: outlook?.id ?? pair.outlookId, error, categoryEdit }]);
}

/** R9: clear the error (category and state) after a successful sync, when there is anything to clear. */
export function clearErrorAction<G extends GroupwareItemPresent, C extends CrmRecord<FieldsOf<G>>>(
  ctx: PlanContext<G, C>,
  pair: PairOf<G, C>,
  outlook: G | undefined,
): Action<FieldsOf<G>, C['kind']> | null {
  const outlookId = outlook?.id ?? pair.outlookId;
  if (outlookId === null) return null;
  if (!outlook && pair.status !== 'error') return null;
  const categoryEdit = errorEditFor(outlook, ctx, 'remove');
  if (categoryEdit === null && pair.status !== 'error') return null;
  return { type: 'clearError', pairId: pair.pairId, mailboxId: ctx.mailbox.mailboxId, outlookId, categoryEdit };
}
