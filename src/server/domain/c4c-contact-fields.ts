// Where each C4C record kind of the sync list (R14) keeps the fields of a contact: property names per entity type,
// as the c4codataapi $metadata names them (ContactCollection, IndividualCustomerCollection, EmployeeCollection,
// CorporateAccountCollection), and which status values mean the record is gone for Outlook. Pure.
import { SYNC_LIST_RECORD_TYPES } from '../../shared/sync-list-api.js';
import type { ContactKind } from './contact-item.js';

/** The properties holding one kind's contact fields; null: the kind has no such property. */
export interface C4cContactProperties {
  entitySet: string;
  /** The readable id (the sync list entry's id). */
  id: string;
  givenName: string | null;
  surname: string | null;
  /** Read-only for contacts (AccountFormattedName, derived from AccountID), the name itself for accounts. */
  companyName: string | null;
  jobTitle: string | null;
  department: string | null;
  email: string;
  phone: string;
  mobile: string;
  street: string;
  houseNumber: string;
  postalCode: string;
  city: string;
  country: string;
  /** The status property, or null when the kind has none (employees: their validity end date). */
  status: string | null;
}

export const C4C_CONTACT_PROPERTIES: Readonly<Record<ContactKind, C4cContactProperties>> = {
  contact: {
    entitySet: SYNC_LIST_RECORD_TYPES.contact.entitySet,
    id: SYNC_LIST_RECORD_TYPES.contact.idProperty,
    givenName: 'FirstName',
    surname: 'LastName',
    companyName: 'AccountFormattedName',
    jobTitle: 'JobTitle',
    department: 'Department',
    email: 'Email',
    phone: 'Phone',
    mobile: 'Mobile',
    street: 'BusinessAddressStreet',
    houseNumber: 'BusinessAddressHouseNumber',
    postalCode: 'BusinessAddressStreetPostalCode',
    city: 'BusinessAddressCity',
    country: 'BusinessAddressCountryCode',
    status: 'StatusCode',
  },
  individualCustomer: {
    entitySet: SYNC_LIST_RECORD_TYPES.individualCustomer.entitySet,
    id: SYNC_LIST_RECORD_TYPES.individualCustomer.idProperty,
    givenName: 'FirstName',
    surname: 'LastName',
    companyName: null,
    jobTitle: null,
    department: null,
    email: 'Email',
    phone: 'Phone',
    mobile: 'Mobile',
    street: 'Street',
    houseNumber: 'HouseNumber',
    postalCode: 'StreetPostalCode',
    city: 'City',
    country: 'CountryCode',
    status: 'LifeCycleStatusCode',
  },
  employee: {
    entitySet: SYNC_LIST_RECORD_TYPES.employee.entitySet,
    id: SYNC_LIST_RECORD_TYPES.employee.idProperty,
    givenName: 'FirstName',
    surname: 'LastName',
    companyName: null,
    jobTitle: null,
    department: null,
    email: 'Email',
    phone: 'OfficePhoneNumber',
    mobile: 'MobilePhoneNumber',
    street: 'Street',
    houseNumber: 'HouseNumber',
    postalCode: 'PostalCode',
    city: 'City',
    country: 'CountryCode',
    status: null,
  },
  account: {
    entitySet: SYNC_LIST_RECORD_TYPES.account.entitySet,
    id: SYNC_LIST_RECORD_TYPES.account.idProperty,
    givenName: null,
    surname: null,
    companyName: 'Name',
    jobTitle: null,
    department: null,
    email: 'Email',
    phone: 'Phone',
    mobile: 'Mobile',
    street: 'Street',
    houseNumber: 'HouseNumber',
    postalCode: 'StreetPostalCode',
    city: 'City',
    country: 'CountryCode',
    status: 'LifeCycleStatusCode',
  },
};

/**
 * Status values that take a record off Outlook (R14: deleted or blocked in C4C): blocked and obsolete. [M] C4C's
 * standard codes for accounts and individual customers (LifeCycleStatusCode: 1 in preparation, 2 active, 3 blocked,
 * 4 obsolete); the contact's StatusCode is taken to use the same values. A tenant's own codes are not read yet.
 */
export const C4C_GONE_STATUS_CODES: readonly string[] = ['3', '4'];

/** The kind whose records live in an entity set, or null. */
export function contactKindOfEntitySet(entitySet: string): ContactKind | null {
  for (const [kind, props] of Object.entries(C4C_CONTACT_PROPERTIES)) if (props.entitySet === entitySet) return kind as ContactKind;
  return null;
}
