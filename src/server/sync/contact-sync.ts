// The contact family (R14) bound to its ports: Outlook contacts in the service's contact folder ↔ the C4C records on
// each user's sync list. The engine runs it like the other families; what is its own is that the sync list, not a
// rule of the record, says which records a mailbox mirrors:
// - the tenant poll files a changed record under the mailboxes whose list holds it (`audienceOf`);
// - a session creates the copies of entries it has no pair for, and removes the copies of records no longer on the
//   list (`wanted`: a stand-in marked removed makes the planner treat them as a C4C delete, R11: the service's own
//   copies are deleted, a contact the user made is untagged with a notice);
// - a copy the user deleted takes its record off the list, and a contact the user made in the folder, once C4C has
//   it (created, or the existing contact the duplicate check found), joins the list (`selectionChanged`).
// Nothing here ever deletes or cancels in C4C (contact-family.ts closes the pair of a deleted copy without a write).
import { contactFamily } from '../domain/contact-family.js';
import type { ContactKind, CrmContactRecord, OutlookContactPresent } from '../domain/contact-item.js';
import { removedContactRecord } from '../domain/normalize-c4c-contact.js';
import type { CrmPort } from '../ports/crm-port.js';
import type { GroupwarePort } from '../ports/groupware-port.js';
import type { SyncList, SyncListEntryRef } from '../ports/sync-list.js';
import type { FamilySync } from './family-sync.js';
import type { SyncListRule } from './sync-list-rule.js';

export interface ContactCrm extends CrmPort<CrmContactRecord> {
  /** The records a sync list names (readable ids); ids C4C does not have are absent. */
  getByC4cIds(kind: ContactKind, c4cIds: readonly string[]): Promise<Map<string, CrmContactRecord>>;
  /** C4C contacts with one of these e-mail addresses, oldest first: the duplicate check a create makes. */
  findContactsByEmail(emails: readonly string[]): Promise<CrmContactRecord[]>;
}

const keyOf = (ref: SyncListEntryRef) => `${ref.type}:${ref.c4cId}`;

