// Contact and contact-folder writes with Graph's rules: defaults on create, partial PATCH (with displayName
// regenerated from the name parts, as contact-update warns), extended properties, moves that give the contact a new
// id, and folder create/rename/delete with Exchange's duplicate-name and default-folder rules. Every contact write
// takes a new store-wide version (delta, etag) and is announced to the subscription hub.
import { GraphError, badRequest, notFound } from '../errors.js';
import { normalizeExtendedPropertyId } from '../present.js';
import { moveContactToDeletedItems } from '../store/deleted-items.js';
import type { GraphStore, Mailbox } from '../store/graph-store.js';
import { isoNoMillis } from '../time.js';
import {
  ADDRESS_PARTS,
  CONTACT_ADDRESS_FIELDS,
  CONTACT_LIST_FIELDS,
  CONTACT_PLAIN_FIELDS,
  CONTACT_TEXT_FIELDS,
  emptyContactFields,
  type ContactFields,
  type ContactWrite,
  type PhysicalAddress,
  type StoredContact,
  type StoredContactFolder,
} from './contact-model.js';

export function defaultFolderOf(mailbox: Mailbox): StoredContactFolder {
  const folder = [...mailbox.contactFolders.values()].find((f) => f.isDefault);
  if (!folder) throw new Error(`mailbox ${mailbox.user.id} has no default contact folder`);
  return folder;
}

export function findContactFolder(mailbox: Mailbox, folderId: string): StoredContactFolder {
  const folder = mailbox.contactFolders.get(folderId);
  if (!folder) throw notFound();
  return folder;
}

/** Contact ids are unique in the mailbox, so /contacts/{id} finds a contact in any folder. */
export function findContact(mailbox: Mailbox, contactId: string): { folder: StoredContactFolder; contact: StoredContact } {
  for (const folder of mailbox.contactFolders.values()) {
    const contact = folder.contacts.get(contactId);
    if (contact) return { folder, contact };
  }
  throw notFound();
}

function birthdayOf(value: string): string {
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(ms)) throw badRequest(`Cannot convert the literal '${value}' to the expected type 'Edm.DateTimeOffset'.`, 'RequestBodyRead');
  return isoNoMillis(ms);
}

function addressOf(input: Partial<Record<(typeof ADDRESS_PARTS)[number], string | null | undefined>>): PhysicalAddress {
  const address: PhysicalAddress = {};
  for (const part of ADDRESS_PARTS) if (input[part] !== undefined) address[part] = input[part];
  return address;
}

const NAME_PARTS = ['givenName', 'middleName', 'surname'] as const;

/** Copies the written properties onto `fields`; a PATCH leaves the others as they were. */
function applyContactWrite(fields: ContactFields, input: ContactWrite, creating: boolean): void {
  for (const key of CONTACT_TEXT_FIELDS) if (input[key] !== undefined) fields[key] = input[key] ?? null;
  for (const key of CONTACT_PLAIN_FIELDS) if (input[key] !== undefined) fields[key] = input[key] ?? '';
  for (const key of CONTACT_LIST_FIELDS) if (input[key] !== undefined) fields[key] = [...(input[key] ?? [])];
  for (const key of CONTACT_ADDRESS_FIELDS) if (input[key] !== undefined) fields[key] = addressOf(input[key] ?? {});
  if (input.birthday !== undefined) fields.birthday = input.birthday === null ? null : birthdayOf(input.birthday);
  if (input.emailAddresses !== undefined) {
    // The contact-get sample shows a name equal to the address where none was given.
    fields.emailAddresses = (input.emailAddresses ?? []).map((e) => ({ name: e.name ?? e.address ?? null, address: e.address ?? null }));
  }
  // contact-update: "later updates to other properties may cause an automatically generated value to overwrite
  // the displayName value you have specified" — Exchange rebuilds it from the name parts unless it is sent too.
  const namesChanged = NAME_PARTS.some((k) => input[k] !== undefined);
  if (input.displayName === undefined && (creating || namesChanged)) {
    const generated = NAME_PARTS.map((k) => fields[k]).filter((v): v is string => Boolean(v)).join(' ');
    if (generated) fields.displayName = generated;
  }
}

function applyExtendedProperties(contact: StoredContact, input: ContactWrite): void {
  for (const prop of input.singleValueExtendedProperties ?? []) contact.extendedProperties.set(normalizeExtendedPropertyId(prop.id), prop.value);
}

/** Records a new version of the contact and announces it. */
function version(store: GraphStore, mailbox: Mailbox, contact: StoredContact, changeType: 'created' | 'updated', keepCreated = false): StoredContact {
  const v = store.nextVersion();
  contact.seq = v.seq;
  contact.changeKey = v.changeKey;
  contact.lastModifiedDateTime = v.at;
  if (changeType === 'created' && !keepCreated) contact.createdDateTime = v.at;
  store.emit({ mailboxId: mailbox.user.id, eventId: contact.id, contactFolderId: contact.folderId, changeType, changeKey: contact.changeKey });
  return contact;
}

