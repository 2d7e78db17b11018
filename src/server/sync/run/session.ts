// One sync session for one mailbox (DESIGN §3), for every item family the service syncs, the families side by
// side. Each family goes through the same named phases:
//   readSides → plan → writeAhead → apply → flagFailures → commit
// A crash anywhere before the commit replays the family's session; idempotent creates (transactionId,
// GroupwareItemID) keep the replay from duplicating anything, and the write intents committed before the writes
// (domain/write-intent.ts) keep it from taking a write of ours that landed for a user's edit.
import { randomUUID } from 'node:crypto';
import type { Mailbox } from '../../domain/mailbox.js';
import { withDefaults, type SyncSettings } from '../../domain/settings.js';
import type { CrmRecord, GroupwareItemPresent } from '../../domain/snapshots.js';
import type { StateSeal, StateSealer } from '../../domain/state-digest.js';
import type { SyncPair } from '../../domain/sync-pair.js';
import { heldPairIds } from '../../domain/sync-log.js';
import type { WriteIntent } from '../../domain/write-intent.js';
import type { Clock } from '../../ports/clock.js';
import type { InboxEntry } from '../../ports/crm-inbox.js';
import type { ResolvedParty } from '../../ports/crm-port.js';
import type { PendingCreate } from '../../ports/pending-creates.js';
import type { IdleCommit, SessionStore } from '../../ports/session-store.js';
import { familyServes, type FamilySync } from '../family-sync.js';
import { crmPairId } from '../plan/pair-ids.js';
import type { PairOf } from '../plan/plan-types.js';
import { applyGroups } from './apply.js';
import { commit, commitIdle } from './commit.js';
import { duplicateCreates, releaseEdit } from './duplicate-creates.js';
import { flagFailures } from './flag-failures.js';
import { tellCrmGroupwareIds } from './groupware-ids.js';
import { linkGroupwareToCrm } from './groupware-links.js';
import type { MasterCategoryKeeper } from './master-categories.js';
import { leftoverConflictEntries, logEntries } from './log-entries.js';
import { completeRecordedState } from './outcomes.js';
import { planStage } from './plan-stage.js';
import { readSides } from './read-sides.js';
import { emailsToResolve } from './requests.js';
import { writeAhead } from './write-ahead.js';

export interface SessionDeps {
  store: SessionStore;
  clock: Clock;
  /** The families to sync, each bound to its ports (family-sync.ts). */
  families: readonly FamilySync[];
  /** Each tenant's keyed hashing of the sync state (domain/state-digest.ts). */
  sealer: StateSealer;
  /** Keeps the sync categories in the mailbox's master list (master-categories.ts); absent: not checked. */
  masterCategories?: MasterCategoryKeeper;
}

export interface SessionReport {
  sessionId: string;
  mailboxId: string;
  skipped: 'unknownMailbox' | 'disabled' | 'paused' | null;
  fullRead: boolean;
  read: { outlook: number; crm: number };
  /** Applied actions by type (remote writes and state-only decisions). */
  applied: Record<string, number>;
  failed: { pairId: string; code: string; message: string }[];
  held: number;
  warnings: string[];
  /** The master list check of this session, when one was due: what it created, or why it failed. */
  masterCategories?: { created: string[] } | { failed: string };
  durationMs: number;
}

interface SessionScope {
  store: SessionStore;
  sessionId: string;
  mailbox: Mailbox;
  settings: SyncSettings;
  nowDate: Date;
  now: string;
  report: SessionReport;
  /** What the mailbox's session reads once, for every family; each family takes its own. */
  pairs: readonly SyncPair<object, string>[];
  cursor: string | null;
  inbox: readonly InboxEntry<CrmRecord>[];
  leftovers: readonly PendingCreate[];
  intents: readonly WriteIntent<object>[];
  first: boolean;
  seal: StateSeal;
  released: ReadonlySet<string>;
}

