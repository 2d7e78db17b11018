// Graph `contact` JSON → OutlookContactPresent (R14). Pure: the adapter reads the contact with its two extended
// properties expanded (CONTACT_EXTENDED_PROPERTY_IDS).
//
// - Private: MAPI PidTagSensitivity (property 0x0036, PtypInteger32; 2 = private: [MS-OXCMSG] 2.2.1.13). Graph's
//   contact has no sensitivity property, so it is read and written as the single-value extended property
//   `Integer 0x36`.
// - The C4C record a copy mirrors: a named string property the service writes (`crmSyncContactRecord` in
//   PS_PUBLIC_STRINGS), `<kind>|<ObjectID>|<readable id>`. Graph contacts have no transactionId, so this is how the
//   service knows its own copies; users do not see it. The note line with the C4C link is for people only.
import { normalizeText } from './canonical.js';
import { CONTACT_KINDS, type ContactCrmRef, type ContactKind, type NormalizedContact, type OutlookContactPresent } from './contact-item.js';
import type { OutlookItemRemoved } from './snapshots.js';

export const SENSITIVITY_PROPERTY_ID = 'Integer 0x36';
export const SENSITIVITY_PRIVATE = '2';
export const SENSITIVITY_NORMAL = '0';
export const RECORD_PROPERTY_ID = 'String {00020329-0000-0000-C000-000000000046} Name crmSyncContactRecord';
export const CONTACT_EXTENDED_PROPERTY_IDS = [SENSITIVITY_PROPERTY_ID, RECORD_PROPERTY_ID] as const;

export interface GraphPhysicalAddress {
  street?: string | null;
  city?: string | null;
  state?: string | null;
  countryOrRegion?: string | null;
  postalCode?: string | null;
}

/** The subset of Graph's `contact` the sync reads. */
export interface GraphContact {
  id: string;
  '@removed'?: { reason?: string };
  changeKey?: string | null;
  '@odata.etag'?: string;
  parentFolderId?: string | null;
  categories?: string[] | null;
  givenName?: string | null;
  surname?: string | null;
  companyName?: string | null;
  jobTitle?: string | null;
  department?: string | null;
  emailAddresses?: { name?: string | null; address?: string | null }[] | null;
  businessPhones?: string[] | null;
  mobilePhone?: string | null;
  businessAddress?: GraphPhysicalAddress | null;
  personalNotes?: string | null;
  singleValueExtendedProperties?: { id: string; value: string | null }[] | null;
}

const text = (value: string | null | undefined): string => normalizeText(value ?? '');

/**
 * An extended property id in one form: Graph answers `Integer 0x36` for a tag however it was asked (`0x0036`), and
 * GUIDs and names compare without case.
 */
export function normalizePropertyId(id: string): string {
  const tagged = /^(\w+)\s+0x([0-9a-f]+)$/i.exec(id.trim());
  if (tagged) return `${tagged[1]?.toLowerCase()} 0x${Number.parseInt(tagged[2] ?? '0', 16).toString(16)}`;
  return id.trim().toLowerCase();
}

export function extendedProperty(contact: Pick<GraphContact, 'singleValueExtendedProperties'>, id: string): string | null {
  const wanted = normalizePropertyId(id);
  return contact.singleValueExtendedProperties?.find((p) => normalizePropertyId(p.id) === wanted)?.value ?? null;
}

export function recordPropertyValue(ref: ContactCrmRef): string {
  return `${ref.kind}|${ref.objectId}|${ref.c4cId}`;
}

export function parseRecordProperty(value: string | null): ContactCrmRef | null {
  const [kind, objectId, c4cId, ...rest] = (value ?? '').split('|');
  if (rest.length > 0 || !kind || !objectId || c4cId === undefined || !(CONTACT_KINDS as readonly string[]).includes(kind)) return null;
  return { kind: kind as ContactKind, objectId, c4cId };
}

export function normalizeGraphContactFields(contact: GraphContact): NormalizedContact {
  const address = contact.businessAddress ?? {};
  return {
    givenName: text(contact.givenName),
    surname: text(contact.surname),
    companyName: text(contact.companyName),
    jobTitle: text(contact.jobTitle),
    department: text(contact.department),
    emails: (contact.emailAddresses ?? []).map((e) => text(e.address)).filter((a) => a !== ''),
    businessPhones: (contact.businessPhones ?? []).map(text).filter((p) => p !== ''),
    mobilePhone: text(contact.mobilePhone),
    businessAddress: { street: text(address.street), postalCode: text(address.postalCode), city: text(address.city), country: text(address.countryOrRegion) },
    private: extendedProperty(contact, SENSITIVITY_PROPERTY_ID) === SENSITIVITY_PRIVATE,
    crmRef: parseRecordProperty(extendedProperty(contact, RECORD_PROPERTY_ID)),
  };
}

export function normalizeGraphContact(contact: GraphContact): OutlookContactPresent | OutlookItemRemoved {
  if (contact['@removed']) return { removed: true, id: contact.id };
  return {
    removed: false,
    id: contact.id,
    version: contact.changeKey ?? contact['@odata.etag'] ?? '',
    transactionId: null,
    categories: contact.categories ?? [],
    folderId: contact.parentFolderId ?? '',
    notes: contact.personalNotes ?? '',
    fields: normalizeGraphContactFields(contact),
  };
}
