// The worker's jobs (DESIGN §3): mailbox sessions (scheduled, insta, manual), the tenant's C4C change query,
// the once-a-minute scheduler tick, subscription renewal, the stale-session reaper and the daily retention job.
import type { Logger } from 'pino';
import type { ChangeSubscriptions } from '../ports/change-subscriptions.js';
import type { Clock } from '../ports/clock.js';
import type { StateSealer } from '../domain/state-digest.js';
import type { FamilySync } from '../sync/family-sync.js';
import type { SessionStore } from '../ports/session-store.js';
import type { JobQueue, JobWorker, SessionReason } from '../ports/job-queue.js';
import type { Retention } from '../ports/retention.js';
import type { MasterCategoryKeeper } from '../sync/run/master-categories.js';
import { randomUUID } from 'node:crypto';
import { SESSION_EVENT, type SessionSummary, type SyncLogEntry } from '../domain/sync-log.js';
import { runSession, type SessionReport } from '../sync/run/session.js';
import { pollTenant } from '../sync/tenant/poll.js';
import { purgeExpired, RETENTION_CRON } from './retention.js';
import { isDue } from './schedule-slots.js';

/** Sessions a job runs after its own for what arrived meanwhile (jobs/register-jobs.ts), before the queue takes over. */
const MAX_FOLLOW_UP_SESSIONS = 5;

export interface JobObserver {
  /** `job`: why the session ran, and when it was asked for (absent for sessions run for requests taken meanwhile). */
  sessionFinished(report: SessionReport, job: { reason: string; requestedAt?: string }): void;
  sessionFailed(mailboxId: string, error: unknown): void;
}

export interface JobsDeps {
  worker: JobWorker;
  queue: JobQueue;
  store: SessionStore;
  /** The item families the service syncs, bound to their ports (sync/family-sync.ts). */
  families: readonly FamilySync[];
  /** Each tenant's keyed hashing of the sync state (domain/state-digest.ts). */
  sealer: StateSealer;
  clock: Clock;
  logger: Logger;
  /** The scheduled sessions' interval of a tenant that stored none (the tenant's setting applies: R3). */
  intervalMinutes: number;
  sessionConcurrency: number;
  subscriptions: ChangeSubscriptions | null;
  /** Deletes rows older than `days` once a day (jobs/retention.ts); absent = nothing is deleted by age. */
  retention?: { store: Retention; days: number };
  observer?: JobObserver;
  /** Why sync may not run now (sync/tenant/pairing.ts: another C4C system, or not checked yet), or null. */
  refusal?: () => string | null;
  /** Runs the tenant poll's change queries in one CRM round trip (adapters/c4c/read-batcher.ts). */
  readTogether?<T>(fn: () => Promise<T>): Promise<T>;
  /** Puts back the sync categories a user deleted from a mailbox's master list (sync/run/master-categories.ts). */
  masterCategories?: MasterCategoryKeeper;
}

function describe(error: unknown): { code: string; message: string } {
  const e = error as { error?: { code?: string; message?: string }; message?: string; name?: string };
  if (e?.error?.code) return { code: e.error.code, message: e.error.message ?? '' };
  return { code: e?.name ?? 'Error', message: e?.message ?? String(error) };
}

