// R12 for contacts: text fields and the address merge field by field (three-way-merge.ts); e-mail addresses and
// business phones merge by value; what C4C does not let Outlook change (employees, a contact's company) flows C4C →
// Outlook only, and an Outlook edit of it is reverted (R9: the session says why).
//
// A list's value merge, per entry: held by both sides → kept; held by Outlook only → kept unless C4C held it at the
// last sync (C4C replaced or removed it); held by C4C only → kept unless the base held it (Outlook removed it). C4C
// keeps one entry (the primary), so "C4C held it" means "it was the base's primary". An entry C4C changed to
// becomes the primary; Outlook's entries follow in Outlook's order (so Outlook's own reordering reaches C4C).
import type { MergeInput, MergeResult } from './family.js';
import { CONTACT_LIST_FIELDS, CONTACT_TEXT_FIELDS, canonicalEntry, canonicalList, contactFieldEqual, type ContactListField } from './contact-canonical.js';
import type { ContactKind, NormalizedContact } from './contact-item.js';
import type { BaseView } from './state-digest.js';
import { mergeUnits, type MergeRules } from './three-way-merge.js';
import type { WriteIntent } from './write-intent.js';

/** Entries Outlook keeps of each list (Graph: three e-mail addresses, two business phones). */
export const OUTLOOK_LIST_LIMITS: Readonly<Record<ContactListField, number>> = { emails: 3, businessPhones: 2 };

type ContactField = keyof NormalizedContact;

/** The fields Outlook may change in C4C, per kind (C4C's updatable properties; a contact's company is its account). */
export const CRM_WRITABLE_FIELDS: Readonly<Record<ContactKind, readonly ContactField[]>> = {
  contact: ['givenName', 'surname', 'jobTitle', 'department', 'emails', 'businessPhones', 'mobilePhone', 'businessAddress'],
  individualCustomer: ['givenName', 'surname', 'emails', 'businessPhones', 'mobilePhone', 'businessAddress'],
  account: ['companyName', 'emails', 'businessPhones', 'mobilePhone', 'businessAddress'],
  employee: [],
};

/** Every field that flows both ways for some kind, and C4C → Outlook for the others. */
const SYNCED_FIELDS: readonly ContactField[] = [...CONTACT_TEXT_FIELDS, ...CONTACT_LIST_FIELDS, 'businessAddress'];

/** How the base answers for one list: whether it held an entry, and whether that entry was its primary. */
export interface ListBase {
  held(entry: string): boolean;
  primary(entry: string): boolean;
}

function listBase(field: ContactListField, base: BaseView<NormalizedContact> | null, intended: readonly string[] | null): ListBase {
  if (intended) {
    const entries = canonicalList(field, intended);
    return { held: (e) => entries.includes(e), primary: (e) => entries[0] === e };
  }
  const holds = base?.holdsMember;
  if (!base || !holds) return { held: () => false, primary: () => false };
  return { held: (e) => holds.call(base, field, e), primary: (e) => holds.call(base, field, e, 0) };
}

/** A side holds a write of ours to this list (the session that made it died before recording it). */
function intendedList(field: ContactListField, ours: WriteIntent<NormalizedContact> | null, outlook: NormalizedContact, crm: NormalizedContact): string[] | null {
  if (!ours) return null;
  const intended = canonicalList(field, ours.intended[field]);
  const outlookHolds = ours.outlookFields.includes(field) && canonicalList(field, outlook[field]).join('\n') === intended.join('\n');
  const crmHolds = ours.crmFields.includes(field) && canonicalList(field, crm[field])[0] === intended[0];
  return outlookHolds || crmHolds ? ours.intended[field] : null;
}

