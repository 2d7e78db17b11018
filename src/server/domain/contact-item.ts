// The normalized contact (R14): one shape for an Outlook contact (Graph contact) and the four C4C records a sync list
// may name (Contact, IndividualCustomer, Employee, CorporateAccount), so the engine can compare, hash and merge them
// without knowing either API. Pure data, JSON-serializable.
import type { SyncListRecordType } from '../../shared/sync-list-api.js';
import type { CrmRecord, GroupwareItemPresent } from './snapshots.js';

/** The kinds of the contact family: the record types of the sync list. */
export type ContactKind = SyncListRecordType;
export const CONTACT_KINDS: readonly ContactKind[] = ['contact', 'individualCustomer', 'employee', 'account'];

/**
 * A business address as both sides can hold it. Graph's `physicalAddress` has one street line; C4C splits street and
 * house number (read as "Street HouseNumber"). The region is left out: C4C keeps it as a code list value
 * (StateCode) that free text cannot be written to. The country is an ISO 3166 alpha-2 code (C4C's CountryCode).
 */
export interface ContactAddress {
  street: string;
  postalCode: string;
  city: string;
  country: string;
}

/** The C4C record an Outlook copy mirrors: what its note links to. */
export interface ContactCrmRef {
  kind: ContactKind;
  /** C4C `ObjectID`. */
  objectId: string;
  /** The readable id (ContactID, CustomerID, EmployeeID, AccountID): the sync list entry's id. */
  c4cId: string;
}

export interface NormalizedContact {
  givenName: string;
  surname: string;
  /** The company: a contact's account (read-only in C4C), an account's own name. */
  companyName: string;
  jobTitle: string;
  department: string;
  /**
   * E-mail addresses, the primary first. C4C keeps one (Email); Outlook up to three. Lists merge by value (R12):
   * an address added on one side is kept, one removed on one side goes.
   */
  emails: string[];
  /** Business phones, the primary first. C4C keeps one (Phone / OfficePhoneNumber). Merged by value. */
  businessPhones: string[];
  mobilePhone: string;
  businessAddress: ContactAddress;
  /**
   * Personal records (individual customers: private persons) are private in Outlook (MAPI sensitivity). C4C → Outlook
   * only: the record's kind decides it.
   */
  private: boolean;
  /** Groupware side: the record the copy's C4C note names, or null. CRM side: the record itself. */
  crmRef: ContactCrmRef | null;
}

/** An Outlook contact in the service's contact folder (or, for one created by the user, anywhere in the mailbox). */
export interface OutlookContactPresent extends GroupwareItemPresent<NormalizedContact> {
  /** The contact folder the contact is in. */
  folderId: string;
  /** The user's notes as Outlook holds them (the C4C link line included), so a write keeps the user's own lines. */
  notes: string;
}

/** A C4C contact, individual customer, employee or account. */
export interface CrmContactRecord extends CrmRecord<NormalizedContact, ContactKind> {
  /** Whether the record may be changed from Outlook: employees are read-only there (R9: edits are reverted). */
  writable: boolean;
}

export function emptyAddress(): ContactAddress {
  return { street: '', postalCode: '', city: '', country: '' };
}

export function emptyContact(): NormalizedContact {
  return {
    givenName: '',
    surname: '',
    companyName: '',
    jobTitle: '',
    department: '',
    emails: [],
    businessPhones: [],
    mobilePhone: '',
    businessAddress: emptyAddress(),
    private: false,
    crmRef: null,
  };
}

/** The kinds whose records are personal (private persons), and so private in Outlook. */
export function isPersonalKind(kind: ContactKind): boolean {
  return kind === 'individualCustomer';
}

/** Employees are the tenant's own staff, kept in C4C (or HR): Outlook copies are read-only (R9). */
export function isWritableKind(kind: ContactKind): boolean {
  return kind !== 'employee';
}
