// Phase 6 of a session: ONE transaction records everything the session did. Pair rows, the sync log, a held
// group's hold, the write-ahead records it is done with, the inbox entries it consumed and the new groupware
// cursor. A crash before it replays the session; idempotent creates and write intents make the replay safe.
// A family that found nothing to record (the common, idle case) writes nothing here: the session writes the cursors
// and status of all its idle families at its end in one statement (commitIdle), one database round trip instead of
// four per family. An idle family has no work its cursor covers, so writing its cursor later is safe: a crash before
// it replays the same empty changes.
import type { ActionGroup } from '../../domain/actions.js';
import type { SyncLogEntry } from '../../domain/sync-log.js';
import type { CrmRecord } from '../../domain/snapshots.js';
import type { SyncPair } from '../../domain/sync-pair.js';
import type { InboxEntry } from '../../ports/crm-inbox.js';
import type { IdleCommit, SessionStore } from '../../ports/session-store.js';
import type { CursorKey } from '../../ports/state-store.js';

export interface CommitInput {
  /** The hold's id when groups were held. */
  holdId: string;
  mailboxId: string;
  now: string;
  rows: readonly SyncPair<object, string>[];
  log: readonly SyncLogEntry[];
  held: readonly ActionGroup<object, string>[];
  holdReason: string;
  /** Write-ahead records done with: pending creates whose pair knows its record, or settled. */
  doneCreates: readonly string[];
  intentPairIds: readonly string[];
  consumed: readonly InboxEntry<CrmRecord>[];
  /** The groupware cursor to store, or null to keep the one the session started from. */
  cursor: { key: CursorKey; value: string } | null;
  /** The cursor the session started from: an idle commit does not write it again unchanged. */
  cursorRead: string | null;
  /** Whether this or an earlier family of the same session held groups. */
  sessionHeld: boolean;
}

const isIdle = (input: CommitInput) =>
  input.rows.length === 0 && input.log.length === 0 && input.held.length === 0 && input.doneCreates.length === 0 && input.intentPairIds.length === 0 && input.consumed.length === 0;

const statusOf = (mailboxId: string, now: string, held: boolean) => ({ mailboxId, health: held ? ('held' as const) : ('ok' as const), lastSessionAt: now, lastSuccessAt: now, lastErrorCode: null, lastErrorMessage: null, pairsInError: 'count' as const });

/** Records a family's session in one transaction; an idle one is returned instead, for commitIdle. */
export async function commit(store: Pick<SessionStore, 'transaction'>, input: CommitInput): Promise<IdleCommit['families'][number] | null> {
  const { mailboxId, now } = input;
  if (isIdle(input)) return { cursor: input.cursor && input.cursor.value !== input.cursorRead ? input.cursor : null };
  await store.transaction(async (tx) => {
    await tx.upsertPairs(input.rows);
    await tx.appendLog(input.log);
    if (input.held.length > 0) {
      const actions = input.held.flatMap((g) => [...g.steps, g.record]);
      await tx.putHold({ holdId: input.holdId, mailboxId, createdAt: now, reason: input.holdReason, actions, status: 'held', decidedAt: null, decidedBy: null });
    }
    await tx.deletePendingCreates(mailboxId, input.doneCreates);
    await tx.clearWriteIntents(mailboxId, input.intentPairIds);
    await tx.ackInbox(mailboxId, input.consumed.map((e) => ({ objectId: e.activity.objectId, lastChangedOn: e.activity.lastChangedOn })));
    if (input.cursor) await tx.setCursor(input.cursor.key, input.cursor.value);
    await tx.setMailboxStatus(statusOf(mailboxId, now, input.sessionHeld));
  });
  return null;
}

/** The idle families of a session, after all families settled: their cursors and the mailbox's status together. */
export async function commitIdle(store: Pick<SessionStore, 'recordIdleSession'>, mailboxId: string, now: string, families: IdleCommit['families'], held: boolean): Promise<void> {
  if (families.length > 0) await store.recordIdleSession({ families, status: statusOf(mailboxId, now, held) });
}
