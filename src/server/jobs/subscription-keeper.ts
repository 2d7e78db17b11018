// Keeps one change-notification subscription per enabled mailbox (ports/change-subscriptions.ts): creates
// missing ones, renews those that expire within a day, recreates removed ones. Records live in the store
// (ports/subscription-records.ts); the clientState is derived per mailbox (http/webhook-secrets.ts, handed in by
// the composition root) and only its hash is recorded.
import { createHash } from 'node:crypto';
import pMap from 'p-map';
import type { Mailbox } from '../domain/mailbox.js';
import type { Logger } from '../log/index.js';
import type { ChangeSubscriptions, LifecycleEvent, SubscriptionApi } from '../ports/change-subscriptions.js';
import type { Clock } from '../ports/clock.js';
import type { JobQueue } from '../ports/job-queue.js';
import type { StateReader } from '../ports/state-store.js';
import type { SubscriptionRecords } from '../ports/subscription-records.js';

const RENEW_WHEN_LEFT_MS = 24 * 3600 * 1000;
/** Subscriptions created or renewed at once (each create includes Graph's validation call back to us). */
const SUBSCRIPTION_CONCURRENCY = 8;

export interface SubscriptionKeeperDeps {
  records: SubscriptionRecords;
  store: Pick<StateReader, 'listMailboxes' | 'getMailbox'>;
  graph: SubscriptionApi;
  queue: JobQueue;
  clock: Clock;
  logger: Logger;
  publicUrl: string;
  /** The clientState of a mailbox's subscription (the webhook checks notifications against it). */
  clientStateOf(mailboxId: string): string;
}

export interface SubscriptionKeeper extends ChangeSubscriptions {
  /** The mailbox of one of our subscriptions (lifecycle notifications name only the subscription). */
  mailboxOfSubscription(subscriptionId: string): Promise<string | null>;
}

type Counts = { created: number; renewed: number; failed: number };

export function createSubscriptionKeeper(deps: SubscriptionKeeperDeps): SubscriptionKeeper {
  const hash = (value: string) => createHash('sha256').update(value).digest('hex');

  async function create(mailbox: Mailbox): Promise<void> {
    const clientState = deps.clientStateOf(mailbox.mailboxId);
    const sub = await deps.graph.createSubscription(mailbox, {
      notificationUrl: `${deps.publicUrl}/webhooks/graph`,
      lifecycleNotificationUrl: `${deps.publicUrl}/webhooks/graph/lifecycle`,
      clientState,
    });
    await deps.records.put({ subscriptionId: sub.id, mailboxId: mailbox.mailboxId, resource: sub.resource, expiresAt: sub.expirationDateTime, clientStateHash: hash(clientState) });
  }

  let running: Promise<Counts> | null = null;

  async function renew(): Promise<Counts> {
    const counts = { created: 0, renewed: 0, failed: 0 };
    const byMailbox = new Map((await deps.records.list()).map((r) => [r.mailboxId, r]));
    const now = deps.clock.now().getTime();
    const mailboxes = (await deps.store.listMailboxes({ enabledOnly: true })).filter((m) => m.provider === 'graph');
    // Several mailboxes at a time: each create waits for Graph's validation call to this service, so one at a
    // time took 18–41 s for 1,000 mailboxes against the sandbox. Graph throttles per mailbox, so this is safe.
    await pMap(mailboxes, async (mailbox) => {
      const record = byMailbox.get(mailbox.mailboxId);
      try {
        if (!record) {
          await create(mailbox);
          counts.created += 1;
        } else if (new Date(record.expiresAt).getTime() - now < RENEW_WHEN_LEFT_MS) {
          try {
            const sub = await deps.graph.renewSubscription(record.subscriptionId);
            await deps.records.setExpiry(record.subscriptionId, sub.expirationDateTime);
            counts.renewed += 1;
          } catch (error) {
            // Gone (expired or removed by Graph): make a new one. A lost subscription only delays insta-sync;
            // the scheduled sessions still run.
            deps.logger.warn({ mailboxId: mailbox.mailboxId, err: (error as Error).message }, 'subscription renewal failed; recreating');
            await deps.records.remove(record.subscriptionId);
            await create(mailbox);
            counts.created += 1;
          }
        }
      } catch (error) {
        counts.failed += 1;
        deps.logger.warn({ mailboxId: mailbox.mailboxId, err: (error as Error).message }, 'could not create a change subscription');
      }
    }, { concurrency: SUBSCRIPTION_CONCURRENCY });
    return counts;
  }

  return {
    mailboxOfSubscription(subscriptionId) {
      return deps.records.mailboxOf(subscriptionId);
    },

    renewAll() {
      // One renewal at a time, in this process (start-up and schedule can meet) and across worker processes on one
      // PostgreSQL: two workers starting together each found no subscription for a mailbox and both created one,
      // so Graph notified twice and the extra subscriptions lived on. Another process renewing → nothing to do.
      running ??= deps.records
        .asOnlyRenewal(renew)
        .then((counts) => counts ?? { created: 0, renewed: 0, failed: 0 })
        .finally(() => {
          running = null;
        });
      return running;
    },

    async onLifecycle(mailboxId: string, subscriptionId: string, event: LifecycleEvent) {
      deps.logger.info({ mailboxId, subscriptionId, event }, 'subscription lifecycle event');
      if (event === 'missed') {
        await deps.queue.enqueueMailboxSession(mailboxId, 'insta');
        return;
      }
      if (event === 'reauthorizationRequired') {
        await deps.graph.reauthorizeSubscription(subscriptionId).catch(async () => {
          await deps.graph.renewSubscription(subscriptionId);
        });
        return;
      }
      const mailbox = await deps.store.getMailbox(mailboxId);
      await deps.records.remove(subscriptionId);
      if (mailbox?.enabled) await create(mailbox);
      // Changes may have happened while no subscription existed.
      await deps.queue.enqueueMailboxSession(mailboxId, 'insta');
    },
  };
}
