// Phase 1 of a session: read both sides. The groupware delta since the cursor, the CRM records the tenant poll filed
// in the inbox (re-read now), the current state of pairs in error (R9 retries), on a full read whatever of live
// pairs the listing cannot show gone (deletes on either side, verify-deletes.ts), the unchanged side of every
// pair that changed on one side (other-sides.ts: the base keeps no values to stand in for it), and the user's copies
// of records they attend and this mailbox does not follow yet (shared-copies.ts, R8), and what the mailbox newly
// wants or no longer wants mirrored (FamilySync.wanted: the sync list of contacts, R14).
import { retriedByRereading } from '../../domain/errors.js';
import type { Mailbox } from '../../domain/mailbox.js';
import type { SyncSettings } from '../../domain/settings.js';
import type { CrmRecord, GroupwareItem, GroupwareItemPresent } from '../../domain/snapshots.js';
import { syncWindowAround } from '../../domain/sync-window.js';
import type { InboxEntry } from '../../ports/crm-inbox.js';
import type { FamilySync } from '../family-sync.js';
import type { PairOf } from '../plan/plan-types.js';
import { readInboxActivities } from './inbox.js';
import { outlookIdsForInbox, readOtherSides } from './other-sides.js';
import { readSharedCopies } from './shared-copies.js';
import { deletedInCrm, deletedInGroupware } from './verify-deletes.js';

export interface Sides<G extends GroupwareItemPresent, C extends CrmRecord<G['fields']>> {
  outlookItems: GroupwareItem<G>[];
  crmRecords: C[];
  full: boolean;
  nextCursor: string;
  /** Inbox entries this session acts on (acknowledged at commit). */
  consumed: InboxEntry<CrmRecord>[];
  /** Closed pairs the planner is not to see: their records are wanted anew (FamilySync.wanted). */
  reopened: string[];
  /** Closed pairs wanted anew whose groupware item is still there, naming the record: linked again (relinkable). */
  relinked: string[];
  /** The inbox could not be read: the CRM records waiting there are missing from `crmRecords`. */
  crmIncomplete: boolean;
  warnings: string[];
}

/**
 * R9 retries: the delta will not return unchanged items again, so re-read both halves of pairs in error. Also the
 * groupware items of pairs committed early by a session that died before its final commit (no version recorded).
 */
async function readRetries<G extends GroupwareItemPresent, C extends CrmRecord<G['fields']>>(sync: FamilySync<G, C>, mailbox: Mailbox, pairs: readonly PairOf<G, C>[], outlook: readonly GroupwareItem<G>[], crm: readonly C[]) {
  const inError = pairs.filter((p) => p.status === 'error' && retriedByRereading(p.lastError?.code));
  const unconfirmed = pairs.filter((p) => p.status === 'synced' && p.outlookId !== null && p.outlookVersion === null);
  const haveOutlook = new Set(outlook.map((i) => i.id));
  const haveCrm = new Set(crm.map((a) => a.objectId));
  const outlookIds = [...inError, ...unconfirmed].flatMap((p) => (p.outlookId && !haveOutlook.has(p.outlookId) ? [p.outlookId] : []));
  const crmRefs = inError.flatMap((p) => (p.crmObjectId && !haveCrm.has(p.crmObjectId) ? [{ kind: p.kind, objectId: p.crmObjectId }] : []));
  const [items, records] = await Promise.all([
    outlookIds.length > 0 ? sync.groupware.getItems(mailbox, outlookIds) : Promise.resolve([]),
    crmRefs.length > 0 ? sync.crm.getByIds(mailbox.tenantId, crmRefs) : Promise.resolve([]),
  ]);
  return { items, records };
}

/**
 * Of the closed pairs wanted anew, those whose groupware item is still there and still names the record: a contact
 * the user made, untagged by R11 when its record left the sync list (R11 deletes only the service's own copies, so
 * only a pair of groupware origin can have one). That contact is linked again, not given a copy beside it; the
 * others (their copy deleted) get a new copy. Their items are read here when the delta did not bring them.
 */
