// Change-notification subscriptions (Graph: per mailbox one on /users/{id}/events, and one per To Do list on
// /users/{id}/todo/lists/{listId}/tasks). Webhooks are hints; these keep them flowing. `ChangeSubscriptions` is implemented by jobs/subscription-keeper.ts over the groupware's
// `SubscriptionApi` (adapters/graph) and the store's subscription records (ports/subscription-records.ts).
import type { LifecycleEvent } from '../../shared/graph-lifecycle.js';
import type { Mailbox } from '../domain/mailbox.js';

export type { LifecycleEvent };

export interface ChangeSubscriptions {
  /** Creates missing subscriptions and renews those that expire soon, for every enabled mailbox. */
  renewAll(): Promise<{ created: number; renewed: number; failed: number }>;
  /** Enabled mailboxes without a live subscription now: insta-sync cannot reach them, so they are polled often. */
  withoutLiveSubscription(): Promise<string[]>;
  /**
   * A queued Graph lifecycle event of one of our subscriptions (the webhook tied it to the subscription and
   * checked its clientState). Acts only on what Graph confirms: a subscription Graph still holds is not made again.
   */
  onLifecycle(subscriptionId: string, event: Exclude<LifecycleEvent, 'missed'>): Promise<void>;
}

export interface SubscriptionRequest {
  notificationUrl: string;
  lifecycleNotificationUrl: string;
  /** Echoed in every notification, so the webhook can tell real ones from forgeries. */
  clientState: string;
  /** The resource to subscribe to (one a family's `SubscriptionResources` named); default: the mailbox's events. */
  resource?: string;
}

/** What of a mailbox a family subscribes to (calendar: its events; tasks: each To Do list's tasks). */
export interface SubscriptionResources {
  /** The resources, as Graph names them in a subscription (`users/{id}/events`). Failures throw PortFailure. */
  subscriptionResources(mailbox: Mailbox): Promise<string[]>;
}

export interface CreatedSubscription {
  id: string;
  resource: string;
  /** ISO UTC. */
  expirationDateTime: string;
}

/** The groupware's subscription endpoints (Graph `/subscriptions`). Failures throw PortFailure. */
export interface SubscriptionApi {
  /** Subscribes to created/updated/deleted changes of the resource (default: the mailbox's events), for the longest lifetime allowed. */
  createSubscription(mailbox: Mailbox, request: SubscriptionRequest): Promise<CreatedSubscription>;
  /** Extends a subscription to the longest lifetime allowed. */
  renewSubscription(subscriptionId: string, resource?: string): Promise<{ expirationDateTime: string }>;
  /** The answer to `reauthorizationRequired` that keeps the expiry. */
  reauthorizeSubscription(subscriptionId: string): Promise<void>;
  /** Whether Graph holds this subscription now (false: it expired or Graph removed it). */
  subscriptionExists(subscriptionId: string): Promise<boolean>;
  /** Every subscription of this app that Graph holds (one paged call for the whole tenant). */
  listSubscriptions(): Promise<(CreatedSubscription & { notificationUrl: string })[]>;
  /** Deletes a subscription (a mailbox is erased); `notFound` when Graph no longer had it, which is as good. */
  deleteSubscription(subscriptionId: string): Promise<'deleted' | 'notFound'>;
}
