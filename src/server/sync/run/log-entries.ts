// The sync log lines of one group's outcome: every applied write, the markers (unlink, a recorded error) and the
// failure that stopped the group.
import type { Action } from '../../domain/actions.js';
import { CONFLICT_EVENT, conflictMessage } from '../../domain/conflict-record.js';
import type { SyncLogEntry } from '../../domain/sync-log.js';
import type { WriteIntent } from '../../domain/write-intent.js';
import type { CrmRecord, GroupwareItemPresent } from '../../domain/snapshots.js';
import type { GroupOutcome } from './apply.js';

export function logEntries<G extends GroupwareItemPresent, C extends CrmRecord<G['fields']>>(outcome: GroupOutcome<G, C>, sessionId: string, mailboxId: string, now: string): SyncLogEntry[] {
  const entry = (action: Action<G['fields'], C['kind']>, outcomeKind: SyncLogEntry['outcome'], code: string | null, message: string | null): SyncLogEntry => ({
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
  // R12: the conflict the group decided, first among its lines; 'ok' only when the winner's values were written.
  const { conflict } = outcome.group;
  if (conflict) {
    entries.unshift({ at: now, sessionId, mailboxId, pairId: outcome.group.pairId, event: CONFLICT_EVENT, outcome: outcome.failure ? 'error' : 'ok', code: null, message: conflictMessage(conflict), conflict });
  }
  return entries;
}

/**
 * R12 conflicts decided by a session that died before its commit: they are in its write intents, which this session
 * read and clears (`cleared`). One this session does not decide again (its plan has no conflict for the pair: the
 * writes landed and the sides agree, or a later edit settled it) is logged now, so a crash never loses the record.
 */
export function leftoverConflictEntries(
  intentsRead: readonly Pick<WriteIntent<object>, 'pairId' | 'conflict'>[],
  cleared: readonly string[],
  groups: readonly { pairId: string; conflict?: unknown }[],
  sessionId: string,
  mailboxId: string,
  now: string,
): SyncLogEntry[] {
  const clearedNow = new Set(cleared);
  const decidedAgain = new Set(groups.filter((g) => g.conflict).map((g) => g.pairId));
  return intentsRead.flatMap((intent) =>
    intent.conflict && clearedNow.has(intent.pairId) && !decidedAgain.has(intent.pairId)
      ? [{ at: now, sessionId, mailboxId, pairId: intent.pairId, event: CONFLICT_EVENT, outcome: 'ok' as const, code: null, message: `${conflictMessage(intent.conflict)} Logged after a restart: the session that decided it did not finish.`, conflict: intent.conflict }]
      : [],
  );
}