export async function registerJobs(deps: JobsDeps): Promise<void> {
  const { logger } = deps;

  /** Records why a mailbox did not sync, where admins and the task pane see its status. */
  const refused = async (mailboxId: string, why: string): Promise<void> => {
    logger.debug({ mailboxId, why }, 'session refused');
    const previous = await deps.store.getMailboxStatus(mailboxId);
    await deps.store.transaction((tx) =>
      tx.setMailboxStatus({
        mailboxId,
        health: 'error',
        lastSessionAt: previous?.lastSessionAt ?? null,
        lastSuccessAt: previous?.lastSuccessAt ?? null,
        lastErrorCode: 'tenantNotPaired',
        lastErrorMessage: why.slice(0, 1000),
        pairsInError: previous?.pairsInError ?? 0,
      }),
    );
  };

  /**
   * The session's summary line in the sync log (the console's recent sessions). Written after the session's own
   * commit; a failure to write it is logged and costs the session nothing.
   */
  const summarize = async (mailboxId: string, reason: string, report: SessionReport | null, error?: { code: string; message: string }): Promise<void> => {
    const { applied = {}, read = { outlook: 0, crm: 0 }, fullRead = false, failed = [], held = 0, durationMs = 0, sessionId = randomUUID() } = report ?? {};
    const session: SessionSummary = {
      reason,
      fullRead,
      read,
      applied: Object.fromEntries(Object.entries(applied).filter(([type]) => type !== 'recordState')),
      failed: failed.length,
      held,
      durationMs: Math.round(durationMs),
    };
    const entry: SyncLogEntry = { at: deps.clock.now().toISOString(), sessionId, mailboxId, pairId: null, event: SESSION_EVENT, outcome: error ? 'error' : 'ok', code: error?.code ?? null, message: error?.message.slice(0, 1000) ?? null, session };
    await deps.store.transaction((tx) => tx.appendLog([entry])).catch((e: unknown) => logger.warn({ mailboxId, err: (e as Error).message }, 'session summary not logged'));
  };

  const sessionOf = async (mailboxId: string, reason: string, requestedAt?: string): Promise<void> => {
    const why = deps.refusal?.() ?? null;
    if (why !== null) return refused(mailboxId, why);
    const report = await runSession(deps, mailboxId);
    deps.observer?.sessionFinished(report, requestedAt === undefined ? { reason } : { reason, requestedAt });
    if (report.skipped === null) await summarize(mailboxId, reason, report);
    logger.info({ mailboxId, reason, fullRead: report.fullRead, read: report.read, applied: report.applied, failed: report.failed.length, held: report.held, ms: report.durationMs }, 'session done');
    // Which items failed and why (R9 shows the same to the user); capped so a bad session cannot flood the log.
    const categories = report.masterCategories;
    if (categories && 'failed' in categories) logger.warn({ mailboxId, err: categories.failed }, 'master categories could not be checked; the next session tries again');
    else if (categories && categories.created.length > 0) logger.info({ mailboxId, created: categories.created.length }, 'sync categories put back in the master category list');
    // What the session passed over on purpose (an activity it cannot place, a pair left for the next read): codes and
    // ids, no item content. Capped like the failures.
    if (report.warnings.length > 0) logger.warn({ mailboxId, warnings: report.warnings.slice(0, 20).map((w) => w.slice(0, 300)) }, 'session warnings');
    if (report.failed.length > 0) logger.warn({ mailboxId, failures: report.failed.slice(0, 20).map((f) => ({ pairId: f.pairId, code: f.code, message: f.message.slice(0, 200) })) }, 'items failed');
  };

  await deps.worker.onMailboxSession(
    async ({ mailboxId, reason, requestedAt }) => {
      try {
        await sessionOf(mailboxId, reason, requestedAt);
        // What arrived while it ran is synced now, by this job (the mailbox is still ours), instead of when the queue
        // next looks at running sessions: the insta-sync tail. Bounded, so a mailbox under a steady stream of changes
        // hands back to the queue and others get their turn.
        for (let followUp = 0; followUp < MAX_FOLLOW_UP_SESSIONS && (await deps.worker.takeQueuedSession(mailboxId)); followUp += 1) {
          await sessionOf(mailboxId, 'followUp');
        }
      } catch (error) {
        // The mailbox shows its error to admins; the queue retries with backoff, then the next schedule does.
        const { code, message } = describe(error);
        deps.observer?.sessionFailed(mailboxId, error);
        await summarize(mailboxId, reason, null, { code, message });
        logger.warn({ mailboxId, reason, code, err: message }, 'session failed');
        const previous = await deps.store.getMailboxStatus(mailboxId).catch(() => null);
        await deps.store
          .transaction((tx) =>
            tx.setMailboxStatus({
              mailboxId,
              health: 'error',
              lastSessionAt: deps.clock.now().toISOString(),
              lastSuccessAt: previous?.lastSuccessAt ?? null,
              lastErrorCode: code,
              lastErrorMessage: message.slice(0, 1000),
              pairsInError: previous?.pairsInError ?? 0,
            }),
          )
          .catch((statusError: unknown) => logger.error({ err: statusError }, 'could not record the mailbox error'));
        throw error;
      }
    },
    { concurrency: deps.sessionConcurrency },
  );

  const pollOf = async (tenantId: string, reason: string): Promise<void> => {
    // Another C4C system's changes must not reach the inbox or move the high-water mark.
    if (deps.refusal?.() != null) return;
    const report = await pollTenant(deps, tenantId);
    logger.info({ tenantId, reason, activities: report.activities, mailboxes: report.mailboxIds.length, deletes: report.deletes }, 'C4C changes read');
    if (report.deletes.failure) logger.warn({ tenantId, err: report.deletes.failure }, 'C4C delete notifications not confirmed; retried at the next poll');
    for (const mailboxId of report.mailboxIds) await deps.queue.enqueueMailboxSession(mailboxId, reason === 'followUp' ? 'insta' : (reason as SessionReason));
  };

  await deps.worker.onTenantPoll(async ({ tenantId, reason }) => {
    await pollOf(tenantId, reason);
    // C4C changes notified while it ran are read now, as for sessions above.
    for (let followUp = 0; followUp < MAX_FOLLOW_UP_SESSIONS && (await deps.worker.takeQueuedTenantPoll(tenantId)); followUp += 1) await pollOf(tenantId, 'followUp');
  });

  await deps.worker.every('scheduler-tick', '* * * * *', async () => {
    const now = deps.clock.now();
    const mailboxes = await deps.store.listMailboxes({ enabledOnly: true });
    const tenants = new Set(mailboxes.map((m) => m.tenantId));
    for (const tenantId of tenants) {
      // The interval is a tenant setting an admin may change at any time: read it on every tick.
      const interval = (await deps.store.getSettings(tenantId))?.intervalMinutes ?? deps.intervalMinutes;
      // Delete notifications still waiting (C4C unreachable, or the mirroring pair not committed yet) are
      // settled by the next poll: ask for one every minute while there are any.
      const waiting = (await deps.store.listCrmDeleteHints(tenantId)).length > 0;
      if (waiting || isDue(`tenant:${tenantId}`, interval, now)) await deps.queue.enqueueTenantPoll(tenantId, 'scheduled');
      for (const mailbox of mailboxes) {
        // A paused mailbox gets no scheduled session (its session would only say so).
        if (mailbox.tenantId === tenantId && !mailbox.paused && isDue(mailbox.mailboxId, interval, now)) await deps.queue.enqueueMailboxSession(mailbox.mailboxId, 'scheduled');
      }
    }
  });

  // A session whose worker died is retried by the queue when its job expires; this catches mailboxes that fell
  // out of the schedule altogether (e.g. jobs lost with a database restore).
  await deps.worker.every('stale-session-reaper', '*/5 * * * *', async () => {
    const staleBefore = deps.clock.now().getTime() - 3 * deps.intervalMinutes * 60_000;
    for (const mailbox of await deps.store.listMailboxes({ enabledOnly: true })) {
      const status = await deps.store.getMailboxStatus(mailbox.mailboxId);
      const last = status?.lastSessionAt ? Date.parse(status.lastSessionAt) : 0;
      if (last < staleBefore) await deps.queue.enqueueMailboxSession(mailbox.mailboxId, 'retry');
    }
  });

  if (deps.subscriptions) {
    const subscriptions = deps.subscriptions;
    // Lifecycle events the webhook queued (subscription removed, reauthorization required): checked with Graph here,
    // in the worker, never inside the webhook's request.
    await deps.worker.onSubscriptionEvent(({ subscriptionId, event }) => subscriptions.onLifecycle(subscriptionId, event));
    // Every minute: it only acts on mailboxes without a subscription or with one that expires within a day, so
    // a check costs two queries; and a subscription whose creation failed (e.g. the validation call to this
    // service timed out while it was busy) is retried within a minute, not ten.
    await deps.worker.every('renew-subscriptions', '* * * * *', async () => {
      const result = await subscriptions.renewAll();
      if (result.created + result.renewed + result.failed > 0) logger.info(result, 'subscriptions checked');
      else logger.debug(result, 'subscriptions checked');
      // Mailboxes that still have none get a session every minute instead of every SYNC_INTERVAL_MINUTES, until
      // their subscription is back: without one, nothing tells the service of their changes.
      const without = await subscriptions.withoutLiveSubscription();
      if (without.length > 0) logger.warn({ mailboxes: without.length, sample: without.slice(0, 5) }, 'mailboxes without a live change subscription; polled every minute');
      for (const mailboxId of without) await deps.queue.enqueueMailboxSession(mailboxId, 'scheduled');
    });
  }

  if (deps.retention) {
    const { store, days } = deps.retention;
    await deps.worker.every('retention', RETENTION_CRON, async () => {
      await purgeExpired({ retention: store, clock: deps.clock, logger, retentionDays: days });
    });
  }
}
