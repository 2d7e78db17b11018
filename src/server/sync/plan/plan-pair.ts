// Planner step for an existing pair row: deletes and cancels (R11), untagging (R2), retries (R9), and the
// vdirsyncer rule — a side changed when its version AND its hash differ — followed by the R12 merge.
import { syncKindOf } from '../../../shared/categories.js';
import { TWO_WAY_FIELDS, type CalendarItemPatch } from '../../domain/calendar-item.js';
import type { Action } from '../../domain/actions.js';
import { crmHasExtraAttendees, sameAttendees } from '../../domain/canonical.js';
import { hashItem } from '../../domain/hash.js';
import { applyPatch, attendeesForCrm, isEmptyPatch, mergeThreeWay } from '../../domain/merge.js';
import { hasErrorCategory, syncBlocker } from '../../domain/rules.js';
import type { CrmActivity, OutlookItem, OutlookItemPresent } from '../../domain/snapshots.js';
import type { SyncPair } from '../../domain/sync-pair.js';
import { clearErrorAction, errorEditFor, errorRow, markErrorGroup, syncedRow, type PlanContext } from './plan-context.js';
import { groupwareItemIdFor } from './pair-ids.js';
import { planCreateCrm, planCreateOutlook } from './plan-new.js';

export interface PairPlan {
  actions: Action[];
  /** The Outlook item is now tagged with the other kind: it needs a new pair of that kind. */
  needsNewPair: boolean;
}

const none: PairPlan = { actions: [], needsNewPair: false };

function closedRow(ctx: PlanContext, pair: SyncPair, outlook: OutlookItem | undefined): SyncPair {
  return {
    ...pair,
    status: 'closed',
    outlookId: outlook && !outlook.removed ? outlook.id : pair.outlookId,
    outlookVersion: outlook && !outlook.removed ? outlook.version : pair.outlookVersion,
    lastError: null,
    errorSince: null,
    updatedAt: ctx.now,
  };
}

/** R11 for an Outlook delete: cancel the activity, or — for an attendee's copy — drop that attendee (R8). */
function planOutlookRemoved(ctx: PlanContext, pair: SyncPair, crm: CrmActivity | undefined): Action[] {
  const record: Action = { type: 'recordState', pairId: pair.pairId, pair: closedRow(ctx, pair, undefined) };
  const crmGone = crm !== undefined && (crm.removed || crm.status === 'cancelled');
  if (pair.status === 'unlinked' || pair.crmObjectId === null || crmGone) return [record];
  const ifMatch = crm?.version ?? pair.crmVersion;
  if (ifMatch === null) {
    // The activity exists (its create landed in a group that then failed) but no version of it is known: keep the
    // pair in error, so the next session re-reads the activity and cancels it, instead of closing it live.
    const row = errorRow(ctx, pair, { code: 'conflictRetry', message: 'The Outlook item was deleted; the C4C activity is re-read and cancelled.' });
    return [{ type: 'recordState', pairId: pair.pairId, pair: row }];
  }
  const me = ctx.mailbox.email.toLowerCase();
  const base = pair.base;
  if (base?.organizerEmail && base.organizerEmail !== me) {
    const current = crm?.fields ?? base;
    const patch: CalendarItemPatch = { attendees: attendeesForCrm(base).filter((a) => a.email !== me) };
    return [
      { type: 'updateCrm', pairId: pair.pairId, kind: pair.kind, crmObjectId: pair.crmObjectId, ifMatch, patch, after: applyPatch(current, patch), before: current },
      record,
    ];
  }
  return [{ type: 'cancelCrm', pairId: pair.pairId, kind: pair.kind, crmObjectId: pair.crmObjectId, ifMatch }, record];
}

/** R11 for a C4C cancel/delete: delete the Outlook item only if C4C created it; else untag it with a notice. */
function planCrmGone(ctx: PlanContext, pair: SyncPair, outlook: OutlookItemPresent | undefined): Action[] {
  const record: Action = { type: 'recordState', pairId: pair.pairId, pair: closedRow(ctx, pair, outlook) };
  const outlookId = outlook?.id ?? pair.outlookId;
  const ifMatch = outlook?.version ?? pair.outlookVersion;
  if (outlookId === null || ifMatch === null) return [record];
  if (pair.origin === 'crm') {
    return [{ type: 'deleteOutlook', pairId: pair.pairId, mailboxId: ctx.mailbox.mailboxId, outlookId, ifMatch }, record];
  }
  const { appointment, visit, error } = ctx.settings.categories;
  const remove = [appointment, visit, error];
  return [
    {
      type: 'removeCategoryAndNotify',
      pairId: pair.pairId,
      mailboxId: ctx.mailbox.mailboxId,
      outlookId,
      categoryEdit: { add: [], remove },
      notice: 'The activity was cancelled or deleted in SAP Cloud for Customer; this item is no longer synced.',
    },
    record,
  ];
}

