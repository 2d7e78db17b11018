// Change-notification subscriptions (Graph: one per mailbox on /users/{id}/events). Webhooks are hints; these
// keep them flowing. Implemented in the composition root over the Graph adapter and the store.

export type LifecycleEvent = 'missed' | 'subscriptionRemoved' | 'reauthorizationRequired';

export interface ChangeSubscriptions {
  /** Creates missing subscriptions and renews those that expire soon, for every enabled mailbox. */
  renewAll(): Promise<{ created: number; renewed: number; failed: number }>;
  /** Graph lifecycle notification for a mailbox's subscription. */
  onLifecycle(mailboxId: string, subscriptionId: string, event: LifecycleEvent): Promise<void>;
}
