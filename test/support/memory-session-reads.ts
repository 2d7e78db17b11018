// The session's combined reads and its idle commit (ports/session-store.ts), made of a store's single reads and its
// transaction: the in-memory store gets them with its own semantics, fault gate included (a crash injected at
// loadPairs or at a commit still strikes there).
import type { IdleCommit, SessionMailbox, SessionState, SessionStore, SessionWriter } from '../../src/server/ports/session-store.js';
import type { CursorKind } from '../../src/server/ports/state-store.js';

type SingleReads = Omit<SessionStore, 'readSessionMailbox' | 'readSessionState' | 'recordIdleSession'>;

export async function readSessionMailboxOf(store: SingleReads, mailboxId: string): Promise<SessionMailbox | null> {
  const mailbox = await store.getMailbox(mailboxId);
  return mailbox ? { mailbox, settings: await store.getSettings(mailbox.tenantId) } : null;
}

export async function readSessionStateOf(store: SingleReads, mailboxId: string, cursorKinds: readonly CursorKind[]): Promise<SessionState> {
  const cursors = new Map<CursorKind, string>();
  for (const kind of cursorKinds) {
    const value = await store.getCursor({ kind, scopeId: mailboxId });
    if (value !== null) cursors.set(kind, value);
  }
  return {
    pairs: await store.loadPairs(mailboxId),
    cursors,
    inbox: await store.listInbox(mailboxId),
    pendingCreates: await store.listPendingCreates(mailboxId),
    writeIntents: await store.listWriteIntents(mailboxId),
    releasedHolds: await store.listHolds({ mailboxId, status: 'released' }),
  };
}

/**
 * One transaction per idle family, as each family committed before the session wrote them together: the fault model
 * keeps its count of state commits. `begin` is told each transaction first (the in-memory store marks it as a
 * session's state commit).
 */
export async function recordIdleSessionOf(store: SingleReads, { families, status }: IdleCommit, begin: (tx: SessionWriter) => void = () => undefined): Promise<void> {
  for (const { cursor } of families.length > 0 ? families : [{ cursor: null }]) {
    await store.transaction(async (tx) => {
      begin(tx);
      if (cursor) await tx.setCursor(cursor.key, cursor.value);
      await tx.setMailboxStatus(status);
    });
  }
}
