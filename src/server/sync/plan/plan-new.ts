// Planner steps for items without a usable pair: a newly tagged Outlook item (→ C4C), a C4C activity created in
// C4C (→ Outlook, R7), and two halves of one pair whose row was lost between apply and commit (adoption).
import type { SyncKind } from '../../../shared/categories.js';
import type { Action } from '../../domain/actions.js';
import { sameAttendees } from '../../domain/canonical.js';
import { applyPatch, attendeesForCrm, isEmptyPatch, mergeThreeWay } from '../../domain/merge.js';
import { syncBlocker, syncCategoryFor } from '../../domain/rules.js';
import type { CrmActivity, OutlookItemPresent } from '../../domain/snapshots.js';
import type { PairOrigin, SyncPair } from '../../domain/sync-pair.js';
import { groupwareItemIdFor } from './pair-ids.js';
import { clearErrorAction, markErrorGroup, syncedRow, type PlanContext } from './plan-context.js';

/** The row template for a pair without a successful sync yet (callers set the final status). */
export function freshRow(ctx: PlanContext, pairId: string, kind: SyncKind, origin: PairOrigin, previous: SyncPair | null): SyncPair {
  return (
    previous ?? {
      pairId,
      mailboxId: ctx.mailbox.mailboxId,
      kind,
      origin,
      outlookId: null,
      outlookVersion: null,
      outlookHash: null,
      crmObjectId: null,
      crmVersion: null,
      crmHash: null,
      base: null,
      status: 'synced',
      lastError: null,
      errorSince: null,
      updatedAt: ctx.now,
    }
  );
}

/** A tagged Outlook item without a C4C activity: create one (idempotent by GroupwareItemID), or mark why not. */
export function planCreateCrm(ctx: PlanContext, outlook: OutlookItemPresent, kind: SyncKind, pairId: string, previous: SyncPair | null): Action[] {
  const row = { ...freshRow(ctx, pairId, kind, 'outlook', previous), outlookId: outlook.id };
  const blocker = syncBlocker(outlook.fields, ctx.settings);
  if (blocker) return markErrorGroup(ctx, row, outlook, blocker);
  const actions: Action[] = [
    {
      type: 'createCrm',
      pairId,
      kind,
      groupwareItemId: groupwareItemIdFor(outlook, pairId),
      // R8: declined invitees and the organizer are not attendee parties.
      fields: { ...outlook.fields, attendees: attendeesForCrm(outlook.fields) },
      // An attendee's copy may land on the organizer's activity (same GroupwareItemID): it must not take it over.
      ownerPartyId: outlook.isOrganizer ? ctx.mailbox.employeePartyId : null,
      ownerEmail: ctx.mailbox.email,
    },
  ];
  const clear = clearErrorAction(ctx, row, outlook);
  if (clear) actions.push(clear);
  const next = syncedRow(ctx, { ...row, outlookVersion: outlook.version }, outlook.fields, outlook.fields);
  actions.push({ type: 'recordState', pairId, pair: next });
  return actions;
}

/** R7: a C4C activity without an Outlook item lands in this mailbox (the caller checked it is the target). */
export function planCreateOutlook(ctx: PlanContext, crm: CrmActivity, pairId: string, previous: SyncPair | null): Action[] {
  const blocker = syncBlocker(crm.fields, ctx.settings);
  if (blocker) {
    ctx.warnings.push({ code: 'crmItemNotSyncable', pairId, message: `C4C activity ${crm.objectId}: ${blocker.message}` });
    return [];
  }
  const row = { ...freshRow(ctx, pairId, crm.kind, 'crm', previous), crmObjectId: crm.objectId, crmVersion: crm.version };
  const next = syncedRow(ctx, row, crm.fields, crm.fields);
  return [
    {
      type: 'createOutlook',
      pairId,
      mailboxId: ctx.mailbox.mailboxId,
      kind: crm.kind,
      crmObjectId: crm.objectId,
      transactionId: pairId,
      fields: crm.fields,
      categories: [syncCategoryFor(crm.kind, ctx.settings)],
    },
    { type: 'recordState', pairId, pair: next },
  ];
}

/**
 * Both halves exist but the row does not (a crash between the create and the commit): record the pair, and
 * merge without a base, so every difference goes to the tenant's winner.
 */
export function planAdopt(ctx: PlanContext, pairId: string, origin: PairOrigin, outlook: OutlookItemPresent, crm: CrmActivity): Action[] {
  const { outlookPatch, crmPatch } = mergeThreeWay(null, outlook.fields, crm.fields, crm.kind, ctx.settings.conflictWinner);
  const actions: Action[] = [];
  // Attendees: the create wrote them; send them again only when C4C's set differs (C4C holds only the
  // attendees it resolved, so this may repeat a write it cannot take; adoption is rare).
  const crmChanges = { ...crmPatch };
  if (sameAttendees(outlook.fields, crm.fields)) delete crmChanges.attendees;
  const crmAfter = applyPatch(crm.fields, crmChanges);
  const outlookAfter = applyPatch(outlook.fields, outlookPatch);
  if (!isEmptyPatch(crmChanges)) {
    actions.push({ type: 'updateCrm', pairId, kind: crm.kind, crmObjectId: crm.objectId, ifMatch: crm.version, patch: crmChanges, after: crmAfter, before: crm.fields });
  }
  const row = {
    ...freshRow(ctx, pairId, crm.kind, origin, null),
    outlookId: outlook.id,
    outlookVersion: outlook.version,
    crmObjectId: crm.objectId,
    crmVersion: crm.version,
  };
  // A failure before the crash may have left the error category on the item (R9).
  const clear = clearErrorAction(ctx, row, outlook);
  const categoryEdit = clear?.type === 'clearError' ? clear.categoryEdit : null;
  if (!isEmptyPatch(outlookPatch)) {
    actions.push({ type: 'updateOutlook', pairId, mailboxId: ctx.mailbox.mailboxId, outlookId: outlook.id, ifMatch: outlook.version, patch: outlookPatch, after: outlookAfter, before: outlook.fields, categoryEdit });
  } else if (clear) {
    actions.push(clear);
  }
  actions.push({ type: 'recordState', pairId, pair: syncedRow(ctx, row, outlookAfter, crmAfter) });
  return actions;
}
