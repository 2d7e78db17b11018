// Planner steps for items without a usable pair: a newly tagged groupware item (→ CRM), a record created in the
// CRM (→ groupware, R7), and two halves of one pair whose row was lost between apply and commit (adoption).
import type { Action } from '../../domain/actions.js';
import { applyPatch, isEmptyPatch, type FieldsOf, type KindOf } from '../../domain/family.js';
import type { CrmRecord, GroupwareItemPresent } from '../../domain/snapshots.js';
import type { PairOrigin } from '../../domain/sync-pair.js';
import { groupwareItemIdFor } from './pair-ids.js';
import { clearErrorAction, conflictOf, groupOf, markErrorGroup, syncedRow, type PlanContext } from './plan-context.js';
import type { GroupOf, PairOf } from './plan-types.js';

type Step<G extends GroupwareItemPresent, C extends CrmRecord<FieldsOf<G>>> = Action<FieldsOf<G>, KindOf<C>>;

/** The row template for a pair without a successful sync yet (callers set the final status). */
export function freshRow<G extends GroupwareItemPresent, C extends CrmRecord<FieldsOf<G>>>(
  ctx: PlanContext<G, C>,
  pairId: string,
  kind: KindOf<C>,
  origin: PairOrigin,
  previous: PairOf<G, C> | null,
): PairOf<G, C> {
  return (
    previous ?? {
      pairId,
      mailboxId: ctx.mailbox.mailboxId,
      family: ctx.family.name,
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

/** The CRM create of a groupware item (an idempotent upsert by GroupwareItemID). */
export function createCrmStep<G extends GroupwareItemPresent, C extends CrmRecord<FieldsOf<G>>>(
  ctx: PlanContext<G, C>,
  outlook: G,
  kind: KindOf<C>,
  pairId: string,
  fields: FieldsOf<G>,
): Step<G, C> {
  return {
    type: 'createCrm',
    pairId,
    kind,
    groupwareItemId: groupwareItemIdFor(ctx.family, outlook, pairId),
    fields: ctx.family.crmCreateFields(fields),
    ownerPartyId: ctx.family.createsAsOwner(outlook) ? ctx.mailbox.employeePartyId : null,
    ownerEmail: ctx.mailbox.email,
    // R8: a copy that does not own its record (an attendee's) only joins it when it exists.
    shared: !ctx.family.createsAsOwner(outlook),
  };
}

/** A tagged groupware item without a CRM record: create one (idempotent by GroupwareItemID), or mark why not. */
export function planCreateCrm<G extends GroupwareItemPresent, C extends CrmRecord<FieldsOf<G>>>(
  ctx: PlanContext<G, C>,
  outlook: G,
  kind: KindOf<C>,
  pairId: string,
  previous: PairOf<G, C> | null,
): GroupOf<G, C> | null {
  const row = { ...freshRow(ctx, pairId, kind, 'outlook', previous), outlookId: outlook.id };
  const blocker = ctx.family.blocker(outlook.fields, ctx.settings, kind);
  if (blocker) return markErrorGroup(ctx, row, outlook, blocker);
  const steps: Step<G, C>[] = [createCrmStep(ctx, outlook, kind, pairId, outlook.fields)];
  const clear = clearErrorAction(ctx, row, outlook);
  if (clear) steps.push(clear);
  return groupOf(syncedRow(ctx, { ...row, outlookVersion: outlook.version }, outlook.fields, outlook.fields), steps, outlook.fields);
}

/** R7: a CRM record without a groupware item lands in this mailbox (the caller checked it is the target). */
export function planCreateOutlook<G extends GroupwareItemPresent, C extends CrmRecord<FieldsOf<G>>>(
  ctx: PlanContext<G, C>,
  crm: C,
  pairId: string,
  previous: PairOf<G, C> | null,
): GroupOf<G, C> | null {
  const blocker = ctx.family.blocker(crm.fields, ctx.settings, crm.kind);
  if (blocker) {
    ctx.warnings.push({ code: 'crmItemNotSyncable', pairId, message: `C4C activity ${crm.objectId}: ${blocker.message}` });
    return null;
  }
  const row = { ...freshRow(ctx, pairId, crm.kind, 'crm', previous), crmObjectId: crm.objectId, crmVersion: crm.version };
  return groupOf(syncedRow(ctx, row, crm.fields, crm.fields), [
    {
      type: 'createOutlook',
      pairId,
      mailboxId: ctx.mailbox.mailboxId,
      kind: crm.kind,
      crmObjectId: crm.objectId,
      transactionId: pairId,
      fields: crm.fields,
      categories: [ctx.family.categoryFor(crm.kind, ctx.settings)],
    },
  ], crm.fields);
}

/**
 * Both halves exist but the row does not (a crash between the create and the commit): record the pair, and
 * merge without a base, so every difference goes to the tenant's winner.
 */
export function planAdopt<G extends GroupwareItemPresent, C extends CrmRecord<FieldsOf<G>>>(
  ctx: PlanContext<G, C>,
  pairId: string,
  origin: PairOrigin,
  outlook: G,
  crm: C,
): GroupOf<G, C> {
  // Our create of the record, if a session died before recording it, left its write intent: what both sides last
  // agreed on, so that an edit made since on either side wins over the other's untouched value (R12).
  const ours = ctx.intents.get(pairId) ?? null;
  const merged = ctx.family.merge({ base: null, outlook: outlook.fields, crm: crm.fields, kind: crm.kind, winner: ctx.settings.conflictWinner, ours });
  const { outlookPatch, crmPatch } = merged;
  const steps: Step<G, C>[] = [];
  // One-way fields (calendar: attendees): the create wrote them; send them again only when the CRM's differ (it
  // may hold only some of them, so this may repeat a write it cannot take; adoption is rare).
  const crmChanges = ctx.family.oneWayPatch
    ? ctx.family.oneWayPatch({ crmPatch: withoutOneWay(ctx, crmPatch), outlook: outlook.fields, crm: crm.fields, crmChanged: true })
    : crmPatch;
  const crmAfter = applyPatch(crm.fields, crmChanges);
  const outlookAfter = applyPatch(outlook.fields, outlookPatch);
  if (!isEmptyPatch(crmChanges)) {
    steps.push({ type: 'updateCrm', pairId, kind: crm.kind, crmObjectId: crm.objectId, ifMatch: crm.version, patch: crmChanges, after: crmAfter, before: crm.fields });
  }
  const row = { ...freshRow(ctx, pairId, crm.kind, origin, null), outlookId: outlook.id, outlookVersion: outlook.version, crmObjectId: crm.objectId, crmVersion: crm.version };
  // A failure before the crash may have left the error category on the item (R9).
  const clear = clearErrorAction(ctx, row, outlook);
  const categoryEdit = clear?.type === 'clearError' ? clear.categoryEdit : null;
  if (!isEmptyPatch(outlookPatch)) {
    // The error's reason goes with its category, where the family shows one (contacts: the notes).
    steps.push({ type: 'updateOutlook', pairId, mailboxId: ctx.mailbox.mailboxId, outlookId: outlook.id, ifMatch: outlook.version, patch: outlookPatch, after: outlookAfter, before: outlook.fields, categoryEdit, ...(categoryEdit ? { error: null } : {}) });
  } else if (clear) {
    steps.push(clear);
  }
  const group = groupOf(syncedRow(ctx, row, outlookAfter, crmAfter), steps, outlookAfter);
  // Both sides differ from what they last agreed on (or nothing says what that was): logged as for a recorded pair.
  const conflict = conflictOf(ctx, pairId, merged.conflicts, { version: outlook.version, fields: outlook.fields }, { version: crm.version, fields: crm.fields });
  return conflict ? { ...group, conflict } : group;
}

/** The merge's CRM patch without the fields outside the two-way merge (the family's one-way rule decides those). */
function withoutOneWay<G extends GroupwareItemPresent, C extends CrmRecord<FieldsOf<G>>>(ctx: PlanContext<G, C>, patch: Partial<FieldsOf<G>>): Partial<FieldsOf<G>> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) if (ctx.family.mergeFields.includes(key)) out[key] = value;
  return out as Partial<FieldsOf<G>>;
}
