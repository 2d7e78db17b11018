// Change-notification subscriptions (Graph: one per mailbox on /users/{id}/events). Webhooks are hints; these
// keep them flowing. `ChangeSubscriptions` is implemented by jobs/subscription-keeper.ts over the groupware's
// `SubscriptionApi` (adapters/graph) and the store's subscription records (ports/subscription-records.ts).
import type { LifecycleEvent } from '../../shared/graph-lifecycle.js';
import type { Mailbox } from '../domain/mailbox.js';

export type { LifecycleEvent };

export interface ChangeSubscriptions {
  /** Creates missing subscriptions and renews those that expire soon, for every enabled mailbox. */
  renewAll(): Promise<{ created: number; renewed: number; failed: number }>;
  /** Graph lifecycle notification for a mailbox's subscription. */
  onLifecycle(mailboxId: string, subscriptionId: string, event: LifecycleEvent): Promise<void>;
}

export interface SubscriptionRequest {
  notificationUrl: string;
  lifecycleNotificationUrl: string;
  /** Echoed in every notification, so the webhook can tell real ones from forgeries. */
  clientState: string;
}

export interface CreatedSubscription {
  id: string;
  resource: string;
  /** ISO UTC. */
  expirationDateTime: string;
}

/** The groupware's subscription endpoints (Graph `/subscriptions`). Failures throw PortFailure. */
export interface SubscriptionApi {
  /** Subscribes to created/updated/deleted events of the mailbox, for the longest lifetime allowed. */
  createSubscription(mailbox: Mailbox, request: SubscriptionRequest): Promise<CreatedSubscription>;
  /** Extends a subscription to the longest lifetime allowed. */
  renewSubscription(subscriptionId: string): Promise<{ expirationDateTime: string }>;
  /** The answer to `reauthorizationRequired` that keeps the expiry. */
  reauthorizeSubscription(subscriptionId: string): Promise<void>;
  /** Deletes a subscription (a mailbox is erased); `notFound` when Graph no longer had it, which is as good. */
  deleteSubscription(subscriptionId: string): Promise<'deleted' | 'notFound'>;
}
