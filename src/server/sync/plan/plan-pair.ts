// Planner step for an existing pair row: deletes and cancels (R11), untagging (R2), retries (R9), and the
// vdirsyncer rule — a side changed when its version AND its hash differ — followed by the R12 merge.
import type { Action } from '../../domain/actions.js';
import type { ConflictRecord } from '../../domain/conflict-record.js';
import { applyPatch, isEmptyPatch, type FieldsOf, type KindOf } from '../../domain/family.js';
import type { ItemError } from '../../domain/errors.js';
import { hasErrorCategory } from '../../domain/rules.js';
import type { CrmRecord, GroupwareItem, GroupwareItemPresent } from '../../domain/snapshots.js';
import { baseViewOf, clearErrorAction, conflictOf, errorEditFor, errorRow, groupOf, joinsOnly, markErrorGroup, sealedHash, syncedRow, type PlanContext } from './plan-context.js';
import { createCrmStep, planCreateCrm, planCreateOutlook } from './plan-new.js';
import type { GroupOf, PairOf } from './plan-types.js';

export interface PairPlan<G extends GroupwareItemPresent, C extends CrmRecord<FieldsOf<G>>> {
  group: GroupOf<G, C> | null;
  /** The groupware item is now tagged with another kind: it needs a new pair of that kind. */
  needsNewPair: boolean;
  /** The group cancels the old record of a kind switch: the planner orders it after the new kind's create. */
  carriesOver?: boolean;
}

type Step<G extends GroupwareItemPresent, C extends CrmRecord<FieldsOf<G>>> = Action<FieldsOf<G>, KindOf<C>>;

function closedRow<G extends GroupwareItemPresent, C extends CrmRecord<FieldsOf<G>>>(ctx: PlanContext<G, C>, pair: PairOf<G, C>, outlook: G | undefined): PairOf<G, C> {
  return {
    ...pair,
    status: 'closed',
    outlookId: outlook ? outlook.id : pair.outlookId,
    outlookVersion: outlook ? outlook.version : pair.outlookVersion,
    lastError: null,
    errorSince: null,
    updatedAt: ctx.now,
  };
}

/** R11 for a groupware delete: cancel the record, or (a family's own rule, R8) take the user off a shared one. */
function planOutlookRemoved<G extends GroupwareItemPresent, C extends CrmRecord<FieldsOf<G>>>(ctx: PlanContext<G, C>, pair: PairOf<G, C>, crm: C | undefined): GroupOf<G, C> {
  const closed = closedRow(ctx, pair, undefined);
  const crmGone = crm !== undefined && (crm.removed || crm.status === 'cancelled');
  if (pair.crmObjectId === null || crmGone) return groupOf(closed);
  if (pair.status === 'unlinked') return planUntaggedCopyRemoved(ctx, pair, crm, closed);
  const ifMatch = crm?.version ?? pair.crmVersion;
  if (ifMatch === null) {
    // The record exists (its create landed in a group that then failed) but no version of it is known: keep the
    // pair in error, so the next session re-reads the record and cancels it, instead of closing it live.
    return groupOf(errorRow(ctx, pair, { code: 'conflictRetry', message: 'The Outlook item was deleted; the C4C activity is re-read and cancelled.' }));
  }
  if (ctx.family.patchForRemovedCopy) {
    // Whether the record is someone else's (an attendee's copy, R8) only the record as read now can say; the
    // runner reads it for a removed groupware item (other-sides.ts). Not read: re-read and decide next session.
    if (!crm) return groupOf(errorRow(ctx, pair, { code: 'conflictRetry', message: 'The Outlook item was deleted; the C4C activity is re-read first.' }));
    const patch = ctx.family.patchForRemovedCopy(ctx.mailbox, crm);
    if (patch && isEmptyPatch(patch)) return groupOf(closed);
    if (patch) {
      return groupOf(closed, [{ type: 'updateCrm', pairId: pair.pairId, kind: pair.kind, crmObjectId: pair.crmObjectId, ifMatch, patch, after: applyPatch(crm.fields, patch), before: crm.fields }]);
    }
  }
  return groupOf(closed, [{ type: 'cancelCrm', pairId: pair.pairId, kind: pair.kind, crmObjectId: pair.crmObjectId, ifMatch }]);
}

