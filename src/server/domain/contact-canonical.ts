// Canonical forms of a contact's synced fields (R14): what "equal" means when the two sides are compared, hashed or
// merged. A faithful round trip through Outlook or C4C compares equal: spacing, e-mail case and phone punctuation
// do not count.
import { createHash } from 'node:crypto';
import { normalizeText } from './canonical.js';
import type { ContactAddress, ContactKind, NormalizedContact } from './contact-item.js';
import { canonicalJson } from './hash.js';
import { memberKey } from './state-digest.js';

/** Single-valued text fields merged both ways. */
export const CONTACT_TEXT_FIELDS = ['givenName', 'surname', 'companyName', 'jobTitle', 'department', 'mobilePhone'] as const;
/** Lists merged by value (R12): an entry added on one side is kept, one removed on one side goes. */
export const CONTACT_LIST_FIELDS = ['emails', 'businessPhones'] as const;
export type ContactListField = (typeof CONTACT_LIST_FIELDS)[number];
/** Every field merged both ways (what a write intent may name). */
export const CONTACT_TWO_WAY_FIELDS = [...CONTACT_TEXT_FIELDS, ...CONTACT_LIST_FIELDS, 'businessAddress'] as const;
export type ContactTwoWayField = (typeof CONTACT_TWO_WAY_FIELDS)[number];
/** Every field the merge compares with the base: the two-way fields and `private` (C4C → Outlook). */
export const CONTACT_COMPARED_FIELDS = [...CONTACT_TWO_WAY_FIELDS, 'private'] as const;
export type ContactComparedField = (typeof CONTACT_COMPARED_FIELDS)[number];

/** Inner runs of white space count as one space; ends are trimmed. */
export function canonicalText(text: string): string {
  return normalizeText(text).replace(/\s+/g, ' ');
}

export function canonicalEmail(address: string): string {
  return address.trim().toLowerCase();
}

/** A phone number as digits, with its leading `+` if any: "+49 (30) 123-45" and "+493012345" are one number. */
export function canonicalPhone(phone: string): string {
  const trimmed = phone.trim();
  return `${trimmed.startsWith('+') ? '+' : ''}${trimmed.replace(/\D/g, '')}`;
}

/** The canonical form of one entry of a list field. */
export function canonicalEntry(field: ContactListField, value: string): string {
  return field === 'emails' ? canonicalEmail(value) : canonicalPhone(value);
}

/** A list's entries in canonical form, in order, without blanks or repeats (the first of equal entries stays). */
export function canonicalList(field: ContactListField, values: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const value of values) {
    const entry = canonicalEntry(field, value);
    if (entry !== '' && entry !== '+') seen.add(entry);
  }
  return [...seen];
}

export function canonicalAddress(address: ContactAddress): Record<string, string> {
  return {
    street: canonicalText(address.street),
    postalCode: canonicalText(address.postalCode).toUpperCase(),
    city: canonicalText(address.city),
    country: canonicalText(address.country).toUpperCase(),
  };
}

export function canonicalContactField(contact: NormalizedContact, field: ContactComparedField): unknown {
  switch (field) {
    case 'emails':
    case 'businessPhones':
      return canonicalList(field, contact[field]);
    case 'businessAddress':
      return canonicalAddress(contact.businessAddress);
    case 'private':
      return contact.private;
    default:
      return canonicalText(contact[field]);
  }
}

export function contactFieldEqual(a: NormalizedContact, b: NormalizedContact, field: string): boolean {
  return canonicalJson(canonicalContactField(a, field as ContactComparedField)) === canonicalJson(canonicalContactField(b, field as ContactComparedField));
}

/**
 * The canonical text of each compared field, and of each entry of the list fields (`emails#0` …, see memberKey), so
 * the merge can ask the base whether it held one address without the pair keeping the address (state-digest.ts).
 */
export function contactCanonicalFields(contact: NormalizedContact): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const field of CONTACT_COMPARED_FIELDS) texts[field] = canonicalJson(canonicalContactField(contact, field));
  for (const field of CONTACT_LIST_FIELDS) {
    canonicalList(field, contact[field]).forEach((entry, n) => {
      texts[memberKey(field, n)] = entry;
    });
  }
  return texts;
}

/**
 * What a side holds of a contact, for its hash: C4C keeps one e-mail address and one business phone (the primary),
 * so its side hashes those only; Outlook's hashes every entry.
 */
export function contactProjection(contact: NormalizedContact, side: 'outlook' | 'crm', kind: ContactKind): Record<string, unknown> {
  const projection: Record<string, unknown> = { kind };
  for (const field of CONTACT_COMPARED_FIELDS) projection[field] = canonicalContactField(contact, field);
  if (side === 'crm') for (const field of CONTACT_LIST_FIELDS) projection[field] = canonicalList(field, contact[field]).slice(0, 1);
  return projection;
}

export function hashContact(contact: NormalizedContact, side: 'outlook' | 'crm', kind: ContactKind): string {
  return createHash('sha256').update(canonicalJson(contactProjection(contact, side, kind))).digest('hex');
}
