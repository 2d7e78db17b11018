// Phase 2 of a session, between reading both sides (read-sides.ts) and writing anything: what the pure planner
// (plan/planner.ts) is given beyond the reads (the records a crashed create left to adopt, the records items name,
// the tenant's synced peers) and the plan itself, replanned once for replayed creates whose item the user deleted.
// Shared by the session (session.ts) and the admin's dry run (dry-run.ts), so a dry run plans exactly as the session
// it previews. It reads (the CRM, the groupware side, the store) and writes nothing.
import type { Mailbox } from '../../domain/mailbox.js';
import type { SyncSettings } from '../../domain/settings.js';
import type { CrmRecord, GroupwareItem, GroupwareItemPresent } from '../../domain/snapshots.js';
import type { StateSeal } from '../../domain/state-digest.js';
import type { WriteIntent } from '../../domain/write-intent.js';
import type { PendingCreate } from '../../ports/pending-creates.js';
import type { SessionStore } from '../../ports/session-store.js';
import type { FamilySync } from '../family-sync.js';
import { plan } from '../plan/planner.js';
import type { PairOf, PlanInput, PlanOutput } from '../plan/plan-types.js';
import { deletedCreatesOf, withDeletedCreates } from './deleted-creates.js';
import { withNamedRecords } from './named-records.js';
import { leftoverRecordsToAdopt } from './pending-creates.js';
import type { Sides } from './read-sides.js';

export interface PlanStageScope {
  store: Pick<SessionStore, 'listMailboxes' | 'forgottenCrmObjectIds'>;
  mailbox: Mailbox;
  settings: SyncSettings;
  /** ISO UTC time of the session. */
  now: string;
  intents: readonly WriteIntent<object>[];
  /** This family's pending creates left over from an earlier session. */
  leftovers: readonly PendingCreate[];
  seal: StateSeal;
  released: ReadonlySet<string>;
}

export interface PlanStage<G extends GroupwareItemPresent, C extends CrmRecord<G['fields']>> {
  planned: PlanOutput<G, C>;
  /** The CRM records the plan saw (those read, adopted and named). */
  crmRecords: C[];
  /** The planner's warnings (`code: message`), the reads' and the replay check's. */
  warnings: string[];
  /**
   * Pairs of replayed creates whose item the user deleted (found in deleted items): closed by this plan, though no
   * committed row named the item (a family choosing its records takes them off the user's choice, R14).
   */
  deletedCreates: ReadonlySet<string>;
}

/**
 * The record a create left over from a crashed or failed session made: the one its item names (the link is written
 * only after the create), else the one the create takes for the fields it sent (its intent).
 */
async function createdRecordOf<G extends GroupwareItemPresent, C extends CrmRecord<G['fields']>>(sync: FamilySync<G, C>, mailbox: Mailbox, pending: PendingCreate, intents: readonly WriteIntent<G['fields']>[], items: readonly GroupwareItem<G>[]): Promise<C | null> {
  const item = items.find((i): i is G => i.id === pending.outlookId && !i.removed);
  const named = item ? (sync.family.crmObjectIdOf?.(item) ?? null) : null;
  const namedRecord = named ? ((await sync.crm.getByIds(mailbox.tenantId, [{ kind: pending.kind as C['kind'], objectId: named }]))[0] ?? null) : null;
  // A name is the record of the item's LAST linked create, which may not be the pending one: a session made a record
  // and wrote the link, died before recording the pair, C4C deleted that record, and a later session's create (its
  // answer lost, the link not written) made another. A deleted name says nothing of that create: its record is found
  // by the fields it sent, as the create's own duplicate check would (known bug 9, fast-check seed 1963132799).
  if (namedRecord && !namedRecord.removed) return namedRecord;
  const fields = intents.find((i) => i.pairId === pending.pairId)?.intended ?? item?.fields;
  return fields && sync.findCreated ? sync.findCreated(mailbox, pending.kind as C['kind'], fields) : null;
}

