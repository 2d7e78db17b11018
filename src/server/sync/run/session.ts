// One sync session for one mailbox (DESIGN §3): read both sides, plan (pure), apply in batches, then record pair
// rows, log, holds, inbox acknowledgements and the new delta cursor in ONE transaction. A crash anywhere before
// that commit replays the session; idempotent creates (transactionId, GroupwareItemID) keep the replay from
// duplicating anything, and the write intents committed before the writes (domain/write-intent.ts) keep it from
// taking a write of ours that landed for a user's edit.
import { randomUUID } from 'node:crypto';
import type { Action } from '../../domain/actions.js';
import { retriedByRereading } from '../../domain/errors.js';
import type { Mailbox } from '../../domain/mailbox.js';
import { withDefaults } from '../../domain/settings.js';
import type { CrmActivity, OutlookItem } from '../../domain/snapshots.js';
import type { SyncLogEntry } from '../../domain/sync-log.js';
import type { SyncPair } from '../../domain/sync-pair.js';
import type { CalendarSource } from '../../ports/calendar-source.js';
import type { Clock } from '../../ports/clock.js';
import type { CrmActivities, ResolvedParty } from '../../ports/crm-activities.js';
import type { SessionStore } from '../../ports/crm-inbox.js';
import { plan } from '../plan/planner.js';
import { completeRecordedState, errorCategoryEdit, failedPairState, groupByPair } from './outcomes.js';
import { applyGroups, type GroupOutcome } from './apply.js';
import { tellCrmGroupwareIds } from './groupware-ids.js';
import { readInboxActivities } from './inbox.js';
import { deletedInCrm } from './verify-deletes.js';
import { emailsToResolve } from './requests.js';
import { pendingCreatesOf, settleOrphanedCreates } from './pending-creates.js';
import { writeIntentsOf } from '../plan/write-intents.js';

export interface SessionDeps {
  store: SessionStore;
  calendar: CalendarSource;
  crm: CrmActivities;
  clock: Clock;
}

export interface SessionReport {
  sessionId: string;
  mailboxId: string;
  skipped: 'unknownMailbox' | 'disabled' | null;
  fullRead: boolean;
  read: { outlook: number; crm: number };
  /** Applied actions by type (remote writes and state-only decisions). */
  applied: Record<string, number>;
  failed: { pairId: string; code: string; message: string }[];
  held: number;
  warnings: string[];
  durationMs: number;
}

/**
 * The sync window, with whole UTC days as its ends: the Graph delta token is tied to its window, so a window that
 * moved with every session's clock would force a full calendar read every session. It moves once a day instead.
 */
function windowAround(now: Date, daysBack: number, daysAhead: number) {
  const day = 24 * 3600 * 1000;
  const today = Math.floor(now.getTime() / day) * day;
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return { startUtc: iso(today - daysBack * day), endUtc: iso(today + (daysAhead + 1) * day) };
}

/** R9 retries: the delta will not return unchanged items again, so re-read both halves of pairs in error. */
async function readRetries(deps: SessionDeps, mailbox: Mailbox, pairs: readonly SyncPair[], outlook: OutlookItem[], crm: CrmActivity[]) {
  const inError = pairs.filter((p) => p.status === 'error' && retriedByRereading(p.lastError?.code));
  const haveOutlook = new Set(outlook.map((i) => i.id));
  const haveCrm = new Set(crm.map((a) => a.objectId));
  const outlookIds = inError.flatMap((p) => (p.outlookId && !haveOutlook.has(p.outlookId) ? [p.outlookId] : []));
  const crmRefs = inError.flatMap((p) => (p.crmObjectId && !haveCrm.has(p.crmObjectId) ? [{ kind: p.kind, objectId: p.crmObjectId }] : []));
  const [items, activities] = await Promise.all([
    outlookIds.length > 0 ? deps.calendar.getItems(mailbox, outlookIds) : Promise.resolve([]),
    crmRefs.length > 0 ? deps.crm.getByIds(mailbox.tenantId, crmRefs) : Promise.resolve([]),
  ]);
  return { items, activities };
}