/** A contact object from a write, not yet stored or versioned (the seed versions its own). */
export function contactFromWrite(id: string, folder: StoredContactFolder, input: ContactWrite): StoredContact {
  // Validate every extended property id before anything is kept (400 for a malformed one).
  for (const prop of input.singleValueExtendedProperties ?? []) normalizeExtendedPropertyId(prop.id);
  const fields = emptyContactFields();
  applyContactWrite(fields, input, true);
  const contact: StoredContact = {
    id, folderId: folder.id, changeKey: '', seq: 0, createdDateTime: '', lastModifiedDateTime: '', fields, extendedProperties: new Map(),
  };
  applyExtendedProperties(contact, input);
  return contact;
}

export function createContact(store: GraphStore, mailbox: Mailbox, folder: StoredContactFolder, input: ContactWrite): StoredContact {
  const contact = contactFromWrite(store.ids.contactId(), folder, input);
  folder.contacts.set(contact.id, contact);
  return version(store, mailbox, contact, 'created');
}

export function updateContact(store: GraphStore, mailbox: Mailbox, contact: StoredContact, input: ContactWrite): StoredContact {
  for (const prop of input.singleValueExtendedProperties ?? []) normalizeExtendedPropertyId(prop.id);
  const candidate = structuredClone(contact.fields);
  applyContactWrite(candidate, input, false);
  contact.fields = candidate;
  applyExtendedProperties(contact, input);
  return version(store, mailbox, contact, 'updated');
}

/** Takes a contact out of its folder: a tombstone for the folder's delta and a `deleted` notification. */
function takeOut(store: GraphStore, mailbox: Mailbox, folder: StoredContactFolder, contact: StoredContact): void {
  const v = store.nextVersion();
  folder.contacts.delete(contact.id);
  folder.tombstones.push({ id: contact.id, seq: v.seq });
  store.emit({ mailboxId: mailbox.user.id, eventId: contact.id, contactFolderId: folder.id, changeType: 'deleted' });
}

/** A deleted contact goes to Deleted Items with its extended properties, as Exchange does (not destroyed). */
export function deleteContact(store: GraphStore, mailbox: Mailbox, folder: StoredContactFolder, contact: StoredContact): void {
  takeOut(store, mailbox, folder, contact);
  moveContactToDeletedItems(store, mailbox, contact);
}

/**
 * An Outlook user moving a contact to another folder (Graph v1.0 has no move for contacts). Exchange item ids
 * change when an item changes folders, so the source folder sees it removed and the target a new contact.
 */
export function moveContact(store: GraphStore, mailbox: Mailbox, contact: StoredContact, target: StoredContactFolder): StoredContact {
  const source = findContactFolder(mailbox, contact.folderId);
  if (source.id === target.id) return contact;
  takeOut(store, mailbox, source, contact);
  const moved: StoredContact = {
    ...contact, id: store.ids.contactId(), folderId: target.id, fields: structuredClone(contact.fields), extendedProperties: new Map(contact.extendedProperties),
  };
  target.contacts.set(moved.id, moved);
  return version(store, mailbox, moved, 'created', true);
}

/** Exchange refuses a second folder of the same name (case-insensitive) under one parent. */
function checkUniqueName(mailbox: Mailbox, parentFolderId: string, displayName: string, except?: string): void {
  const wanted = displayName.toLowerCase();
  for (const folder of mailbox.contactFolders.values()) {
    if (folder.id !== except && folder.parentFolderId === parentFolderId && folder.displayName.toLowerCase() === wanted) {
      throw new GraphError(409, 'ErrorFolderExists', 'A folder with the specified name already exists.');
    }
  }
}

/** POST /contactFolders creates the folder under the user's default Contacts folder (user-post-contactfolders). */
export function createContactFolder(store: GraphStore, mailbox: Mailbox, displayName: string): StoredContactFolder {
  const parent = defaultFolderOf(mailbox);
  checkUniqueName(mailbox, parent.id, displayName);
  const folder: StoredContactFolder = {
    id: store.ids.contactFolderId(), displayName, parentFolderId: parent.id, isDefault: false, contacts: new Map(), tombstones: [],
  };
  mailbox.contactFolders.set(folder.id, folder);
  return folder;
}

export function renameContactFolder(mailbox: Mailbox, folder: StoredContactFolder, displayName: string): StoredContactFolder {
  if (folder.isDefault) throw badRequest('The default Contacts folder cannot be renamed.', 'ErrorInvalidRequest');
  checkUniqueName(mailbox, folder.parentFolderId, displayName, folder.id);
  folder.displayName = displayName;
  return folder;
}

/** Deleting a folder deletes its contacts (each one notified); the default folder cannot be deleted. */
export function deleteContactFolder(store: GraphStore, mailbox: Mailbox, folder: StoredContactFolder): void {
  if (folder.isDefault) throw badRequest('Distinguished folders cannot be deleted.', 'ErrorDeleteDistinguishedFolder');
  for (const contact of [...folder.contacts.values()]) takeOut(store, mailbox, folder, contact);
  mailbox.contactFolders.delete(folder.id);
}
