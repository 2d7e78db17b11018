// NormalizedContact → C4C write bodies (R14). Outlook creates only contacts (a contact the user makes in Outlook with
// the contact category); it updates contacts, individual customers and accounts in the fields C4C takes from it
// (contact-merge.ts CRM_WRITABLE_FIELDS); employees are never written. Nothing is ever deleted in C4C. Pure.
import { C4C_CONTACT_PROPERTIES } from './c4c-contact-fields.js';
import type { ContactKind, NormalizedContact } from './contact-item.js';
import { CRM_WRITABLE_FIELDS } from './contact-merge.js';
import type { ItemError } from './errors.js';

export type C4cContactBody = Record<string, unknown>;

/** The metadata's MaxLength of the name, job and department properties (all four kinds). */
const MAX_NAME = 40;

/** C4C keeps the country as a code list value: only an ISO 3166 alpha-2 code can be written. */
const countryCode = (country: string): string | null => (/^[A-Za-z]{2}$/.test(country.trim()) ? country.trim().toUpperCase() : null);

function put(body: C4cContactBody, property: string | null, value: unknown): void {
  if (property !== null) body[property] = value;
}

/** The properties of `fields` that `kind` takes from Outlook, limited to `only` when given. */
function writableBody(kind: ContactKind, fields: NormalizedContact, only?: ReadonlySet<string>): C4cContactBody {
  const p = C4C_CONTACT_PROPERTIES[kind];
  const body: C4cContactBody = {};
  const wanted = (f: keyof NormalizedContact) => CRM_WRITABLE_FIELDS[kind].includes(f) && (!only || only.has(f));
  if (wanted('givenName')) put(body, p.givenName, fields.givenName);
  if (wanted('surname')) put(body, p.surname, fields.surname);
  if (wanted('companyName')) put(body, p.companyName, fields.companyName);
  if (wanted('jobTitle')) put(body, p.jobTitle, fields.jobTitle);
  if (wanted('department')) put(body, p.department, fields.department);
  // C4C keeps one e-mail address and one phone: the primary.
  if (wanted('emails')) put(body, p.email, fields.emails[0] ?? '');
  if (wanted('businessPhones')) put(body, p.phone, fields.businessPhones[0] ?? '');
  if (wanted('mobilePhone')) put(body, p.mobile, fields.mobilePhone);
  if (wanted('businessAddress')) {
    // Outlook's one street line goes to Street whole; the house number is part of it.
    put(body, p.street, fields.businessAddress.street);
    put(body, p.houseNumber, '');
    put(body, p.postalCode, fields.businessAddress.postalCode);
    put(body, p.city, fields.businessAddress.city);
    const country = countryCode(fields.businessAddress.country);
    if (country !== null || fields.businessAddress.country.trim() === '') put(body, p.country, country ?? '');
  }
  return body;
}

/** Why an Outlook contact cannot become (or update) a C4C record of this kind, or null. */
export function contactBlocker(fields: NormalizedContact, kind: ContactKind): ItemError | null {
  if ((kind === 'contact' || kind === 'individualCustomer') && fields.surname.trim() === '') {
    return { code: 'invalidItem', message: 'The contact has no last name; SAP Cloud for Customer needs one.' };
  }
  if (kind === 'account' && fields.companyName.trim() === '') return { code: 'invalidItem', message: 'The account has no company name; SAP Cloud for Customer needs one.' };
  const long = (['givenName', 'surname', 'companyName', 'jobTitle', 'department'] as const).find((f) => CRM_WRITABLE_FIELDS[kind].includes(f) && fields[f].length > MAX_NAME);
  if (long) return { code: 'invalidItem', message: `The contact's ${long} is longer than SAP Cloud for Customer keeps (${MAX_NAME} characters).` };
  return null;
}

/** The POST body of a C4C contact made from an Outlook contact. */
export function toC4cContactCreate(fields: NormalizedContact): C4cContactBody {
  return writableBody('contact', fields);
}

/** The PATCH body of a merge's CRM patch; `after`: the record as it is to be. Empty for employees. */
export function toC4cContactUpdate(kind: ContactKind, patch: Partial<NormalizedContact>, after: NormalizedContact): C4cContactBody {
  const changed = new Set(Object.entries(patch).filter(([, v]) => v !== undefined).map(([k]) => k));
  return writableBody(kind, after, changed);
}
