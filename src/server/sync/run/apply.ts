// Applies a plan's action groups with as few round trips as possible: step k of every live group goes out in one
// batched call per side (the adapters split into $batch requests), and a group whose write fails stops there.
import type { Action, ActionGroup } from '../../domain/actions.js';
import { itemErrorCodeOf, type ItemError } from '../../domain/errors.js';
import type { FieldsOf as F, ItemFamily } from '../../domain/family.js';
import type { Mailbox } from '../../domain/mailbox.js';
import type { CrmActivity, CrmRecord, GroupwareItemPresent, OutlookItemPresent } from '../../domain/snapshots.js';
import type { CrmPort, CrmWriteRequestOf, ResolvedParty } from '../../ports/crm-port.js';
import type { GroupwarePort, GroupwareWriteRequest } from '../../ports/groupware-port.js';
import type { WriteResult } from '../../ports/write-results.js';
import { updateLanded, type AppliedWrite } from './outcomes.js';
import { requestFor } from './requests.js';


export interface GroupOutcome<G extends GroupwareItemPresent = OutlookItemPresent, C extends CrmRecord<F<G>> = CrmActivity> {
  group: ActionGroup<F<G>, C['kind']>;
  applied: AppliedWrite<F<G>, C['kind']>[];
  /** Set when a write failed; the remaining steps were not applied. */
  failure: { action: Action<F<G>, C['kind']>; error: ItemError; side: 'outlook' | 'crm' } | null;
}

export interface ApplyDeps<G extends GroupwareItemPresent = OutlookItemPresent, C extends CrmRecord<F<G>> = CrmActivity> {
  family: Pick<ItemFamily<G, C>, 'hash' | 'holdsUpdate' | 'kinds' | 'partyEmails' | 'organizerEmailOf'>;
  groupware: Pick<GroupwarePort<G, C['kind']>, 'write' | 'getItems'>;
  crm: Pick<CrmPort<C>, 'write' | 'getByIds'>;
}

/**
 * An update that timed out or got a 5xx may still have landed. Re-read the record: if it holds exactly what the
 * write intended, count the write as done (with the version read), so the next session does not mistake our own
 * write for a user's edit.
 */
async function recoverLandedUpdates<G extends GroupwareItemPresent, C extends CrmRecord<F<G>>>(deps: ApplyDeps<G, C>, mailbox: Mailbox, outcomes: readonly GroupOutcome<G, C>[]): Promise<void> {
  const candidates = outcomes.filter((o) => o.failure?.error.code === 'temporary' && (o.failure.action.type === 'updateCrm' || o.failure.action.type === 'updateOutlook'));
  if (candidates.length === 0) return;
  const outlookIds = candidates.flatMap((o) => (o.failure?.action.type === 'updateOutlook' ? [o.failure.action.outlookId] : []));
  const crmRefs = candidates.flatMap((o) => (o.failure?.action.type === 'updateCrm' ? [{ kind: o.failure.action.kind, objectId: o.failure.action.crmObjectId }] : []));
  const [items, activities] = await Promise.all([
    outlookIds.length > 0 ? deps.groupware.getItems(mailbox, outlookIds).catch(() => []) : Promise.resolve([]),
    crmRefs.length > 0 ? deps.crm.getByIds(mailbox.tenantId, crmRefs).catch(() => []) : Promise.resolve([]),
  ]);
  for (const outcome of candidates) {
    const action = outcome.failure?.action;
    if (!action) continue;
    let current: { version: string; fields: F<G> } | null = null;
    if (action.type === 'updateOutlook') {
      const item = items.find((i) => i.id === action.outlookId);
      if (item && !item.removed) current = item;
    } else if (action.type === 'updateCrm') {
      const activity = activities.find((a) => a.objectId === action.crmObjectId);
      if (activity && !activity.removed) current = activity;
    }
    const landed = updateLanded(deps.family, action, current);
    if (landed) {
      outcome.applied.push({ action, result: landed });
      outcome.failure = null;
    }
  }
}

function failureOf(result: WriteResult | undefined, side: 'outlook' | 'crm'): ItemError {
  if (!result) return { code: 'temporary', message: 'no result for this write' };
  if (result.ok) throw new Error('not a failure');
  return { code: itemErrorCodeOf(result.error, side), message: result.error.message, ...(result.error.detail ? { detail: result.error.detail } : {}) };
}

