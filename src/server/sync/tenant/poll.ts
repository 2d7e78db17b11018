// One CRM change query per tenant and family (DESIGN §3): read the records changed since the high-water mark, file
// each under the mailboxes it concerns (those that already mirror it, and the ones the family's R7 rule targets),
// and advance the mark in the same transaction. The caller then enqueues a session for each affected mailbox. An
// entry only names the record: the session reads its current state (run/inbox.ts), since this snapshot can be
// older than a write the mailbox's session made while the poll ran.
import { withDefaults, type SyncSettings } from '../../domain/settings.js';
import type { CrmRecord, GroupwareItemPresent } from '../../domain/snapshots.js';
import { syncWindowAround } from '../../domain/sync-window.js';
import type { Mailbox } from '../../domain/mailbox.js';
import type { SyncPair } from '../../domain/sync-pair.js';
import type { Clock } from '../../ports/clock.js';
import type { CrmChangesOf } from '../../ports/crm-port.js';
import type { CrmDeleteHint } from '../../ports/crm-delete-notes.js';
import type { InboxEntry } from '../../ports/crm-inbox.js';
import type { SessionStore } from '../../ports/session-store.js';
import type { FamilySync } from '../family-sync.js';
import { settleCrmDeleteHints } from './delete-notes.js';

export interface TenantPollDeps {
  store: SessionStore;
  families: readonly FamilySync[];
  clock: Clock;
  /**
   * Runs the families' change queries so that their reads share one CRM round trip (the C4C adapter's $batch of
   * GETs); absent, each query goes out on its own.
   */
  readTogether?<T>(fn: () => Promise<T>): Promise<T>;
}

export interface TenantPollReport {
  tenantId: string;
  activities: number;
  /** Mailboxes that got inbox entries: run a session for each. */
  mailboxIds: string[];
  /** CRM delete notifications confirmed (filed as removed) and still waiting (tenant/delete-notes.ts). */
  deletes: { filed: number; waiting: number; failure: string | null };
}

interface FamilyPoll {
  entries: InboxEntry<CrmRecord>[];
  read: number;
  cursor: { kind: 'crmHighWater'; scopeId: string; value: string };
  dropHints: string[];
  filedDeletes: number;
  waiting: number;
  failure: string | null;
}

type CrmCursorKey = { kind: 'crmHighWater'; scopeId: string };

/** Each family's change query, all started in the same turn so that their reads can share one round trip. */
async function readFamilyChanges(deps: TenantPollDeps, tenantId: string, settings: SyncSettings): Promise<{ key: CrmCursorKey; changes: CrmChangesOf<CrmRecord> }[]> {
  const keys = deps.families.map((sync): CrmCursorKey => ({ kind: 'crmHighWater', scopeId: sync.crmCursorScope(tenantId) }));
  const highWaters = await Promise.all(keys.map((key) => deps.store.getCursor(key)));
  const window = syncWindowAround(deps.clock.now(), settings.window);
  const readAll = () => Promise.all(deps.families.map((sync, i) => sync.crm.changedSince(tenantId, highWaters[i] ?? null, window)));
  const changes = await (deps.readTogether ? deps.readTogether(readAll) : readAll());
  return keys.map((key, i) => ({ key, changes: changes[i]! }));
}

