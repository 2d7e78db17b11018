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
  /**
   * A Graph lifecycle event that may call for work on a subscription (recreate it, reauthorize it). The handler
   * checks with Graph before it acts; one event per subscription waits at a time, so replays coalesce.
   */
  enqueueSubscriptionEvent(subscriptionId: string, event: SubscriptionEventJob['event']): Promise<void>;
  /** Jobs waiting, for /metrics and /readyz. */
  depth(): Promise<number>;
}

export interface MailboxSessionJob {
  mailboxId: string;
  reason: SessionReason;
  /**
   * ISO UTC time of the request the job was made for (a later request coalesced into it keeps this one: the oldest
   * change waits longest). Insta-sync latency is measured from it. Absent in jobs queued by older versions.
   */
  requestedAt?: string;
}

export interface SubscriptionEventJob {
  subscriptionId: string;
  /** `missed` needs no work on the subscription (a session reads what was lost), so it is never queued here. */
  event: 'subscriptionRemoved' | 'reauthorizationRequired';
}

export interface TenantPollJob {
  tenantId: string;
  reason: SessionReason;
}

/** The worker side of the queue: jobs/ registers its handlers here. A handler that throws is retried with backoff. */
export interface JobWorker {
  /** Runs mailbox sessions, at most `concurrency` at once in this process and never two for one mailbox. */
  onMailboxSession(handler: (job: MailboxSessionJob) => Promise<void>, options: { concurrency: number }): Promise<void>;
  /**
   * From inside a running session of the mailbox: takes the session request that arrived for it meanwhile (it is
   * removed from the queue), so the handler runs it at once instead of the queue starting it after its next look at
   * running sessions (up to about twice QUEUE_SUPERVISE_SECONDS). False when none waits. Safe because a mailbox's
   * waiting request cannot start while its session runs; if this process dies, the running job is retried.
   */
  takeQueuedSession(mailboxId: string): Promise<boolean>;
  /** The same for a tenant's change query: from inside a running poll, takes the one that arrived meanwhile. */
  takeQueuedTenantPoll(tenantId: string): Promise<boolean>;
  onTenantPoll(handler: (job: TenantPollJob) => Promise<void>): Promise<void>;
  /** Runs queued subscription events (one at a time in this process). A handler that throws is retried. */
  onSubscriptionEvent(handler: (job: SubscriptionEventJob) => Promise<void>): Promise<void>;
  /** A periodic task (cron syntax, minute granularity) that runs once per period across all processes. */
  every(name: string, cron: string, handler: () => Promise<void>): Promise<void>;
  /** Stops fetching new jobs and waits (up to `timeoutMs`) for running ones; unfinished ones go back to the queue. */
  stop(timeoutMs: number): Promise<void>;
}
