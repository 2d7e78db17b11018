// Our change-notification subscriptions as the service records them (graph_subscriptions): which subscription
// serves which mailbox and when it expires. The clientState itself is never stored, only its hash.

export interface SubscriptionRecord {
  subscriptionId: string;
  mailboxId: string;
  /** What it subscribes to (`users/{id}/events`, `users/{id}/todo/lists/{listId}/tasks`). */
  resource: string;
  /** ISO UTC. */
  expiresAt: string;
}

export interface SubscriptionRecords {
  list(): Promise<SubscriptionRecord[]>;
  /** The mailbox of one of our subscriptions, or null when we hold no such subscription. */
  mailboxOf(subscriptionId: string): Promise<string | null>;
  /** Records a created subscription; one already recorded only gets the new expiry. */
  put(record: SubscriptionRecord & { clientStateHash: string }): Promise<void>;
  setExpiry(subscriptionId: string, expiresAt: string): Promise<void>;
  remove(subscriptionId: string): Promise<void>;
  /**
   * Enabled Graph mailboxes that have no subscription live at `now` (none recorded, or all expired): their changes
   * reach the service only through sessions, so they are polled often and shown on /readyz and in the metrics.
   */
  mailboxesWithoutLiveSubscription(now: Date): Promise<string[]>;
  /**
   * Runs `fn` as the only renewal among all processes sharing the store, or resolves to null without running it
   * when another process is renewing. A process that dies while renewing lets go of the claim.
   */
  asOnlyRenewal<T>(fn: () => Promise<T>): Promise<T | null>;
}
