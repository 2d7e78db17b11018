// The pure planner (DESIGN §3): sync state + both sides' changes → actions. Deterministic: the same input gives
// the same output, so a session replayed after a crash plans the same (idempotent) writes.
import { syncKindOf } from '../../../shared/categories.js';
import type { Action } from '../../domain/actions.js';
import { isTargetMailbox } from '../../domain/rules.js';
import type { CrmActivity, OutlookItem, OutlookItemPresent } from '../../domain/snapshots.js';
import type { SyncPair } from '../../domain/sync-pair.js';
import { applyDeleteGuard } from './guard.js';
import { crmPairId, groupwareItemIdFor, outlookPairId } from './pair-ids.js';
import type { PlanContext } from './plan-context.js';
import { freshRow, planAdopt, planCreateCrm, planCreateOutlook } from './plan-new.js';
import { planExistingPair } from './plan-pair.js';
import type { PlanInput, PlanOutput } from './plan-types.js';

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Live pairs first, so a tombstone never shadows the pair that mirrors the item now. */
function rank(pair: SyncPair): number {
  return pair.status === 'synced' || pair.status === 'error' ? 0 : pair.status === 'unlinked' ? 1 : 2;
}

function pickPair(candidates: readonly SyncPair[] | undefined, kind: string | null): SyncPair | undefined {
  if (!candidates || candidates.length === 0) return undefined;
  const sorted = [...candidates].sort((a, b) => rank(a) - rank(b) || byString(a.pairId, b.pairId));
  return sorted.find((p) => p.kind === kind && rank(p) < 2) ?? sorted.find((p) => rank(p) === 0) ?? sorted[0];
}

function indexBy<K>(pairs: readonly SyncPair[], key: (p: SyncPair) => K | null): Map<K, SyncPair[]> {
  const map = new Map<K, SyncPair[]>();
  for (const pair of pairs) {
    const k = key(pair);
    if (k === null) continue;
    map.set(k, [...(map.get(k) ?? []), pair]);
  }
  return map;
}

