// NormalizedContact → Graph `contact` POST / PATCH bodies (R14). Pure: the caller supplies the categories (tenant
// settings) and the C4C link for the note. The note keeps the user's own lines: only the service's line is replaced.
// The service has one line in a contact's notes, of one of two forms: the C4C link of a copy (CONTACT_NOTE_PREFIX),
// or, on a contact the service released (known bug 11: Outlook add-ins do not run on contacts, so the contact itself
// must say why it lost its categories), the reason it is not synced (CONTACT_RELEASE_PREFIX, the words of the Google
// R9 mark; R11's notice on a contact the user made whose record C4C deleted or blocked too). Either replaces the
// other, so a later write never adds a second line, and linking the contact again puts the C4C link where the reason
// was. A copy in error (R9: an employee's copy edited, a field C4C does not take) keeps its link, so the record stays
// one click away, and shows the error on the line above it (CONTACT_ERROR_PREFIX) until the error clears, as the
// error category does: the user reads what went wrong right beside the record it is about.
import { C4C_CONTACT_PROPERTIES } from './c4c-contact-fields.js';
import type { ContactKind, NormalizedContact } from './contact-item.js';
import type { CategorySettings } from '../../shared/categories.js';
import { errorForOwner, type ItemError, type ItemErrorCode } from './errors.js';
import { RECORD_PROPERTY_ID, SENSITIVITY_NORMAL, SENSITIVITY_PRIVATE, SENSITIVITY_PROPERTY_ID, recordPropertyValue } from './normalize-graph-contact.js';

export type GraphContactBody = Record<string, unknown>;

export const CONTACT_NOTE_PREFIX = 'SAP Cloud for Customer: ';
/** The start of the reason line on a released contact: how the service finds its line again, whatever it says. */
export const CONTACT_RELEASE_PREFIX = '⚠ Not synced with SAP Cloud for Customer: ';

/** The category an Outlook copy of this kind carries (tenant settings: CATEGORY_CONTACT and the three others). */
export function contactCategoryFor(kind: ContactKind, categories: Pick<CategorySettings, 'contact' | 'individualCustomer' | 'employee' | 'account'>): string {
  return categories[kind];
}

/** The note line naming the record: its C4C link when the C4C UI is known, else its kind and id. */
export function contactNoteLine(kind: ContactKind, c4cId: string, link: string | null): string {
  return `${CONTACT_NOTE_PREFIX}${link ?? `${C4C_CONTACT_PROPERTIES[kind].id} ${c4cId}`}`;
}

/** The reason line of a contact the service released (one line, whatever the reason's own line breaks). */
export function contactReleaseLine(reason: string): string {
  return CONTACT_RELEASE_PREFIX + reason.replace(/\s+/g, ' ').trim();
}

/** The start of the error line of a copy in error (R9), above its link line. */
export const CONTACT_ERROR_PREFIX = '⚠ Error syncing with SAP Cloud for Customer: ';

/** Errors whose own words tell the user what to do (their data, an edit C4C does not take, C4C's refusal). */
const TOLD_AS_IS: ReadonlySet<ItemErrorCode> = new Set(['readOnlyEdit', 'invalidItem', 'crmRejected', 'outlookRejected']);

/**
 * The error line of a copy in error (R9), one line. The reasons a user can act on in their own words (with the remote
 * side's, which may be shown to the item's owner); a passing failure (network, throttling, a concurrent edit) only
 * says that the service tries again, as it does.
 */
export function contactErrorLine(error: ItemError): string {
  const text = TOLD_AS_IS.has(error.code) ? errorForOwner(error) : 'this contact could not be synced just now; the next sync tries again.';
  return CONTACT_ERROR_PREFIX + text.replace(/\s+/g, ' ').trim();
}

const startsWith = (line: string, prefix: string) => line.trimStart().startsWith(prefix.trimEnd());
const isErrorLine = (line: string) => startsWith(line, CONTACT_ERROR_PREFIX);
const isServiceLine = (line: string) => line.startsWith(CONTACT_NOTE_PREFIX) || startsWith(line, CONTACT_RELEASE_PREFIX);

/**
 * The user's notes with the service's lines as asked. `line`: the link or reason line ('' none; absent: the one there
 * stays). `error`: the error line (null none; absent: the one there stays). A reason line (the contact no longer
 * syncs) takes any error line with it. The user's own lines are kept, the service's come last: error, then link.
 */
export function notesWith(notes: string, lines: { line?: string; error?: string | null }): string {
  const all = notes.replace(/\r\n?/g, '\n').split('\n');
  const own = all.filter((l) => !isServiceLine(l) && !isErrorLine(l));
  while (own.length > 0 && own[own.length - 1]?.trim() === '') own.pop();
  const line = lines.line ?? all.find(isServiceLine) ?? '';
  const released = startsWith(line, CONTACT_RELEASE_PREFIX);
  const error = released ? '' : lines.error === undefined ? (all.find(isErrorLine) ?? '') : (lines.error ?? '');
  return [...own, error, line].filter((l, i) => i < own.length || l !== '').join('\n').replace(/^\n+/, '');
}

/** The user's notes with the service's line (link or reason) replaced by `line` (appended when there was none; '' leaves none). */
export function notesWithLine(notes: string, line: string): string {
  return notesWith(notes, { line });
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
  /** The note line (contactNoteLine, or a released contact's reason: contactReleaseLine); absent: the one there stays. */
  noteLine?: string;
  /** The error line (contactErrorLine), null to take it off; absent: the one there stays. */
  errorLine?: string | null;
  /** The contact's current notes (updates); '' for a create. */
  notes: string;
  /** The contact's current categories (updates), kept beside the service's. */
  categories?: readonly string[];
}

const sensitivity = (fields: NormalizedContact) => ({ id: SENSITIVITY_PROPERTY_ID, value: fields.private ? SENSITIVITY_PRIVATE : SENSITIVITY_NORMAL });

function extendedProperties(fields: NormalizedContact): { id: string; value: string }[] {
  const props = [sensitivity(fields)];
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
    personalNotes: notesWithLine(context.notes, context.noteLine ?? ''),
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
  // Only the properties the patch changes: a link or a release writes the record property and leaves the privacy the
  // contact has (a contact the user made and marked private stays so). A PATCH cannot delete an extended property, so
  // a release (crmRef null) writes it empty, which reads as naming no record.
  const props: { id: string; value: string }[] = [];
  if (patch.private !== undefined) props.push(sensitivity(after));
  if (patch.crmRef !== undefined) props.push({ id: RECORD_PROPERTY_ID, value: patch.crmRef ? recordPropertyValue(patch.crmRef) : '' });
  if (props.length > 0) body.singleValueExtendedProperties = props;
  const notes = notesWith(context.notes, { ...(context.noteLine !== undefined ? { line: context.noteLine } : {}), ...(context.errorLine !== undefined ? { error: context.errorLine } : {}) });
  if (notes !== context.notes) body.personalNotes = notes;
  if (context.categories && !context.categories.some((c) => c.toLowerCase() === context.category.toLowerCase())) body.categories = [...context.categories, context.category];
  return body;
}
