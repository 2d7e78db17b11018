// The key fields of one account or contact for the task pane's preview card (shared/preview-api.ts): one GET by its
// readable id in a $batch, and for an account a second one for its owner's name (CorporateAccount carries only the
// owner's id). `ownerPartyId` bounds the read as the CRM search does when it runs as the technical user (the
// object's owner field must name the caller's employee), so a preview never shows what the search would not.
import type { CrmPreview, PreviewType } from '../../../shared/preview-api.js';
import type { ODataHttp } from './odata-http.js';
import { SEARCH_SPECS } from './linkable-search.js';
import { and, eq } from './odata-literals.js';
import { batchGet, collectionPath, type ODataEntity } from './odata-read.js';

const SETS: Record<PreviewType, string> = { account: 'CorporateAccountCollection', contact: 'ContactCollection' };
const SELECT: Record<PreviewType, string> = {
  account: 'AccountID,Name,City,CountryCode,CountryCodeText,Phone,OwnerID',
  contact: 'ContactID,Name,JobTitle,AccountFormattedName,Email,Phone',
};

const text = (row: ODataEntity | undefined, key: string): string | null => {
  const value = row?.[key];
  return typeof value === 'string' && value.trim() !== '' ? value : null;
};

/** The owner's name as C4C shows it; null when C4C knows no employee by that id. */
async function employeeName(http: ODataHttp, employeeId: string): Promise<string | null> {
  const [rows] = await batchGet(http, [collectionPath('EmployeeCollection', { $filter: eq('EmployeeID', employeeId), $select: 'EmployeeID,BusinessPartnerFormattedName,FirstName,LastName', $top: 1 })]);
  const row = rows?.[0];
  return text(row, 'BusinessPartnerFormattedName') ?? ([text(row, 'FirstName'), text(row, 'LastName')].filter(Boolean).join(' ') || null);
}

/** The preview of `type` `id`, or null when there is none the caller may see. */
export async function readPreview(http: ODataHttp, type: PreviewType, id: string, ownerPartyId?: string): Promise<CrmPreview | null> {
  const spec = SEARCH_SPECS[type];
  const byId = eq(spec.id.field, id);
  const filter = ownerPartyId === undefined ? byId : and(byId, eq(spec.owner, ownerPartyId));
  const [rows] = await batchGet(http, [collectionPath(SETS[type], { $filter: filter, $select: SELECT[type], $top: 1 })]);
  const row = rows?.[0];
  if (!row) return null;
  const name = text(row, 'Name') ?? id;
  if (type === 'contact') {
    return { type, id, name, jobTitle: text(row, 'JobTitle'), account: text(row, 'AccountFormattedName'), email: text(row, 'Email'), phone: text(row, 'Phone') };
  }
  const ownerId = text(row, 'OwnerID');
  const owner = ownerId ? ((await employeeName(http, ownerId)) ?? ownerId) : null;
  return { type, id, name, city: text(row, 'City'), country: text(row, 'CountryCodeText') ?? text(row, 'CountryCode'), owner, phone: text(row, 'Phone') };
}
