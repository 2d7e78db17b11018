// The pure planner (DESIGN §3): sync state + both sides' changes → one action group per pair, for any item family.
// Deterministic: the same input gives the same output, so a session replayed after a crash plans the same
// (idempotent) writes.
import type { FieldsOf } from '../../domain/family.js';
import type { CrmActivity, CrmRecord, GroupwareItem, GroupwareItemPresent, OutlookItemPresent } from '../../domain/snapshots.js';
import { releasedDuplicates } from './duplicate-links.js';
import { applyMassChangeGuard } from './guard.js';
import { crmPairId, groupwareItemIdFor, groupwarePairId, isCrmPairId } from './pair-ids.js';
import { groupOf, joinsOnly, type PlanContext } from './plan-context.js';
import { freshRow, planAdopt, planCreateCrm, planCreateOutlook } from './plan-new.js';
import { planExistingPair } from './plan-pair.js';
import type { GroupOf, PairOf, PlanInput, PlanOutput } from './plan-types.js';

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Live pairs first, so a tombstone never shadows the pair that mirrors the item now. */
function rank(pair: { status: string }): number {
  return pair.status === 'synced' || pair.status === 'error' ? 0 : pair.status === 'unlinked' ? 1 : 2;
}

function pickPair<P extends { pairId: string; kind: string; status: string }>(candidates: readonly P[] | undefined, kind: string | null): P | undefined {
  if (!candidates || candidates.length === 0) return undefined;
  const sorted = [...candidates].sort((a, b) => rank(a) - rank(b) || byString(a.pairId, b.pairId));
  return sorted.find((p) => p.kind === kind && rank(p) < 2) ?? sorted.find((p) => rank(p) === 0) ?? sorted[0];
}

function indexBy<P, K>(pairs: readonly P[], key: (p: P) => K | null): Map<K, P[]> {
  const map = new Map<K, P[]>();
  for (const pair of pairs) {
    const k = key(pair);
    if (k === null) continue;
    map.set(k, [...(map.get(k) ?? []), pair]);
  }
  return map;
}

