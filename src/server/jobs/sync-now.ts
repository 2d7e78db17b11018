// "Sync this mailbox now, and tell me what happened" for an admin (`npm run sync` through a running service): asks
// the queue for a session, waits until one ended, and reports from what sessions record (the mailbox status, the
// sync log, the guard's holds). The session runs on a worker as any other, so the mailbox's one-at-a-time rule and
// the embedded store's lock hold.
import type { SyncNowResponse } from '../../shared/admin-api.js';
import type { Mailbox } from '../domain/mailbox.js';
import { SESSION_EVENT } from '../domain/sync-log.js';
import type { Clock } from '../ports/clock.js';
import type { JobQueue } from '../ports/job-queue.js';
import type { StateReader } from '../ports/state-store.js';

export interface SyncNowDeps {
  store: Pick<StateReader, 'getMailboxStatus' | 'listLog' | 'listHolds'>;
  queue: Pick<JobQueue, 'enqueueMailboxSession'>;
  clock: Clock;
  /** How long to wait for the session (default 60 s). */
  timeoutMs?: number;
  /** How often to look (default 250 ms). */
  pollMs?: number;
}

const LOG_LIMIT = 500;

/** The mailbox is paused: its session would be skipped, and the caller would wait for one that never comes. */
export class MailboxPausedError extends Error {
  constructor(email: string) {
    super(`${email} is paused: resume it first (POST /api/admin/mailboxes/{mailbox}/resume).`);
    this.name = 'MailboxPausedError';
  }
}

export async function syncNow(deps: SyncNowDeps, mailbox: Mailbox): Promise<SyncNowResponse> {
  if (mailbox.paused) throw new MailboxPausedError(mailbox.email);
  const asked = deps.clock.now().toISOString();
  await deps.queue.enqueueMailboxSession(mailbox.mailboxId, 'manual');
  const deadline = Date.now() + (deps.timeoutMs ?? 60_000);
  let status = await deps.store.getMailboxStatus(mailbox.mailboxId);
  // A session records its start time as lastSessionAt when it commits: one that started after the request ended.
  while (!(status?.lastSessionAt && status.lastSessionAt >= asked) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, deps.pollMs ?? 250));
    status = await deps.store.getMailboxStatus(mailbox.mailboxId);
  }
  const finished = Boolean(status?.lastSessionAt && status.lastSessionAt >= asked);
  // The sessions' summary lines are not actions (the console shows them as its recent sessions).
  const log = (await deps.store.listLog({ mailboxId: mailbox.mailboxId, limit: LOG_LIMIT })).filter((e) => e.at >= asked && e.event !== SESSION_EVENT);
  const applied: Record<string, number> = {};
  for (const e of log.filter((x) => x.outcome === 'ok' && !x.conflict)) applied[e.event] = (applied[e.event] ?? 0) + 1;
  // Oldest first, as they happened (the log lists newest first).
  const conflicts = log.flatMap((e) => (e.conflict ? [{ pairId: e.pairId, fields: e.conflict.fields, winner: e.conflict.winner, applied: e.outcome === 'ok' }] : [])).reverse();
  const held = (await deps.store.listHolds({ mailboxId: mailbox.mailboxId })).filter((h) => h.createdAt >= asked);
  return {
    mailbox: { mailboxId: mailbox.mailboxId, email: mailbox.email },
    finished,
    applied,
    failed: log.filter((e) => e.outcome === 'error' && !e.conflict).map((e) => ({ pairId: e.pairId, code: e.code, message: e.message })),
    conflicts,
    held: held.reduce((n, h) => n + h.actions.filter((a) => a.type !== 'recordState').length, 0),
    health: status?.health ?? null,
    lastError: status?.lastErrorCode ? { code: status.lastErrorCode, message: status.lastErrorMessage } : null,
  };
}
