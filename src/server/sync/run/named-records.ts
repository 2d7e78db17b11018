// Groupware items that name their CRM record themselves (contacts: the record property the service writes; tasks: the
// linked resource) but have no pair row: a session died before recording the pair of a copy it made. The record is
// read, so the planner pairs the copy with it (planner.ts) instead of taking the copy for a new item to create in the
// CRM: the session may not read that record otherwise (contacts: it left the sync list meanwhile).
import type { FamilySync } from '../family-sync.js';
import type { Mailbox } from '../../domain/mailbox.js';
import type { SyncSettings } from '../../domain/settings.js';
import type { CrmRecord, GroupwareItem, GroupwareItemPresent } from '../../domain/snapshots.js';

export async function namedRecordsToRead<G extends GroupwareItemPresent, C extends CrmRecord<G['fields']>>(
  sync: Pick<FamilySync<G, C>, 'family' | 'crm' | 'unwantedOf'>,
  mailbox: Mailbox,
  settings: SyncSettings,
  pairs: readonly { outlookId: string | null; crmObjectId: string | null }[],
  read: { outlook: readonly GroupwareItem<G>[]; crm: readonly C[] },
): Promise<C[]> {
  const { family } = sync;
  if (!family.crmObjectIdOf) return [];
  const paired = new Set(pairs.flatMap((p) => [p.outlookId ? `o:${p.outlookId}` : '', p.crmObjectId ? `c:${p.crmObjectId}` : '']));
  const readIds = new Set(read.crm.map((r) => r.objectId));
  const refs = new Map<string, { kind: C['kind']; objectId: string }>();
  for (const item of read.outlook) {
    if (item.removed || paired.has(`o:${item.id}`)) continue;
    const objectId = family.crmObjectIdOf(item);
    const kind = family.scopeOf(item, settings);
    if (objectId && kind && !readIds.has(objectId) && !paired.has(`c:${objectId}`)) refs.set(objectId, { kind, objectId });
  }
  if (refs.size === 0) return [];
  const records = await sync.crm.getByIds(mailbox.tenantId, [...refs.values()]);
  // A record the mailbox no longer wants (contacts: taken off the list meanwhile) reads as gone, as the records of
  // live pairs it no longer wants do (FamilySync.wanted): the copy is paired and removed in this session (R11).
  const unwanted = sync.unwantedOf ? await sync.unwantedOf(mailbox, records) : new Set<string>();
  return records.map((r) => (unwanted.has(r.objectId) && !r.removed ? { ...r, status: 'cancelled' as const } : r));
}