export function plan<G extends GroupwareItemPresent = OutlookItemPresent, C extends CrmRecord<FieldsOf<G>> = CrmActivity>(input: PlanInput<G, C>): PlanOutput<G, C> {
  const { family } = input;
  const ctx: PlanContext<G, C> = { family, mailbox: input.mailbox, settings: input.settings, now: input.now, warnings: [], intents: new Map((input.intents ?? []).map((i) => [i.pairId, i])), seal: input.seal, peers: input.peers ?? new Set() };
  const mailboxId = input.mailbox.mailboxId;
  const pairs = input.pairs.filter((p) => p.mailboxId === mailboxId);
  const byPairId = new Map(pairs.map((p) => [p.pairId, p]));
  const byOutlookId = indexBy(pairs, (p) => p.outlookId);
  const byCrmId = indexBy(pairs, (p) => p.crmObjectId);
  const scope = (item: G) => family.scopeOf(item, input.settings);
  // The pair id an item we created from the CRM carries: its transactionId (Graph events), or the pair id of the CRM
  // record it names (To Do tasks have no transactionId; the service's linked resource names the C4C task).
  const txOf = (item: G): string | null => {
    if (item.transactionId) return item.transactionId;
    const named = family.crmObjectIdOf?.(item) ?? null;
    return named ? crmPairId(mailboxId, named) : null;
  };

  const sides = new Map<string, { outlook?: GroupwareItem<G>; crm?: C }>();
  const attach = (pairId: string, side: { outlook?: GroupwareItem<G>; crm?: C }): void => {
    sides.set(pairId, { ...sides.get(pairId), ...side });
  };

  const unpairedOutlook: G[] = [];
  // Closed pairs whose id a new copy carries (contacts: a record put back on the list gets a new copy under its pair
  // id, and the session that made it died before recording it): that copy is not the pair's old one, which is gone.
  // The pair is out of the way, so the copy and its record pair anew (and follow what happened to the record since).
  const superseded = new Set<string>();
  const items = input.outlookItems.filter((i) => i.removed || !family.ignores(i));
  for (const item of [...items].sort((a, b) => byString(a.id, b.id))) {
    const kind = item.removed ? null : scope(item);
    // Every pair of the item sees it: after a kind switch the old pair (still unlinking) and the new one coexist.
    const candidates = [...(byOutlookId.get(item.id) ?? [])];
    if (candidates.length === 0 && !item.removed) {
      // The item we created from the CRM (transactionId = pair id), or a moved item (new id, same shared key).
      const tx = txOf(item);
      const found = (tx ? byPairId.get(tx) : undefined) ?? (kind ? byPairId.get(groupwarePairId(family, mailboxId, kind, item)) : undefined);
      if (found && found.status === 'closed' && found.pairId === tx && found.outlookId !== null && found.outlookId !== item.id) superseded.add(found.pairId);
      else if (found) candidates.push(found);
    }
    for (const pair of candidates) attach(pair.pairId, { outlook: item });
    if (candidates.length === 0 && !item.removed) unpairedOutlook.push(item);
  }

  // Newcomers among live pairs naming one record are released (duplicate-links.ts); the record is the keeper's.
  const released = releasedDuplicates(ctx, pairs, (pairId) => sides.get(pairId)?.outlook);
  let unpairedCrm: C[] = [];
  for (const record of [...input.crmActivities].sort((a, b) => byString(a.objectId, b.objectId))) {
    const unsuperseded = (p: PairOf<G, C> | undefined) => (p && (superseded.has(p.pairId) || released.has(p.pairId)) ? undefined : p);
    const pair = unsuperseded(pickPair(byCrmId.get(record.objectId)?.filter((p) => !superseded.has(p.pairId) && !released.has(p.pairId)), record.kind) ?? byPairId.get(crmPairId(mailboxId, record.objectId)));
    if (pair) attach(pair.pairId, { crm: record });
    else unpairedCrm.push(record);
  }

  // A create whose answer was lost leaves its pair without the CRM id; the record it made carries the pair's
  // GroupwareItemID. Give the pair that record, so what happened to it since (a cancel: R11) is followed. That
  // holds for a pair untagged since (unlinked) too: retagged later, its create upsert would otherwise write to the
  // cancelled record and pair with it.
  const awaitingCrmId = new Map<string, PairOf<G, C>>();
  for (const pair of unpairedCrm.length > 0 ? pairs : []) {
    if (pair.crmObjectId !== null || pair.origin !== 'outlook' || pair.status === 'closed') continue;
    const seen = sides.get(pair.pairId)?.outlook;
    awaitingCrmId.set(`${pair.kind}|${seen && !seen.removed ? groupwareItemIdFor(family, seen, pair.pairId) : pair.pairId}`, pair);
  }
  unpairedCrm = unpairedCrm.filter((record) => {
    const pair = record.groupwareItemId === null ? undefined : awaitingCrmId.get(`${record.kind}|${record.groupwareItemId}`);
    if (!pair || sides.get(pair.pairId)?.crm) return true;
    attach(pair.pairId, { crm: record });
    // A record gone meanwhile is followed (R11) and that may fail: the row must then know which record to re-read.
    // A live one is the pair's record now: the pair merges with it (its create's write intent tells what both sides
    // were meant to hold, so an edit made since on either side wins), instead of creating again. A create again
    // would write over a CRM edit, or (contacts: a duplicate check, not an upsert) take the record without the
    // item's edits.
    if (record.removed || record.status === 'cancelled' || pair.status !== 'unlinked') byPairId.set(pair.pairId, { ...pair, crmObjectId: record.objectId });
    return false;
  });

  const groups: (GroupOf<G, C> | null)[] = [];
  // Cancels of kind switches (R2): after the creates, so the old record is cancelled only after the new one's create.
  const carriedOver: GroupOf<G, C>[] = [];
  const needNewPair: G[] = [];
  for (const pairId of [...sides.keys()].sort(byString)) {
    const pair = byPairId.get(pairId) as PairOf<G, C>;
    const { outlook, crm } = sides.get(pairId) ?? {};
    const release = released.get(pairId);
    if (release) {
      groups.push(release);
      continue;
    }
    // A closed pair of that kind (its record cancelled by an earlier switch, R2) does not mirror the item: switching
    // back creates a record again.
    const kindNow = outlook && !outlook.removed ? scope(outlook) : null;
    const hasPairOfKind = outlook !== undefined && kindNow !== null && (byOutlookId.get(outlook.id) ?? []).some((p) => p.kind === kindNow && p.status !== 'closed');
    const result = planExistingPair(ctx, pair, outlook, crm, hasPairOfKind);
    if (result.carriesOver && result.group) carriedOver.push(result.group);
    else groups.push(result.group);
    if (result.needsNewPair && outlook && !outlook.removed) {
      if (!hasPairOfKind && !needNewPair.some((item) => item.id === outlook.id)) needNewPair.push(outlook);
    }
  }

  // Unpaired halves that belong together (their row was lost between apply and commit).
  const adoptedCrm = new Set<string>();
  // Indexes of the unpaired records by the keys their groupware half would carry (linear, for large first syncs).
  const crmByPairId = new Map(unpairedCrm.map((c) => [crmPairId(mailboxId, c.objectId), c]));
  const crmByGroupwareId = new Map<string, C>();
  for (const c of unpairedCrm) {
    const key = `${c.kind}|${c.groupwareItemId}`;
    if (c.groupwareItemId !== null && !c.removed && !crmByGroupwareId.has(key)) crmByGroupwareId.set(key, c);
  }
  for (const item of [...unpairedOutlook, ...needNewPair]) {
    const kind = scope(item);
    // A copy of a record its owner cancelled (an attendee's copy of a cancelled meeting) never makes a new one.
    if (!kind || family.cancelledByOwner?.(item)) continue;
    const tx = txOf(item);
    const txPartner = tx ? crmByPairId.get(tx) : undefined;
    // An item without a transactionId names its record after a create from it too (tasks: the link written back):
    // that record carries the item's GroupwareItemID, and the pair is the item's (origin groupware), not the record's.
    const ownCreate = txPartner !== undefined && !item.transactionId && txPartner.groupwareItemId === groupwareItemIdFor(family, item, groupwarePairId(family, mailboxId, kind, item));
    let fromCrm = txPartner && !ownCreate && !adoptedCrm.has(txPartner.objectId) ? txPartner : undefined;
    if (fromCrm && fromCrm.kind !== kind) {
      // Our copy of a CRM record, retagged as another kind before its pair was recorded: record that pair as a
      // recorded one would be handled (a kind switch unlinks it), and give the item a pair of its new kind.
      adoptedCrm.add(fromCrm.objectId);
      const row = { ...freshRow(ctx, crmPairId(mailboxId, fromCrm.objectId), fromCrm.kind, 'crm', null), outlookId: item.id, outlookVersion: item.version, crmObjectId: fromCrm.objectId, crmVersion: fromCrm.version };
      const switched = planExistingPair(ctx, row, item, fromCrm);
      (switched.carriesOver ? carriedOver : groups).push(switched.group);
      fromCrm = undefined;
    }
    const pairId = fromCrm ? crmPairId(mailboxId, fromCrm.objectId) : groupwarePairId(family, mailboxId, kind, item);
    const gwId = groupwareItemIdFor(family, item, pairId);
    const gwPartner = fromCrm ? undefined : crmByGroupwareId.get(`${kind}|${gwId}`);
    const fromOutlook = gwPartner && !adoptedCrm.has(gwPartner.objectId) ? gwPartner : undefined;
    const partner = fromCrm ?? fromOutlook;
    if (partner && partner.kind === kind) {
      adoptedCrm.add(partner.objectId);
      const origin = fromCrm ? 'crm' : 'outlook';
      if (partner.status === 'cancelled') {
        // Cancelled in the CRM meanwhile: R11 applies to the adopted pair as to any other. A deleted record no longer
        // says whether it was made from the item (its GroupwareItemID is gone): an item that only names it may be the
        // user's own, so it is untagged, never deleted.
        const unsure = fromCrm !== undefined && !item.transactionId && partner.removed;
        const row = { ...freshRow(ctx, pairId, kind, unsure ? 'outlook' : origin, null), outlookId: item.id, outlookVersion: item.version, crmObjectId: partner.objectId, crmVersion: partner.version };
        groups.push(planExistingPair(ctx, row, item, partner).group);
      } else if (origin === 'outlook' && joinsOnly(ctx, item, partner)) {
        // An attendee's copy of a meeting another copy owns: never merged with it (R8). Its create joins the record.
        groups.push(planCreateCrm(ctx, item, kind, pairId, null));
      } else {
        groups.push(planAdopt(ctx, pairId, origin, item, partner));
      }
    } else if (input.crmIncomplete && !txPartner && tx && isCrmPairId(tx) && !needNewPair.includes(item)) {
      // We created this item from a CRM record whose pair row a crash lost, and this session could not read its inbox,
      // where that record waits: the item is not new, and creating a record for it would duplicate that one. It pairs
      // with its record when the inbox is read.
      ctx.warnings.push({ code: 'unpairedGroupwareActivity', pairId: tx, message: `Outlook item ${item.id} was created from a C4C activity not read in this session; it is paired when that activity is read.` });
    } else {
      const existing = byPairId.get(pairId) ?? null;
      groups.push(planCreateCrm(ctx, item, kind, pairId, existing && existing.status !== 'closed' ? existing : null));
    }
  }

  groups.push(...carriedOver);

  // Our copies of CRM records the user untagged before their pair was recorded (a session died in between): R2 holds
  // for them as for any untagged copy. They must not get a second copy (To Do creates are not idempotent).
  const untaggedCopies = new Map<string, G>();
  for (const item of unpairedOutlook) {
    const tx = txOf(item);
    if (tx && isCrmPairId(tx) && scope(item) === null) untaggedCopies.set(tx, item);
  }

  // R8: the user's untagged copies of records they attend (the tenant poll files those records for them), by the key
  // copies share. Such a copy gets an unlinked pair: nothing of it is mirrored (R1), but deleting or declining it
  // takes its user off the record (plan-pair.ts, planUntaggedCopyRemoved).
  const untaggedCopiesByKey = new Map<string, G>();
  for (const item of family.attendedBy ? unpairedOutlook : []) {
    const key = family.shareKeyOf(item);
    if (key !== null && scope(item) === null && !family.createsAsOwner(item) && !family.cancelledByOwner?.(item)) untaggedCopiesByKey.set(key, item);
  }
  const followCopy = (record: C): void => {
    const copy = record.groupwareItemId === null ? undefined : untaggedCopiesByKey.get(record.groupwareItemId);
    if (!copy || !family.attendedBy?.(record, input.mailbox)) return;
    const pairId = groupwarePairId(family, mailboxId, record.kind, copy);
    // A row of that id already decided this copy's fate (a closed one is never revived).
    if (byPairId.has(pairId)) return;
    untaggedCopiesByKey.delete(record.groupwareItemId as string);
    groups.push(groupOf({ ...freshRow(ctx, pairId, record.kind, 'outlook', null), outlookId: copy.id, outlookVersion: copy.version, crmObjectId: record.objectId, crmVersion: record.version, status: 'unlinked' }));
  };

  for (const record of unpairedCrm) {
    if (adoptedCrm.has(record.objectId) || record.removed || record.status === 'cancelled') continue;
    if (!family.isTarget(record, input.mailbox, input.settings)) {
      followCopy(record);
      continue;
    }
    const pairId = crmPairId(mailboxId, record.objectId);
    const untagged = untaggedCopies.get(pairId);
    if (untagged) {
      const row = { ...freshRow(ctx, pairId, record.kind, 'crm', null), outlookId: untagged.id, outlookVersion: untagged.version, crmObjectId: record.objectId, crmVersion: record.version, status: 'unlinked' as const, updatedAt: ctx.now };
      groups.push(groupOf(row, [{ type: 'unlink', pairId, mailboxId, reason: 'The sync category was removed from the copy of this C4C record.' }]));
      continue;
    }
    if (record.groupwareItemId !== null) {
      ctx.warnings.push({
        code: 'unpairedGroupwareActivity',
        pairId: null,
        message: `C4C activity ${record.objectId} came from groupware (${record.groupwareItemId}) but has no item in this mailbox; not recreated.`,
      });
      continue;
    }
    groups.push(planCreateOutlook(ctx, record, pairId, null));
  }

  // A group with nothing to write and an unchanged row would only cost a commit: planExistingPair returns none.
  const guarded = applyMassChangeGuard(groups.filter((g): g is GroupOf<G, C> => g !== null), {
    limit: input.settings.deleteGuardLimit,
    share: input.settings.massChangeShare,
    livePairs: pairs.filter((p) => p.status === 'synced' || p.status === 'error').length,
    released: input.released,
  });
  const warnings = guarded.warning ? [...ctx.warnings, guarded.warning] : ctx.warnings;
  return { groups: guarded.groups, held: guarded.held, warnings };
}
