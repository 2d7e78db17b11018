// Attendee e-mails → C4C employees and contacts for the sync list (ports/sync-list-people.ts). One $batch: the e-mails
// go 20 to a filter on EmployeeCollection and on ContactCollection (the latter bounded to the caller's employee as
// ContactOwnerID). Every value reaches `$filter` through odata-literals.ts; addresses with `*` or control characters
// (which C4C cannot match exactly) are left out.
import type { SyncListPerson } from '../../ports/sync-list-people.js';
import type { ODataHttp } from './odata-http.js';
import { and, eq, eqAny, isExactMatchable } from './odata-literals.js';
import { batchGet, chunks, collectionPath, type ODataEntity } from './odata-read.js';

const EMAILS_PER_QUERY = 20;
/** Blocked (3) and obsolete (4) contacts are not offered. */
const GONE_STATUS = new Set(['3', '4']);

const text = (row: ODataEntity, key: string): string | null => {
  const value = row[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
};

export async function matchPeopleByEmail(http: ODataHttp, emails: readonly string[], contactOwnerPartyId: string): Promise<SyncListPerson[]> {
  const wanted = [...new Set(emails.map((e) => e.trim().toLowerCase()))].filter((e) => e.includes('@') && isExactMatchable(e));
  if (wanted.length === 0 || !isExactMatchable(contactOwnerPartyId)) return [];
  const groups = chunks(wanted, EMAILS_PER_QUERY);
  const employeePaths = groups.map((g) => collectionPath('EmployeeCollection', { $filter: eqAny('Email', g), $select: 'EmployeeID,BusinessPartnerFormattedName,FirstName,LastName,Email' }));
  const contactPaths = groups.map((g) => collectionPath('ContactCollection', { $filter: and(eqAny('Email', g), eq('ContactOwnerID', contactOwnerPartyId)), $select: 'ContactID,Name,Email,StatusCode' }));
  const results = await batchGet(http, [...employeePaths, ...contactPaths]);
  const found = new Map<string, SyncListPerson>();
  const name = (row: ODataEntity, formatted: string) => text(row, formatted) ?? ([text(row, 'FirstName'), text(row, 'LastName')].filter(Boolean).join(' ') || null);
  results.slice(0, employeePaths.length).flat().forEach((row) => {
    const email = text(row, 'Email')?.toLowerCase();
    const id = text(row, 'EmployeeID');
    if (email && id && !found.has(email)) found.set(email, { email, type: 'employee', c4cId: id, name: name(row, 'BusinessPartnerFormattedName') ?? id });
  });
  results.slice(employeePaths.length).flat().forEach((row) => {
    const email = text(row, 'Email')?.toLowerCase();
    const id = text(row, 'ContactID');
    if (email && id && !found.has(email) && !GONE_STATUS.has(text(row, 'StatusCode') ?? '')) found.set(email, { email, type: 'contact', c4cId: id, name: name(row, 'Name') ?? id });
  });
  return wanted.flatMap((e) => {
    const person = found.get(e);
    return person ? [person] : [];
  });
}
