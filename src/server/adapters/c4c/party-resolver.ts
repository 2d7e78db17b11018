// R8: attendee e-mails → C4C parties, employees first, then contacts for the rest. Look-ups are batched: the
// e-mails go 20 to a filter (`or` over one property is all C4C allows), and all filters of one step travel in
// one $batch request. Addresses that cannot be matched exactly (a `*` would be a wildcard) are left out.
import type { ResolvedParty } from '../../ports/crm-activities.js';
import type { ODataHttp } from './odata-http.js';
import { eqAny, isExactMatchable } from './odata-literals.js';
import { batchGet, chunks, collectionPath, type ODataEntity } from './odata-read.js';

const EMAILS_PER_QUERY = 20;

function text(row: ODataEntity, key: string): string | null {
  const value = row[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function fullName(row: ODataEntity, formattedKey: string): string {
  return text(row, formattedKey) ?? [text(row, 'FirstName'), text(row, 'LastName')].filter(Boolean).join(' ');
}

async function lookUp(http: ODataHttp, set: string, select: string, emails: readonly string[]): Promise<ODataEntity[]> {
  const paths = chunks(emails, EMAILS_PER_QUERY).map((group) => collectionPath(set, { $filter: eqAny('Email', group), $select: select }));
  return (await batchGet(http, paths)).flat();
}

export async function resolveParties(http: ODataHttp, emails: readonly string[]): Promise<ResolvedParty[]> {
  const wanted = [...new Set(emails.map((e) => e.trim().toLowerCase()))].filter((e) => e.includes('@') && isExactMatchable(e));
  const resolved = new Map<string, ResolvedParty>();
  if (wanted.length === 0) return [];
  const isWanted = new Set(wanted);

  for (const row of await lookUp(http, 'EmployeeCollection', 'EmployeeID,BusinessPartnerID,BusinessPartnerFormattedName,FirstName,LastName,Email', wanted)) {
    const email = text(row, 'Email')?.toLowerCase();
    // Activities name employees by business partner id (OwnerPartyID, party rows); EmployeeID is the fallback.
    const partyId = text(row, 'BusinessPartnerID') ?? text(row, 'EmployeeID');
    if (email && partyId && isWanted.has(email) && !resolved.has(email)) {
      resolved.set(email, { email, partyId, partyType: 'employee', name: fullName(row, 'BusinessPartnerFormattedName') });
    }
  }

  const rest = wanted.filter((e) => !resolved.has(e));
  const isRest = new Set(rest);
  if (rest.length > 0) {
    for (const row of await lookUp(http, 'ContactCollection', 'ContactID,Name,FirstName,LastName,Email', rest)) {
      const email = text(row, 'Email')?.toLowerCase();
      const partyId = text(row, 'ContactID');
      if (email && partyId && isRest.has(email) && !resolved.has(email)) {
        resolved.set(email, { email, partyId, partyType: 'contact', name: fullName(row, 'Name') });
      }
    }
  }
  // In the order asked for.
  return wanted.flatMap((e) => {
    const party = resolved.get(e);
    return party ? [party] : [];
  });
}