/**
 * R11 when the record's owner cancelled it and this copy shows it (ItemFamily.cancelledByOwner: an attendee's copy of a
 * cancelled meeting): a tagged copy cancels the record, as the owner's delete would; an untagged one, or a record
 * already gone, only closes the pair. The copy itself is left to its user (Exchange marks it; they remove it).
 */
function planCancelledByOwner<G extends GroupwareItemPresent, C extends CrmRecord<FieldsOf<G>>>(ctx: PlanContext<G, C>, pair: PairOf<G, C>, outlook: G, crm: C | undefined): GroupOf<G, C> {
  const closed = closedRow(ctx, pair, outlook);
  const crmGone = crm !== undefined && (crm.removed || crm.status === 'cancelled');
  const tagged = ctx.family.scopeOf(outlook, ctx.settings) !== null;
  if (pair.status === 'unlinked' || !tagged || pair.crmObjectId === null || crmGone) return groupOf(closed);
  const ifMatch = crm?.version ?? pair.crmVersion;
  if (ifMatch === null) return groupOf(errorRow(ctx, pair, { code: 'conflictRetry', message: 'The meeting was cancelled by its organizer; the C4C activity is re-read and cancelled.' }));
  return groupOf(closed, [{ type: 'cancelCrm', pairId: pair.pairId, kind: pair.kind, crmObjectId: pair.crmObjectId, ifMatch }]);
}

/**
 * R8 for an untagged copy (untagged after it synced, or never tagged and followed since its user became a party:
 * planner.ts): an attendee who deletes or declines their copy is taken off the activity, as Siebel does, whatever
 * the categories say. An untagged copy never cancels anything (R2): the organizer's, or one not read, just closes.
 */
function planUntaggedCopyRemoved<G extends GroupwareItemPresent, C extends CrmRecord<FieldsOf<G>>>(ctx: PlanContext<G, C>, pair: PairOf<G, C>, crm: C | undefined, closed: PairOf<G, C>): GroupOf<G, C> {
  const patch = crm && pair.crmObjectId ? (ctx.family.patchForRemovedCopy?.(ctx.mailbox, crm) ?? null) : null;
  if (!crm || !pair.crmObjectId || !patch || isEmptyPatch(patch)) return groupOf(closed);
  return groupOf(closed, [{ type: 'updateCrm', pairId: pair.pairId, kind: pair.kind, crmObjectId: pair.crmObjectId, ifMatch: crm.version, patch, after: applyPatch(crm.fields, patch), before: crm.fields }]);
}

/** R11 for a CRM cancel/delete: delete the groupware item only if the CRM created it; else untag it with a notice. */
function planCrmGone<G extends GroupwareItemPresent, C extends CrmRecord<FieldsOf<G>>>(ctx: PlanContext<G, C>, pair: PairOf<G, C>, outlook: G | undefined): GroupOf<G, C> {
  const closed = closedRow(ctx, pair, outlook);
  const outlookId = outlook?.id ?? pair.outlookId;
  const ifMatch = outlook?.version ?? pair.outlookVersion;
  if (outlookId === null || ifMatch === null) return groupOf(closed);
  if (pair.origin === 'crm') return groupOf(closed, [{ type: 'deleteOutlook', pairId: pair.pairId, mailboxId: ctx.mailbox.mailboxId, outlookId, ifMatch }]);
  const remove = [...ctx.family.syncCategories(ctx.settings), ctx.settings.categories.error];
  return groupOf(closed, [
    { type: 'removeCategoryAndNotify', pairId: pair.pairId, mailboxId: ctx.mailbox.mailboxId, outlookId, categoryEdit: { add: [], remove }, notice: ctx.family.crmGoneNotice },
  ]);
}

/** R2: the category was removed; the pair becomes a tombstone and the CRM record stays. */
function planUntagged<G extends GroupwareItemPresent, C extends CrmRecord<FieldsOf<G>>>(ctx: PlanContext<G, C>, pair: PairOf<G, C>, outlook: G, reason: string): GroupOf<G, C> {
  const steps: Step<G, C>[] = [{ type: 'unlink', pairId: pair.pairId, mailboxId: ctx.mailbox.mailboxId, reason }];
  const categoryEdit = errorEditFor(outlook, ctx, 'remove');
  if (categoryEdit) steps.push({ type: 'clearError', pairId: pair.pairId, mailboxId: ctx.mailbox.mailboxId, outlookId: outlook.id, categoryEdit });
  return groupOf({ ...pair, status: 'unlinked', outlookId: outlook.id, outlookVersion: outlook.version, lastError: null, errorSince: null, updatedAt: ctx.now }, steps);
}