export async function runSession(deps: SessionDeps, mailboxId: string): Promise<SessionReport> {
  const started = performance.now();
  const sessionId = randomUUID();
  const nowDate = deps.clock.now();
  const report: SessionReport = { sessionId, mailboxId, skipped: null, fullRead: false, read: { outlook: 0, crm: 0 }, applied: {}, failed: [], held: 0, warnings: [], durationMs: 0 };
  // Two reads before the families' work, each one statement (issue 18): the mailbox with its settings, then the rest.
  const opened = await deps.store.readSessionMailbox(mailboxId);
  if (!opened || !opened.mailbox.enabled) return { ...report, skipped: opened ? 'disabled' : 'unknownMailbox' };
  const { mailbox } = opened;
  // Paused by an admin: every way a session is asked for (schedule, notification, C4C poll, sync now) ends here.
  if (mailbox.paused) return { ...report, skipped: 'paused' };
  const settings = withDefaults(opened.settings ?? {});
  // A Google mailbox has a calendar only (R10): the To Do and contact families are Graph's.
  const families = deps.families.filter((sync) => familyServes(sync, mailbox));
  // Beside the families, never in their way: a failed check is reported and tried again next session.
  const categoryCheck = (deps.masterCategories?.ensure(mailbox, settings) ?? Promise.resolve(null)).then(
    (created) => {
      if (created !== null) report.masterCategories = { created };
    },
    (error: unknown) => void (report.masterCategories = { failed: (error as { error?: { message?: string }; message?: string }).error?.message ?? (error as Error).message }),
  );
  const state = await deps.store.readSessionState(mailboxId, families.map((sync) => sync.cursor));
  const { pairs, inbox, pendingCreates: leftovers, writeIntents: intents, releasedHolds: released } = state;
  // Holds an admin released (sync/tenant/holds.ts): their pairs' mass changes go through this time.
  const releasedPairs = new Set(released.flatMap(heldPairIds));
  const scope = { store: deps.store, sessionId, mailbox, settings, nowDate, now: nowDate.toISOString(), report, intents, seal: deps.sealer(mailbox.tenantId), released: releasedPairs };
  // The families at once: each has its own pairs, cursor, reads and commit, so a session takes about as long as its
  // slowest family, not the sum (insta-sync latency). One family's failure does not stop the others; the session
  // fails after all settled (the job is retried, and a family that synced just finds nothing new).
  const outcomes = await Promise.allSettled(
    families.map((sync, index) => {
      // A kind belongs to one family; so does every pair, inbox entry and pending create of it.
      const own = (kind: string) => sync.family.kinds.includes(kind);
      return runFamily(sync, {
        ...scope,
        pairs: pairs.filter((p) => p.family === sync.family.name),
        cursor: state.cursors.get(sync.cursor) ?? null,
        inbox: inbox.filter((e) => own(e.activity.kind)),
        leftovers: leftovers.filter((p) => own(p.kind)),
        first: index === 0,
      });
    }),
  );
  await categoryCheck;
  const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  // The families that had nothing to record: their cursors and the status in one statement, whatever another family
  // did (as when each committed alone). When a family failed, its error is the session's, not this write's.
  const idle = outcomes.flatMap((o) => (o.status === 'fulfilled' && o.value ? [o.value] : []));
  try {
    await commitIdle(deps.store, mailboxId, scope.now, idle, report.held > 0);
  } catch (error) {
    if (!failed) throw error;
  }
  if (failed) throw failed.reason;
  if (released.length > 0) {
    await deps.store.transaction(async (tx) => {
      for (const hold of released) await tx.putHold({ ...hold, status: 'applied' });
    });
  }
  report.durationMs = Math.round(performance.now() - started);
  return report;
}