export function contactSync(ports: {
  contacts: GroupwarePort<OutlookContactPresent, ContactKind>;
  crm: ContactCrm;
  syncList: SyncList;
  /** The admin rule (sync-list-rule.ts), brought up to date before the list is read; none: the list is the users' alone. */
  rule?: SyncListRule;
}): FamilySync<OutlookContactPresent, CrmContactRecord> {
  const { crm, syncList, rule } = ports;
  // A record's readable id never changes, nor does its ObjectID: once read, an entry's record is known for the life
  // of the process, so a session reads C4C only for entries it has no copy of (null: C4C has no such record).
  const objectIds = new Map<string, string | null>();
  const refOf = new Map<string, SyncListEntryRef>();
  const remember = (ref: SyncListEntryRef, objectId: string | null) => {
    objectIds.set(keyOf(ref), objectId);
    if (objectId) refOf.set(objectId, ref);
  };

  async function readEntries(refs: readonly SyncListEntryRef[]): Promise<CrmContactRecord[]> {
    const records: CrmContactRecord[] = [];
    for (const kind of new Set(refs.map((r) => r.type))) {
      const ids = refs.filter((r) => r.type === kind).map((r) => r.c4cId);
      const found = await crm.getByC4cIds(kind, ids);
      for (const c4cId of ids) {
        const record = found.get(c4cId);
        remember({ type: kind, c4cId }, record?.objectId ?? null);
        if (record) records.push(record);
      }
    }
    return records;
  }

  return {
    family: contactFamily,
    groupware: ports.contacts,
    crm,
    cursor: 'contactDelta',
    crmCursorScope: (tenantId) => `${tenantId}/contacts`,

    async audienceOf(record) {
      const c4cId = record.fields.crmRef?.c4cId;
      return c4cId ? syncList.holders({ type: record.kind, c4cId }) : [];
    },

    // A dry run does not evaluate the rule (that writes the list): it reads the list as it is, and says so.
    dryRunNotes: () => (rule?.active ? ["the sync list rule is evaluated by the session, not by a dry run: contacts it would add to the list are not counted"] : []),

    async wanted(mailbox, pairs, options) {
      if (!options?.readOnly) await rule?.refresh(mailbox);
      const entries = await syncList.list(mailbox.mailboxId);
      const live = pairs.filter((p) => p.status !== 'closed' && p.crmObjectId !== null);
      const liveIds = new Set(live.map((p) => p.crmObjectId as string));
      // Entries without a live copy are read now (new ones, re-added ones, and any after a restart of the process).
      const unread = entries.filter((e) => {
        const known = objectIds.get(keyOf(e));
        return known === undefined || (known !== null && !liveIds.has(known));
      });
      const read = unread.length > 0 ? await readEntries(unread) : [];
      const listed = new Set(entries.map((e) => objectIds.get(keyOf(e))).filter((id): id is string => typeof id === 'string'));
      // A blocked record is wanted by no one (R11): it reopens no closed pair. Reopened, the pair of a contact the user
      // made, untagged when its record was blocked but still naming it, would hide and the contact pass for a copy.
      const records = read.filter((r) => !liveIds.has(r.objectId) && !r.removed && r.status !== 'cancelled');
      const wantedAgain = new Set(records.map((r) => r.objectId));
      return {
        records,
        // A record whose copy the user deleted (its pair closed) and that is on the list again gets a new copy.
        reopened: pairs.filter((p) => p.status === 'closed' && p.crmObjectId !== null && wantedAgain.has(p.crmObjectId)).map((p) => p.pairId),
        // A contact made in Outlook whose session could not finish it (its link, or the list entry that follows the
        // commit, not written: the pair unconfirmed) is not taken for one taken off the list; the session that
        // confirms it adds the entry (run/session.ts).
        dropped: live.filter((p) => !listed.has(p.crmObjectId as string) && !(p.origin === 'outlook' && p.outlookVersion === null)).map((p) => removedContactRecord(p.crmObjectId as string, p.kind as ContactKind)),
      };
    },

    // The create of a contact made in Outlook takes the oldest C4C contact with one of its e-mail addresses, if any
    // (contact-writer.ts): so does this look-up of the record a lost create made.
    async findCreated(_mailbox, kind, fields) {
      const emails = fields.emails.filter((e) => e.trim() !== '');
      if (kind !== 'contact' || emails.length === 0) return null;
      const [found] = await crm.findContactsByEmail(emails);
      return found ?? null;
    },

    // A replayed create's copy was made after its record joined the list: a copy in Deleted Items from before is that
    // of an earlier time on the list (deleted by the user, or by the service when the record left it).
    async chosenSince(mailbox, fields) {
      const ref = fields.crmRef;
      if (!ref) return null;
      const entry = (await syncList.list(mailbox.mailboxId)).find((e) => e.type === ref.kind && e.c4cId === ref.c4cId);
      return entry?.addedAt ?? null;
    },

    async unwantedOf(mailbox, records) {
      const listed = new Set((await syncList.list(mailbox.mailboxId)).map(keyOf));
      return new Set(records.filter((r) => !r.fields.crmRef || !listed.has(keyOf({ type: r.kind, c4cId: r.fields.crmRef.c4cId }))).map((r) => r.objectId));
    },

    async selectionChanged(mailbox, done) {
      for (const record of done.createdFromGroupware) {
        const ref = record.fields.crmRef;
        if (!ref) continue;
        const entry = { type: record.kind, c4cId: ref.c4cId };
        remember(entry, record.objectId);
        await syncList.add(mailbox.mailboxId, entry, 'user');
      }
      if (done.copiesRemoved.length === 0) return;
      const unknown = done.copiesRemoved.filter((r) => !refOf.has(r.objectId));
      if (unknown.length > 0) {
        for (const record of await crm.getByIds(mailbox.tenantId, unknown)) {
          if (!record.removed && record.fields.crmRef) remember({ type: record.kind, c4cId: record.fields.crmRef.c4cId }, record.objectId);
        }
      }
      for (const { objectId } of done.copiesRemoved) {
        const ref = refOf.get(objectId);
        if (ref) await syncList.remove(mailbox.mailboxId, ref);
      }
    },
  };
}