export async function runSession(deps: SessionDeps, mailboxId: string): Promise<SessionReport> {
  const started = performance.now();
  const sessionId = randomUUID();
  const nowDate = deps.clock.now();
  const now = nowDate.toISOString();
  const report: SessionReport = { sessionId, mailboxId, skipped: null, fullRead: false, read: { outlook: 0, crm: 0 }, applied: {}, failed: [], held: 0, warnings: [], durationMs: 0 };
  const mailbox = await deps.store.getMailbox(mailboxId);
  if (!mailbox || !mailbox.enabled) return { ...report, skipped: mailbox ? 'disabled' : 'unknownMailbox' };

  const settings = withDefaults((await deps.store.getSettings(mailbox.tenantId)) ?? {});
  const cursorKey = { kind: 'graphDelta' as const, scopeId: mailboxId };
  const [pairs, cursor, inbox, leftovers, intents] = await Promise.all([
    deps.store.loadPairs(mailboxId),
    deps.store.getCursor(cursorKey),
    deps.store.listInbox(mailboxId),
    deps.store.listPendingCreates(mailboxId),
    deps.store.listWriteIntents(mailboxId),
  ]);

  const changes = await deps.calendar.readChanges(mailbox, cursor, windowAround(nowDate, settings.window.daysBack, settings.window.daysAhead));
  const inboxRead = await readInboxActivities(deps.crm, mailbox, inbox);
  const crmActivities = inboxRead.activities;
  const retries = await readRetries(deps, mailbox, pairs, changes.items, crmActivities);
  const outlookItems = [...changes.items, ...retries.items];
  const readCrm = [...crmActivities, ...retries.activities];
  const allCrm = changes.full ? [...readCrm, ...(await deletedInCrm(deps.crm, mailbox, pairs, readCrm))] : readCrm;
  report.fullRead = changes.full;
  report.read = { outlook: outlookItems.length, crm: allCrm.length };

  const planned = plan({ mailbox, settings, pairs, outlookItems, crmActivities: allCrm, now, intents });
  report.warnings = [...planned.warnings.map((w) => `${w.code}: ${w.message}`), ...(inboxRead.warning ? [inboxRead.warning] : [])];
  report.held = planned.held.length;

  const orphans = await settleOrphanedCreates(deps, mailbox, leftovers, pairs, outlookItems);
  report.warnings.push(...orphans.warnings);
  const groups = groupByPair(planned.actions);
  const creates = pendingCreatesOf(mailbox, groups);
  await deps.store.putPendingCreates(creates);
  await deps.store.putWriteIntents(writeIntentsOf(mailboxId, groups));
  const emails = emailsToResolve(planned.actions);
  const parties = new Map<string, ResolvedParty>();
  if (emails.length > 0) for (const p of await deps.crm.resolveParties(mailbox.tenantId, emails)) parties.set(p.email.toLowerCase(), p);
  const outcomes = await applyGroups(deps, mailbox, groups, parties, async (created) => {
    await deps.store.transaction((tx) => tx.upsertPairs(created.map((o) => completeRecordedState(o.group.record.pair, o.applied))));
  });
  report.warnings.push(...(await tellCrmGroupwareIds(deps, mailbox, outcomes)));
  const rows = await recordOutcomes(deps, mailbox, settings, pairs, outcomes, now, report);

  const log: SyncLogEntry[] = outcomes.flatMap((o) => logEntries(o, sessionId, mailboxId, now));
  // Write-ahead records are done once their pair knows its C4C activity (or their orphan was settled).
  const finalRows = new Map([...pairs, ...rows].map((p) => [p.pairId, p]));
  const doneCreates = [...new Set([...leftovers, ...creates].map((p) => p.pairId))].filter((id) => finalRows.get(id)?.crmObjectId);
  await deps.store.transaction(async (tx) => {
    await tx.upsertPairs(rows);
    await tx.appendLog(log);
    if (planned.held.length > 0) {
      await tx.putHold({ holdId: sessionId, mailboxId, createdAt: now, reason: report.warnings.join('; '), actions: planned.held, status: 'held', decidedAt: null, decidedBy: null });
    }
    await tx.deletePendingCreates(mailboxId, [...doneCreates, ...orphans.settled]);
    await tx.clearWriteIntents(mailboxId);
    await tx.ackInbox(mailboxId, inboxRead.consumed.map((e) => ({ objectId: e.activity.objectId, lastChangedOn: e.activity.lastChangedOn })));
    await tx.setCursor(cursorKey, changes.nextCursor);
    const inError = (await tx.loadPairs(mailboxId)).filter((p) => p.status === 'error').length;
    await tx.setMailboxStatus({
      mailboxId,
      health: planned.held.length > 0 ? 'held' : 'ok',
      lastSessionAt: now,
      lastSuccessAt: now,
      lastErrorCode: null,
      lastErrorMessage: null,
      pairsInError: inError,
    });
  });
  report.durationMs = Math.round(performance.now() - started);
  return report;
}