/**
 * R2 for a kind switch the family carries over (Appointment ↔ Visit): the new kind's pair creates its record from
 * the item, links included (the planner adds it), and this group cancels the old record as R11 does. The planner
 * puts this group after the create, so the cancel goes out after it. Restart-safe without more state: a session that
 * dies before its commit is replayed from the same reads, so it plans the cancel again, and the create's write-ahead
 * record lets the replay adopt the record the create made. Not carried over (the old record stays, unlinked): an
 * item the new kind refuses (R5: a private Visit), an attendee's copy (the record is the organizer's, R8), a record
 * whose version is unknown.
 */
function planKindSwitch<G extends GroupwareItemPresent, C extends CrmRecord<FieldsOf<G>>>(ctx: PlanContext<G, C>, pair: PairOf<G, C>, outlook: G, crm: C | undefined, kindNow: KindOf<C>, newKindPaired: boolean): PairPlan<G, C> {
  const reason = `Tagged as ${kindNow} now; a new ${kindNow} is created.`;
  const ifMatch = crm?.version ?? pair.crmVersion;
  const carries = ctx.family.carriesOverOnKindSwitch === true && pair.crmObjectId !== null && ifMatch !== null && ctx.family.createsAsOwner(outlook) &&
    !joinsOnly(ctx, outlook, crm) && ctx.family.blocker(outlook.fields, ctx.settings, kindNow) === null;
  if (!carries || pair.crmObjectId === null || ifMatch === null) return plain(planUntagged(ctx, pair, outlook, reason), true);
  // R12 before R2: an edit the old record got since the last session (a colleague's in C4C, while the item was being
  // switched) would be cancelled with it, and the new record made from the item alone (the soak lost a C4C subject
  // edit so). When the item lacks some of it, this session is an ordinary merge (planSync: the item takes the edit,
  // a conflict goes by R12 and is logged) and the switch waits: the item's update comes back as a change, and the
  // next session carries the merged item over. When the item holds all that should stay (the item won a conflict),
  // the switch goes ahead now and the conflict is logged with it. Once the new kind's record exists (an earlier
  // session made it, then failed), that record mirrors the item, and the old one is only cancelled.
  let conflict: ConflictRecord | null = null;
  if (!newKindPaired && crm && crmEditedSinceBase(ctx, pair, crm)) {
    const merged = ctx.family.merge({ base: baseViewOf(ctx, pair), outlook: outlook.fields, crm: crm.fields, kind: pair.kind, winner: ctx.settings.conflictWinner, ours: ctx.intents.get(pair.pairId) ?? null });
    if (!isEmptyPatch(merged.outlookPatch)) {
      const synced = planSync(ctx, pair, outlook, crm, false);
      if (synced) return plain(synced);
    }
    conflict = conflictOf(ctx, pair.pairId, merged.conflicts, { version: outlook.version, fields: outlook.fields }, { version: crm.version, fields: crm.fields });
  }
  const steps: Step<G, C>[] = [{ type: 'cancelCrm', pairId: pair.pairId, kind: pair.kind, crmObjectId: pair.crmObjectId, ifMatch }];
  const group = groupOf(closedRow(ctx, pair, outlook), steps);
  return { group: conflict ? { ...group, conflict } : group, needsNewPair: true, carriesOver: true };
}

/** The record changed since the pair's last agreed state (the same test planSync makes of the CRM side). */
function crmEditedSinceBase<G extends GroupwareItemPresent, C extends CrmRecord<FieldsOf<G>>>(ctx: PlanContext<G, C>, pair: PairOf<G, C>, crm: C): boolean {
  if (crm.removed || pair.crmHash === null) return false;
  return crm.version !== pair.crmVersion && sealedHash(ctx, crm.fields, 'crm', pair.kind) !== pair.crmHash;
}

