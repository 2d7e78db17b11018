// Invariants of a converged world for the contact family (R14): every record on the sync list that C4C has, neither
// blocked nor deleted, has exactly one Outlook copy that agrees with it on everything C4C holds (C4C keeps one e-mail
// address and one phone: Outlook's first); records off the list, blocked or deleted have no copy the service made; a
// deleted copy took its record off the list; a contact the user made became one C4C contact; employees' Outlook edits
// were reverted with the error category (R9); the service never deleted, cancelled or wrote an employee in C4C.
import { CONTACT_FAMILY_NAME, contactFamily, contactScopeOf } from '../../../src/server/domain/contact-family.js';
import type { NormalizedContact, OutlookContactPresent } from '../../../src/server/domain/contact-item.js';
import { contactDifferences, refKey } from './contact-world.js';
import type { World } from './harness.js';

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => (seen.has(v) ? true : (seen.add(v), false)));
}

export function contactConvergenceProblems(world: World): string[] {
  const problems: string[] = [];
  const cw = world.contacts;
  const pairs = [...world.pairs.values()].filter((p) => p.family === CONTACT_FAMILY_NAME);
  const live = pairs.filter((p) => p.status === 'synced' || p.status === 'error');
  const copies = cw.folder.all();
  const snapshot = (id: string) => cw.folder.getItems([id])[0] as OutlookContactPresent;
  // R9 for a reverted edit (an employee's copy, a contact's company): the reason stays on the copy, the pair in error,
  // until the user edits the copy again or the record changes; both sides agree meanwhile.
  const reverted = (p: (typeof pairs)[number]) => p.status === 'error' && p.lastError?.code === 'readOnlyEdit';
  for (const pair of pairs) {
    if (pair.status === 'error' && !reverted(pair)) problems.push(`contact pair ${pair.pairId} still in error: ${pair.lastError?.code}`);
    if (pair.status !== 'synced' && !reverted(pair)) continue;
    const copy = pair.outlookId ? cw.folder.get(pair.outlookId) : undefined;
    const record = pair.crmObjectId ? cw.c4c.get(pair.crmObjectId) : undefined;
    if (!copy || !record) {
      problems.push(`synced contact pair ${pair.pairId} lacks a side (Outlook ${pair.outlookId}, C4C ${pair.crmObjectId})`);
      continue;
    }
    const crm = cw.c4c.getByIds([record])[0]?.fields as NormalizedContact;
    const differing = contactDifferences(copy.fields, crm);
    if (differing.length > 0) problems.push(`contact pair ${pair.pairId} (${record.kind}) differs in ${differing.join(', ')}`);
    if (copy.fields.crmRef?.objectId !== record.objectId) problems.push(`contact pair ${pair.pairId}: the copy names ${copy.fields.crmRef?.objectId ?? 'nothing'}, not ${record.objectId}`);
    if (!reverted(pair) && copy.categories.some((c) => c.toLowerCase() === world.settings.categories.error.toLowerCase())) problems.push(`contact pair ${pair.pairId}: the copy keeps the error category`);
    // R9 on the item: Outlook add-ins do not run on contacts, so the notes show the reason while the error stands.
    if (reverted(pair) && copy.errorNote?.message !== pair.lastError?.message) problems.push(`contact pair ${pair.pairId}: the reverted copy's notes do not say why (${copy.errorNote?.message ?? 'nothing'})`);
    if (!reverted(pair) && copy.errorNote) problems.push(`contact pair ${pair.pairId}: the copy's notes keep the error ${copy.errorNote.code}`);
  }
  // R11 on the item: a contact the user made whose record C4C deleted or blocked says so in its notes.
  for (const c of copies) {
    const objectId = c.fields.crmRef?.objectId;
    const record = objectId ? cw.c4c.get(objectId) : undefined;
    const gone = objectId !== undefined && (!record || record.status === 'cancelled');
    const tagged = c.categories.some((name) => contactFamily.syncCategories(world.settings).some((sync) => sync.toLowerCase() === name.toLowerCase()));
    if (c.origin === 'user' && gone && !tagged && c.notice !== contactFamily.crmGoneNotice) problems.push(`contact ${c.id} the user made lost its record (${objectId}) without saying so in its notes`);
  }
  // The list decides: each wanted record has one copy; nothing else has a copy the service made.
  for (const record of cw.c4c.all()) {
    const ref = { kind: record.kind, c4cId: cw.c4c.c4cIdOf(record.objectId) };
    const named = copies.filter((c) => c.fields.crmRef?.objectId === record.objectId);
    const wanted = cw.syncList.has({ type: ref.kind, c4cId: ref.c4cId }) && record.status !== 'cancelled';
    if (wanted && named.length === 0) problems.push(`${refKey(ref)} (${record.objectId}) is on the list but has no Outlook copy`);
    if (wanted && !live.some((p) => p.crmObjectId === record.objectId && (p.status === 'synced' || reverted(p)))) problems.push(`${refKey(ref)} (${record.objectId}) is on the list but has no synced pair`);
    if (!wanted) for (const c of named.filter((n) => n.origin === 'service')) problems.push(`copy ${c.id} of ${refKey(ref)} stays though the record is ${record.status === 'cancelled' ? 'blocked' : 'off the list'}`);
    const deletedAt = cw.copyDeletedAt.get(refKey(ref));
    const addedAt = cw.listAddedAt.get(refKey(ref)) ?? -1;
    // Unless a contact the user made took the record since (a released contact tagged again once its keeper was
    // deleted): a record made or taken from Outlook joins the list (R14).
    const takenSince = named.some((c) => c.origin === 'user' && live.some((p) => p.outlookId === c.id && p.crmObjectId === record.objectId));
    if (deletedAt !== undefined && deletedAt > addedAt && !takenSince && cw.syncList.has({ type: ref.kind, c4cId: ref.c4cId })) {
      problems.push(`${refKey(ref)}: its copy was deleted in Outlook and it is still on the list`);
    }
  }
  // Records C4C deleted: their copies the service made are gone.
  for (const c of copies) {
    const objectId = c.fields.crmRef?.objectId;
    if (objectId && !cw.c4c.get(objectId) && c.origin === 'service') problems.push(`copy ${c.id} of ${objectId} stays though C4C deleted the record`);
  }
  // A contact the user made with the contact category is in C4C (synced) unless its record went away.
  for (const c of copies) {
    if (c.origin !== 'user' || contactScopeOf(snapshot(c.id), world.settings) === null) continue;
    const objectId = c.fields.crmRef?.objectId;
    if (!objectId) problems.push(`contact ${c.id} the user made with the contact category never reached C4C`);
  }
  // R9: every employee copy the user edited got the error category with (or after) the revert.
  for (const [id, at] of cw.employeeEdits) {
    const c = cw.folder.get(id);
    if (!c || !c.fields.crmRef || !live.some((p) => p.outlookId === id)) continue;
    if ((cw.folder.errorCategoryAddedAt.get(id) ?? -1) <= at) problems.push(`employee copy ${id}: the user's edit was not reverted with the error category (R9)`);
  }
  for (const w of cw.c4c.forbiddenWrites) problems.push(`the service attempted a ${w} in C4C`);
  for (const id of cw.folder.userContactsDeletedByService) problems.push(`the service deleted contact ${id}, which the user made`);
  const dupCopies = duplicates(copies.flatMap((c) => (c.fields.crmRef ? [c.fields.crmRef.objectId] : [])));
  if (dupCopies.length) problems.push(`several Outlook contacts name C4C record ${dupCopies.join()}`);
  const dupCreates = duplicates(cw.c4c.all().filter((r) => r.origin === 'service' && r.fields.givenName.startsWith('Given P')).map((r) => r.fields.givenName));
  if (dupCreates.length) problems.push(`duplicate C4C contact creates: ${dupCreates.join()}`);
  const dupOutlook = duplicates(live.flatMap((p) => (p.outlookId ? [p.outlookId] : [])));
  if (dupOutlook.length) problems.push(`Outlook contact in several live pairs: ${dupOutlook.join()}`);
  const dupCrm = duplicates(live.flatMap((p) => (p.crmObjectId ? [p.crmObjectId] : [])));
  if (dupCrm.length) problems.push(`C4C record in several live pairs: ${dupCrm.join()}`);
  return problems;
}
