// Keeps the change-notification subscriptions of every enabled mailbox (ports/change-subscriptions.ts): one per
// resource a family names (the calendar: the mailbox's events; tasks: each To Do list). Creates missing ones,
// renews those that expire within a day, recreates removed ones, and deletes those of a resource that went (a
// deleted To Do list). Records live in the store (ports/subscription-records.ts); the clientState is derived per
// mailbox (http/webhook-secrets.ts, handed in by the composition root) and only its hash is recorded.
import { createHash } from 'node:crypto';
import pMap from 'p-map';
import type { Mailbox } from '../domain/mailbox.js';
import type { Logger } from '../log/index.js';
import type { ChangeSubscriptions, SubscriptionApi, SubscriptionResources } from '../ports/change-subscriptions.js';
import type { Clock } from '../ports/clock.js';
import type { JobQueue } from '../ports/job-queue.js';
import type { StateReader } from '../ports/state-store.js';
import { PortFailure } from '../ports/write-results.js';
import type { SubscriptionRecord, SubscriptionRecords } from '../ports/subscription-records.js';

const RENEW_WHEN_LEFT_MS = 24 * 3600 * 1000;
/**
 * How often a mailbox's resources are asked for again when all of them are subscribed (a To Do list the user made
 * is subscribed within this; its tasks sync on the schedule meanwhile). Asking costs a Graph call for the lists.
 */
const RESOURCES_RECHECK_MS = 3600 * 1000;
/**
 * How often what Graph holds is compared with what the service recorded: Graph can drop a subscription without the
 * lifecycle notification ever arriving, and a restored database can name subscriptions Graph never had.
 */
const VERIFY_EVERY_MS = 5 * 60_000;
/** Subscriptions created or renewed at once (each create includes Graph's validation call back to us). */
const SUBSCRIPTION_CONCURRENCY = 8;

