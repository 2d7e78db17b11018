// The admin's dry run (issue 17, R15): what the next session of a mailbox would do, enrolled or not, under the stored
// settings or proposed ones. It runs a session's read stage (read-sides.ts) and plan stage (plan-stage.ts, the pure
// planner) exactly as runSession does, from the same store reads, and stops there: no write-ahead, no apply, no
// commit. Nothing is written to Graph, Google, C4C or the store (no cursor, pair, log, hold or inbox change).
//
// Where a family's first read makes something (the To Do service list, the contact folder, a Google mailbox's two
// calendars), it reads through the groupware port's read-only view instead (GroupwarePort.readOnly): what is missing
// reads as empty, as it is, and the family's result names what the first session would make. The contacts' sync list
// is read as stored: its rule, which writes the list, is evaluated by sessions only (the family's note says so).
import type { DryRunFamily, DryRunItem } from '../../../shared/admin-api.js';
import type { ActionGroup } from '../../domain/actions.js';
import type { Mailbox } from '../../domain/mailbox.js';
import type { SyncSettings } from '../../domain/settings.js';
import type { CrmRecord, GroupwareItemPresent } from '../../domain/snapshots.js';
import type { StateSealer } from '../../domain/state-digest.js';
import { heldPairIds } from '../../domain/sync-log.js';
import type { Clock } from '../../ports/clock.js';
import type { SessionStore } from '../../ports/session-store.js';
import { familyServes, type FamilySync } from '../family-sync.js';
import type { PairOf } from '../plan/plan-types.js';
import { planStage } from './plan-stage.js';
import { readSides } from './read-sides.js';

export interface DryRunDeps {
  store: SessionStore;
  families: readonly FamilySync[];
  sealer: StateSealer;
  clock: Clock;
}

export interface DryRunPlan {
  families: DryRunFamily[];
  /** Every item with something to do, in the planner's order (held ones last). */
  items: DryRunItem[];
}

const NOT_PREVIEWED = 'its first read would write and it has no read-only view: not previewed';

/** The family as the dry run reads it: as it is when its reads write nothing, else over the port's read-only view. */
async function readOnlyFamily<G extends GroupwareItemPresent, C extends CrmRecord<G['fields']>>(sync: FamilySync<G, C>, mailbox: Mailbox): Promise<{ sync: FamilySync<G, C>; wouldCreate: string[] } | null> {
  if (sync.readsWriteNothing?.(mailbox)) return { sync, wouldCreate: [] };
  if (!sync.groupware.readOnly) return null;
  const view = await sync.groupware.readOnly(mailbox);
  const wanted = sync.wanted;
  return {
    sync: { ...sync, groupware: view.port, ...(wanted ? { wanted: (m: Mailbox, pairs: Parameters<typeof wanted>[1]) => wanted(m, pairs, { readOnly: true }) } : {}) },
    wouldCreate: view.wouldCreate,
  };
}

/** The actions a group names, as a session's report counts them (recordState is the pair's bookkeeping, not an action). */
const actionsOf = (group: ActionGroup<object, string>): string[] => group.steps.map((s) => s.type).filter((t) => t !== 'recordState');

async function previewFamily<G extends GroupwareItemPresent, C extends CrmRecord<G['fields']>>(deps: DryRunDeps, family: FamilySync<G, C>, mailbox: Mailbox, settings: SyncSettings, rereads: boolean): Promise<{ family: DryRunFamily; items: DryRunItem[] }> {
  const view = await readOnlyFamily(family, mailbox);
  if (!view) return { family: { family: family.family.name, previewed: false, reason: NOT_PREVIEWED }, items: [] };
  const { sync, wouldCreate } = view;
  const { store } = deps;
  const mailboxId = mailbox.mailboxId;
  const own = (kind: string) => sync.family.kinds.includes(kind);
  // What runSession reads before its families start, this family's share of it.
  const [allPairs, stored, inbox, leftovers, intents, released] = await Promise.all([
    store.loadPairs(mailboxId),
    store.getCursor({ kind: sync.cursor, scopeId: mailboxId }),
    store.listInbox(mailboxId),
    store.listPendingCreates(mailboxId),
    store.listWriteIntents(mailboxId),
    store.listHolds({ mailboxId, status: 'released' }),
  ]);
  const pairs = allPairs.filter((p) => p.family === sync.family.name) as unknown as PairOf<G, C>[];
  // A setting that decides which items sync makes every mailbox read in full (PUT /api/admin/settings forgets the
  // cursors); a mailbox never synced has none.
  const cursor = rereads ? null : stored;
  const nowDate = deps.clock.now();
  const sides = await readSides(sync, mailbox, settings, nowDate, { pairs, cursor, inbox: inbox.filter((e) => own(e.activity.kind)) });
  const scope = { store, mailbox, settings, now: nowDate.toISOString(), intents, leftovers: leftovers.filter((p) => own(p.kind)), seal: deps.sealer(mailbox.tenantId), released: new Set(released.flatMap(heldPairIds)) };
  const { planned } = await planStage(sync, scope, pairs, sides);

  const actions: Record<string, number> = {};
  for (const group of planned.groups) for (const type of actionsOf(group)) actions[type] = (actions[type] ?? 0) + 1;
  const warnings: Record<string, number> = {};
  for (const w of planned.warnings) warnings[w.code] = (warnings[w.code] ?? 0) + 1;
  const item = (group: (typeof planned.groups)[number], held: boolean): DryRunItem => ({
    family: sync.family.name,
    pairId: group.pairId,
    kind: group.record.pair.kind,
    actions: actionsOf(group),
    held,
    outlookId: group.record.pair.outlookId,
    crmObjectId: group.record.pair.crmObjectId,
  });
  const items = [...planned.groups.map((g) => item(g, false)), ...planned.held.map((g) => item(g, true))].filter((i) => i.actions.length > 0);
  return {
    family: { family: sync.family.name, previewed: true, fullRead: sides.full, read: { outlook: sides.outlookItems.length, crm: sides.crmRecords.length }, actions, held: planned.held.length, warnings, wouldCreate, notes: sync.dryRunNotes?.() ?? [] },
    items,
  };
}

/** The dry run of `mailbox`'s next session under `settings` (`rereads`: they change which items sync). */
export async function dryRunSession(deps: DryRunDeps, mailbox: Mailbox, settings: SyncSettings, rereads: boolean): Promise<DryRunPlan> {
  const families = deps.families.filter((sync) => familyServes(sync, mailbox));
  const previews = await Promise.all(families.map((sync) => previewFamily(deps, sync, mailbox, settings, rereads)));
  return { families: previews.map((p) => p.family), items: previews.flatMap((p) => p.items) };
}