function planSync<G extends GroupwareItemPresent, C extends CrmRecord<FieldsOf<G>>>(
  ctx: PlanContext<G, C>,
  pair: PairOf<G, C>,
  outlook: G | undefined,
  crm: C | undefined,
  reactivate: boolean,
): GroupOf<G, C> | null {
  const { family } = ctx;
  const { kind } = pair;
  const crmId = pair.crmObjectId as string;
  const outlookId = (outlook?.id ?? pair.outlookId) as string;
  const outlookChanged = outlook !== undefined && (reactivate || pair.status === 'error' || pair.outlookHash === null ||
    (outlook.version !== pair.outlookVersion && sealedHash(ctx, outlook.fields, 'outlook', kind) !== pair.outlookHash));
  const crmChanged = crm !== undefined && (pair.status === 'error' || pair.crmHash === null ||
    (crm.version !== pair.crmVersion && sealedHash(ctx, crm.fields, 'crm', kind) !== pair.crmHash));
  const outlookVersion = outlook?.version ?? pair.outlookVersion;
  const crmVersion = crm?.version ?? pair.crmVersion;
  // R9 for a reverted edit: the reason stays on the item until its user edits it again or the record changes.
  if (pair.status === 'error' && pair.lastError?.code === 'readOnlyEdit' && outlookVersion === pair.outlookVersion && crmVersion === pair.crmVersion) return null;
  // One-way fields the CRM hash leaves out (calendar: attendees): a write of them that landed but was lost in a
  // crash or timeout is invisible to it; a CRM version change is the cue to check for such drift.
  const drift = !reactivate && crm !== undefined && outlook !== undefined && crm.version !== pair.crmVersion && (family.crmDrifted?.(outlook.fields, crm.fields) ?? false);
  if (!outlookChanged && !crmChanged && !drift) {
    // A stray error category (a failure whose session crashed before recording it) goes too (R9).
    const clear = outlook && hasErrorCategory(outlook.categories, ctx.settings) ? clearErrorAction(ctx, pair, outlook) : null;
    if (!clear && outlookVersion === pair.outlookVersion && crmVersion === pair.crmVersion && outlookId === pair.outlookId) return null;
    return groupOf({ ...pair, outlookId, outlookVersion, crmVersion, updatedAt: ctx.now }, clear ? [clear] : []);
  }
  // The base keeps digests, not values: merging needs both sides as they are now. The runner reads the side that
  // did not change (other-sides.ts); when that read did not happen, the pair is retried with both sides re-read.
  // A retagged item's state is pushed whole, so it needs only the CRM side's current values, if read.
  const outlookFields = outlook?.fields;
  const crmFields = crm?.fields ?? (reactivate ? outlookFields : undefined);
  if (!outlookFields || !crmFields) {
    return markErrorGroup(ctx, pair, outlook, { code: 'conflictRetry', message: 'One side could not be read; both are re-read and merged next time.' });
  }
  let outlookPatch: Partial<FieldsOf<G>> = {};
  let crmPatch: Partial<FieldsOf<G>>;
  let conflict: ConflictRecord | null = null;
  let reverted: ItemError | null = null;
  if (reactivate && outlook) {
    crmPatch = family.fullPatch(outlook.fields);
    // Fields that flow CRM → groupware only (tasks: the links, R13) stay the CRM's on a retag: the item gets them.
    if (crm) {
      const fromCrm = family.merge({ base: null, outlook: outlook.fields, crm: crm.fields, kind, winner: ctx.settings.conflictWinner, ours: null }).outlookPatch;
      for (const [field, value] of Object.entries(fromCrm)) if (!family.mergeFields.includes(field)) (outlookPatch as Record<string, unknown>)[field] = value;
    }
  } else {
    const base = baseViewOf(ctx, pair);
    const merged = family.merge({ base, outlook: outlookFields, crm: crmFields, kind, winner: ctx.settings.conflictWinner, ours: ctx.intents.get(pair.pairId) ?? null });
    ({ outlookPatch, crmPatch } = merged);
    reverted = family.revertReason?.({ base, outlook: outlookFields, crm: crmFields, kind }) ?? null;
    if (crm && family.oneWayPatch) crmPatch = family.oneWayPatch({ crmPatch, outlook: outlookFields, crm: crm.fields, crmChanged: crmChanged || drift });
    conflict = conflictOf(ctx, pair.pairId, merged.conflicts, { version: outlookVersion, fields: outlookFields }, { version: crmVersion, fields: crmFields });
  }
  const outlookAfter = applyPatch(outlookFields, outlookPatch);
  let crmAfter = applyPatch(crmFields, crmPatch);
  const steps: Step<G, C>[] = [];
  if (!isEmptyPatch(crmPatch)) {
    if (crmVersion !== null) {
      steps.push({ type: 'updateCrm', pairId: pair.pairId, kind, crmObjectId: crmId, ifMatch: crmVersion, patch: crmPatch, after: crmAfter, before: crmFields });
    } else if (outlook && pair.origin === 'outlook') {
      // No CRM version to match (a create whose result was lost): the idempotent create writes the groupware state.
      const create = createCrmStep(ctx, outlook, kind, pair.pairId, outlookAfter);
      if (create.type === 'createCrm') crmAfter = create.fields;
      steps.push(create);
    } else {
      return markErrorGroup(ctx, pair, outlook, { code: 'conflictRetry', message: 'The C4C version is unknown; the activity is re-read and retried.' });
    }
  }
  const revert = reverted !== null && !isEmptyPatch(outlookPatch) && outlookVersion !== null ? reverted : null;
  const clear = revert ? null : clearErrorAction(ctx, pair, outlook);
  if (!isEmptyPatch(outlookPatch) && outlookVersion !== null) {
    steps.push({
      type: 'updateOutlook',
      pairId: pair.pairId,
      mailboxId: ctx.mailbox.mailboxId,
      outlookId,
      ifMatch: outlookVersion,
      patch: outlookPatch,
      after: outlookAfter,
      before: outlookFields,
      // A reverted edit puts the error category on with the revert, in the same write (its version is recorded), and
      // its reason where the family shows one (contacts: the notes); a cleared error takes both off.
      categoryEdit: revert ? errorEditFor(outlook, ctx, 'add') : clear?.type === 'clearError' ? clear.categoryEdit : null,
      ...(revert ? { error: revert } : clear?.type === 'clearError' && clear.categoryEdit ? { error: null } : {}),
    });
  } else if (clear) {
    steps.push(clear);
  }
  const row = syncedRow(ctx, { ...pair, outlookId, outlookVersion, crmVersion }, outlookAfter, crmAfter);
  const group = groupOf(revert ? errorRow(ctx, row, revert) : row, steps, outlookAfter);
  return conflict ? { ...group, conflict } : group;
}

