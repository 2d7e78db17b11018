// A worker's first cycle right away instead of waiting for the schedule: subscriptions, C4C changes, every
// mailbox. Subscriptions first (for at most `subscriptionWaitMs`): Graph validates each by calling this service,
// and the first sessions can keep an embedded (PGlite) process too busy to answer within Graph's 10 s.
import type { Logger } from '../log/index.js';
import type { ChangeSubscriptions } from '../ports/change-subscriptions.js';
import type { JobQueue } from '../ports/job-queue.js';
import type { StateReader } from '../ports/state-store.js';

export interface FirstCycleDeps {
  subscriptions: Pick<ChangeSubscriptions, 'renewAll'>;
  queue: JobQueue;
  store: Pick<StateReader, 'listMailboxes'>;
  logger: Logger;
  tenantId: string;
  /** How long the sessions wait for the subscriptions at most (default 15 s); the renewal goes on after it. */
  subscriptionWaitMs?: number;
}

export async function startFirstCycle(deps: FirstCycleDeps): Promise<void> {
  const renewal = deps.subscriptions.renewAll().catch((error: unknown) => deps.logger.warn({ err: (error as Error).message }, 'subscription setup failed'));
  await Promise.race([renewal, new Promise((resolve) => setTimeout(resolve, deps.subscriptionWaitMs ?? 15_000).unref())]);
  await deps.queue.enqueueTenantPoll(deps.tenantId, 'scheduled');
  for (const mailbox of await deps.store.listMailboxes({ enabledOnly: true })) await deps.queue.enqueueMailboxSession(mailbox.mailboxId, 'scheduled');
}
