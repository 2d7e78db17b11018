// Phase 3 of a session: before anything is written, commit what a crash must not lose. Pending creates (a CRM
// create whose record the session's commit may never learn), and write intents (what each update means both sides
// to hold). Left-over pending creates of an earlier crashed session are settled first (pending-creates.ts).
import type { Mailbox } from '../../domain/mailbox.js';
import type { CrmRecord, GroupwareItem, GroupwareItemPresent } from '../../domain/snapshots.js';
import type { WriteIntent } from '../../domain/write-intent.js';
import type { PendingCreate } from '../../ports/pending-creates.js';
import type { SessionStore } from '../../ports/session-store.js';
import type { FamilySync } from '../family-sync.js';
import type { GroupOf, PairOf } from '../plan/plan-types.js';
import { writeIntentsOf } from '../plan/write-intents.js';
import { pendingCreatesOf, settleOrphanedCreates } from './pending-creates.js';

export interface WriteAhead {
  /** This session's pending creates (deleted at commit once their pair knows its CRM record). */
  creates: PendingCreate[];
  /** Left-over records settled (deleted at commit). */
  settled: string[];
  /** Pair ids whose write intents the commit clears. */
  intentPairIds: string[];
  warnings: string[];
}

export async function writeAhead<G extends GroupwareItemPresent, C extends CrmRecord<G['fields']>>(
  sync: FamilySync<G, C>,
  store: Pick<SessionStore, 'putPendingCreates' | 'putWriteIntents'>,
  mailbox: Mailbox,
  input: {
    groups: readonly GroupOf<G, C>[];
    pairs: readonly PairOf<G, C>[];
    leftovers: readonly PendingCreate[];
    outlookItems: readonly GroupwareItem<G>[];
    /** The mailbox's intents left by an earlier session (all families). */
    intentsRead: readonly Pick<WriteIntent<object>, 'pairId' | 'conflict'>[];
  },
): Promise<WriteAhead> {
  const orphans = await settleOrphanedCreates(sync, mailbox, input.leftovers, input.pairs, input.outlookItems);
  const creates = pendingCreatesOf(mailbox, input.groups);
  await store.putPendingCreates(creates);
  // A conflict an earlier, unfinished session decided stays in the pair's intent until a commit logs it (log-entries.ts).
  const carried = new Map(input.intentsRead.flatMap((i) => (i.conflict ? [[i.pairId, i.conflict] as const] : [])));
  const intents = writeIntentsOf(mailbox.mailboxId, sync.family.mergeFields, input.groups).map((i) => {
    const conflict = i.conflict ?? carried.get(i.pairId);
    return conflict ? { ...i, conflict } : i;
  });
  await store.putWriteIntents(intents);
  // The commit clears this family's intents only: those it read (of its pairs, or of pairs it plans now) and its own.
  // A create whose item was deleted before its pair was recorded (settled above) leaves its intent with no pair: it
  // goes with its write-ahead record.
  const mine = new Set([...input.pairs.map((p) => p.pairId), ...input.groups.map((g) => g.pairId), ...orphans.settled]);
  const intentPairIds = [...new Set([...input.intentsRead.map((i) => i.pairId).filter((id) => mine.has(id)), ...intents.map((i) => i.pairId)])];
  return { creates, settled: orphans.settled, intentPairIds, warnings: orphans.warnings };
}
