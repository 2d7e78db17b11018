// Keeps one Graph change-notification subscription per enabled mailbox (ports/change-subscriptions.ts): creates
// missing ones, renews those that expire within a day, recreates removed ones. Records live in the store's
// graph_subscriptions table; the clientState is derived (http/webhook-secrets.ts) and only its hash is stored.
import { createHash } from 'node:crypto';
import pMap from 'p-map';
import type { GraphCalendarSource } from './adapters/graph/index.js';
import type { Database } from './adapters/store/index.js';
import type { Mailbox } from './domain/mailbox.js';
import { clientStateFor } from './http/webhook-secrets.js';
import type { Logger } from './log/index.js';
import type { ChangeSubscriptions, LifecycleEvent } from './ports/change-subscriptions.js';
import type { Clock } from './ports/clock.js';
import type { JobQueue } from './ports/job-queue.js';
import type { StateReader } from './ports/state-store.js';

const RENEW_WHEN_LEFT_MS = 24 * 3600 * 1000;
/** pg advisory lock key of the subscription renewal ("crm-subs"). */
const RENEWAL_LOCK_KEY = 0x63726d73;
/** Subscriptions created or renewed at once (each create includes Graph's validation call back to us). */
const SUBSCRIPTION_CONCURRENCY = 8;

export interface SubscriptionKeeperDeps {
  db: Database;
  store: Pick<StateReader, 'listMailboxes' | 'getMailbox'>;
  graph: Pick<GraphCalendarSource, 'createSubscription' | 'renewSubscription' | 'reauthorizeSubscription' | 'deleteSubscription'>;
  queue: JobQueue;
  clock: Clock;
  logger: Logger;
  publicUrl: string;
  clientStateSecret: string;
}

interface Row {
  subscription_id: string;
  mailbox_id: string;
  expires_at: Date | string;
}

export interface SubscriptionKeeper extends ChangeSubscriptions {
  /** The mailbox of one of our subscriptions (lifecycle notifications name only the subscription). */
  mailboxOfSubscription(subscriptionId: string): Promise<string | null>;
}

export function createSubscriptionKeeper(deps: SubscriptionKeeperDeps): SubscriptionKeeper {
  const hash = (value: string) => createHash('sha256').update(value).digest('hex');

  async function create(mailbox: Mailbox): Promise<void> {
    const clientState = clientStateFor(deps.clientStateSecret, mailbox.mailboxId);
    const sub = await deps.graph.createSubscription(mailbox, {
      notificationUrl: `${deps.publicUrl}/webhooks/graph`,
      lifecycleNotificationUrl: `${deps.publicUrl}/webhooks/graph/lifecycle`,
      clientState,
    });
    await deps.db.query(
      `INSERT INTO graph_subscriptions (subscription_id, mailbox_id, resource, expires_at, client_state_hash)
       VALUES ($1, $2, $3, $4::timestamptz, $5)
       ON CONFLICT (subscription_id) DO UPDATE SET expires_at = EXCLUDED.expires_at, updated_at = now()`,
      [sub.id, mailbox.mailboxId, sub.resource, sub.expirationDateTime, hash(clientState)],
    );
  }

  async function forget(subscriptionId: string): Promise<void> {
    await deps.db.query('DELETE FROM graph_subscriptions WHERE subscription_id = $1', [subscriptionId]);
  }

  type Counts = { created: number; renewed: number; failed: number };
  let running: Promise<Counts> | null = null;

  /**
   * Holds a session advisory lock on a connection of its own while renewing (the renewal's statements use the
   * pool and commit as they go); another process renewing already → nothing to do. A crash drops the lock.
   */
  async function renewWithLock(pool: NonNullable<Database['native']['pool']>): Promise<Counts> {
    const client = await pool.connect();
    try {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [RENEWAL_LOCK_KEY]);
      if (!rows[0]?.locked) return { created: 0, renewed: 0, failed: 0 };
      try {
        return await renewUnlocked();
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [RENEWAL_LOCK_KEY]);
      }
    } finally {
      client.release();
    }
  }

  async function renewUnlocked(): Promise<Counts> {
    const counts = { created: 0, renewed: 0, failed: 0 };
    const { rows } = await deps.db.query<Row & Record<string, unknown>>('SELECT subscription_id, mailbox_id, expires_at FROM graph_subscriptions');
    const byMailbox = new Map(rows.map((r) => [r.mailbox_id, r]));
    const now = deps.clock.now().getTime();
    const mailboxes = (await deps.store.listMailboxes({ enabledOnly: true })).filter((m) => m.provider === 'graph');
    // Several mailboxes at a time: each create waits for Graph's validation call to this service, so one at a
    // time took 18–41 s for 1,000 mailboxes against the sandbox. Graph throttles per mailbox, so this is safe.
    await pMap(mailboxes, async (mailbox) => {
      const row = byMailbox.get(mailbox.mailboxId);
      try {
        if (!row) {
          await create(mailbox);
          counts.created += 1;
        } else if (new Date(row.expires_at).getTime() - now < RENEW_WHEN_LEFT_MS) {
          try {
            const sub = await deps.graph.renewSubscription(row.subscription_id);
            await deps.db.query('UPDATE graph_subscriptions SET expires_at = $2::timestamptz, updated_at = now() WHERE subscription_id = $1', [row.subscription_id, sub.expirationDateTime]);
            counts.renewed += 1;
          } catch (error) {
            // Gone (expired or removed by Graph): make a new one. A lost subscription only delays insta-sync;
            // the scheduled sessions still run.
            deps.logger.warn({ mailboxId: mailbox.mailboxId, err: (error as Error).message }, 'subscription renewal failed; recreating');
            await forget(row.subscription_id);
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
    async mailboxOfSubscription(subscriptionId) {
      const { rows } = await deps.db.query<{ mailbox_id: string }>('SELECT mailbox_id FROM graph_subscriptions WHERE subscription_id = $1', [subscriptionId]);
      return rows[0]?.mailbox_id ?? null;
    },

    renewAll() {
      // One renewal at a time, in this process (start-up and schedule can meet) and across worker processes on one
      // PostgreSQL: two workers starting together each found no subscription for a mailbox and both created one,
      // so Graph notified twice and the extra subscriptions lived on.
      const pool = deps.db.native.pool;
      running ??= (pool ? renewWithLock(pool) : renewUnlocked()).finally(() => {
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
      await forget(subscriptionId);
      if (mailbox?.enabled) await create(mailbox);
      // Changes may have happened while no subscription existed.
      await deps.queue.enqueueMailboxSession(mailboxId, 'insta');
    },
  };
}
