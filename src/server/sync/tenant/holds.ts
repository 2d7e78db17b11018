// An admin's decision on a hold of the session guard (sync/plan/guard.ts).
// - Release: the next session of the mailbox reads every family in full (its groupware cursors are forgotten:
//   the delta has moved past the changes that were held) and plans afresh. The guard lets the mass changes of the
//   hold's pairs through, and the session marks the hold `applied`. Planning afresh, rather than replaying the
//   stored actions, means nothing stale is written: an item the user changed meanwhile is merged as usual.
// - Discard: the hold's pairs are forgotten, so no session acts on them again. Both sides stay as they are: an
//   Outlook item that kept the sync category is created in C4C again when next read (e.g. after a C4C restore); a
//   C4C activity whose Outlook item was deleted stays open in C4C, no longer mirrored.
import type { CursorKind } from '../../ports/state-store.js';
import type { Clock } from '../../ports/clock.js';
import type { JobQueue } from '../../ports/job-queue.js';
import type { SessionStore } from '../../ports/session-store.js';
import { heldPairIds, type SessionHold } from '../../domain/sync-log.js';

export type HoldDecision = 'release' | 'discard';

export interface HoldDeps {
  store: SessionStore;
  queue: Pick<JobQueue, 'enqueueMailboxSession'>;
  clock: Clock;
}

/** Cursors of a mailbox's groupware side; forgetting them makes the next session read in full. */
const GROUPWARE_CURSORS: readonly CursorKind[] = ['graphDelta', 'todoDelta', 'contactDelta', 'googleSync'];

export class HoldNotOpenError extends Error {
  constructor(readonly hold: SessionHold) {
    super(`Hold ${hold.holdId} was already ${hold.status}${hold.decidedBy ? ` by ${hold.decidedBy}` : ''}.`);
    this.name = 'HoldNotOpenError';
  }
}

/** Null when there is no such hold; HoldNotOpenError when it was decided already. */
export async function decideHold(deps: HoldDeps, holdId: string, decision: HoldDecision, decidedBy: string): Promise<SessionHold | null> {
  const decided = await deps.store.transaction(async (tx) => {
    const [hold] = await tx.listHolds({ holdId });
    if (!hold) return null;
    if (hold.status !== 'held') throw new HoldNotOpenError(hold);
    const next: SessionHold = { ...hold, status: decision === 'release' ? 'released' : 'discarded', decidedAt: deps.clock.now().toISOString(), decidedBy };
    await tx.putHold(next);
    if (decision === 'release') {
      for (const kind of GROUPWARE_CURSORS) await tx.deleteCursor({ kind, scopeId: hold.mailboxId });
    } else {
      await tx.deletePairs(heldPairIds(hold));
    }
    return next;
  });
  // After the commit (a crash in between: the scheduled session does the same).
  if (decided?.status === 'released') await deps.queue.enqueueMailboxSession(decided.mailboxId, 'manual');
  return decided;
}
