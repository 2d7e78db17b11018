// Groupware items that name their CRM record themselves (contacts: the record property the service writes; tasks: the
// linked resource) but have no pair row: a session died before recording the pair of a copy it made. The record is
// read, so the planner pairs the copy with it (planner.ts) instead of taking the copy for a new item to create in the
// CRM: the session may not read that record otherwise (contacts: it left the sync list meanwhile).
import type { FamilySync } from '../family-sync.js';
import type { Mailbox } from '../../domain/mailbox.js';
import type { SyncSettings } from '../../domain/settings.js';
import type { CrmRecord, GroupwareItem, GroupwareItemPresent } from '../../domain/snapshots.js';

/** The records read, with those that unpaired copies name (read now if they were not) as the planner is to see them. */
export async function withNamedRecords<G extends GroupwareItemPresent, C extends CrmRecord<G['fields']>>(
  sync: Pick<FamilySync<G, C>, 'family' | 'crm' | 'unwantedOf'>,
  mailbox: Mailbox,
  settings: SyncSettings,
  pairs: readonly { outlookId: string | null; crmObjectId: string | null; status: string }[],
  read: { outlook: readonly GroupwareItem<G>[]; crm: readonly C[] },
  /** Items with a create of their own left over (pending-creates.ts): theirs is the record that create made. */
  creating: ReadonlySet<string>,
  /**
   * Which names are of records of a system the tenant was re-paired away from (StateReader.forgottenCrmObjectIds).
   * Such a record is unknown here, not deleted: its item is passed over, and the planner syncs it as a new item.
   */
  forgotten: (objectIds: readonly string[]) => Promise<ReadonlySet<string>>,
): Promise<C[]> {
  const { family } = sync;
  if (!family.crmObjectIdOf) return [...read.crm];
  // A closed pair's record may have a new copy (planner.ts: superseded pairs), whose record is read too.
  const paired = new Set(pairs.flatMap((p) => [p.outlookId ? `o:${p.outlookId}` : '', p.crmObjectId && p.status !== 'closed' ? `c:${p.crmObjectId}` : '']));
  const readIds = new Set(read.crm.map((r) => r.objectId));
  const named = new Map<string, { kind: C['kind']; objectId: string }>();
  for (const item of read.outlook) {
    if (item.removed || paired.has(`o:${item.id}`) || creating.has(item.id)) continue;
    const objectId = family.crmObjectIdOf(item);
    const kind = family.scopeOf(item, settings);
    if (objectId && kind && !paired.has(`c:${objectId}`)) named.set(objectId, { kind, objectId });
  }
  if (named.size === 0) return [...read.crm];
  const unknown = [...named.keys()].filter((id) => !readIds.has(id));
  for (const id of unknown.length > 0 ? await forgotten(unknown) : []) named.delete(id);
  const unread = [...named.values()].filter((ref) => !readIds.has(ref.objectId));
  const records = [...read.crm, ...(unread.length > 0 ? await sync.crm.getByIds(mailbox.tenantId, unread) : [])];
  // A record the mailbox no longer wants (contacts: taken off the list meanwhile) reads as gone, as the records of
  // live pairs it no longer wants do (FamilySync.wanted): the copy is paired and removed in this session (R11). Such
  // a copy, without a pair or a create of its own, is the service's (an item names its record only once the service
  // wrote the link, after a create that leaves a pending create until its pair is recorded): a record deleted since
  // is followed as for our copies (deleted), not as for an item that may be the user's own (untagged).
  const mine = records.filter((r) => named.has(r.objectId));
  const unwanted = sync.unwantedOf ? await sync.unwantedOf(mailbox, mine.filter((r) => !r.removed)) : new Set<string>();
  return records.map((r) => (named.has(r.objectId) && (r.removed || unwanted.has(r.objectId)) ? { ...r, removed: false, status: 'cancelled' as const } : r));
}