/** Runs one family's session; a family with nothing to record returns its idle commit instead of writing it. */
async function runFamily<G extends GroupwareItemPresent, C extends CrmRecord<G['fields']>>(sync: FamilySync<G, C>, scope: SessionScope): Promise<IdleCommit['families'][number] | null> {
  const { store, mailbox, settings, report, now } = scope;
  const mailboxId = mailbox.mailboxId;
  const cursorKey = { kind: sync.cursor, scopeId: mailboxId };
  // Rows of this family hold its items: the family wrote them.
  const pairs = scope.pairs as unknown as PairOf<G, C>[];

  // 1. readSides
  const sides = await readSides(sync, mailbox, settings, scope.nowDate, { pairs, cursor: scope.cursor, inbox: scope.inbox });
  report.fullRead ||= sides.full;
  report.read.outlook += sides.outlookItems.length;
  report.read.crm += sides.crmRecords.length;

  // 2. plan (plan-stage.ts: shared with the admin's dry run)
  const { planned, crmRecords, warnings, deletedCreates } = await planStage(sync, scope, pairs, sides);
  report.held += planned.held.reduce((n, g) => n + g.steps.length + 1, 0);

  // The record of a closed pair wanted anew whose item is gone gets a new copy under the record's pair id (planner.ts).
  // When the old pair has another id (a contact made in Outlook, deleted since, its record put back on the list), the
  // store's one pair per record and mailbox would refuse the new one: the old tombstone goes first.
  const reopened = new Set(sides.reopened);
  const stale = pairs.filter((p) => reopened.has(p.pairId) && p.crmObjectId !== null && p.pairId !== crmPairId(mailboxId, p.crmObjectId)).map((p) => p.pairId);
  if (stale.length > 0) await store.transaction((tx) => tx.deletePairs(stale));

  // 3. writeAhead
  const ahead = await writeAhead(sync, store, mailbox, { groups: planned.groups, pairs, leftovers: scope.leftovers, outlookItems: sides.outlookItems, intentsRead: scope.intents });
  warnings.push(...ahead.warnings);

  // 4. apply (with the early commit of new groupware items' pairs, and the CRM told their groupware ids)
  // The mailbox's user is a known C4C employee (provisioning resolved them): as organizer of their own meetings, or
  // joining another's (R8), they need no look-up.
  const parties = new Map<string, ResolvedParty>();
  if (mailbox.employeePartyId) parties.set(mailbox.email.toLowerCase(), { email: mailbox.email.toLowerCase(), partyId: mailbox.employeePartyId, partyType: 'employee', name: mailbox.displayName });
  const emails = emailsToResolve(sync.family, planned.groups.flatMap((g) => g.steps)).filter((e) => !parties.has(e));
  if (emails.length > 0) for (const p of await sync.crm.resolveParties(mailbox.tenantId, emails)) parties.set(p.email.toLowerCase(), p);
  const outcomes = await applyGroups(sync, mailbox, planned.groups, parties, async (created) => {
    // Recorded without the item's version: until the final commit, the item is unconfirmed. If the session dies before
    // it, the next one re-reads the item (read-sides.ts), so a user who deleted it meanwhile is seen even by a full
    // read, which lists only the items that exist.
    await store.transaction((tx) => tx.upsertPairs(created.map((o) => ({ ...completeRecordedState(o.group.record.pair, o.applied), outlookVersion: null }))));
  });
  // A create the CRM answered with a record another pair holds is released, not linked (duplicate-creates.ts).
  const released = duplicateCreates(sync.family, pairs, outcomes);
  const links = await linkGroupwareToCrm(sync, mailbox, outcomes, { pairIds: released, edit: releaseEdit(sync.family, settings) });
  warnings.push(...(await tellCrmGroupwareIds(sync, mailbox, outcomes)), ...links.warnings);
  for (const { group, applied, failure } of outcomes) {
    for (const step of group.steps) if (!failure || applied.some((a) => a.action === step)) report.applied[step.type] = (report.applied[step.type] ?? 0) + 1;
  }

  // 5. flagFailures
  const flaggedNow = await flagFailures(sync, mailbox, settings, { pairs, outcomes, now, seal: scope.seal });
  // A released pair keeps no record (the store's key allows one pair per record); one whose release was not written
  // stays in error and is tried again.
  const releaseFailed = new Set(links.unlinked.filter((id) => released.has(id)));
  const flagged = {
    ...flaggedNow,
    rows: flaggedNow.rows.map((row) => {
      if (!released.has(row.pairId)) return row;
      const kept = { ...row, crmObjectId: null, crmVersion: null, crmHash: null, base: null, updatedAt: now };
      return releaseFailed.has(row.pairId) ? { ...kept, status: 'error' as const, lastError: { code: 'temporary' as const, message: 'A record this mailbox mirrors already; the contact is released next time.' }, errorSince: row.errorSince ?? now } : { ...kept, status: 'closed' as const, lastError: null, errorSince: null };
    }),
  };
  report.failed.push(...flagged.failed);
  report.warnings.push(...warnings);

  // 6. A family whose mailboxes choose their records hears what the session changed of that choice (contacts: the
  // sync list, R14). Removals before the commit: should that write fail or the process die, the session is replayed
  // and decides the same again; after it, a lost removal was lost for good (the next session took the entry of a
  // deleted copy, beside its closed pair, for one put back). Additions after it, once their pairs are recorded: an
  // entry added by a session that then died would outlive a create it never recorded.
  let addAfterCommit: C[] = [];
  if (sync.selectionChanged) {
    const before = new Map(pairs.map((p) => [p.pairId, p]));
    const removedIds = new Set(sides.outlookItems.filter((i) => i.removed).map((i) => i.id));
    const copiesRemoved = flagged.rows.flatMap((row) => {
      const was = before.get(row.pairId);
      const closedNow = row.status === 'closed' && was?.status !== 'closed';
      // A copy the user deleted: one of a committed pair (its `@removed` id), or one a replayed create had made unseen
      // (found in deleted items: no committed row named it, issue 14).
      const deleted = was?.outlookId ? removedIds.has(was.outlookId) : deletedCreates.has(row.pairId);
      return closedNow && row.crmObjectId && deleted ? [{ kind: row.kind, objectId: row.crmObjectId }] : [];
    });
    // Groupware items that learned their CRM record this session without a create of it (the record a lost create
    // made, adopted) join it as a create's would, even when the merge that adopts it failed: the pair, in error,
    // knows its record from now on, and a record of a live pair that is not on the list reads as taken off it
    // (FamilySync.wanted), which would untag the user's contact (R11).
    const linked = new Set(links.records.map((r) => r.objectId));
    const known = new Map(crmRecords.map((r) => [r.objectId, r]));
    const adopted = flagged.rows.flatMap((row) => {
      const live = row.status === 'synced' || row.status === 'error';
      const was = before.get(row.pairId);
      const unconfirmed = !was?.crmObjectId || was.outlookVersion === null;
      const record = row.crmObjectId && !linked.has(row.crmObjectId) && row.origin === 'outlook' && live && unconfirmed ? known.get(row.crmObjectId) : undefined;
      return record && !record.removed && record.status !== 'cancelled' ? [record] : [];
    });
    const createdFromGroupware = [...links.records, ...adopted];
    if (copiesRemoved.length > 0) await sync.selectionChanged(mailbox, { copiesRemoved, createdFromGroupware: [] });
    addAfterCommit = createdFromGroupware;
  }

  // 7. commit
  const failedPairIds = new Set(flagged.failed.map((f) => f.pairId));
  // Write-ahead records are done once their pair knows its CRM record (or their orphan was settled).
  const finalRows = new Map([...pairs, ...flagged.rows].map((p) => [p.pairId, p]));
  const doneCreates = [...new Set([...scope.leftovers, ...ahead.creates].map((p) => p.pairId))].filter((id) => finalRows.get(id)?.crmObjectId);
  // An item whose CRM link could not be written is recorded as unconfirmed and unmerged: the next session re-reads
  // it and merges, and the merge writes the link (groupware-links.ts).
  const unlinked = new Set(links.unlinked);
  // A create that took an existing record (groupware-links.ts) is recorded without a base and hashes: the next session
  // re-reads both sides and merges them as for an adopted record (R12), instead of taking them for in step.
  const unmerged = new Set(links.unmerged);
  const rows = flagged.rows.map((row) => {
    if (row.status !== 'synced') return row;
    if (unmerged.has(row.pairId)) return { ...row, outlookVersion: null, outlookHash: null, crmHash: null, base: null };
    return unlinked.has(row.pairId) ? { ...row, outlookVersion: null, outlookHash: null } : row;
  });
  const idle = await commit(store, {
    holdId: scope.first ? scope.sessionId : `${scope.sessionId}/${sync.family.name}`,
    mailboxId,
    now,
    rows,
    log: [
      ...leftoverConflictEntries(scope.intents, ahead.intentPairIds, planned.groups, scope.sessionId, mailboxId, now),
      ...outcomes.flatMap((o) => logEntries(o, scope.sessionId, mailboxId, now)),
    ],
    held: planned.held,
    holdReason: report.warnings.join('; '),
    doneCreates: [...doneCreates, ...ahead.settled, ...[...released].filter((id) => !releaseFailed.has(id))],
    // A failed group's writes may still have landed (a timeout whose re-read failed too): its intent stays, so the
    // next session does not take our own write for a user's edit.
    intentPairIds: ahead.intentPairIds.filter((id) => !failedPairIds.has(id)),
    consumed: sides.consumed,
    // Without its inbox the session did not see the whole CRM side, and the planner held back what needs it (an item
    // we created from a record it could not read): the next session reads the same groupware changes again.
    cursor: sides.crmIncomplete ? null : { key: cursorKey, value: sides.nextCursor },
    cursorRead: scope.cursor,
    sessionHeld: report.held > 0,
  });

  if (addAfterCommit.length > 0) await sync.selectionChanged?.(mailbox, { copiesRemoved: [], createdFromGroupware: addAfterCommit });
  return idle;
}
