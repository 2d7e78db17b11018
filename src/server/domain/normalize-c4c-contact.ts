// C4C Contact, IndividualCustomer, Employee and CorporateAccount JSON (OData v2) → CrmContactRecord (R14). Pure.
// A record that is blocked or obsolete (an employee past their validity end) reads as `cancelled`: its Outlook copy
// goes, as for a record deleted in C4C.
import { C4C_CONTACT_PROPERTIES, C4C_GONE_STATUS_CODES } from './c4c-contact-fields.js';
import { emptyContact, isPersonalKind, isWritableKind, type ContactKind, type CrmContactRecord, type NormalizedContact } from './contact-item.js';
import { normalizeText } from './canonical.js';
import { c4cVersionOf, instant, type C4cJson } from './normalize-c4c.js';
import { toIsoUtc } from './time.js';

function str(json: C4cJson, key: string | null): string {
  if (key === null) return '';
  const value = json[key];
  return typeof value === 'string' ? normalizeText(value) : '';
}

/** "Street HouseNumber", as one street line (Graph's physicalAddress has one). */
function streetLine(json: C4cJson, street: string, houseNumber: string): string {
  return [str(json, street), str(json, houseNumber)].filter((s) => s !== '').join(' ');
}

export function normalizeC4cContactFields(json: C4cJson, kind: ContactKind): NormalizedContact {
  const p = C4C_CONTACT_PROPERTIES[kind];
  const email = str(json, p.email);
  const phone = str(json, p.phone);
  const objectId = str(json, 'ObjectID');
  return {
    givenName: str(json, p.givenName),
    surname: str(json, p.surname),
    companyName: str(json, p.companyName),
    jobTitle: str(json, p.jobTitle),
    department: str(json, p.department),
    emails: email === '' ? [] : [email],
    businessPhones: phone === '' ? [] : [phone],
    mobilePhone: str(json, p.mobile),
    businessAddress: { street: streetLine(json, p.street, p.houseNumber), postalCode: str(json, p.postalCode), city: str(json, p.city), country: str(json, p.country).toUpperCase() },
    private: isPersonalKind(kind),
    crmRef: objectId ? { kind, objectId, c4cId: str(json, p.id) } : null,
  };
}

/** Whether the record is blocked or obsolete (employees: their validity ended before `nowMs`). */
export function isGoneInC4c(json: C4cJson, kind: ContactKind, nowMs: number): boolean {
  const status = C4C_CONTACT_PROPERTIES[kind].status;
  if (status) return C4C_GONE_STATUS_CODES.includes(str(json, status));
  const end = instant(json, 'EmployeeValidityEndDate');
  // C4C writes 9999-12-31 for "no end"; an end date is the last valid day.
  return end !== null && end + 86_400_000 <= nowMs;
}

export function normalizeC4cContact(json: C4cJson, kind: ContactKind, nowMs: number): CrmContactRecord {
  const p = C4C_CONTACT_PROPERTIES[kind];
  return {
    objectId: str(json, 'ObjectID'),
    displayId: str(json, p.id) || null,
    kind,
    version: c4cVersionOf(json),
    groupwareItemId: null,
    status: isGoneInC4c(json, kind, nowMs) ? 'cancelled' : 'open',
    removed: false,
    // Milliseconds kept, as for activities: two edits in one second must stay ordered.
    lastChangedOn: new Date(instant(json, 'EntityLastChangedOn') ?? 0).toISOString(),
    writable: isWritableKind(kind),
    fields: normalizeC4cContactFields(json, kind),
  };
}

/** What a read reports for a record C4C no longer has. */
export function removedContactRecord(objectId: string, kind: ContactKind): CrmContactRecord {
  return { objectId, kind, version: '', groupwareItemId: null, status: 'cancelled', removed: true, lastChangedOn: toIsoUtc(0), writable: isWritableKind(kind), fields: emptyContact() };
}
