// The codes an activity's child rows carry, as the tenant's code lists name them (API-NOTES A.2: the metadata names
// each value-help collection, e.g. AppointmentBTDReferenceTypeCodeCollection, but holds no values; tenants differ).
// A code list row is {Code, Description}; a code is found by its description, in English (or German, the other
// logon language tenants commonly give the technical user). Pure: the C4C adapter reads and caches the lists.
import type { CrmObjectType } from '../../shared/crm-links.js';
import { BTD_TYPE_CODES, C4C_PARTY_ROLE } from './c4c-fields.js';
import { STANDARD_SAP_ZONES, type SapZones } from './sap-time-zones.js';

export interface CodeListRow {
  Code: string;
  Description: string;
}

/** Document types an activity links to through BTD references (accounts and contacts are parties). */
export const DOCUMENT_LINK_TYPES = ['opportunity', 'ticket', 'salesQuote', 'salesOrder', 'task', 'email', 'lead'] as const satisfies readonly CrmObjectType[];
export type DocumentLinkType = (typeof DOCUMENT_LINK_TYPES)[number];

/** Party roles of an activity's involved parties the sync writes or reads. */
export interface ActivityPartyRoles {
  attendee: string;
  owner: string;
  organizer: string;
  /** An account (or individual customer) involved besides the main account; null: the tenant has no such role. */
  account: string | null;
  /** A contact involved besides the main contact; null: the tenant has no such role. */
  contact: string | null;
}

export interface C4cActivityCodes {
  /** BTD reference TypeCode per document type; null: the tenant lists no such type, so links of it cannot be written. */
  btdTypes: Record<DocumentLinkType, string | null>;
  partyRoles: ActivityPartyRoles;
  /** The tenant's time-zone codes ↔ IANA (sap-time-zones.ts). */
  zones: SapZones;
}

/**
 * C4C's standard codes (c4c-fields.ts), for a tenant whose code list is missing or empty, and for tests. The account
 * role is the sandbox's guess ([M]); read from the tenant's list, never trusted otherwise.
 */
export const STANDARD_ACTIVITY_CODES: C4cActivityCodes = {
  btdTypes: Object.fromEntries(DOCUMENT_LINK_TYPES.map((t) => [t, BTD_TYPE_CODES[t] ?? null])) as Record<DocumentLinkType, string | null>,
  partyRoles: { attendee: C4C_PARTY_ROLE.attendee, owner: C4C_PARTY_ROLE.owner, organizer: C4C_PARTY_ROLE.organizer, account: C4C_PARTY_ROLE.account, contact: C4C_PARTY_ROLE.contact },
  zones: STANDARD_SAP_ZONES,
};

/** Descriptions per document type, most specific first (C4C lists both an ERP "Sales Order" and its own order). */
const BTD_DESCRIPTIONS: Record<DocumentLinkType, readonly RegExp[]> = {
  opportunity: [/^opportunity$/i, /^verkaufschance$/i, /^opportunit/i],
  ticket: [/^service request$/i, /^ticket$/i, /^serviceanfrage$/i, /^service ?ticket$/i],
  salesQuote: [/^sales quote$/i, /^customer quote$/i, /^(verkaufs|kunden)angebot$/i, /quote/i],
  salesOrder: [/^customer order$/i, /^sales order$/i, /^(kunden|verkaufs)auftrag$/i],
  task: [/^task$/i, /^aufgabe$/i],
  email: [/^e-?mail$/i],
  lead: [/^lead$/i],
};

const ROLE_DESCRIPTIONS: Record<keyof ActivityPartyRoles, readonly RegExp[]> = {
  attendee: [/^attendee$/i, /^(activity )?participant$/i, /^teilnehmer$/i],
  owner: [/^employee responsible$/i, /^owner$/i, /^verantwortliche[rn]? mitarbeiter$/i],
  organizer: [/^organi[sz]er$/i, /^organisator$/i],
  account: [/^account$/i, /^customer$/i, /^kunde$/i, /^activity party$/i],
  contact: [/^contact$/i, /^contact person$/i, /^ansprechpartner$/i, /^kontakt$/i],
};

function codeOf(rows: readonly CodeListRow[], patterns: readonly RegExp[]): string | null {
  for (const pattern of patterns) {
    const row = rows.find((r) => pattern.test(r.Description.trim()));
    if (row) return row.Code;
  }
  return null;
}

/** The BTD reference type codes a tenant's list names; an empty list (none served) means C4C's standard codes. */
export function btdTypeCodesFrom(rows: readonly CodeListRow[]): Record<DocumentLinkType, string | null> {
  if (rows.length === 0) return { ...STANDARD_ACTIVITY_CODES.btdTypes };
  return Object.fromEntries(DOCUMENT_LINK_TYPES.map((t) => [t, codeOf(rows, BTD_DESCRIPTIONS[t])])) as Record<DocumentLinkType, string | null>;
}

/**
 * The party roles a tenant's list names. Attendee, owner and organizer fall back to the standard codes the sync has
 * always written; an account or contact role the list lacks stays null, and links that need it are refused.
 */
export function partyRolesFrom(rows: readonly CodeListRow[]): ActivityPartyRoles {
  if (rows.length === 0) return { ...STANDARD_ACTIVITY_CODES.partyRoles };
  const standard = STANDARD_ACTIVITY_CODES.partyRoles;
  return {
    attendee: codeOf(rows, ROLE_DESCRIPTIONS.attendee) ?? standard.attendee,
    owner: codeOf(rows, ROLE_DESCRIPTIONS.owner) ?? standard.owner,
    organizer: codeOf(rows, ROLE_DESCRIPTIONS.organizer) ?? standard.organizer,
    account: codeOf(rows, ROLE_DESCRIPTIONS.account),
    contact: codeOf(rows, ROLE_DESCRIPTIONS.contact),
  };
}

export type BtdTypeCodes = Record<DocumentLinkType, string | null>;

/** The document type of a BTD reference row's TypeCode, or null for a type the sync does not link. */
export function documentTypeOfCode(btdTypes: BtdTypeCodes, code: string | null): DocumentLinkType | null {
  if (code === null) return null;
  return DOCUMENT_LINK_TYPES.find((t) => btdTypes[t] === code) ?? null;
}
