// What a business user may read: C4C restricts a user's reads by the access restrictions of their business role. The
// sandbox models the common rule for sales and service staff, "Employee" (access context 1015): objects the user's
// employee owns or is responsible for; a user whose role is unrestricted (DEMO_USERS' c4cReadAccess `all`, a
// manager) reads everything, as the technical user (Basic) does. Team and territory rules, and restrictions of
// child sets, are not modelled: a child row (an involved party, a text) is read through its parent.
import { DEMO_USERS } from '../common/demo-tenant.js';
import type { Row } from './store.js';

/** The party fields that make an employee the owner or responsible of a root object (names from the metadata). */
export const OWNER_FIELDS: Readonly<Record<string, readonly string[]>> = {
  CorporateAccountCollection: ['OwnerID'],
  ContactCollection: ['ContactOwnerID'],
  IndividualCustomerCollection: ['OwnerID'],
  LeadCollection: ['OwnerPartyID'],
  OpportunityCollection: ['MainEmployeeResponsiblePartyID'],
  ServiceRequestCollection: ['ProcessorPartyID'],
  SalesQuoteCollection: ['EmployeeResponsiblePartyID'],
  CustomerOrderCollection: ['EmployeeResponsiblePartyID'],
  TasksCollection: ['ProcessorPartyID', 'MainEmployeeResponsiblePartyID'],
  EMailCollection: ['OwnerPartyID'],
  AppointmentCollection: ['OwnerPartyID', 'OrganizerPartyID'],
  VisitCollection: ['OwnerPartyID', 'OrganizerPartyID'],
};

/** A restricted caller: the party ids (employee id and business partner id) they count as. Null: unrestricted. */
export type ReadRestriction = { partyIds: ReadonlySet<string> } | null;

/** The restriction of a business user (a Bearer caller), from their employee row; none matched = sees no restricted object. */
export function restrictionOf(email: string | undefined, employee: Row | undefined): ReadRestriction {
  const demo = email ? DEMO_USERS.find((u) => u.mail.toLowerCase() === email.toLowerCase()) : undefined;
  if (demo?.c4cReadAccess === 'all' && employee) return null;
  const ids = [employee?.values['EmployeeID'], employee?.values['BusinessPartnerID']].filter((v): v is string => typeof v === 'string' && v !== '');
  return { partyIds: new Set(ids) };
}

/** Whether a row of `set` is visible under `restriction` (sets without owner fields are not restricted). */
export function isVisible(restriction: ReadRestriction | undefined, set: string, row: Row): boolean {
  if (!restriction) return true;
  const fields = OWNER_FIELDS[set];
  if (!fields) return true;
  return fields.some((field) => {
    const value = row.values[field];
    return typeof value === 'string' && restriction.partyIds.has(value);
  });
}
