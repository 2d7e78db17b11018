// The key fields of one account, contact, opportunity or ticket for the task pane's preview card
// (shared/preview-api.ts): one $batch of GETs by the readable id. An account's batch also reads its open
// opportunities (ProspectPartyID, status Open or In Process) to count them, and a second request its owner's name
// (CorporateAccount carries only the owner's id). `ownerPartyId` bounds every read as the CRM search does when it runs
// as the technical user (the object's owner field must name the caller's employee), so a preview never shows, nor
// counts, what the search would not find.
import { CRM_OBJECT_TYPES } from '../../../shared/crm-links.js';
import type { CrmPreview, PreviewType } from '../../../shared/preview-api.js';
import type { ODataHttp } from './odata-http.js';
import { SEARCH_SPECS } from './linkable-search.js';
import { and, eq, eqAny } from './odata-literals.js';
import { batchGet, collectionPath, type ODataEntity } from './odata-read.js';

const SELECT: Record<PreviewType, string> = {
  account: 'AccountID,Name,City,CountryCode,CountryCodeText,Phone,OwnerID',
  contact: 'ContactID,Name,JobTitle,AccountFormattedName,Email,Phone',
  opportunity:
    'ID,Name,SalesCyclePhaseCode,SalesCyclePhaseCodeText,LifeCycleStatusCode,LifeCycleStatusCodeText,ExpectedRevenueAmount,ExpectedRevenueAmountCurrencyCode,ExpectedProcessingEndDate,MainEmployeeResponsiblePartyName,ProspectPartyName',
  ticket: 'ID,Name,ServiceRequestUserLifeCycleStatusCode,ServiceRequestUserLifeCycleStatusCodeText,ServiceRequestLifeCycleStatusCodeText,ServicePriorityCode,ServicePriorityCodeText,BuyerPartyName',
};

/** C4C's opportunity life-cycle codes that are still open: 1 Open, 2 In Process ([M] the standard code list). */
export const OPEN_OPPORTUNITY_STATUSES = ['1', '2'] as const;
/** Open opportunities counted at most; above it the card says "50+". */
export const OPEN_OPPORTUNITIES_COUNTED = 50;

const text = (row: ODataEntity | undefined, key: string): string | null => {
  const value = row?.[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
};

/** An Edm.Decimal (a string in OData V2 JSON, e.g. "125000.000000") as a number; null when absent or unreadable. */
export function decimalOf(value: unknown): number | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const n = typeof value === 'number' ? value : Number(value.trim());
  return typeof value === 'string' && value.trim() === '' ? null : Number.isFinite(n) ? n : null;
}

/** An Edm.DateTime date (`/Date(ms)/` in OData V2 JSON, UTC midnight for a date) as `YYYY-MM-DD`; null otherwise. */
export function dateOf(value: unknown): string | null {
  const match = typeof value === 'string' ? /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/.exec(value) : null;
  if (!match?.[1]) return null;
  const date = new Date(Number(match[1]));
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
}

/** The owner's name as C4C shows it; null when C4C knows no employee by that id. */
async function employeeName(http: ODataHttp, employeeId: string): Promise<string | null> {
  const [rows] = await batchGet(http, [collectionPath('EmployeeCollection', { $filter: eq('EmployeeID', employeeId), $select: 'EmployeeID,BusinessPartnerFormattedName,FirstName,LastName', $top: 1 })]);
  const row = rows?.[0];
  return text(row, 'BusinessPartnerFormattedName') ?? ([text(row, 'FirstName'), text(row, 'LastName')].filter(Boolean).join(' ') || null);
}

function openOpportunitiesPath(accountId: string, ownerPartyId: string | undefined): string {
  const filter = and(eq('ProspectPartyID', accountId), eqAny('LifeCycleStatusCode', OPEN_OPPORTUNITY_STATUSES), ...(ownerPartyId === undefined ? [] : [eq(SEARCH_SPECS.opportunity.owner, ownerPartyId)]));
  return collectionPath('OpportunityCollection', { $filter: filter, $select: 'ID', $top: OPEN_OPPORTUNITIES_COUNTED + 1 });
}

function opportunityOf(id: string, row: ODataEntity): CrmPreview {
  const amount = decimalOf(row['ExpectedRevenueAmount']);
  const currency = text(row, 'ExpectedRevenueAmountCurrencyCode');
  return {
    type: 'opportunity',
    id,
    name: text(row, 'Name') ?? id,
    phase: text(row, 'SalesCyclePhaseCodeText') ?? text(row, 'SalesCyclePhaseCode'),
    status: text(row, 'LifeCycleStatusCodeText') ?? text(row, 'LifeCycleStatusCode'),
    // A value without a valid currency cannot be shown as money: left out rather than shown in a guessed currency.
    value: amount !== null && currency !== null && /^[A-Z]{3}$/.test(currency) ? { amount, currency } : null,
    closeDate: dateOf(row['ExpectedProcessingEndDate']),
    owner: text(row, 'MainEmployeeResponsiblePartyName'),
    account: text(row, 'ProspectPartyName'),
  };
}

/** The preview of `type` `id`, or null when there is none the caller may see. */
export async function readPreview(http: ODataHttp, type: PreviewType, id: string, ownerPartyId?: string): Promise<CrmPreview | null> {
  const spec = SEARCH_SPECS[type];
  const byId = eq(spec.id.field, id);
  const filter = ownerPartyId === undefined ? byId : and(byId, eq(spec.owner, ownerPartyId));
  const paths = [collectionPath(CRM_OBJECT_TYPES[type].entitySet, { $filter: filter, $select: SELECT[type], $top: 1 })];
  if (type === 'account') paths.push(openOpportunitiesPath(id, ownerPartyId));
  const [rows, opportunities] = await batchGet(http, paths);
  const row = rows?.[0];
  if (!row) return null;
  const name = text(row, 'Name') ?? id;
  switch (type) {
    case 'contact':
      return { type, id, name, jobTitle: text(row, 'JobTitle'), account: text(row, 'AccountFormattedName'), email: text(row, 'Email'), phone: text(row, 'Phone') };
    case 'opportunity':
      return opportunityOf(id, row);
    case 'ticket':
      return {
        type,
        id,
        name,
        status: text(row, 'ServiceRequestUserLifeCycleStatusCodeText') ?? text(row, 'ServiceRequestLifeCycleStatusCodeText') ?? text(row, 'ServiceRequestUserLifeCycleStatusCode'),
        priority: text(row, 'ServicePriorityCodeText') ?? text(row, 'ServicePriorityCode'),
        account: text(row, 'BuyerPartyName'),
      };
    case 'account': {
      const ownerId = text(row, 'OwnerID');
      const owner = ownerId ? ((await employeeName(http, ownerId)) ?? ownerId) : null;
      const open = opportunities ?? [];
      return {
        type,
        id,
        name,
        city: text(row, 'City'),
        country: text(row, 'CountryCodeText') ?? text(row, 'CountryCode'),
        owner,
        phone: text(row, 'Phone'),
        openOpportunities: { count: Math.min(open.length, OPEN_OPPORTUNITIES_COUNTED), more: open.length > OPEN_OPPORTUNITIES_COUNTED },
      };
    }
  }
}