/**
 * R8: an attendee's copy of a meeting another copy owns (domain/family.ts `joinsOnly`). It adds only its user's
 * participation, which its create (a join) and its removal (`patchForRemovedCopy`) carry. It is never merged either
 * way: its link-less, possibly locally edited state must not overwrite the organizer's activity, nor need the
 * activity's state be written into it (Exchange keeps it in step with the organizer's item). The row only follows
 * both sides' versions, so their next changes are told apart from these.
 */
function planJoined<G extends GroupwareItemPresent, C extends CrmRecord<FieldsOf<G>>>(ctx: PlanContext<G, C>, pair: PairOf<G, C>, outlook: G, crm: C | undefined): GroupOf<G, C> | null {
  const row = syncedRow(ctx, { ...pair, outlookId: outlook.id, outlookVersion: outlook.version, crmVersion: crm?.version ?? pair.crmVersion }, outlook.fields, crm?.fields ?? outlook.fields);
  if (!crm) row.crmHash = pair.crmHash;
  const clear = clearErrorAction(ctx, pair, outlook);
  const unchanged = pair.status === 'synced' && (['outlookId', 'outlookVersion', 'outlookHash', 'crmVersion', 'crmHash'] as const).every((k) => row[k] === pair[k]);
  if (!clear && unchanged) return null;
  return groupOf(row, clear ? [clear] : []);
}

const plain = <G extends GroupwareItemPresent, C extends CrmRecord<FieldsOf<G>>>(group: GroupOf<G, C> | null, needsNewPair = false): PairPlan<G, C> => ({ group, needsNewPair });

/**
 * A groupware item released without a record (a family whose creates may take an existing record: duplicate-links.ts)
 * or closed before its create, that its user tagged again and that names no record: it is new again, so its create
 * (and the duplicate check) runs once more, under the same pair id. Closed pairs otherwise stay closed.
 */
