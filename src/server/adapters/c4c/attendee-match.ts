// Attendee e-mails → C4C employees, contacts and leads (ports/crm-attendees.ts), for the task pane's "Attendees".
// One $batch: the e-mails go 20 to a filter on EmployeeCollection (Email), ContactCollection (Email, bounded to the
// caller's employee as ContactOwnerID) and LeadCollection (ContactEMail, bounded as OwnerPartyID). The duplicate
// check before a create asks the same three sets for one address, unbounded (a duplicate is one whoever owns it).
// Every value reaches `$filter` through odata-literals.ts; addresses C4C cannot match exactly are left out.
import type { AttendeeMatch, FoundByEmail } from '../../ports/crm-attendees.js';
import type { ODataHttp } from './odata-http.js';
import { and, eq, eqAny, isExactMatchable } from './odata-literals.js';
import { batchGet, chunks, collectionPath, type ODataEntity } from './odata-read.js';

const EMAILS_PER_QUERY = 20;
/** Blocked (3) and obsolete (4) contacts are not offered. */
const GONE_CONTACT = new Set(['3', '4']);

const SELECT = {
  employee: 'EmployeeID,BusinessPartnerFormattedName,FirstName,LastName,Email',
  contact: 'ContactID,Name,FirstName,LastName,Email,StatusCode,AccountID,AccountFormattedName,ContactOwnerID',
  lead: 'ID,Name,ContactFirstName,ContactLastName,ContactEMail,AccountPartyID,AccountPartyName,OwnerPartyID',
} as const;

const text = (row: ODataEntity, key: string): string | null => {
  const value = row[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
};
const joined = (...parts: (string | null)[]) => parts.filter(Boolean).join(' ') || null;

function employeeOf(row: ODataEntity): FoundByEmail | null {
  const email = text(row, 'Email')?.toLowerCase();
  const id = text(row, 'EmployeeID');
  if (!email || !id) return null;
  const name = text(row, 'BusinessPartnerFormattedName') ?? joined(text(row, 'FirstName'), text(row, 'LastName')) ?? id;
  return { match: { email, kind: 'employee', c4cId: id, name, account: null }, ownerPartyId: null };
}

function contactOf(row: ODataEntity): FoundByEmail | null {
  const email = text(row, 'Email')?.toLowerCase();
  const id = text(row, 'ContactID');
  if (!email || !id || GONE_CONTACT.has(text(row, 'StatusCode') ?? '')) return null;
  const accountId = text(row, 'AccountID');
  const name = text(row, 'Name') ?? joined(text(row, 'FirstName'), text(row, 'LastName')) ?? id;
  const account = accountId ? { id: accountId, name: text(row, 'AccountFormattedName') ?? accountId } : null;
  return { match: { email, kind: 'contact', c4cId: id, name, account }, ownerPartyId: text(row, 'ContactOwnerID') };
}

/** A lead's person is its contact (first and last name); the lead's own Name is its title and names it otherwise. */
function leadOf(row: ODataEntity): FoundByEmail | null {
  const email = text(row, 'ContactEMail')?.toLowerCase();
  const id = text(row, 'ID');
  if (!email || !id) return null;
  const accountId = text(row, 'AccountPartyID');
  const name = joined(text(row, 'ContactFirstName'), text(row, 'ContactLastName')) ?? text(row, 'Name') ?? id;
  const account = accountId ? { id: accountId, name: text(row, 'AccountPartyName') ?? accountId } : null;
  return { match: { email, kind: 'lead', c4cId: id, name, account }, ownerPartyId: text(row, 'OwnerPartyID') };
}

const matchable = (emails: readonly string[]) => [...new Set(emails.map((e) => e.trim().toLowerCase()))].filter((e) => e.includes('@') && isExactMatchable(e));

export async function matchAttendees(http: ODataHttp, emails: readonly string[], ownerPartyId: string): Promise<AttendeeMatch[]> {
  const wanted = matchable(emails);
  if (wanted.length === 0 || !isExactMatchable(ownerPartyId)) return [];
  const groups = chunks(wanted, EMAILS_PER_QUERY);
  const paths = [
    ...groups.map((g) => collectionPath('EmployeeCollection', { $filter: eqAny('Email', g), $select: SELECT.employee })),
    ...groups.map((g) => collectionPath('ContactCollection', { $filter: and(eqAny('Email', g), eq('ContactOwnerID', ownerPartyId)), $select: SELECT.contact })),
    ...groups.map((g) => collectionPath('LeadCollection', { $filter: and(eqAny('ContactEMail', g), eq('OwnerPartyID', ownerPartyId)), $select: SELECT.lead })),
  ];
  const results = await batchGet(http, paths);
  const n = groups.length;
  const found = new Map<string, AttendeeMatch>();
  const take = (rows: ODataEntity[][], of: (row: ODataEntity) => FoundByEmail | null) => {
    for (const row of rows.flat()) {
      const hit = of(row);
      if (hit && !found.has(hit.match.email)) found.set(hit.match.email, hit.match);
    }
  };
  take(results.slice(0, n), employeeOf);
  take(results.slice(n, 2 * n), contactOf);
  take(results.slice(2 * n), leadOf);
  return wanted.flatMap((e) => {
    const match = found.get(e);
    return match ? [match] : [];
  });
}

/** The duplicate check: the first employee, contact or lead with the address, whoever owns it. */
export async function findPersonByEmail(http: ODataHttp, email: string): Promise<FoundByEmail | null> {
  const [address] = matchable([email]);
  if (!address) return null;
  const [employees = [], contacts = [], leads = []] = await batchGet(http, [
    collectionPath('EmployeeCollection', { $filter: eq('Email', address), $select: SELECT.employee, $top: 5 }),
    collectionPath('ContactCollection', { $filter: eq('Email', address), $select: SELECT.contact, $top: 5 }),
    collectionPath('LeadCollection', { $filter: eq('ContactEMail', address), $select: SELECT.lead, $top: 5 }),
  ]);
  for (const [rows, of] of [[employees, employeeOf], [contacts, contactOf], [leads, leadOf]] as const) {
    for (const row of rows) {
      const hit = of(row);
      if (hit) return hit;
    }
  }
  return null;
}