/** A delete of something already gone has done its job. */
function countsAsSuccess(request: { op: string }, result: WriteResult | undefined): boolean {
  return result !== undefined && !result.ok && result.error.code === 'notFound' && request.op === 'delete';
}

/** A group that only creates an Outlook item from a C4C activity (planCreateOutlook). */
function isOutlookCreateOnly(group: ActionGroup<object, string>): boolean {
  const writes = group.steps.filter((s) => s.type !== 'recordState');
  return writes.length === 1 && writes[0]?.type === 'createOutlook';
}

export async function applyGroups<G extends GroupwareItemPresent = OutlookItemPresent, C extends CrmRecord<F<G>> = CrmActivity>(
  deps: ApplyDeps<G, C>,
  mailbox: Mailbox,
  groups: readonly ActionGroup<F<G>, C['kind']>[],
  parties: ReadonlyMap<string, ResolvedParty>,
  /**
   * Called (and awaited) as soon as Outlook items were created from C4C, before anything else is written. Their
   * new ids exist nowhere else: the session commits those pairs at once, so a crash before its final commit
   * cannot leave an item whose deletion by the user would go unnoticed (the replay would create it again).
   */
  onOutlookCreated?: (done: readonly GroupOutcome<G, C>[]) => Promise<void>,
): Promise<GroupOutcome<G, C>[]> {
  type Outcome = GroupOutcome<G, C>;
  type Step = Action<F<G>, C['kind']>;
  const outcomes: Outcome[] = groups.map((group) => ({ group, applied: [], failure: null }));
  const cursor = new Map<Outcome, number>(outcomes.map((o) => [o, 0]));
  for (;;) {
    const outlook: { outcome: Outcome; action: Step; request: GroupwareWriteRequest<F<G>, C['kind']> }[] = [];
    const crm: { outcome: Outcome; action: Step; request: CrmWriteRequestOf<F<G>, C['kind']> }[] = [];
    for (const outcome of outcomes) {
      if (outcome.failure) continue;
      // Skip steps with nothing to write (unlink, markError without category change).
      let index = cursor.get(outcome) ?? 0;
      while (index < outcome.group.steps.length) {
        const action = outcome.group.steps[index] as Step;
        const side = requestFor(deps.family, action, parties);
        if (side === null) {
          index += 1;
          continue;
        }
        if (side.side === 'outlook') outlook.push({ outcome, action, request: side.request });
        else crm.push({ outcome, action, request: side.request });
        break;
      }
      cursor.set(outcome, index);
    }
    if (outlook.length === 0 && crm.length === 0) return outcomes;

    const settle = (side: 'outlook' | 'crm', writes: { outcome: Outcome; action: Step; request: { op: string; id?: string } }[], results: WriteResult[]) => {
      writes.forEach((w, i) => {
        const result = results[i];
        if (result?.ok) w.outcome.applied.push({ action: w.action, result });
        else if (countsAsSuccess(w.request, result)) w.outcome.applied.push({ action: w.action, result: { ok: true, id: w.request.id ?? '', version: null } });
        else w.outcome.failure = { action: w.action, error: failureOf(result, side), side };
        cursor.set(w.outcome, (cursor.get(w.outcome) ?? 0) + 1);
      });
    };
    // Both sides are written at once, but the pairs of new Outlook items are committed as soon as Graph answers,
    // without waiting for C4C's writes: until then a crash loses their ids (see onOutlookCreated).
    const outlookDone = async () => {
      if (outlook.length === 0) return;
      settle('outlook', outlook, await deps.groupware.write(mailbox, outlook.map((w) => w.request)));
      const created = outlook.filter((w) => w.action.type === 'createOutlook' && !w.outcome.failure && isOutlookCreateOnly(w.outcome.group)).map((w) => w.outcome);
      if (onOutlookCreated && created.length > 0) await onOutlookCreated(created);
    };
    const crmDone = async () => {
      if (crm.length > 0) settle('crm', crm, await deps.crm.write(mailbox.tenantId, crm.map((w) => w.request)));
    };
    await Promise.all([outlookDone(), crmDone()]);
    await recoverLandedUpdates(deps, mailbox, [...new Set([...outlook, ...crm].map((w) => w.outcome))]);
  }
}
