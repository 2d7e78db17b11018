// The job queue as the HTTP layer and the scheduler see it (implemented with pg-boss in adapters/queue).
// Enqueueing is a hint, never the source of truth: a session reads the delta/high-water mark itself, so a lost or
// duplicated job costs at most one extra session.

export type SessionReason = 'scheduled' | 'insta' | 'manual' | 'retry';

export interface JobQueue {
  /**
   * Ask for a session of one mailbox soon. Bursts coalesce: while a session for the mailbox is queued (not yet
   * started), further requests are absorbed by it. A mailbox's sessions never run concurrently.
   */
  enqueueMailboxSession(mailboxId: string, reason: SessionReason): Promise<void>;
  /** Ask for one C4C change query of a tenant (then fanned out to the mailboxes it concerns). Coalesces too. */
  enqueueTenantPoll(tenantId: string, reason: SessionReason): Promise<void>;
  /** Jobs waiting, for /metrics and /readyz. */
  depth(): Promise<number>;
}