async function relinkable<G extends GroupwareItemPresent, C extends CrmRecord<G['fields']>>(sync: FamilySync<G, C>, mailbox: Mailbox, pairs: readonly PairOf<G, C>[], reopened: readonly string[], read: readonly GroupwareItem<G>[]) {
  const crmObjectIdOf = sync.family.crmObjectIdOf;
  const wanted = new Set(reopened);
  const candidates = crmObjectIdOf ? pairs.filter((p) => wanted.has(p.pairId) && p.origin === 'outlook' && p.outlookId !== null) : [];
  if (candidates.length === 0) return { items: [], relinked: [] };
  const have = new Set(read.map((i) => i.id));
  const unread = candidates.flatMap((p) => (p.outlookId && !have.has(p.outlookId) ? [p.outlookId] : []));
  const items = unread.length > 0 ? await sync.groupware.getItems(mailbox, unread) : [];
  const byId = new Map([...read, ...items].map((i) => [i.id, i]));
  const relinked = candidates.filter((p) => {
    const item = byId.get(p.outlookId as string);
    return item !== undefined && !item.removed && crmObjectIdOf?.(item) === p.crmObjectId;
  });
  return { items, relinked: relinked.map((p) => p.pairId) };
}

export async function readSides<G extends GroupwareItemPresent, C extends CrmRecord<G['fields']>>(
  sync: FamilySync<G, C>,
  mailbox: Mailbox,
  settings: SyncSettings,
  now: Date,
  state: { pairs: readonly PairOf<G, C>[]; cursor: string | null; inbox: readonly InboxEntry<CrmRecord>[] },
): Promise<Sides<G, C>> {
  const window = syncWindowAround(now, settings.window);
  // The groupware changes, the CRM records the inbox names, and the groupware side of those records' pairs (the
  // merge needs it: other-sides.ts) are read at once.
  const forInbox = outlookIdsForInbox(state.pairs, state.inbox);
  const [changes, inboxRead, prefetched, wanted] = await Promise.all([
    sync.groupware.readChanges(mailbox, state.cursor, window),
    readInboxActivities(sync.crm, mailbox, state.inbox),
    forInbox.length > 0 ? sync.groupware.getItems(mailbox, forInbox) : Promise.resolve([]),
    sync.wanted ? sync.wanted(mailbox, state.pairs) : Promise.resolve({ records: [] as C[], dropped: [] as C[], reopened: [] as string[] }),
  ]);
  const inDelta = new Set(changes.items.map((i) => i.id));
  const changed = [...changes.items, ...prefetched.filter((i) => !inDelta.has(i.id))];
  const retries = await readRetries(sync, mailbox, state.pairs, changed, inboxRead.activities);
  const listed = [...changed, ...retries.items];
  const outlookRead = changes.full ? [...listed, ...(await deletedInGroupware(sync, mailbox, state.pairs, listed, window))] : listed;
  // What the mailbox no longer wants stands in for its record (removed); what it newly wants joins the records read.
  const droppedIds = new Set(wanted.dropped.map((r) => r.objectId));
  const readNow = [...inboxRead.activities, ...retries.records].filter((r) => !droppedIds.has(r.objectId));
  const readIds = new Set(readNow.map((r) => r.objectId));
  const read = [...readNow, ...wanted.records.filter((r) => !readIds.has(r.objectId) && !droppedIds.has(r.objectId)), ...wanted.dropped];
  const crmRead = changes.full ? [...read, ...(await deletedInCrm(sync.crm, mailbox, state.pairs, read))] : read;
  const [others, shared] = await Promise.all([
    readOtherSides(sync, mailbox, settings, state.pairs, { outlook: outlookRead, crm: crmRead }),
    readSharedCopies(sync, mailbox, state.pairs, { outlook: outlookRead, crm: crmRead }),
  ]);
  const seen = [...outlookRead, ...others.outlookItems, ...shared.filter((i) => !others.outlookItems.some((o) => o.id === i.id))];
  const again = await relinkable(sync, mailbox, state.pairs, wanted.reopened ?? [], seen);
  const outlookItems = [...seen, ...again.items.filter((i) => !seen.some((o) => o.id === i.id))];
  const crmRecords = [...crmRead, ...others.crmRecords];
  const relinked = new Set(again.relinked);
  return { outlookItems, crmRecords, reopened: (wanted.reopened ?? []).filter((id) => !relinked.has(id)), relinked: again.relinked, full: changes.full, nextCursor: changes.nextCursor, consumed: inboxRead.consumed, crmIncomplete: inboxRead.warning !== null, warnings: inboxRead.warning ? [inboxRead.warning] : [] };
}
