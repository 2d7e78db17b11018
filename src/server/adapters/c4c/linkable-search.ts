// Task-pane search of the objects an activity can link to: a name prefix (`startswith(Name,'…')`) and, when
// the text looks like an id, an id prefix, for each requested type, all in one $batch of GETs. User text only
// ever enters as a quoted literal built by odata-literals.ts.
import { CRM_OBJECT_TYPES, type CrmObjectType } from '../../../shared/crm-links.js';
import type { CrmSearchHit } from '../../ports/crm-activities.js';
import type { ODataHttp } from './odata-http.js';
import { and, eq, searchTerm, startsWith } from './odata-literals.js';
import { batchGet, collectionPath, type ODataEntity } from './odata-read.js';

interface SearchSpec {
  /** Name field searched by prefix, with its MaxLength (from the metadata). */
  name: { field: string; maxLength: number };
  /** Readable id field, with its MaxLength. */
  id: { field: string; maxLength: number };
  /** Field shown as the hit's extra line. */
  detail?: string;
  /**
   * The party id field naming the employee who owns or is responsible for the object (metadata names; filterable):
   * a search bounded to a user's own objects filters on it.
   */
  owner: string;
}

export const SEARCH_SPECS: Record<CrmObjectType, SearchSpec> = {
  account: { name: { field: 'Name', maxLength: 40 }, id: { field: 'AccountID', maxLength: 10 }, detail: 'City', owner: 'OwnerID' },
  contact: { name: { field: 'Name', maxLength: 480 }, id: { field: 'ContactID', maxLength: 10 }, detail: 'AccountFormattedName', owner: 'ContactOwnerID' },
  individualCustomer: { name: { field: 'FormattedName', maxLength: 480 }, id: { field: 'CustomerID', maxLength: 10 }, detail: 'City', owner: 'OwnerID' },
  lead: { name: { field: 'Name', maxLength: 255 }, id: { field: 'ID', maxLength: 35 }, detail: 'Company', owner: 'OwnerPartyID' },
  opportunity: { name: { field: 'Name', maxLength: 255 }, id: { field: 'ID', maxLength: 35 }, detail: 'ProspectPartyName', owner: 'MainEmployeeResponsiblePartyID' },
  ticket: { name: { field: 'Name', maxLength: 255 }, id: { field: 'ID', maxLength: 35 }, detail: 'BuyerPartyName', owner: 'ProcessorPartyID' },
  salesQuote: { name: { field: 'Name', maxLength: 255 }, id: { field: 'ID', maxLength: 35 }, detail: 'BuyerPartyName', owner: 'EmployeeResponsiblePartyID' },
  salesOrder: { name: { field: 'Name', maxLength: 255 }, id: { field: 'ID', maxLength: 35 }, detail: 'BuyerPartyName', owner: 'EmployeeResponsiblePartyID' },
  task: { name: { field: 'Subject', maxLength: 765 }, id: { field: 'ID', maxLength: 35 }, owner: 'ProcessorPartyID' },
  email: { name: { field: 'Subject', maxLength: 765 }, id: { field: 'ID', maxLength: 35 }, owner: 'OwnerPartyID' },
};

/** Longest text a search takes; type-ahead never needs more. */
export const MAX_SEARCH_TEXT = 100;
export const MAX_SEARCH_TOP = 50;
const ID_LIKE = /^[A-Za-z0-9_-]+$/;

interface PlannedQuery {
  type: CrmObjectType;
  path: string;
}

/**
 * The queries of a search. `ownerPartyId`: only objects that employee owns or is responsible for (the owner field of
 * each type), for a search run as the technical user on a user's behalf.
 */
export function planSearch(text: string, types: readonly CrmObjectType[], top: number, ownerPartyId?: string): PlannedQuery[] {
  const limit = Math.max(1, Math.min(MAX_SEARCH_TOP, Math.floor(top)));
  const input = text.slice(0, MAX_SEARCH_TEXT);
  const queries: PlannedQuery[] = [];
  for (const type of new Set(types)) {
    const spec = SEARCH_SPECS[type];
    const set = CRM_OBJECT_TYPES[type].entitySet;
    const select = [spec.id.field, spec.name.field, ...(spec.detail ? [spec.detail] : [])].join(',');
    const owned = (filter: string) => (ownerPartyId === undefined ? filter : and(filter, eq(spec.owner, ownerPartyId)));
    const nameTerm = searchTerm(input, { maxLength: spec.name.maxLength });
    if (nameTerm) {
      queries.push({ type, path: collectionPath(set, { $filter: owned(startsWith(spec.name.field, nameTerm)), $select: select, $top: limit }) });
    }
    const idTerm = searchTerm(input, { maxLength: spec.id.maxLength });
    if (idTerm && ID_LIKE.test(idTerm) && idTerm.length === input.trim().length) {
      queries.push({ type, path: collectionPath(set, { $filter: owned(startsWith(spec.id.field, idTerm)), $select: select, $top: limit }) });
    }
  }
  return queries;
}

function hitOf(type: CrmObjectType, row: ODataEntity): CrmSearchHit | null {
  const spec = SEARCH_SPECS[type];
  const id = row[spec.id.field];
  if (typeof id !== 'string' || id === '') return null;
  const name = row[spec.name.field];
  const detail = spec.detail ? row[spec.detail] : undefined;
  return {
    type,
    id,
    ...(typeof name === 'string' && name !== '' ? { name: name.slice(0, 480) } : {}),
    ...(typeof detail === 'string' && detail !== '' ? { detail } : {}),
  };
}

/** Hits of all types, interleaved type by type so one type cannot crowd out the others, at most `top`. */
export async function searchLinkable(http: ODataHttp, text: string, types: readonly CrmObjectType[], top: number, ownerPartyId?: string): Promise<CrmSearchHit[]> {
  const planned = planSearch(text, types, top, ownerPartyId);
  if (planned.length === 0) return [];
  const results = await batchGet(
    http,
    planned.map((q) => q.path),
  );
  const perType = new Map<CrmObjectType, CrmSearchHit[]>();
  const seen = new Set<string>();
  planned.forEach((q, i) => {
    const list = perType.get(q.type) ?? [];
    for (const row of results[i] ?? []) {
      const hit = hitOf(q.type, row);
      if (!hit || seen.has(`${hit.type}:${hit.id}`)) continue;
      seen.add(`${hit.type}:${hit.id}`);
      list.push(hit);
    }
    perType.set(q.type, list);
  });
  const limit = Math.max(1, Math.min(MAX_SEARCH_TOP, Math.floor(top)));
  const out: CrmSearchHit[] = [];
  const lists = [...perType.values()];
  for (let i = 0; out.length < limit && lists.some((l) => i < l.length); i += 1) {
    for (const list of lists) {
      const hit = list[i];
      if (hit && out.length < limit) out.push(hit);
    }
  }
  return out;
}
