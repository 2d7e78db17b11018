// Outlook personal contacts as the sandbox stores them (contact, contactFolder; learn.microsoft.com resources/contact,
// contactfolder, contact-update), and the zod schemas of what clients may write. Unknown properties are rejected
// like Graph does; read-only ones that clients echo back are accepted and ignored.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { extendedPropertySchema } from '../model.js';

/** Single-valued text properties; unset ones render as null (contact-get sample response). */
export const CONTACT_TEXT_FIELDS = [
  'assistantName', 'businessHomePage', 'companyName', 'department', 'generation', 'givenName', 'initials', 'jobTitle',
  'manager', 'middleName', 'mobilePhone', 'nickName', 'officeLocation', 'profession', 'spouseName', 'surname', 'title',
  'yomiCompanyName', 'yomiGivenName', 'yomiSurname',
] as const;
/** Text properties Graph renders as "" rather than null when unset (contact-get sample). */
export const CONTACT_PLAIN_FIELDS = ['displayName', 'fileAs', 'personalNotes'] as const;
export const CONTACT_LIST_FIELDS = ['businessPhones', 'homePhones', 'imAddresses', 'children', 'categories'] as const;
export const CONTACT_ADDRESS_FIELDS = ['homeAddress', 'businessAddress', 'otherAddress'] as const;
export const ADDRESS_PARTS = ['street', 'city', 'state', 'countryOrRegion', 'postalCode'] as const;

type TextField = (typeof CONTACT_TEXT_FIELDS)[number];
type PlainField = (typeof CONTACT_PLAIN_FIELDS)[number];
type ListField = (typeof CONTACT_LIST_FIELDS)[number];
type AddressField = (typeof CONTACT_ADDRESS_FIELDS)[number];

/** physicalAddress: only the parts that were set are rendered (`{}` when none, as in the samples). */
export type PhysicalAddress = Partial<Record<(typeof ADDRESS_PARTS)[number], string | null>>;
export interface ContactEmailAddress {
  name: string | null;
  address: string | null;
}

export type ContactFields = Record<TextField, string | null> &
  Record<PlainField, string> &
  Record<ListField, string[]> &
  Record<AddressField, PhysicalAddress> & {
    /** DateTimeOffset, or null. */
    birthday: string | null;
    emailAddresses: ContactEmailAddress[];
  };

/** The same value (a zod type, or a default) for each key, typed per key. */
function shapeOf<K extends string, T>(keys: readonly K[], type: T): Record<K, T> {
  return Object.fromEntries(keys.map((k) => [k, type])) as Record<K, T>;
}

const optionalText = z.string().nullable().optional();
const physicalAddress = z.object(shapeOf(ADDRESS_PARTS, optionalText)).strict();
const emailAddress = z.object({ name: optionalText, address: optionalText, '@odata.type': z.string().optional() }).strict();
const READ_ONLY = ['@odata.etag', '@odata.context', '@odata.type', 'id', 'changeKey', 'createdDateTime', 'lastModifiedDateTime', 'parentFolderId'] as const;

export const contactWriteSchema = z
  .object({
    ...shapeOf(CONTACT_TEXT_FIELDS, optionalText),
    ...shapeOf(CONTACT_PLAIN_FIELDS, optionalText),
    ...shapeOf(CONTACT_LIST_FIELDS, z.array(z.string()).nullable().optional()),
    ...shapeOf(CONTACT_ADDRESS_FIELDS, physicalAddress.nullable().optional()),
    birthday: optionalText,
    emailAddresses: z.array(emailAddress).nullable().optional(),
    singleValueExtendedProperties: z.array(extendedPropertySchema).optional(),
    // parentFolderId is listed as writable in contact-update, but Graph has no way to move a contact; the sandbox
    // accepts and ignores it (moves happen in Outlook: see the control plane's /_sandbox/contacts/move).
    ...shapeOf(READ_ONLY, z.unknown().optional()),
  })
  .strict();
export type ContactWrite = z.infer<typeof contactWriteSchema>;

export const contactFolderWriteSchema = z
  .object({
    displayName: z.string().min(1).max(255).optional(),
    // The beta create sample sends parentFolderId; v1.0 creates folders under the default Contacts folder.
    ...shapeOf(['@odata.context', '@odata.type', 'id', 'parentFolderId'] as const, z.unknown().optional()),
  })
  .strict();

export interface StoredContact {
  id: string;
  folderId: string;
  changeKey: string;
  /** Store-wide change sequence of the last write (drives delta); 0 for seeded contacts. */
  seq: number;
  createdDateTime: string;
  lastModifiedDateTime: string;
  fields: ContactFields;
  extendedProperties: Map<string, string>;
}

export interface StoredContactFolder {
  id: string;
  displayName: string;
  parentFolderId: string;
  /** The mailbox's default Contacts folder: not listed by GET /contactFolders, cannot be deleted or renamed. */
  isDefault: boolean;
  contacts: Map<string, StoredContact>;
  /** Ids that left the folder (deleted or moved away) with the sequence of the change, for delta's `@removed`. */
  tombstones: Array<{ id: string; seq: number }>;
}

/** A hash of the user id: the default folder's id must not draw from the store's id counter (see contact-seed). */
export function userDigest(label: string, userId: string): Buffer {
  return createHash('sha256').update(`${label}:${userId}`).digest();
}

/** Every mailbox's default Contacts folder, a child of the mailbox root (msgfolderroot). */
export function defaultContactFolder(userId: string): StoredContactFolder {
  const digest = userDigest('contacts-default', userId);
  return {
    id: `AAMkADCFld${digest.subarray(0, 18).toString('base64url')}AAA=`,
    displayName: 'Contacts',
    parentFolderId: `AAMkADRoot${digest.subarray(18, 30).toString('base64url')}AAA=`,
    isDefault: true,
    contacts: new Map(),
    tombstones: [],
  };
}

export function emptyContactFields(): ContactFields {
  return {
    ...shapeOf(CONTACT_TEXT_FIELDS, null),
    ...shapeOf(CONTACT_PLAIN_FIELDS, ''),
    businessPhones: [], homePhones: [], imAddresses: [], children: [], categories: [],
    homeAddress: {}, businessAddress: {}, otherAddress: {},
    birthday: null,
    emailAddresses: [],
  };
}