function taggedAgain<G extends GroupwareItemPresent, C extends CrmRecord<FieldsOf<G>>>(ctx: PlanContext<G, C>, pair: PairOf<G, C>, present: G | undefined, kindNow: KindOf<C> | null): boolean {
  const { family } = ctx;
  if (!family.unlinkPatch || !present || kindNow === null) return false;
  return pair.origin === 'outlook' && pair.crmObjectId === null && (family.crmObjectIdOf?.(present) ?? null) === null;
}

/** Everything that happens to one existing pair in this session. */
export function planExistingPair<G extends GroupwareItemPresent, C extends CrmRecord<FieldsOf<G>>>(
  ctx: PlanContext<G, C>,
  pair: PairOf<G, C>,
  outlook: GroupwareItem<G> | undefined,
  crm: C | undefined,
  /** A pair of the item's new kind exists already (an earlier session made its record): nothing more is merged. */
  newKindPaired = false,
): PairPlan<G, C> {
  if (outlook?.removed) return plain(pair.status === 'closed' ? null : planOutlookRemoved(ctx, pair, crm));
  const present = outlook;
  if (present && pair.status !== 'closed' && ctx.family.cancelledByOwner?.(present)) return plain(planCancelledByOwner(ctx, pair, present, crm));
  const kindNow = present ? ctx.family.scopeOf(present, ctx.settings) : pair.kind;
  const otherKind = kindNow !== null && kindNow !== pair.kind;
  if (pair.status === 'closed') return plain(null, otherKind || taggedAgain(ctx, pair, present, kindNow));
  if (pair.status === 'unlinked') {
    if (crm && (crm.removed || crm.status === 'cancelled')) {
      // Gone in the CRM while not mirrored: nothing to follow, and retagging must not revive it.
      return plain(groupOf(closedRow(ctx, pair, present)), otherKind);
    }
    if (!present || kindNow !== pair.kind) {
      // Not mirrored, but followed for R8 (planUntaggedCopyRemoved): its version is recorded, so the tenant poll does
      // not file the same change again.
      const follow = crm !== undefined && !crm.removed && crm.version !== pair.crmVersion;
      return plain(follow ? groupOf({ ...pair, crmVersion: crm.version, updatedAt: ctx.now }) : null, otherKind);
    }
    if (pair.crmObjectId === null) return plain(planCreateCrm(ctx, present, pair.kind, pair.pairId, pair));
    const current = crm?.removed ? undefined : crm;
    if (joinsOnly(ctx, present, current)) return plain(planJoined(ctx, pair, present, current));
    return plain(planSync(ctx, pair, present, current, true));
  }
  const crmGone = crm !== undefined && (crm.removed || crm.status === 'cancelled');
  if (crmGone && present && kindNow !== pair.kind) {
    // Gone in the CRM and no longer tagged as this kind (the untagging may be our own R11 write whose result was
    // lost): close the pair, not a revivable tombstone, so a later retag never writes to the dead record.
    const clear = kindNow === null ? clearErrorAction(ctx, pair, present) : null;
    return plain(groupOf(closedRow(ctx, pair, present), clear ? [clear] : []), kindNow !== null);
  }
  if (present && kindNow === null) return plain(planUntagged(ctx, pair, present, 'The sync category was removed.'));
  if (present && kindNow !== null && kindNow !== pair.kind) return planKindSwitch(ctx, pair, present, crm, kindNow, newKindPaired);
  if (crmGone) return plain(planCrmGone(ctx, pair, present));
  if (pair.crmObjectId === null) return plain(present ? planCreateCrm(ctx, present, pair.kind, pair.pairId, pair) : null);
  if (pair.outlookId === null && !present) {
    // The create from the CRM failed (or its result was lost): create again; the transactionId makes it idempotent.
    return plain(crm ? planCreateOutlook(ctx, crm, pair.pairId, pair) : null);
  }
  if (present) {
    const crmNow = crm && !crm.removed ? crm : undefined;
    const blocker = ctx.family.blocker(present.fields, ctx.settings, pair.kind) ?? (crmNow ? (ctx.family.crmBlocker?.(crmNow.fields) ?? null) : null);
    if (blocker) return plain(markErrorGroup(ctx, pair, present, blocker));
    if (joinsOnly(ctx, present, crm)) return plain(planJoined(ctx, pair, present, crm));
  }
  return plain(planSync(ctx, pair, present, crm, false));
}