/**
 * R8: which owners of the shared records the items name (calendar: organizers of meetings this mailbox attends) are
 * the tenant's synced users: their copies own those records. Read only when an item names one.
 */
async function peersOf<G extends GroupwareItemPresent, C extends CrmRecord<G['fields']>>(sync: FamilySync<G, C>, store: PlanStageScope['store'], mailbox: Mailbox, items: readonly GroupwareItem<G>[]): Promise<ReadonlySet<string>> {
  const named = new Set(items.flatMap((i) => (i.removed ? [] : [sync.family.sharedOwnerOf?.(i)?.toLowerCase() ?? null])).filter((e): e is string => e !== null && e !== mailbox.email.toLowerCase()));
  if (named.size === 0) return named;
  const synced = await store.listMailboxes({ tenantId: mailbox.tenantId, enabledOnly: true });
  return new Set(synced.map((m) => m.email.toLowerCase()).filter((e) => named.has(e)));
}

export async function planStage<G extends GroupwareItemPresent, C extends CrmRecord<G['fields']>>(sync: FamilySync<G, C>, scope: PlanStageScope, pairs: readonly PairOf<G, C>[], sides: Sides<G, C>): Promise<PlanStage<G, C>> {
  const { store, mailbox, settings, now } = scope;
  const intents = scope.intents as readonly WriteIntent<G['fields']>[];
  const peers = await peersOf(sync, store, mailbox, sides.outlookItems);
  const reopened = new Set(sides.reopened);
  const findCreated = sync.findCreated ? (p: PendingCreate) => createdRecordOf(sync, mailbox, p, intents, sides.outlookItems) : undefined;
  const adoptable = scope.leftovers.length > 0 ? await leftoverRecordsToAdopt(sync.crm, mailbox, scope.leftovers, pairs, { outlook: sides.outlookItems, crm: sides.crmRecords }, findCreated) : [];
  // The found records stand in for the same records read otherwise: they carry the create's GroupwareItemID.
  const adoptedIds = new Set(adoptable.map((r) => r.objectId));
  const readRecords = [...sides.crmRecords.filter((r) => !adoptedIds.has(r.objectId)), ...adoptable];
  const crmRecords = await withNamedRecords(sync, mailbox, settings, pairs, { outlook: sides.outlookItems, crm: readRecords }, new Set(scope.leftovers.map((p) => p.outlookId)), (ids) => store.forgottenCrmObjectIds(mailbox.tenantId, ids));
  // A relinked pair (read-sides.ts) is live again as it was when it closed: its item counts as changed, so both sides
  // are merged against the pair's base and the row is written back as synced.
  const relinked = new Set(sides.relinked);
  const planPairs = pairs.filter((p) => !reopened.has(p.pairId)).map((p) => (relinked.has(p.pairId) ? { ...p, status: 'synced' as const, outlookHash: null } : p));
  const planInput: PlanInput<G, C> = { family: sync.family, mailbox, settings, pairs: planPairs, outlookItems: sides.outlookItems, crmActivities: crmRecords, now, intents, crmIncomplete: sides.crmIncomplete, seal: scope.seal, released: scope.released, peers };
  let planned = plan(planInput);
  // A replayed create whose item the user deleted meanwhile: the delete wins (R11), the item is not made again.
  const deletedCreates = await deletedCreatesOf(sync, mailbox, planned.groups, new Set(intents.map((i) => i.pairId)));
  if (deletedCreates.deleted.size > 0) planned = plan({ ...planInput, ...withDeletedCreates(planned.groups, deletedCreates.deleted, planInput) });
  const warnings = [...planned.warnings.map((w) => `${w.code}: ${w.message}`), ...sides.warnings, ...(deletedCreates.warning ? [deletedCreates.warning] : [])];
  return { planned, crmRecords, warnings, deletedCreates: new Set(deletedCreates.deleted.keys()) };
}