export function plan(input: PlanInput): PlanOutput {
  const ctx: PlanContext = { mailbox: input.mailbox, settings: input.settings, now: input.now, warnings: [], intents: new Map((input.intents ?? []).map((i) => [i.pairId, i])) };
  const mailboxId = input.mailbox.mailboxId;
  const pairs = input.pairs.filter((p) => p.mailboxId === mailboxId);
  const byPairId = new Map(pairs.map((p) => [p.pairId, p]));
  const byOutlookId = indexBy(pairs, (p) => p.outlookId);
  const byCrmId = indexBy(pairs, (p) => p.crmObjectId);

  const sides = new Map<string, { outlook?: OutlookItem; crm?: CrmActivity }>();
  const attach = (pairId: string, side: { outlook?: OutlookItem; crm?: CrmActivity }): void => {
    sides.set(pairId, { ...sides.get(pairId), ...side });
  };

  const unpairedOutlook: OutlookItemPresent[] = [];
  // Series masters are not items of their own (R6: each occurrence is); Graph's calendarView never returns them.
  const items = input.outlookItems.filter((i) => i.removed || i.type !== 'seriesMaster');
  for (const item of [...items].sort((a, b) => byString(a.id, b.id))) {
    const kind = item.removed ? null : syncKindOf(item.categories, input.settings.categories);
    // Every pair of the item sees it: after a kind switch the old pair (still unlinking) and the new one coexist.
    const candidates = [...(byOutlookId.get(item.id) ?? [])];
    if (candidates.length === 0 && !item.removed) {
      // The item we created from C4C (transactionId = pair id), or a moved item (new id, same iCalUId).
      const found = (item.transactionId ? byPairId.get(item.transactionId) : undefined) ?? (kind ? byPairId.get(outlookPairId(mailboxId, kind, item)) : undefined);
      if (found) candidates.push(found);
    }
    for (const pair of candidates) attach(pair.pairId, { outlook: item });
    if (candidates.length === 0 && !item.removed) unpairedOutlook.push(item);
  }

  const unpairedCrm: CrmActivity[] = [];
  for (const activity of [...input.crmActivities].sort((a, b) => byString(a.objectId, b.objectId))) {
    const pair = pickPair(byCrmId.get(activity.objectId), activity.kind) ?? byPairId.get(crmPairId(mailboxId, activity.objectId));
    if (pair) attach(pair.pairId, { crm: activity });
    else unpairedCrm.push(activity);
  }

  const groups: Action[][] = [];
  const needNewPair: OutlookItemPresent[] = [];
  for (const pairId of [...sides.keys()].sort(byString)) {
    const pair = byPairId.get(pairId) as SyncPair;
    const { outlook, crm } = sides.get(pairId) ?? {};
    const result = planExistingPair(ctx, pair, outlook, crm);
    if (result.actions.length > 0) groups.push(result.actions);
    if (result.needsNewPair && outlook && !outlook.removed) {
      const kindNow = syncKindOf(outlook.categories, input.settings.categories);
      const hasPairOfKind = (byOutlookId.get(outlook.id) ?? []).some((p) => p.kind === kindNow);
      if (!hasPairOfKind && !needNewPair.includes(outlook)) needNewPair.push(outlook);
    }
  }

  // Unpaired halves that belong together (their row was lost between apply and commit).
  const adoptedCrm = new Set<string>();
  // Indexes of the unpaired activities by the keys their Outlook half would carry (linear, for large first syncs).
  const crmByPairId = new Map(unpairedCrm.map((c) => [crmPairId(mailboxId, c.objectId), c]));
  const crmByGroupwareId = new Map<string, CrmActivity>();
  for (const c of unpairedCrm) {
    const key = `${c.kind}|${c.groupwareItemId}`;
    if (c.groupwareItemId !== null && !c.removed && !crmByGroupwareId.has(key)) crmByGroupwareId.set(key, c);
  }
  for (const item of [...unpairedOutlook, ...needNewPair]) {
    const kind = syncKindOf(item.categories, input.settings.categories);
    if (!kind) continue;
    const txPartner = item.transactionId ? crmByPairId.get(item.transactionId) : undefined;
    let fromCrm = txPartner && !adoptedCrm.has(txPartner.objectId) ? txPartner : undefined;
    if (fromCrm && fromCrm.kind !== kind) {
      // Our copy of a C4C activity, retagged as the other kind before its pair was recorded: record that pair as
      // a recorded one would be handled (a kind switch unlinks it), and give the item a pair of its new kind.
      adoptedCrm.add(fromCrm.objectId);
      const row = { ...freshRow(ctx, crmPairId(mailboxId, fromCrm.objectId), fromCrm.kind, 'crm', null), outlookId: item.id, outlookVersion: item.version, crmObjectId: fromCrm.objectId, crmVersion: fromCrm.version };
      groups.push(planExistingPair(ctx, row, item, fromCrm).actions);
      fromCrm = undefined;
    }
    const pairId = fromCrm ? crmPairId(mailboxId, fromCrm.objectId) : outlookPairId(mailboxId, kind, item);
    const gwId = groupwareItemIdFor(item, pairId);
    const gwPartner = fromCrm ? undefined : crmByGroupwareId.get(`${kind}|${gwId}`);
    const fromOutlook = gwPartner && !adoptedCrm.has(gwPartner.objectId) ? gwPartner : undefined;
    const partner = fromCrm ?? fromOutlook;
    if (partner && partner.kind === kind) {
      adoptedCrm.add(partner.objectId);
      const origin = fromCrm ? 'crm' : 'outlook';
      if (partner.status === 'cancelled') {
        // Cancelled in C4C meanwhile: R11 applies to the adopted pair as to any other.
        const row = { ...freshRow(ctx, pairId, kind, origin, null), outlookId: item.id, outlookVersion: item.version, crmObjectId: partner.objectId, crmVersion: partner.version };
        groups.push(planExistingPair(ctx, row, item, partner).actions);
      } else {
        groups.push(planAdopt(ctx, pairId, origin, item, partner));
      }
    } else {
      const existing = byPairId.get(pairId) ?? null;
      groups.push(planCreateCrm(ctx, item, kind, pairId, existing && existing.status !== 'closed' ? existing : null));
    }
  }

  for (const activity of unpairedCrm) {
    if (adoptedCrm.has(activity.objectId) || activity.removed || activity.status === 'cancelled') continue;
    if (!isTargetMailbox(activity, input.mailbox, input.settings)) continue;
    const pairId = crmPairId(mailboxId, activity.objectId);
    if (activity.groupwareItemId !== null) {
      ctx.warnings.push({
        code: 'unpairedGroupwareActivity',
        pairId: null,
        message: `C4C activity ${activity.objectId} came from groupware (${activity.groupwareItemId}) but has no item in this mailbox; not recreated.`,
      });
      continue;
    }
    groups.push(planCreateOutlook(ctx, activity, pairId, null));
  }

  const guarded = applyDeleteGuard(groups.filter((g) => g.length > 0), input.settings.deleteGuardLimit);
  const warnings = guarded.warning ? [...ctx.warnings, guarded.warning] : ctx.warnings;
  return { actions: guarded.actions, held: guarded.held, warnings };
}