/** R2: the category was removed; the pair becomes a tombstone and the C4C activity stays. */
function planUntagged(ctx: PlanContext, pair: SyncPair, outlook: OutlookItemPresent, reason: string): Action[] {
  const actions: Action[] = [{ type: 'unlink', pairId: pair.pairId, mailboxId: ctx.mailbox.mailboxId, reason }];
  const categoryEdit = errorEditFor(outlook, ctx, 'remove');
  if (categoryEdit) actions.push({ type: 'clearError', pairId: pair.pairId, mailboxId: ctx.mailbox.mailboxId, outlookId: outlook.id, categoryEdit });
  const row: SyncPair = { ...pair, status: 'unlinked', outlookId: outlook.id, outlookVersion: outlook.version, lastError: null, errorSince: null, updatedAt: ctx.now };
  actions.push({ type: 'recordState', pairId: pair.pairId, pair: row });
  return actions;
}

/** The full two-way state of Outlook as a patch (retagging an unlinked item: Outlook's state is pushed whole). */
function fullPatch(outlook: OutlookItemPresent): CalendarItemPatch {
  const patch: CalendarItemPatch = {};
  for (const field of TWO_WAY_FIELDS) (patch as Record<string, unknown>)[field] = outlook.fields[field];
  patch.attendees = attendeesForCrm(outlook.fields);
  return patch;
}

function planSync(ctx: PlanContext, pair: SyncPair, outlook: OutlookItemPresent | undefined, crm: CrmActivity | undefined, reactivate: boolean): Action[] {
  const { kind } = pair;
  const crmId = pair.crmObjectId as string;
  const outlookId = (outlook?.id ?? pair.outlookId) as string;
  const outlookChanged = outlook !== undefined && (reactivate || pair.status === 'error' || pair.outlookHash === null ||
    (outlook.version !== pair.outlookVersion && hashItem(outlook.fields, 'outlook', kind) !== pair.outlookHash));
  const crmChanged = crm !== undefined && (pair.status === 'error' || pair.crmHash === null ||
    (crm.version !== pair.crmVersion && hashItem(crm.fields, 'crm', kind) !== pair.crmHash));
  const outlookVersion = outlook?.version ?? pair.outlookVersion;
  const crmVersion = crm?.version ?? pair.crmVersion;
  // C4C's hash leaves attendees out (it holds only the ones it resolved), so an attendee write that landed but
  // was lost in a crash or timeout is invisible to it; a C4C version change is the cue to check for such drift.
  const outlookNow = outlook?.fields ?? pair.base;
  const attendeeDrift = !reactivate && crm !== undefined && crm.version !== pair.crmVersion && outlookNow !== null && crmHasExtraAttendees(outlookNow, crm.fields);
  if (!outlookChanged && !crmChanged && !attendeeDrift) {
    // A stray error category (a failure whose session crashed before recording it) goes too (R9).
    const clear = outlook && hasErrorCategory(outlook.categories, ctx.settings) ? clearErrorAction(ctx, pair, outlook) : null;
    if (!clear && outlookVersion === pair.outlookVersion && crmVersion === pair.crmVersion && outlookId === pair.outlookId) return [];
    const record: Action = { type: 'recordState', pairId: pair.pairId, pair: { ...pair, outlookId, outlookVersion, crmVersion, updatedAt: ctx.now } };
    return clear ? [clear, record] : [record];
  }
  const base = pair.base;
  const outlookFields = outlook?.fields ?? base ?? crm?.fields;
  const crmFields = crm?.fields ?? base ?? outlookFields;
  if (!outlookFields || !crmFields) return [];
  let outlookPatch: CalendarItemPatch = {};
  let crmPatch: CalendarItemPatch;
  if (reactivate && outlook) {
    crmPatch = fullPatch(outlook);
  } else {
    const merged = mergeThreeWay(base, outlookFields, crmFields, kind, ctx.settings.conflictWinner, false, ctx.intents.get(pair.pairId) ?? null);
    ({ outlookPatch, crmPatch } = merged);
    // When C4C changed, its attendees are not known to match the base (a write lost in a crash or timeout may
    // have landed): resend Outlook's when they differ. C4C holds only resolved attendees, so this can repeat an
    // idempotent write; it happens only alongside another C4C change.
    if ((crmChanged || attendeeDrift) && crm && !crmPatch.attendees && !sameAttendees(outlookFields, crm.fields)) {
      crmPatch = { ...crmPatch, attendees: attendeesForCrm(outlookFields) };
    }
    if (merged.conflicts.length > 0) {
      ctx.warnings.push({ code: 'conflict', pairId: pair.pairId, message: `Changed on both sides: ${merged.conflicts.join(', ')}; ${ctx.settings.conflictWinner} won.` });
    }
  }
  const outlookAfter = applyPatch(outlookFields, outlookPatch);
  let crmAfter = applyPatch(crmFields, crmPatch);
  const actions: Action[] = [];
  if (!isEmptyPatch(crmPatch)) {
    if (crmVersion !== null) {
      actions.push({ type: 'updateCrm', pairId: pair.pairId, kind, crmObjectId: crmId, ifMatch: crmVersion, patch: crmPatch, after: crmAfter, before: crmFields });
    } else if (outlook && pair.origin === 'outlook') {
      // No C4C version to match (a create whose result was lost): the idempotent create writes Outlook's state.
      crmAfter = { ...outlookAfter, attendees: attendeesForCrm(outlookAfter) };
      actions.push({
        type: 'createCrm',
        pairId: pair.pairId,
        kind,
        groupwareItemId: groupwareItemIdFor(outlook, pair.pairId),
        fields: crmAfter,
        ownerPartyId: outlook.isOrganizer ? ctx.mailbox.employeePartyId : null,
        ownerEmail: ctx.mailbox.email,
      });
    } else {
      return markErrorGroup(ctx, pair, outlook, { code: 'conflictRetry', message: 'The C4C version is unknown; the activity is re-read and retried.' });
    }
  }
  const clear = clearErrorAction(ctx, pair, outlook);
  if (!isEmptyPatch(outlookPatch) && outlookVersion !== null) {
    actions.push({
      type: 'updateOutlook',
      pairId: pair.pairId,
      mailboxId: ctx.mailbox.mailboxId,
      outlookId,
      ifMatch: outlookVersion,
      patch: outlookPatch,
      after: outlookAfter,
      before: outlookFields,
      categoryEdit: clear?.type === 'clearError' ? clear.categoryEdit : null,
    });
  } else if (clear) {
    actions.push(clear);
  }
  const next = syncedRow(ctx, { ...pair, outlookId, outlookVersion, crmVersion }, outlookAfter, crmAfter);
  actions.push({ type: 'recordState', pairId: pair.pairId, pair: next });
  return actions;
}

