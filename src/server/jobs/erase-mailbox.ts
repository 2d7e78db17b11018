// "Erase user data" for a user who leaves (the privacy issue), shared by the admin route (http/admin-routes.ts) and
// the CLI (`npm run sync -- erase`): the mailbox's Graph change subscriptions are deleted at Graph, then every row
// of the mailbox is deleted in one transaction (ports/mailbox-erasure.ts), and the caller gets the counts.
//
// Order, and why:
// 1. The mailbox is disabled first (its own commit), so that the scheduler, insta-sync and the subscription keeper
//    leave it alone from now on: the keeper would otherwise recreate a subscription we just deleted at Graph.
// 2. Graph deletes come before the database transaction (no network call inside a transaction) and are best
//    effort: a subscription Graph no longer has is fine; another failure is reported in the result and logged,
//    and the erasure goes on: our rows are the user's data and must go regardless. A subscription left at Graph
//    holds no data of the user's, expires within days, and its notifications name a subscription we no longer
//    know, which the webhook ignores.
// 3. One transaction deletes every row of the mailbox, its registration included.
import type { Mailbox } from '../domain/mailbox.js';
import { scrubSecrets, type Logger } from '../log/index.js';
import type { SubscriptionApi } from '../ports/change-subscriptions.js';
import type { ErasedRows, MailboxErasure } from '../ports/mailbox-erasure.js';
import type { StateStore } from '../ports/state-store.js';

export interface EraseMailboxDeps {
  store: Pick<StateStore, 'getMailbox' | 'listMailboxes' | 'transaction'>;
  erasure: Pick<MailboxErasure, 'subscriptionIdsOf' | 'eraseMailbox'>;
  graph: Pick<SubscriptionApi, 'deleteSubscription'>;
  logger: Logger;
}

export interface SubscriptionDeleteFailure {
  subscriptionId: string;
  message: string;
}

export interface ErasureReport {
  mailbox: { mailboxId: string; email: string };
  /** Rows deleted per table. */
  erased: ErasedRows;
  graphSubscriptions: {
    deleted: number;
    /** Graph answered 404: it no longer had them (expired or removed before). */
    alreadyGone: number;
    /** Not deleted at Graph; they expire on their own (≤ 7 days for events). */
    failed: SubscriptionDeleteFailure[];
  };
  /** False when some subscription could not be deleted at Graph (the rows are erased all the same). */
  complete: boolean;
}

/** The mailbox named by its id or by its e-mail address (case-insensitive), or null. */
export async function findMailbox(store: Pick<StateStore, 'getMailbox' | 'listMailboxes'>, idOrEmail: string): Promise<Mailbox | null> {
  const key = idOrEmail.trim();
  if (!key.includes('@')) return store.getMailbox(key);
  const email = key.toLowerCase();
  return (await store.listMailboxes()).find((m) => m.email.toLowerCase() === email) ?? null;
}

async function deleteAtGraph(deps: Pick<EraseMailboxDeps, 'graph'>, subscriptionIds: readonly string[]): Promise<ErasureReport['graphSubscriptions']> {
  const result: ErasureReport['graphSubscriptions'] = { deleted: 0, alreadyGone: 0, failed: [] };
  for (const subscriptionId of subscriptionIds) {
    try {
      if ((await deps.graph.deleteSubscription(subscriptionId)) === 'deleted') result.deleted += 1;
      else result.alreadyGone += 1;
    } catch (error) {
      result.failed.push({ subscriptionId, message: scrubSecrets(error instanceof Error ? error.message : String(error)) });
    }
  }
  return result;
}

/**
 * Erases the mailbox. Null when it is not (or no longer) registered. Throws when the database transaction fails:
 * nothing of it is then deleted, the mailbox stays disabled, and running the erasure again finishes the job.
 */
export async function eraseMailbox(deps: EraseMailboxDeps, mailbox: Mailbox): Promise<ErasureReport | null> {
  const { mailboxId } = mailbox;
  if (mailbox.enabled) await deps.store.transaction((tx) => tx.upsertMailbox({ ...mailbox, enabled: false }));
  const graphSubscriptions = await deleteAtGraph(deps, await deps.erasure.subscriptionIdsOf(mailboxId));
  const erased = await deps.erasure.eraseMailbox(mailboxId);
  if (!erased) return null;
  const complete = graphSubscriptions.failed.length === 0;
  // The log names the mailbox by id only: its e-mail address is the user's data that was just erased.
  deps.logger.info({ mailboxId, erased, graphSubscriptions: { ...graphSubscriptions, failed: graphSubscriptions.failed.length } }, 'mailbox erased');
  if (!complete) deps.logger.warn({ mailboxId, failed: graphSubscriptions.failed }, 'change subscriptions of an erased mailbox could not be deleted at Graph; they expire on their own');
  return { mailbox: { mailboxId, email: mailbox.email }, erased, graphSubscriptions, complete };
}

/** Erases the mailbox named by its id or e-mail address; null when there is no such mailbox. */
export async function eraseNamedMailbox(deps: EraseMailboxDeps, idOrEmail: string): Promise<ErasureReport | null> {
  const mailbox = await findMailbox(deps.store, idOrEmail);
  return mailbox ? eraseMailbox(deps, mailbox) : null;
}

/**
 * A mailbox taken out of the sync (issue 17: removed by an admin, or outside a new enrolment policy), already
 * disabled by the caller: its Graph subscriptions go, then its sync state (pairs, cursors, inbox …), so that if it is
 * enrolled again its first session starts afresh rather than from months-old bases. Its registration and the user's
 * sync list stay; nothing in Outlook, Google or C4C is touched.
 */
export async function forgetSyncState(deps: Omit<EraseMailboxDeps, 'erasure'> & { erasure: Pick<MailboxErasure, 'subscriptionIdsOf' | 'forgetSyncState'> }, mailboxId: string): Promise<ErasureReport['graphSubscriptions'] & { rows: number }> {
  const graphSubscriptions = await deleteAtGraph(deps, await deps.erasure.subscriptionIdsOf(mailboxId));
  const forgotten = await deps.erasure.forgetSyncState(mailboxId);
  const rows = forgotten ? Object.values(forgotten).reduce((a, b) => a + b, 0) : 0;
  deps.logger.info({ mailboxId, rows, graphSubscriptions: { ...graphSubscriptions, failed: graphSubscriptions.failed.length } }, "a removed mailbox's sync state was forgotten");
  return { ...graphSubscriptions, rows };
}