export interface SubscriptionKeeperDeps {
  records: SubscriptionRecords;
  store: Pick<StateReader, 'listMailboxes' | 'getMailbox'>;
  graph: SubscriptionApi;
  /** What each family subscribes to per mailbox. */
  resources: readonly SubscriptionResources[];
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

/** Graph answered that the subscription does not exist (expired, removed, or never ours). */
function isNotFound(error: unknown): boolean {
  return error instanceof PortFailure && error.error.code === 'notFound';
}

export function createSubscriptionKeeper(deps: SubscriptionKeeperDeps): SubscriptionKeeper {
  const hash = (value: string) => createHash('sha256').update(value).digest('hex');

  async function create(mailbox: Mailbox, resource: string): Promise<void> {
    const clientState = deps.clientStateOf(mailbox.mailboxId);
    const sub = await deps.graph.createSubscription(mailbox, {
      notificationUrl: `${deps.publicUrl}/webhooks/graph`,
      lifecycleNotificationUrl: `${deps.publicUrl}/webhooks/graph/lifecycle`,
      clientState,
      resource,
    });
    await deps.records.put({ subscriptionId: sub.id, mailboxId: mailbox.mailboxId, resource, expiresAt: sub.expirationDateTime, clientStateHash: hash(clientState) });
  }

  async function resourcesOf(mailbox: Mailbox): Promise<string[]> {
    return [...new Set((await Promise.all(deps.resources.map((r) => r.subscriptionResources(mailbox)))).flat())];
  }

  let running: Promise<Counts> | null = null;
  /** Resources Graph refused to subscribe to, by mailbox and resource: when to ask again. */
  const failing = new Map<string, { failures: number; until: number }>();
  /** When each mailbox's resources were last asked for (this process). */
  const checkedAt = new Map<string, number>();

  /**
   * Puts a new subscription on the resource of one Graph lost, and deletes the old one at Graph (a subscription
   * replaced while Graph still held it would otherwise notify twice until it expires; gone already is as good).
   */
  async function replace(record: SubscriptionRecord, mailbox: Mailbox | null): Promise<boolean> {
    await deps.records.remove(record.subscriptionId);
    await deps.graph.deleteSubscription(record.subscriptionId).catch(() => 'notFound');
    if (!mailbox?.enabled) return false;
    await create(mailbox, record.resource);
    return true;
  }

  async function renewOne(record: SubscriptionRecord, mailbox: Mailbox, counts: Counts): Promise<void> {
    try {
      const sub = await deps.graph.renewSubscription(record.subscriptionId, record.resource);
      await deps.records.setExpiry(record.subscriptionId, sub.expirationDateTime);
      counts.renewed += 1;
    } catch (error) {
      // Only a subscription Graph says is gone (expired or removed) is made again; any other failure (throttled,
      // unavailable) leaves it as it is for the next renewal, instead of adding a second one beside it. A lost
      // subscription only delays insta-sync; the scheduled sessions still run.
      if (!isNotFound(error)) throw error;
      deps.logger.warn({ mailboxId: mailbox.mailboxId }, 'subscription gone at renewal; recreating');
      await replace(record, mailbox);
      counts.created += 1;
    }
  }

  async function keepMailbox(mailbox: Mailbox, records: readonly SubscriptionRecord[], now: number, counts: Counts): Promise<void> {
    const due = (r: SubscriptionRecord) => new Date(r.expiresAt).getTime() - now < RENEW_WHEN_LEFT_MS;
    const recheck = records.length === 0 || now - (checkedAt.get(mailbox.mailboxId) ?? 0) >= RESOURCES_RECHECK_MS;
    if (!recheck) {
      for (const record of records.filter(due)) await renewOne(record, mailbox, counts);
      return;
    }
    const wanted = await resourcesOf(mailbox);
    checkedAt.set(mailbox.mailboxId, now);
    const byResource = new Map(records.map((r) => [r.resource, r]));
    for (const resource of wanted) {
      const record = byResource.get(resource);
      if (!record) {
        const key = `${mailbox.mailboxId} ${resource}`;
        const backoff = failing.get(key);
        if (backoff && now < backoff.until) continue;
        try {
          await create(mailbox, resource);
          failing.delete(key);
          counts.created += 1;
        } catch (error) {
          // Graph may refuse a resource for good (e.g. To Do tasks with application permissions, in some tenants):
          // ask again after 1, 2, 4 … minutes, at most hourly, instead of every minute for every mailbox. Its items
          // still sync on the schedule.
          const failures = (backoff?.failures ?? 0) + 1;
          failing.set(key, { failures, until: now + Math.min(60, 2 ** (failures - 1)) * 60_000 });
          counts.failed += 1;
          deps.logger.warn({ mailboxId: mailbox.mailboxId, resource: resource.replace(/^users\/[^/]+\//, ''), failures, err: (error as Error).message }, 'could not create a change subscription; retried later');
        }
      } else if (due(record)) {
        await renewOne(record, mailbox, counts);
      }
    }
    // A resource no family names any more (a deleted To Do list): its subscription has nothing left to tell.
    for (const record of records.filter((r) => !wanted.includes(r.resource))) {
      await deps.graph.deleteSubscription(record.subscriptionId).catch(() => 'notFound');
      await deps.records.remove(record.subscriptionId);
    }
  }

  /**
   * A lifecycle event from the queue. The notification's sender is not trusted to say what happened: a subscription
   * is only replaced when Graph confirms it is gone, so a forged or replayed `subscriptionRemoved` creates nothing.
   */
  async function handleLifecycle(subscriptionId: string, event: 'subscriptionRemoved' | 'reauthorizationRequired'): Promise<true> {
    const record = (await deps.records.list()).find((r) => r.subscriptionId === subscriptionId);
    // Not ours (any more): a replay of an event already handled, or a subscription replaced meanwhile.
    if (!record) return true;
    deps.logger.info({ mailboxId: record.mailboxId, subscriptionId, event }, 'subscription lifecycle event');
    if (event === 'reauthorizationRequired') {
      try {
        await deps.graph.reauthorizeSubscription(subscriptionId).catch(async () => {
          const renewed = await deps.graph.renewSubscription(subscriptionId, record.resource);
          await deps.records.setExpiry(subscriptionId, renewed.expirationDateTime);
        });
        return true;
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    } else if (await deps.graph.subscriptionExists(subscriptionId)) {
      deps.logger.warn({ mailboxId: record.mailboxId, subscriptionId }, 'subscriptionRemoved for a subscription Graph still holds; ignored');
      return true;
    }
    const mailbox = await deps.store.getMailbox(record.mailboxId);
    if (await replace(record, mailbox)) deps.logger.info({ mailboxId: record.mailboxId }, 'subscription removed by Graph; recreated');
    // Changes may have happened while no subscription existed.
    if (mailbox?.enabled) await deps.queue.enqueueMailboxSession(mailbox.mailboxId, 'insta');
    return true;
  }

  let verifiedAt = Number.NEGATIVE_INFINITY;

  /**
   * Trust what Graph holds, not our rows: a recorded subscription Graph no longer has is forgotten (the pass below
   * makes it again), and one of ours (our notification URL) that we have no record of is deleted at Graph.
   */
  async function verify(now: number): Promise<void> {
    if (now - verifiedAt < VERIFY_EVERY_MS) return;
    const held = await deps.graph.listSubscriptions();
    verifiedAt = now;
    const atGraph = new Set(held.map((s) => s.id));
    const records = await deps.records.list();
    const recorded = new Set(records.map((r) => r.subscriptionId));
    for (const record of records.filter((r) => !atGraph.has(r.subscriptionId))) {
      deps.logger.warn({ mailboxId: record.mailboxId, resource: record.resource }, 'subscription missing at Graph; recreating');
      await deps.records.remove(record.subscriptionId);
      checkedAt.delete(record.mailboxId);
    }
    const ours = `${deps.publicUrl}/webhooks/graph`;
    for (const sub of held.filter((s) => s.notificationUrl === ours && !recorded.has(s.id))) {
      deps.logger.warn({ subscriptionId: sub.id, resource: sub.resource }, 'subscription unknown to the service; deleting it at Graph');
      await deps.graph.deleteSubscription(sub.id).catch(() => 'notFound');
    }
  }

  async function renew(): Promise<Counts> {
    const counts = { created: 0, renewed: 0, failed: 0 };
    await verify(deps.clock.now().getTime()).catch((error: unknown) => deps.logger.warn({ err: (error as Error).message }, 'could not list the subscriptions Graph holds; checked again at the next renewal'));
    const byMailbox = new Map<string, SubscriptionRecord[]>();
    for (const record of await deps.records.list()) byMailbox.set(record.mailboxId, [...(byMailbox.get(record.mailboxId) ?? []), record]);
    const now = deps.clock.now().getTime();
    const mailboxes = (await deps.store.listMailboxes({ enabledOnly: true })).filter((m) => m.provider === 'graph');
    // Several mailboxes at a time: each create waits for Graph's validation call to this service, so one at a
    // time took 18–41 s for 1,000 mailboxes against the sandbox. Graph throttles per mailbox, so this is safe.
    await pMap(mailboxes, async (mailbox) => {
      try {
        await keepMailbox(mailbox, byMailbox.get(mailbox.mailboxId) ?? [], now, counts);
      } catch (error) {
        counts.failed += 1;
        deps.logger.warn({ mailboxId: mailbox.mailboxId, err: (error as Error).message }, 'could not create or renew a change subscription');
      }
    }, { concurrency: SUBSCRIPTION_CONCURRENCY });
    return counts;
  }

  return {
    mailboxOfSubscription(subscriptionId) {
      return deps.records.mailboxOf(subscriptionId);
    },

    withoutLiveSubscription() {
      return deps.records.mailboxesWithoutLiveSubscription(deps.clock.now());
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

    async onLifecycle(subscriptionId, event) {
      // The same claim as the renewal: the two must not both replace one subscription. Held elsewhere → throw, and
      // the queue retries the event shortly.
      const done = await deps.records.asOnlyRenewal(() => handleLifecycle(subscriptionId, event));
      if (done === null) throw new Error('another process is renewing subscriptions; the lifecycle event is retried');
    },
  };
}
