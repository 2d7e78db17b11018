// One CrmWriteRequest → the writes of one $batch change set. Payloads come from domain/c4c-payloads.ts; this
// module turns them into requests: a deep insert for a create, and for an update a PATCH of the header
// (If-Match) followed by reconciling the child rows with the wanted ones (parties, BTD references, body note).
// Pure: the current entity (with expanded children) is passed in.
import type { SyncKind } from '../../../shared/categories.js';
import type { C4cActivityCodes } from '../../domain/c4c-codes.js';
import { C4C_BODY_TEXT_TYPE, C4C_FIELDS } from '../../domain/c4c-fields.js';
import type { C4cBody, C4cWrite } from '../../domain/c4c-payloads.js';
import { expanded, c4cVersionOf } from '../../domain/normalize-c4c.js';
import type { BatchWrite } from './batch-format.js';
import { keyPredicate } from './odata-literals.js';
import type { ODataEntity } from './odata-read.js';

function str(row: ODataEntity, key: string): string {
  const value = row[key];
  return typeof value === 'string' ? value : '';
}

function ifMatch(row: ODataEntity): Record<string, string> {
  const etag = c4cVersionOf(row);
  return etag ? { 'If-Match': etag } : {};
}

function entityPath(set: string, objectId: string): string {
  return `${set}${keyPredicate(objectId)}`;
}

/** Child rows to delete and wanted rows to add, matched by a key (party id, type+id of a BTD reference). */
function reconcile(existing: readonly ODataEntity[], wanted: readonly C4cBody[], keyOf: (row: Record<string, unknown>) => string, childSet: string, navPath: string): BatchWrite[] {
  const existingKeys = new Set(existing.map(keyOf));
  const wantedKeys = new Set(wanted.map(keyOf));
  const writes: BatchWrite[] = [];
  for (const row of existing) {
    if (!wantedKeys.has(keyOf(row))) writes.push({ method: 'DELETE', path: entityPath(childSet, str(row, 'ObjectID')), headers: ifMatch(row) });
  }
  const added = new Set<string>();
  for (const row of wanted) {
    const key = keyOf(row);
    if (existingKeys.has(key) || added.has(key)) continue;
    added.add(key);
    writes.push({ method: 'POST', path: navPath, body: row });
  }
  return writes;
}

export function createChangeSet(kind: SyncKind, body: C4cBody): BatchWrite[] {
  return [{ method: 'POST', path: C4C_FIELDS[kind].entitySet, body }];
}

export interface UpdateChangeSet {
  writes: BatchWrite[];
  /** True when child rows change too: the header ETag after the batch must then be re-read. */
  touchesChildren: boolean;
}

/**
 * PATCH of the header with If-Match (always sent, even when only children change, so a stale version is a
 * conflict and not a silent overwrite), then the child writes. Party rows reconciled: attendees (when attendees
 * change) and the other accounts and contacts (when links change, by role and party); owner and organizer rows,
 * and the rows C4C marks main, belong to C4C.
 */
export function updateChangeSet(kind: SyncKind, objectId: string, version: string, write: C4cWrite, current: ODataEntity, codes: C4cActivityCodes): UpdateChangeSet {
  const names = C4C_FIELDS[kind];
  const headerPath = entityPath(names.entitySet, objectId);
  const partiesPath = `${headerPath}/${names.partiesNav}`;
  const writes: BatchWrite[] = [{ method: 'PATCH', path: headerPath, headers: { 'If-Match': version }, body: write.header }];
  const parties = expanded(current, names.partiesNav);
  const organizer = write.organizer;
  if (organizer && !parties.some((p) => str(p, 'RoleCode') === codes.partyRoles.organizer && str(p, 'PartyID') === organizer['PartyID'])) {
    writes.push({ method: 'POST', path: partiesPath, body: organizer });
  }
  if (write.parties !== undefined) {
    const attendees = parties.filter((p) => str(p, 'RoleCode') === codes.partyRoles.attendee);
    writes.push(...reconcile(attendees, write.parties, (r) => String(r['PartyID'] ?? ''), names.partiesSet, partiesPath));
  }
  if (write.linkParties !== undefined) {
    const linkRoles = new Set([codes.partyRoles.account, codes.partyRoles.contact].filter((r): r is string => r !== null));
    const linked = parties.filter((p) => linkRoles.has(str(p, 'RoleCode')) && p['MainIndicator'] !== true);
    writes.push(...reconcile(linked, write.linkParties, (r) => `${String(r['RoleCode'] ?? '')}:${String(r['PartyID'] ?? '')}`, names.partiesSet, partiesPath));
  }
  if (write.btdReferences !== undefined) {
    const refs = expanded(current, names.btdNav);
    writes.push(...reconcile(refs, write.btdReferences, (r) => `${String(r['TypeCode'] ?? '')}:${String(r['ID'] ?? '')}`, names.btdSet, `${headerPath}/${names.btdNav}`));
  }
  if (write.bodyText !== undefined) {
    const texts = expanded(current, names.textNav);
    const note = texts.find((t) => str(t, 'TypeCode') === C4C_BODY_TEXT_TYPE) ?? texts[0];
    if (note) {
      if (str(note, 'Text') !== write.bodyText) {
        writes.push({ method: 'PATCH', path: entityPath(names.textSet, str(note, 'ObjectID')), headers: ifMatch(note), body: { Text: write.bodyText } });
      }
    } else if (write.bodyText !== '') {
      writes.push({ method: 'POST', path: `${headerPath}/${names.textNav}`, body: { Text: write.bodyText, TypeCode: C4C_BODY_TEXT_TYPE, LanguageCode: 'EN' } });
    }
  }
  return { writes, touchesChildren: writes.length > 1 };
}

/**
 * R8: an attendee's copy joins the activity another copy owns: their party rows, for those not on it yet in any
 * role. Nothing else is written, so no If-Match: adding a party conflicts with no one's edit. Empty: nothing to do.
 */
export function joinChangeSet(kind: SyncKind, objectId: string, rows: readonly C4cBody[], current: ODataEntity): BatchWrite[] {
  const names = C4C_FIELDS[kind];
  const present = new Set(expanded(current, names.partiesNav).map((p) => str(p, 'PartyID')));
  return rows.filter((row) => !present.has(String(row['PartyID'] ?? ''))).map((row) => ({ method: 'POST' as const, path: `${entityPath(names.entitySet, objectId)}/${names.partiesNav}`, body: row }));
}

export function cancelChangeSet(kind: SyncKind, objectId: string, version: string, cancelledCode: string): BatchWrite[] {
  const names = C4C_FIELDS[kind];
  return [{ method: 'PATCH', path: entityPath(names.entitySet, objectId), headers: { 'If-Match': version }, body: { [names.status]: cancelledCode } }];
}
