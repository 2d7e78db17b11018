// NormalizedContact → Graph `contact` POST / PATCH bodies (R14). Pure: the caller supplies the categories (tenant
// settings) and the C4C link for the note. The note keeps the user's own lines: only the service's line (the one
// starting with CONTACT_NOTE_PREFIX) is replaced.
import { C4C_CONTACT_PROPERTIES } from './c4c-contact-fields.js';
import type { ContactKind, NormalizedContact } from './contact-item.js';
import type { CategorySettings } from '../../shared/categories.js';
import { RECORD_PROPERTY_ID, SENSITIVITY_NORMAL, SENSITIVITY_PRIVATE, SENSITIVITY_PROPERTY_ID, recordPropertyValue } from './normalize-graph-contact.js';

export type GraphContactBody = Record<string, unknown>;

export const CONTACT_NOTE_PREFIX = 'SAP Cloud for Customer: ';

/** The category an Outlook copy of this kind carries (tenant settings: CATEGORY_CONTACT and the three others). */
export function contactCategoryFor(kind: ContactKind, categories: Pick<CategorySettings, 'contact' | 'individualCustomer' | 'employee' | 'account'>): string {
  return categories[kind];
}

/** The note line naming the record: its C4C link when the C4C UI is known, else its kind and id. */
export function contactNoteLine(kind: ContactKind, c4cId: string, link: string | null): string {
  return `${CONTACT_NOTE_PREFIX}${link ?? `${C4C_CONTACT_PROPERTIES[kind].id} ${c4cId}`}`;
}

/** The user's notes with the service's line replaced by `line` (appended when there was none). */
export function notesWithLine(notes: string, line: string): string {
  const own = notes
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .filter((l) => !l.startsWith(CONTACT_NOTE_PREFIX));
  while (own.length > 0 && own[own.length - 1]?.trim() === '') own.pop();
  return [...own, line].join('\n').replace(/^\n+/, '');
}

/** What Outlook shows as the name: the person's, or the company's for an account. */
export function contactDisplayName(fields: Pick<NormalizedContact, 'givenName' | 'surname' | 'companyName'>): string {
  return [fields.givenName, fields.surname].filter((s) => s !== '').join(' ') || fields.companyName;
}

const address = (fields: NormalizedContact) => ({
  street: fields.businessAddress.street,
  postalCode: fields.businessAddress.postalCode,
  city: fields.businessAddress.city,
  countryOrRegion: fields.businessAddress.country,
});

export interface GraphContactContext {
  /** The copy's category (contactCategoryFor). */
  category: string;
  /** The note line (contactNoteLine). */
  noteLine: string;
  /** The contact's current notes (updates); '' for a create. */
  notes: string;
  /** The contact's current categories (updates), kept beside the service's. */
  categories?: readonly string[];
}

function extendedProperties(fields: NormalizedContact): { id: string; value: string }[] {
  const props = [{ id: SENSITIVITY_PROPERTY_ID, value: fields.private ? SENSITIVITY_PRIVATE : SENSITIVITY_NORMAL }];
  if (fields.crmRef) props.push({ id: RECORD_PROPERTY_ID, value: recordPropertyValue(fields.crmRef) });
  return props;
}

/** The POST body of a C4C record's new Outlook copy. */
export function toGraphContactCreate(fields: NormalizedContact, context: GraphContactContext): GraphContactBody {
  const displayName = contactDisplayName(fields);
  return {
    givenName: fields.givenName,
    surname: fields.surname,
    displayName,
    fileAs: displayName,
    companyName: fields.companyName,
    jobTitle: fields.jobTitle,
    department: fields.department,
    emailAddresses: fields.emails.map((a) => ({ address: a, name: displayName })),
    businessPhones: fields.businessPhones,
    mobilePhone: fields.mobilePhone,
    businessAddress: address(fields),
    personalNotes: notesWithLine(context.notes, context.noteLine),
    categories: [context.category],
    singleValueExtendedProperties: extendedProperties(fields),
  };
}

/** The PATCH body of a merge's Outlook patch; `after` is the contact as it is to be (for the name and note). */
export function toGraphContactUpdate(patch: Partial<NormalizedContact>, after: NormalizedContact, context: GraphContactContext): GraphContactBody {
  const body: GraphContactBody = {};
  const displayName = contactDisplayName(after);
  for (const field of ['givenName', 'surname', 'companyName', 'jobTitle', 'department', 'mobilePhone', 'businessPhones'] as const) {
    if (patch[field] !== undefined) body[field] = patch[field];
  }
  if (patch.givenName !== undefined || patch.surname !== undefined || patch.companyName !== undefined) Object.assign(body, { displayName, fileAs: displayName });
  if (patch.emails !== undefined) body.emailAddresses = after.emails.map((a) => ({ address: a, name: displayName }));
  if (patch.businessAddress !== undefined) body.businessAddress = address(after);
  if (patch.private !== undefined || patch.crmRef !== undefined) body.singleValueExtendedProperties = extendedProperties(after);
  const notes = notesWithLine(context.notes, context.noteLine);
  if (notes !== context.notes) body.personalNotes = notes;
  if (context.categories && !context.categories.some((c) => c.toLowerCase() === context.category.toLowerCase())) body.categories = [...context.categories, context.category];
  return body;
}
