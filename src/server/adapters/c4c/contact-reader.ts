// Reading the records of the sync list (R14): contacts, individual customers, employees and accounts, each from its
// entity set. The tenant-wide change query (change-query.ts) per set, reads by ObjectID and by readable id (what a
// sync list entry names), and the duplicate check of a new contact by e-mail. Every value reaches `$filter` through
// odata-literals.ts (quoted, quotes doubled, `*` refused).
import pMap from 'p-map';
import { C4C_CONTACT_PROPERTIES } from '../../domain/c4c-contact-fields.js';
import type { ContactKind } from '../../domain/contact-item.js';
import { lastChangedMs, readChangedSince } from './change-query.js';
import type { ODataHttp } from './odata-http.js';
import { eqAny, isExactMatchable } from './odata-literals.js';
import { chunks, collectionPath, readAll, type ODataEntity } from './odata-read.js';

/** When the kind's newest record changed (C4C's clock), or null when the set is empty: one row read. */
export async function newestChangeMs(http: ODataHttp, kind: ContactKind): Promise<number | null> {
  const [row] = await readAll(http, collectionPath(C4C_CONTACT_PROPERTIES[kind].entitySet, { $select: 'EntityLastChangedOn', $orderby: 'EntityLastChangedOn desc', $top: 1 }), 1);
  return row ? lastChangedMs(row) : null;
}

/** Values per `or` filter (URL length), as for activities and tasks. */
const IDS_PER_QUERY = 20;
const QUERIES_AT_ONCE = 4;

/** Every record of the kind changed at or after `sinceMs`, over all pages. */
export function readChangedRecords(http: ODataHttp, kind: ContactKind, sinceMs: number): Promise<ODataEntity[]> {
  return readChangedSince(http, { entitySet: C4C_CONTACT_PROPERTIES[kind].entitySet, expand: '', sinceMs, scope: null });
}

/** Records of one kind whose `property` is one of `values`, keyed by that property's value as C4C returns it. */
async function readBy(http: ODataHttp, kind: ContactKind, property: string, values: readonly string[]): Promise<ODataEntity[]> {
  // A value C4C cannot match exactly (a `*`, control characters) cannot name a record: it is not looked up.
  const wanted = [...new Set(values)].filter(isExactMatchable);
  const pages = await pMap(
    chunks(wanted, IDS_PER_QUERY),
    (group) => readAll(http, collectionPath(C4C_CONTACT_PROPERTIES[kind].entitySet, { $filter: eqAny(property, group) })),
    { concurrency: QUERIES_AT_ONCE },
  );
  return pages.flat();
}

export async function readRecordsByObjectIds(http: ODataHttp, kind: ContactKind, objectIds: readonly string[]): Promise<Map<string, ODataEntity>> {
  const found = new Map<string, ODataEntity>();
  for (const row of await readBy(http, kind, 'ObjectID', objectIds)) if (typeof row['ObjectID'] === 'string') found.set(row['ObjectID'], row);
  return found;
}

/** Records by their readable id (ContactID, CustomerID, EmployeeID, AccountID): the sync list's entries. */
export async function readRecordsByC4cIds(http: ODataHttp, kind: ContactKind, c4cIds: readonly string[]): Promise<Map<string, ODataEntity>> {
  const idProperty = C4C_CONTACT_PROPERTIES[kind].id;
  const found = new Map<string, ODataEntity>();
  for (const row of await readBy(http, kind, idProperty, c4cIds)) {
    const id = row[idProperty];
    // C4C may compare ignoring case: only the exact id counts.
    if (typeof id === 'string' && c4cIds.includes(id)) found.set(id, row);
  }
  return found;
}

/**
 * C4C contacts with one of these e-mail addresses (the duplicate check before a contact made in Outlook is created),
 * oldest first. Addresses compare without case, as e-mail addresses do.
 */
export async function readContactsByEmail(http: ODataHttp, emails: readonly string[]): Promise<ODataEntity[]> {
  const lower = new Set(emails.map((e) => e.trim().toLowerCase()).filter((e) => e !== ''));
  if (lower.size === 0) return [];
  const rows = await readBy(http, 'contact', C4C_CONTACT_PROPERTIES.contact.email, [...lower]);
  return rows
    .filter((r) => typeof r['Email'] === 'string' && lower.has(r['Email'].trim().toLowerCase()))
    .sort((a, b) => String(a['ContactID'] ?? '').localeCompare(String(b['ContactID'] ?? ''), 'en', { numeric: true }));
}