async function pollFamily<G extends GroupwareItemPresent, C extends CrmRecord<G['fields']>>(
  deps: TenantPollDeps,
  sync: FamilySync<G, C>,
  read: { key: CrmCursorKey; changes: CrmChangesOf<CrmRecord> },
  tenantId: string,
  settings: SyncSettings,
  mailboxes: readonly Mailbox[],
  hints: readonly CrmDeleteHint[],
): Promise<FamilyPoll> {
  const { key } = read;
  const changes = read.changes as CrmChangesOf<C>;
  const entries: InboxEntry<CrmRecord>[] = [];
  // The pairs of every changed record in one round trip, not one per record: each poll re-reads the newest second.
  const pairsOf = new Map<string, SyncPair[]>();
  for (const pair of await deps.store.findPairsByCrmObjectIds(changes.activities.map((r) => r.objectId))) {
    pairsOf.set(pair.crmObjectId ?? '', [...(pairsOf.get(pair.crmObjectId ?? '') ?? []), pair]);
  }
  for (const record of changes.activities) {
    const targets = new Set<string>();
    const pairs = pairsOf.get(record.objectId) ?? [];
    for (const pair of pairs) targets.add(pair.mailboxId);
    // A family whose mailboxes choose their records (contacts: the sync list) names them; else its R7 rule decides.
    if (sync.audienceOf) for (const mailboxId of await sync.audienceOf(record)) targets.add(mailboxId);
    else for (const mailbox of mailboxes) if (sync.family.isTarget(record, mailbox, settings)) targets.add(mailbox.mailboxId);
    // R8: its synced attendees too, once it came from groupware (their copies exist): their sessions follow their
    // copies, tagged or not, so that deleting or declining one takes them off it (sync/plan/planner.ts).
    if (sync.family.attendedBy && record.groupwareItemId !== null && !record.removed && record.status !== 'cancelled') {
      for (const mailbox of mailboxes) if (sync.family.attendedBy(record, mailbox)) targets.add(mailbox.mailboxId);
    }
    // The query's bound is inclusive (whole seconds), so the newest records come back on every poll until
    // something newer changes; so do our own writes. A mailbox whose pair already recorded this very version has
    // nothing to learn from it (pairs in error are re-read by every session anyway): filing it again would only
    // start an empty session there.
    for (const pair of pairs) {
      const recorded = pair.crmVersion === record.version && (pair.status !== 'synced' || pair.crmHash !== null);
      if (recorded) targets.delete(pair.mailboxId);
    }
    for (const mailboxId of targets) entries.push({ mailboxId, activity: record });
  }
  const settled = await settleCrmDeleteHints({ store: deps.store, crm: sync.crm }, tenantId, hints, deps.clock.now());
  return {
    // A confirmed delete goes in after the changes: it replaces an older entry of the same record.
    entries: [...entries, ...settled.entries],
    read: changes.activities.length,
    cursor: { ...key, value: changes.nextHighWater },
    dropHints: settled.drop,
    filedDeletes: new Set(settled.entries.map((e) => e.activity.objectId)).size,
    waiting: settled.waiting,
    failure: settled.failure,
  };
}

export async function pollTenant(deps: TenantPollDeps, tenantId: string): Promise<TenantPollReport> {
  const settings = withDefaults((await deps.store.getSettings(tenantId)) ?? {});
  const mailboxes = await deps.store.listMailboxes({ tenantId, enabledOnly: true });
  const hints = await deps.store.listCrmDeleteHints(tenantId);
  // The families' change queries at once (each reads only; the one transaction below records them all).
  const reads = await readFamilyChanges(deps, tenantId, settings);
  const polls: FamilyPoll[] = await Promise.all(deps.families.map((sync, i) => pollFamily(deps, sync, reads[i]!, tenantId, settings, mailboxes, hints.filter((h) => sync.family.kinds.includes(h.kind)))));
  const enabled = new Set(mailboxes.map((m) => m.mailboxId));
  const filed = polls.flatMap((p) => p.entries).filter((e) => enabled.has(e.mailboxId));
  await deps.store.transaction(async (tx) => {
    await tx.putInbox(filed);
    for (const p of polls) await tx.setCursor(p.cursor, p.cursor.value);
    await tx.dropCrmDeleteHints(tenantId, polls.flatMap((p) => p.dropHints));
  });
  return {
    tenantId,
    activities: polls.reduce((n, p) => n + p.read, 0),
    mailboxIds: [...new Set(filed.map((e) => e.mailboxId))].sort(),
    deletes: { filed: polls.reduce((n, p) => n + p.filedDeletes, 0), waiting: polls.reduce((n, p) => n + p.waiting, 0), failure: polls.find((p) => p.failure)?.failure ?? null },
  };
}
