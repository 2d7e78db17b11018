// Task-pane search of the objects an activity can link to, for each requested type, all in one $batch of GETs:
// a name prefix (`startswith(Name,'…')`, and a contact's last name: "Lopez"), an id prefix when the text looks like
// an id, and C4C's free-text `$search` over the fields it marks search-relevant (a word inside a name:
// "Automotive"). Prefix hits come first. User text enters filters only as a quoted literal built by
// odata-literals.ts, and `$search` only as letters, digits, spaces, apostrophes and hyphens.
import { CRM_OBJECT_TYPES, type CrmObjectType } from '../../../shared/crm-links.js';
import type { CrmSearchHit } from '../../ports/crm-activities.js';
import type { ODataHttp } from './odata-http.js';
import { foldQuotes } from '../../../shared/search-text.js';
import { and, eq, searchTerm, startsWith } from './odata-literals.js';
import { batchGet, collectionPath, type ODataEntity } from './odata-read.js';

interface SearchSpec {
  /** Name field searched by prefix, with its MaxLength (from the metadata). */
  name: { field: string; maxLength: number };
  /** More name fields searched by prefix (a person's last name), with their MaxLength. */
  alsoPrefix?: { field: string; maxLength: number }[];
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
  contact: { name: { field: 'Name', maxLength: 480 }, alsoPrefix: [{ field: 'LastName', maxLength: 40 }], id: { field: 'ContactID', maxLength: 10 }, detail: 'AccountFormattedName', owner: 'ContactOwnerID' },
  individualCustomer: { name: { field: 'FormattedName', maxLength: 480 }, alsoPrefix: [{ field: 'LastName', maxLength: 40 }], id: { field: 'CustomerID', maxLength: 10 }, detail: 'City', owner: 'OwnerID' },
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
/** Shortest text worth a free-text search (type-ahead below it is served by the prefixes). */
const MIN_FREE_TEXT = 3;

/**
 * The text for `$search`: C4C takes it unquoted, even with spaces (API guide), so only letters, digits, spaces,
 * apostrophes and hyphens are kept; anything else could be read as syntax. Null when too little is left.
 */
export function freeTextTerm(text: string): string | null {
  const term = text.replace(/[^\p{L}\p{N}\s'-]/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, MAX_SEARCH_TEXT).trim();
  return term.replace(/[^\p{L}\p{N}]/gu, '').length >= MIN_FREE_TEXT ? term : null;
}

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
  const input = foldQuotes(text.slice(0, MAX_SEARCH_TEXT));
  const freeText = freeTextTerm(input);
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
    for (const field of spec.alsoPrefix ?? []) {
      const term = searchTerm(input, { maxLength: field.maxLength });
      if (term) queries.push({ type, path: collectionPath(set, { $filter: owned(startsWith(field.field, term)), $select: select, $top: limit }) });
    }
    if (freeText) {
      const filter = ownerPartyId === undefined ? undefined : eq(spec.owner, ownerPartyId);
      queries.push({ type, path: collectionPath(set, { $search: freeText, $filter: filter, $select: select, $top: limit }) });
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
