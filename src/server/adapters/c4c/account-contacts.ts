// The sync list's admin rule `owned-account-contacts` (R14, sync/sync-list-rule.ts): the contacts of the accounts an
// employee owns (CorporateAccountCollection.OwnerID) or is in the account team of (CorporateAccountTeamCollection,
// EmployeeID). All three properties and the contacts' AccountID are filterable in the tenant's $metadata. Every value
// reaches `$filter` through odata-literals.ts (quoted, quotes doubled, `*` refused); reads follow C4C's paging.
import { eq, eqAny, isExactMatchable } from './odata-literals.js';
import type { ODataHttp } from './odata-http.js';
import { batchGet, chunks, collectionPath, type ODataEntity } from './odata-read.js';

/** Values per `or` filter (C4C allows `or` only over one property; URLs stay short). */
const IDS_PER_QUERY = 20;
/** GETs per $batch request. */
const QUERIES_PER_BATCH = 25;
/** Blocked (3) and obsolete (4) records count as gone (as the contact family treats them): the rule leaves them out. */
const GONE_STATUS = new Set(['3', '4']);

const text = (row: ODataEntity, key: string): string | null => {
  const value = row[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
};

async function batchedRows(http: ODataHttp, paths: readonly string[]): Promise<ODataEntity[]> {
  const rows: ODataEntity[] = [];
  for (const group of chunks(paths, QUERIES_PER_BATCH)) rows.push(...(await batchGet(http, group)).flat());
  return rows;
}

/**
 * The readable ids (ContactID) of the active contacts whose account the employee owns or is in the team of, sorted.
 * One $batch finds the accounts, then one $batch per 500 accounts their contacts.
 */
export async function readOwnedAccountContactIds(http: ODataHttp, employeeId: string): Promise<string[]> {
  if (!isExactMatchable(employeeId)) return [];
  const [owned = [], team = []] = await batchGet(http, [
    collectionPath('CorporateAccountCollection', { $filter: eq('OwnerID', employeeId), $select: 'AccountID,LifeCycleStatusCode' }),
    collectionPath('CorporateAccountTeamCollection', { $filter: eq('EmployeeID', employeeId), $select: 'AccountID' }),
  ]);
  const accounts = new Set<string>();
  for (const row of [...owned.filter((r) => !GONE_STATUS.has(text(r, 'LifeCycleStatusCode') ?? '')), ...team]) {
    const id = text(row, 'AccountID');
    if (id && isExactMatchable(id)) accounts.add(id);
  }
  if (accounts.size === 0) return [];
  const paths = chunks([...accounts].sort(), IDS_PER_QUERY).map((ids) => collectionPath('ContactCollection', { $filter: eqAny('AccountID', ids), $select: 'ContactID,StatusCode' }));
  const contacts = new Set<string>();
  for (const row of await batchedRows(http, paths)) {
    const id = text(row, 'ContactID');
    if (id && !GONE_STATUS.has(text(row, 'StatusCode') ?? '')) contacts.add(id);
  }
  return [...contacts].sort();
}