/** Pair rows to store, and R9: failed items get the error category (one batched category write). */
async function recordOutcomes(
  deps: SessionDeps,
  mailbox: Mailbox,
  settings: ReturnType<typeof withDefaults>,
  pairs: readonly SyncPair[],
  outcomes: readonly GroupOutcome[],
  now: string,
  report: SessionReport,
): Promise<SyncPair[]> {
  const previous = new Map(pairs.map((p) => [p.pairId, p]));
  const rows: SyncPair[] = [];
  const flag: { outlookId: string }[] = [];
  for (const outcome of outcomes) {
    const { group, applied, failure } = outcome;
    for (const step of group.steps) if (!failure || applied.some((a) => a.action === step)) report.applied[step.type] = (report.applied[step.type] ?? 0) + 1;
    if (!failure) {
      rows.push(completeRecordedState(group.record.pair, applied));
      continue;
    }
    const row = failedPairState(previous.get(group.pairId) ?? null, group.record.pair, applied, failure.error, now, group.steps);
    rows.push(row);
    report.failed.push({ pairId: group.pairId, code: failure.error.code, message: failure.error.message });
    const outlookGone = failure.side === 'outlook' && failure.error.code === 'notFound';
    if (row.outlookId && !outlookGone) flag.push({ outlookId: row.outlookId });
  }
  if (flag.length > 0) {
    // The failed rows keep their last successful versions on purpose (the next session must see the pending
    // change again), so the version this category write produces is not recorded.
    const edit = errorCategoryEdit(settings);
    await deps.calendar.write(mailbox, flag.map((f) => ({ op: 'editCategories' as const, id: f.outlookId, edit })));
  }
  return rows;
}

function logEntries(outcome: GroupOutcome, sessionId: string, mailboxId: string, now: string): SyncLogEntry[] {
  const entry = (action: Action, outcomeKind: SyncLogEntry['outcome'], code: string | null, message: string | null): SyncLogEntry => ({
    at: now,
    sessionId,
    mailboxId,
    pairId: action.pairId,
    event: action.type,
    outcome: outcomeKind,
    code,
    message,
  });
  const entries = outcome.applied.map((a) =>
    entry(a.action, 'ok', null, a.action.type === 'removeCategoryAndNotify' ? a.action.notice : a.action.type === 'markError' ? a.action.error.message : null),
  );
  for (const step of outcome.group.steps) {
    if (step.type === 'unlink') entries.push(entry(step, 'ok', null, step.reason));
    if (step.type === 'markError' && !outcome.applied.some((a) => a.action === step)) entries.push(entry(step, 'error', step.error.code, step.error.message));
  }
  if (outcome.failure) entries.push(entry(outcome.failure.action, 'error', outcome.failure.error.code, outcome.failure.error.message));
  return entries;
}