/** Everything that happens to one existing pair in this session. */
export function planExistingPair(ctx: PlanContext, pair: SyncPair, outlook: OutlookItem | undefined, crm: CrmActivity | undefined): PairPlan {
  if (outlook?.removed) return pair.status === 'closed' ? none : { actions: planOutlookRemoved(ctx, pair, crm), needsNewPair: false };
  const present = outlook;
  const kindNow = present ? syncKindOf(present.categories, ctx.settings.categories) : pair.kind;
  const otherKind = kindNow !== null && kindNow !== pair.kind;
  if (pair.status === 'closed') return { actions: [], needsNewPair: otherKind };
  if (pair.status === 'unlinked') {
    if (crm && (crm.removed || crm.status === 'cancelled')) {
      // Gone in C4C while not mirrored: nothing to follow, and retagging must not revive it.
      return { actions: [{ type: 'recordState', pairId: pair.pairId, pair: closedRow(ctx, pair, present) }], needsNewPair: otherKind };
    }
    if (!present || kindNow !== pair.kind) return { actions: [], needsNewPair: otherKind };
    if (pair.crmObjectId === null) return { actions: planCreateCrm(ctx, present, pair.kind, pair.pairId, pair), needsNewPair: false };
    return { actions: planSync(ctx, pair, present, crm?.removed ? undefined : crm, true), needsNewPair: false };
  }
  const crmGone = crm !== undefined && (crm.removed || crm.status === 'cancelled');
  if (crmGone && present && kindNow !== pair.kind) {
    // Gone in C4C and no longer tagged as this kind (the untagging may be our own R11 write whose result was
    // lost): close the pair, not a revivable tombstone, so a later retag never writes to the dead activity.
    const clear = kindNow === null ? clearErrorAction(ctx, pair, present) : null;
    const record: Action = { type: 'recordState', pairId: pair.pairId, pair: closedRow(ctx, pair, present) };
    return { actions: clear ? [clear, record] : [record], needsNewPair: kindNow !== null };
  }
  if (present && kindNow === null) return { actions: planUntagged(ctx, pair, present, 'The sync category was removed.'), needsNewPair: false };
  if (present && kindNow !== pair.kind) {
    return { actions: planUntagged(ctx, pair, present, `Tagged as ${kindNow ?? 'nothing'} now; a new ${kindNow ?? ''} is created.`), needsNewPair: true };
  }
  if (crmGone) return { actions: planCrmGone(ctx, pair, present), needsNewPair: false };
  if (pair.crmObjectId === null) {
    return { actions: present ? planCreateCrm(ctx, present, pair.kind, pair.pairId, pair) : [], needsNewPair: false };
  }
  if (pair.outlookId === null && !present) {
    // The create from C4C failed (or its result was lost): create again; the transactionId makes it idempotent.
    return { actions: crm ? planCreateOutlook(ctx, crm, pair.pairId, pair) : [], needsNewPair: false };
  }
  if (present) {
    const blocker = syncBlocker(present.fields, ctx.settings);
    if (blocker) return { actions: markErrorGroup(ctx, pair, present, blocker), needsNewPair: false };
  }
  return { actions: planSync(ctx, pair, present, crm, false), needsNewPair: false };
}
