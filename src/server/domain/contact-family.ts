// The contact family (DESIGN R14): Outlook contacts in the service's contact folder ↔ the C4C records on the user's
// sync list (contacts, individual customers, employees, accounts). Everything here is a rule of contacts; the engine
// that runs it is family-blind (domain/family.ts). Which records a mailbox mirrors is its sync list, not a rule of
// the record (so `isTarget` holds for every record the tenant poll files for the mailbox). Nothing is ever deleted or
// cancelled in C4C: removing an Outlook copy takes the record off the list.
import { noShareKey, type ItemFamily } from './family.js';
import { CONTACT_TWO_WAY_FIELDS, contactCanonicalFields, contactProjection, hashContact } from './contact-canonical.js';
import { CONTACT_KINDS, type ContactKind, type CrmContactRecord, type NormalizedContact, type OutlookContactPresent } from './contact-item.js';
import { CRM_WRITABLE_FIELDS, mergeContact, readOnlyEdits } from './contact-merge.js';
import { canonicalJson } from './hash.js';
import { contactBlocker } from './c4c-contact-payloads.js';
import { contactDisplayName } from './graph-contact-payloads.js';
import type { SyncSettings } from './settings.js';

export const CONTACT_FAMILY_NAME = 'contacts';

const hasCategory = (categories: readonly string[], name: string) => categories.some((c) => c.toLowerCase() === name.toLowerCase());

/**
 * R14: a copy the service made syncs as the kind of its record; a contact the user made with the contact category
 * becomes a C4C contact. Everything else in the folder is the user's own.
 */
export function contactScopeOf(item: OutlookContactPresent, settings: SyncSettings): ContactKind | null {
  if (item.fields.crmRef) return item.fields.crmRef.kind;
  return hasCategory(item.categories, settings.categories.contact) ? 'contact' : null;
}

function twoWayPatch(fields: NormalizedContact): Partial<NormalizedContact> {
  const patch: Partial<NormalizedContact> = {};
  for (const field of CONTACT_TWO_WAY_FIELDS) (patch as Record<string, unknown>)[field] = fields[field];
  return patch;
}

export const contactFamily: ItemFamily<OutlookContactPresent, CrmContactRecord> = {
  name: CONTACT_FAMILY_NAME,
  kinds: CONTACT_KINDS,

  scopeOf: contactScopeOf,
  ignores: () => false,
  // Each user's copy is their own pair; copies of one record in several mailboxes meet in C4C (the sync list).
  shareKeyOf: noShareKey,

  mergeFields: CONTACT_TWO_WAY_FIELDS,
  hash: (fields, side, kind) => hashContact(fields, side, kind),
  canonicalFields: contactCanonicalFields,
  merge: mergeContact,
  // The C4C payload takes from it only what the record's kind accepts (c4c-contact-payloads.ts).
  fullPatch: twoWayPatch,

  // A new C4C contact gets the Outlook contact's content; privacy and the record link are C4C's to give.
  crmCreateFields: (fields) => ({ ...fields, private: false, crmRef: null }),
  createsAsOwner: () => true,
  blocker: (fields, _settings, kind) => contactBlocker(fields, kind),
  isTarget: () => true,
  categoryFor: (kind, settings) => settings.categories[kind],
  syncCategories: (settings) => [...new Set(CONTACT_KINDS.map((kind) => settings.categories[kind]))],
  crmGoneNotice: 'The record was deleted or blocked in SAP Cloud for Customer; this contact is no longer synced.',

  // R9: what C4C does not take from Outlook is reverted by the merge; the copy says why.
  revertReason: ({ base, outlook, crm, kind }) => {
    const fields = readOnlyEdits(base, outlook, crm, kind);
    if (fields.length === 0) return null;
    const what = kind === 'employee' ? 'Employees are read-only in Outlook' : 'SAP Cloud for Customer does not take these from Outlook';
    return { code: 'readOnlyEdit', message: `${what}; your change was undone: ${fields.join(', ')}.` };
  },

  // Deleting the Outlook copy never deletes or cancels in C4C: the pair closes without a write (an empty patch), and
  // the session takes the record off the user's sync list (sync/contact-sync.ts).
  patchForRemovedCopy: () => ({}),

  // The duplicate check may take an existing C4C contact (c4c/contact-writer.ts): it holds what the create sent only
  // if it agrees on what a create writes (C4C keeps the first e-mail address and phone).
  createdAsSent: (sent, record) => {
    const [a, b] = [contactProjection(sent, 'crm', record.kind), contactProjection(record.fields, 'crm', record.kind)];
    return CRM_WRITABLE_FIELDS[record.kind].every((field) => canonicalJson(a[field]) === canonicalJson(b[field]));
  },

  // The hashes leave the record link out (it is no content): an update that was to write it landed only if the copy
  // names the record now. Else a timed-out write of the link, re-read, passed for done and the copy never named it.
  holdsUpdate: (side, current, _after, patch) => side !== 'outlook' || !patch.crmRef || current.crmRef?.objectId === patch.crmRef.objectId,

  // Graph contacts have no transactionId: the record property the service writes names the copy's record.
  crmObjectIdOf: (item) => item.fields.crmRef?.objectId ?? null,
  groupwareLinkPatch: (record) => (record.fields.crmRef ? { crmRef: record.fields.crmRef } : null),
  // Known bug 11: a contact made in Outlook whose duplicate check took a record the folder already mirrors (a listed
  // record's copy, another contact made with the same address) loses its record property and categories instead.
  unlinkPatch: { crmRef: null },
  duplicateNotice: 'SAP Cloud for Customer already has this contact, and this folder holds it already; this contact is no longer synced.',
  // Outlook add-ins do not run on contacts: the released contact's notes say why (the service's note line), naming
  // the contact that keeps the record so the user knows where to copy a detail before deleting this one.
  releaseNotice: (holder) => {
    const name = holder ? contactDisplayName(holder) : '';
    return `${name === '' ? 'Another contact' : name} in this folder is already the copy of this C4C contact; copy what you need over to it and delete this one.`;
  },
};
