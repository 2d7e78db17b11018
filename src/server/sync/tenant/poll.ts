// One C4C change query per tenant (DESIGN §3): read the activities changed since the tenant's high-water mark,
// file each under the mailboxes it concerns (those that already mirror it, and its organizer's/owner's), and
// advance the mark in the same transaction. The caller then enqueues a session for each affected mailbox. An
// entry only names the activity: the session reads its current state (session-inbox.ts), since this snapshot
// can be older than a write the mailbox's session made while the poll ran.
import { isTargetMailbox } from '../../domain/rules.js';
import { withDefaults } from '../../domain/settings.js';
import type { Clock } from '../../ports/clock.js';
import type { CrmActivities } from '../../ports/crm-activities.js';
import type { InboxEntry, SessionStore } from '../../ports/crm-inbox.js';
import { settleCrmDeleteHints } from './delete-notes.js';

export interface TenantPollDeps {
  store: SessionStore;
  crm: Pick<CrmActivities, 'changedSince' | 'getByIds'>;
  clock: Clock;
}

export interface TenantPollReport {
  tenantId: string;
  activities: number;
  /** Mailboxes that got inbox entries: run a session for each. */
  mailboxIds: string[];
  /** C4C delete notifications confirmed (filed as removed) and still waiting (sync/crm-deletes.ts). */
  deletes: { filed: number; waiting: number; failure: string | null };
}

export async function pollTenant(deps: TenantPollDeps, tenantId: string): Promise<TenantPollReport> {
  const settings = withDefaults((await deps.store.getSettings(tenantId)) ?? {});
  const key = { kind: 'crmHighWater' as const, scopeId: tenantId };
  const highWater = await deps.store.getCursor(key);
  const now = deps.clock.now().getTime();
  const day = 24 * 3600 * 1000;
  const window = {
    startUtc: new Date(now - settings.window.daysBack * day).toISOString(),
    endUtc: new Date(now + settings.window.daysAhead * day).toISOString(),
  };
  const changes = await deps.crm.changedSince(tenantId, highWater, window);
  const mailboxes = (await deps.store.listMailboxes({ tenantId, enabledOnly: true }));

  const entries: InboxEntry[] = [];
  for (const activity of changes.activities) {
    const targets = new Set<string>();
    const pairs = await deps.store.findPairsByCrmObjectId(activity.objectId);
    for (const pair of pairs) targets.add(pair.mailboxId);
    for (const mailbox of mailboxes) if (isTargetMailbox(activity, mailbox, settings)) targets.add(mailbox.mailboxId);
    // The query's bound is inclusive (whole seconds), so the newest activities come back on every poll until
    // something newer changes; so do our own writes. A mailbox whose pair already recorded this very version has
    // nothing to learn from it (pairs in error are re-read by every session anyway): filing it again would only
    // start an empty session there.
    for (const pair of pairs) {
      const recorded = pair.crmVersion === activity.version && (pair.status !== 'synced' || pair.crmHash !== null);
      if (recorded) targets.delete(pair.mailboxId);
    }
    for (const mailboxId of targets) entries.push({ mailboxId, activity });
  }
  const hints = await settleCrmDeleteHints(deps, tenantId, deps.clock.now());
  const enabled = new Set(mailboxes.map((m) => m.mailboxId));
  // A confirmed delete goes in after the changes: it replaces an older entry of the same activity.
  const filed = [...entries, ...hints.entries].filter((e) => enabled.has(e.mailboxId));
  await deps.store.transaction(async (tx) => {
    await tx.putInbox(filed);
    await tx.setCursor(key, changes.nextHighWater);
    await tx.dropCrmDeleteHints(tenantId, hints.drop);
  });
  return {
    tenantId,
    activities: changes.activities.length,
    mailboxIds: [...new Set(filed.map((e) => e.mailboxId))].sort(),
    deletes: { filed: new Set(hints.entries.map((e) => e.activity.objectId)).size, waiting: hints.waiting, failure: hints.failure },
  };
}