/** The value merge of one list (header comment), as the values to show: each entry in the wording of its side. */
export function mergeList(field: ContactListField, base: ListBase, outlook: readonly string[], crm: readonly string[]): string[] {
  const canonical = (values: readonly string[]) => values.map((v) => ({ value: v.trim(), entry: canonicalEntry(field, v) })).filter((v) => v.entry !== '' && v.entry !== '+');
  const fromOutlook = canonical(outlook);
  const fromCrm = canonical(crm);
  const inOutlook = new Set(fromOutlook.map((v) => v.entry));
  const inCrm = new Set(fromCrm.map((v) => v.entry));
  const added = fromCrm.filter((v) => !inOutlook.has(v.entry) && !base.held(v.entry));
  const kept = fromOutlook.filter((v) => inCrm.has(v.entry) || !base.primary(v.entry));
  const merged: string[] = [];
  const seen = new Set<string>();
  for (const v of [...added, ...kept]) {
    if (seen.has(v.entry)) continue;
    seen.add(v.entry);
    merged.push(v.value);
  }
  // C4C's entry leads when C4C changed it (it is not the base's primary), even if Outlook had it further down.
  const crmEntry = fromCrm[0];
  const at = crmEntry && !base.primary(crmEntry.entry) ? [...seen].indexOf(crmEntry.entry) : -1;
  if (at > 0) merged.unshift(...merged.splice(at, 1));
  return merged.slice(0, OUTLOOK_LIST_LIMITS[field]);
}

const sameList = (field: ContactListField, a: readonly string[], b: readonly string[]) => canonicalList(field, a).join('\n') === canonicalList(field, b).join('\n');

/**
 * The fields Outlook changed since the last sync that C4C does not take from Outlook for this kind: what the session
 * reverts, and names in the reason it gives (R9). Empty without a base (nothing to tell a change by).
 */
export function readOnlyEdits(base: BaseView<NormalizedContact> | null, outlook: NormalizedContact, crm: NormalizedContact, kind: ContactKind): ContactField[] {
  if (!base) return [];
  const writable = CRM_WRITABLE_FIELDS[kind];
  return SYNCED_FIELDS.filter((f) => !writable.includes(f) && !contactFieldEqual(outlook, crm, f) && !base.holds(outlook, f));
}

export function mergeContact(input: MergeInput<NormalizedContact, ContactKind>): MergeResult<NormalizedContact> {
  const { base, outlook, crm, kind, ours } = input;
  const writable = CRM_WRITABLE_FIELDS[kind];
  const rules: MergeRules<NormalizedContact> = {
    units: writable.filter((f) => !(CONTACT_LIST_FIELDS as readonly string[]).includes(f)).map((f) => [f]),
    equal: contactFieldEqual,
  };
  const merged = mergeUnits(rules, input);
  const outlookPatch = merged.outlookPatch as Record<string, unknown>;
  const crmPatch = merged.crmPatch as Record<string, unknown>;

  for (const field of CONTACT_LIST_FIELDS) {
    if (!writable.includes(field)) continue;
    const result = mergeList(field, listBase(field, base, intendedList(field, ours, outlook, crm)), outlook[field], crm[field]);
    if (!sameList(field, result, outlook[field])) outlookPatch[field] = result;
    if (!sameList(field, result.slice(0, 1), crm[field].slice(0, 1))) crmPatch[field] = result.slice(0, 1);
  }
  // C4C → Outlook only: what this kind does not take from Outlook, whether the record is private, and its link.
  for (const field of SYNCED_FIELDS) {
    if (!writable.includes(field) && !contactFieldEqual(outlook, crm, field)) outlookPatch[field] = crm[field];
  }
  if (outlook.private !== crm.private) outlookPatch.private = crm.private;
  if (crm.crmRef && (outlook.crmRef?.objectId !== crm.crmRef.objectId || outlook.crmRef.c4cId !== crm.crmRef.c4cId)) outlookPatch.crmRef = crm.crmRef;
  return { outlookPatch: outlookPatch as Partial<NormalizedContact>, crmPatch: crmPatch as Partial<NormalizedContact>, conflicts: merged.conflicts };
}
