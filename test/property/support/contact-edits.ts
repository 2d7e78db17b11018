// Field edits the property tests make to contacts on either side (R14): names, company, job title, mobile, and the
// e-mail and phone lists, which merge by value. E-mail addresses come from a small pool shared by both sides, so the
// same address is added, removed and made primary on either side; C4C holds one address and one phone only.
import { emptyContact, type NormalizedContact } from '../../../src/server/domain/contact-item.js';
import type { Side } from './edits.js';

export const CONTACT_EDIT_UNITS = ['surname', 'givenName', 'companyName', 'jobTitle', 'mobilePhone', 'emails', 'businessPhones'] as const;
export type ContactEditUnit = (typeof CONTACT_EDIT_UNITS)[number];

const EMAILS = ['ann@acme.example', 'Bob@Acme.example', 'cy@acme.example', 'dee@acme.example'];
const PHONES = ['+49 30 1111', '+49 30 2222', '+1 555 0100'];

/** A contact as a user first makes it; `stem` is unique in the world (its first e-mail address is its own). */
export function initialContact(stem: string, seed: number): NormalizedContact {
  return { ...emptyContact(), givenName: `Given ${stem}`, surname: `Surname ${seed}`, companyName: `Company ${seed % 7}`, emails: [`${stem.toLowerCase()}@acme.example`], businessPhones: [PHONES[seed % PHONES.length] as string] };
}

/** One entry of a list added, removed or made primary (Outlook), or C4C's one entry replaced or cleared. */
function editList(list: readonly string[], pool: readonly string[], canon: (v: string) => string, side: Side, value: number): string[] {
  const entry = pool[value % pool.length] as string;
  const same = (a: string) => canon(a) === canon(entry);
  if (side === 'crm') return value % 5 === 0 ? [] : [entry];
  switch (value % 3) {
    case 0:
      return list.some(same) ? [...list] : [...list, entry];
    case 1:
      return list.filter((a) => !same(a));
    default:
      return [entry, ...list.filter((a) => !same(a))];
  }
}

/** The fields with one unit set to a value derived from (side, value). */
export function applyContactEdit(fields: NormalizedContact, unit: ContactEditUnit, side: Side, value: number): NormalizedContact {
  const tag = `${side === 'outlook' ? 'O' : 'C'}${value}`;
  switch (unit) {
    case 'emails':
      return { ...fields, emails: editList(fields.emails, EMAILS, (v) => v.trim().toLowerCase(), side, value) };
    case 'businessPhones':
      return { ...fields, businessPhones: editList(fields.businessPhones, PHONES, (v) => v.replace(/\D/g, ''), side, value) };
    case 'mobilePhone':
      return { ...fields, mobilePhone: value % 4 === 0 ? '' : `+49 170 ${1000 + (value % 9000)}${side === 'crm' ? 1 : 2}` };
    default: {
      // C4C needs a contact's last name and an account's name (a blocker, R9): only the optional fields are cleared.
      const clears = unit !== 'surname' && unit !== 'companyName' && value % 6 === 0;
      return { ...fields, [unit]: clears ? '' : `${unit} ${tag}` };
    }
  }
}
