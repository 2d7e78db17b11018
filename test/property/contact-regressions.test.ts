// Contact engine bugs the convergence property (sync-convergence.test.ts) found once its world held contacts and the
// sync list (R14), replayed through the harness as fixed examples: their counterexamples, step by step.
import { contactFamily } from '../../src/server/domain/contact-family.js';
import { PortFailure } from '../../src/server/ports/write-results.js';
import { applyContactEdit, initialContact } from './support/contact-edits.js';
import { NO_FAULTS, type World } from './support/harness.js';
import { replay } from './support/replay.js';
import { newWorld } from './support/world.js';
import { onlyRecord, settled } from './support/contact-regression-helpers.js';

/** A contact the user makes in the service's folder with the contact category: it becomes a C4C contact (R14). */
function userMakesContact(world: World): string {
  return world.contacts.folder.userCreate(initialContact(`P${world.tick()}`, 1), [world.settings.categories.contact]);
}

describe('contact sync, fixed counterexamples', () => {
  // Known bug 1 (pCreate, session, rBlock): R11 untagged the user's contact but left its record link, so the next
  // session took it for a copy of the (listed) record and deleted it.
  it.each(['block', 'delete'] as const)('keeps the contact the user made when C4C %ss its record (R11)', async (how) => {
    const world = newWorld(1);
    const id = userMakesContact(world);
    await world.runSession(NO_FAULTS);
    const objectId = onlyRecord(world);
    if (how === 'block') world.contacts.c4c.userCancel(objectId);
    else world.contacts.c4c.userDelete(objectId);
    expect(await settled(world)).toEqual([]);
    expect(world.contacts.folder.get(id)).toBeDefined();
    // R11 on the item: its notes say why it lost its categories (the service's line, in the C4C link's place).
    expect(world.contacts.folder.get(id)?.notice).toBe(contactFamily.crmGoneNotice);
  });

  // Known bug 2: a contact made in Outlook whose C4C create answer was lost, the record it made put on the list, a
  // session: the retried create linked the contact to that record while the list gave it a second copy.
  it('gives a retried create and the list entry of its record one Outlook contact', async () => {
    const world = newWorld(2);
    userMakesContact(world);
    await world.runSession({ failBefore: 0, failAfter: 1, crash: 0 });
    const objectId = onlyRecord(world);
    world.contacts.listAdd('contact', world.contacts.c4c.c4cIdOf(objectId));
    expect(await settled(world)).toEqual([]);
    expect(world.contacts.folder.all()).toHaveLength(1);
  });

  // Known bug 3: the retried create's duplicate check found the record the first attempt made without writing the
  // contact's edit made since to it; the pair was recorded as holding the edit.
  it('writes to C4C an edit made before a lost create is retried', async () => {
    const world = newWorld(3);
    const id = userMakesContact(world);
    await world.runSession({ failBefore: 0, failAfter: 1, crash: 0 });
    world.contacts.userEdit(id, 'surname', 11);
    expect(await settled(world)).toEqual([]);
    expect(world.contacts.c4c.get(onlyRecord(world))?.fields.surname).toBe('surname O11');
  });

  // Known bug 4: a session created the record and linked the contact, then died before its commit; an edit on either
  // side was then taken for nothing by the next session, which paired both as synced.
  it.each(['outlook', 'crm'] as const)('keeps an %s edit made after a session died between the create and its commit', async (side) => {
    const world = newWorld(4);
    const id = userMakesContact(world);
    const crashed = await world.runSession({ failBefore: 0, failAfter: 0, crash: 1, crashAfterAllWrites: true });
    expect(crashed.report).toBeNull();
    const objectId = onlyRecord(world);
    expect(world.contacts.folder.get(id)?.fields.crmRef?.objectId).toBe(objectId);
    if (side === 'outlook') world.contacts.userEdit(id, 'surname', 12);
    else world.contacts.c4c.userEdit(objectId, (f) => ({ ...f, surname: 'surname C12' }));
    expect(await settled(world)).toEqual([]);
    const expected = side === 'outlook' ? 'surname O12' : 'surname C12';
    expect(world.contacts.folder.get(id)?.fields.surname).toBe(expected);
    expect(world.contacts.c4c.get(objectId)?.fields.surname).toBe(expected);
  });
});

describe('contact sync, known bug 9', () => {
  // Known bug 9 (fast-check seeds -978618238 and 1261933650 of the full mix; here a shorter counterexample, seed
  // 1142053453 of a mix of contact commands): a contact made in Outlook whose create answer was lost; the next
  // session adopted the record the create made, but the merge's write failed, so the pair stayed in error, now naming
  // the record. Only a synced adoption put the record on the list, so the session after took the record of a live
  // pair missing from the list for one taken off it and untagged the contact (R11); put on the list by hand then,
  // the record had neither copy nor synced pair. A pair that learns its record joins the list in error too.
  it('puts the record a lost create made on the list when the merge that adopts it fails', async () => {
    const world = newWorld(9);
    const id = userMakesContact(world);
    await world.runSession({ failBefore: 0, failAfter: 1, crash: 0 });
    world.contacts.userEdit(id, 'surname', 9);
    expect((await world.runSession({ failBefore: 1, failAfter: 0, crash: 0 })).report?.failed).toHaveLength(1);
    const objectId = onlyRecord(world);
    expect(world.contacts.syncList.has({ type: 'contact', c4cId: world.contacts.c4c.c4cIdOf(objectId) })).toBe(true);
    expect(await settled(world)).toEqual([]);
    expect(world.contacts.folder.get(id)?.categories).toContain(world.settings.categories.contact);
  });

  it('keeps the contact the user made and its record on the list (seed 1142053453, replayed)', async () => {
    const faults = (failBefore: number, failAfter: number, crash: number, failRead: number, concurrentEdit: number) => ({ failBefore, failAfter, crash, failRead, concurrentEdit, concurrentPoll: 0 });
    const commands = [
      { op: 'session', faults: faults(0, 0, 0.2, 0, 0) },
      { op: 'session', faults: faults(0, 0, 0.5, 0, 0) },
      { op: 'pCreate', seed: 0 },
      { op: 'session', faults: faults(0.1, 0.1, 0.2, 0.1, 0.1) },
      { op: 'session', faults: faults(0.1, 0, 0.5, 0, 0.1) },
      { op: 'session', faults: faults(0.3, 0.3, 0.2, 0, 0.1) },
      { op: 'lAdd', target: 0 },
    ];
    expect(await replay(JSON.stringify(commands), -9)).toEqual([]);
  });

  // fast-check seed -951089491 (FC_NUM_RUNS=2000, once bug 9's exclusion went): the session that made a contact's
  // C4C record could not read it back, so neither the link nor the list entry was written (the pair recorded
  // unconfirmed); the next session took the record, missing from the list, for one taken off it and untagged the
  // contact. An unconfirmed pair of a contact made in Outlook is not dropped, and the session that confirms it adds
  // the entry.
  it('keeps the contact the user made whose record could not be read back after its create', async () => {
    expect(await replay('[{"op":"session","faults":{"failBefore":0,"failAfter":0,"crash":0.2,"failRead":0.1,"concurrentEdit":0,"concurrentPoll":0}},{"op":"session","faults":{"failBefore":0,"failAfter":0,"crash":0.2,"failRead":0,"concurrentEdit":0,"concurrentPoll":0}},{"op":"rCreate","kind":"contact","seed":0},{"op":"pCreate","seed":0},{"op":"oCreate","kind":"appointment","tagged":true,"seed":0},{"op":"pCreate","seed":0},{"op":"lAdd","target":0},{"op":"pDelete","target":0},{"op":"session","faults":{"failBefore":0,"failAfter":0.3,"crash":0.5,"failRead":0.1,"concurrentEdit":0,"concurrentPoll":0}},{"op":"session","faults":{"failBefore":0,"failAfter":0,"crash":0.2,"failRead":0,"concurrentEdit":0,"concurrentPoll":0}},{"op":"lAdd","target":3},{"op":"session","faults":{"failBefore":0,"failAfter":0,"crash":0,"failRead":0,"concurrentEdit":0,"concurrentPoll":0}},{"op":"cCreate","kind":"appointment","seed":0},{"op":"pEdit","target":0,"unit":"surname","value":0},{"op":"oCreate","kind":"appointment","tagged":false,"seed":0},{"op":"oEdit","target":0,"unit":"subject","value":0},{"op":"session","faults":{"failBefore":0,"failAfter":0,"crash":0,"failRead":0,"concurrentEdit":0,"concurrentPoll":0}},{"op":"oDelete","target":0},{"op":"oCreate","kind":"appointment","tagged":false,"seed":0},{"op":"oEdit","target":0,"unit":"subject","value":0},{"op":"lAdd","target":0}]', -14)).toEqual([]);
  });
});

describe('contact sync, known bug 9: a create sent again after the record the contact names was deleted', () => {
  // fast-check seed 1963132799 (FC_NUM_RUNS=2000, path 1184:…; shrunk, here without the other families): a session made
  // the record of a contact made in Outlook and wrote the link, then died before recording the pair; C4C deleted the
  // record; the next session's create made a second record and lost its answer (the link not written). The record
  // the lost create made was looked for as the one the contact names, deleted, so nothing was adopted: the retried
  // create took the second record by its duplicate check while the list, which held it, gave it a copy. Two Outlook
  // contacts named it and one pair stayed in error (conflictRetry). A deleted name is now passed over for the look-up
  // by the fields the create sent (run/plan-stage.ts createdRecordOf).
  it('adopts the record of a lost create sent after the record the contact names was deleted', async () => {
    const world = newWorld(91);
    const id = userMakesContact(world);
    expect((await world.runSession({ failBefore: 0, failAfter: 0, crash: 1, crashAfterAllWrites: true })).report).toBeNull();
    const first = onlyRecord(world);
    expect(world.contacts.folder.get(id)?.fields.crmRef?.objectId).toBe(first);
    world.contacts.c4c.userDelete(first);
    expect((await world.runSession({ failBefore: 0, failAfter: 1, crash: 0 })).report?.failed).toHaveLength(1);
    const second = onlyRecord(world);
    expect(world.contacts.folder.get(id)?.fields.crmRef?.objectId).toBe(first);
    world.contacts.userEdit(id, 'surname', 19);
    world.contacts.listAdd('contact', world.contacts.c4c.c4cIdOf(second));
    expect(await settled(world)).toEqual([]);
    expect(world.contacts.folder.all().map((c) => c.id)).toEqual([id]);
    expect(world.contacts.folder.get(id)?.fields.crmRef?.objectId).toBe(second);
    expect(world.contacts.c4c.get(second)?.fields.surname).toBe('surname O19');
  });

  it('leaves one Outlook contact per record (seed 1963132799, shrunk, replayed)', async () => {
    const faults = (failAfter: number) => ({ failBefore: 0, failAfter, crash: 0.2, failRead: 0, concurrentEdit: 0, concurrentPoll: 0 });
    const commands = [
      { op: 'pCreate', seed: 0 },
      { op: 'session', faults: faults(0) },
      { op: 'rDelete', target: 0 },
      { op: 'session', faults: faults(0.3) },
      { op: 'pEdit', target: 0, unit: 'surname', value: 0 },
      { op: 'lAdd', target: 0 },
    ];
    expect(await replay(JSON.stringify(commands), 55449250)).toEqual([]);
  });
});

describe('contact sync, known bugs 8 and 10', () => {
  // Known bug 8 (fast-check seed -1361701658): a contact made in Outlook, its record taken off the list (R11 untags the
  // contact, which still names the record, and closes its pair), the record put back. The closed pair was reopened as
  // for a deleted copy: a new copy was made beside the user's contact (or, when the delta brought the contact, it was
  // adopted as the service's copy and deleted at the next removal). A reopened pair whose contact still names the
  // record is linked again (run/read-sides.ts, relinkable).
  it.each([false, true])('links the contact the user made again when its record is put back on the list (the contact in the delta: %s)', async (inDelta) => {
    const world = newWorld(8);
    const id = userMakesContact(world);
    await world.runSession(NO_FAULTS);
    const c4cId = world.contacts.c4c.c4cIdOf(onlyRecord(world));
    world.contacts.listRemove('contact', c4cId);
    expect(await settled(world)).toEqual([]);
    if (inDelta) world.contacts.userEdit(id, 'jobTitle', 8);
    world.contacts.listAdd('contact', c4cId);
    expect(await settled(world)).toEqual([]);
    expect(world.contacts.folder.all().map((c) => c.id)).toEqual([id]);
    expect(world.committedContactPair((p) => p.outlookId === id && p.origin === 'outlook')).toBe(true);
    world.contacts.listRemove('contact', c4cId);
    expect(await settled(world)).toEqual([]);
    expect(world.contacts.folder.get(id)).toBeDefined();
    // R11 on the item: its notes say why it lost its categories (the service's line, in the C4C link's place).
    expect(world.contacts.folder.get(id)?.notice).toBe(contactFamily.crmGoneNotice);
  });

  // Known bug 10 (fast-check seed 1552889285): a contact made in Outlook with the e-mail address of a C4C user's
  // contact. The create's duplicate check took that contact, and the pair was recorded as synced with the Outlook
  // contact's fields, which it does not hold. Such a create is recorded unmerged (ItemFamily.createdAsSent) and the
  // next session merges both sides without a base (R12: the tenant's winner takes each difference).
  it.each(['outlook', 'crm'] as const)('merges a contact made in Outlook with the existing C4C contact its create took (winner %s)', async (winner) => {
    const world = newWorld(10, winner);
    const objectId = world.contacts.c4c.userCreate('contact', initialContact(`R${world.tick()}`, 2));
    world.contacts.c4c.userEdit(objectId, (f) => applyContactEdit(f, 'emails', 'crm', 2));
    const id = userMakesContact(world);
    world.contacts.userEdit(id, 'emails', 2);
    expect(await settled(world)).toEqual([]);
    expect(onlyRecord(world)).toBe(objectId);
    const surname = winner === 'outlook' ? 'Surname 1' : 'Surname 2';
    expect(world.contacts.folder.get(id)?.fields.surname).toBe(surname);
    expect(world.contacts.c4c.get(objectId)?.fields.surname).toBe(surname);
  });
});

describe('contact sync, known bug 11: one Outlook contact per record', () => {
  // Known bug 11 (fast-check seed -770173224 of a contact-only mix): the create of a contact made in Outlook took, by
  // its duplicate check, a record the folder already mirrors (a listed record's copy, made before or in the same
  // session, or another contact made with the same address). Two Outlook contacts named the record, one pair stayed
  // in error (conflictRetry) or both merged into the record in turn. The contact that mirrored the record first keeps
  // it; the newcomer is left to the user: it loses the record property and categories, keeps its content, and
  // nothing is written to C4C (sync/plan/duplicate-links.ts). Its notes say why, naming the contact that keeps the
  // record (Outlook add-ins do not run on contacts, so the contact itself must), until it is linked again.
  const SAME = 'same@acme.example';
  const makeWith = (world: World, stem: string, seed: number) => world.contacts.folder.userCreate({ ...initialContact(stem, seed), emails: [SAME] }, [world.settings.categories.contact]);
  const reasonNaming = (name: string) => `${name} in this folder is already the copy of this C4C contact; copy what you need over to it and delete this one.`;

  it.each(['before', 'in the same session'] as const)('leaves unlinked a contact made in Outlook for a listed record whose copy was made %s', async (when) => {
    const world = newWorld(11);
    const objectId = world.contacts.c4c.userCreate('contact', { ...initialContact(`R${world.tick()}`, 2), emails: [SAME] });
    world.contacts.listAdd('contact', world.contacts.c4c.c4cIdOf(objectId));
    if (when === 'before') await world.runSession(NO_FAULTS);
    const mine = makeWith(world, 'P1', 1);
    expect(await settled(world)).toEqual([]);
    const [copy, ...more] = world.contacts.folder.all().filter((c) => c.fields.crmRef?.objectId === objectId);
    expect(more).toEqual([]);
    expect(copy?.origin).toBe('service');
    const left = world.contacts.folder.get(mine);
    expect(left?.categories).toEqual([]);
    expect(left?.fields.surname).toBe('Surname 1');
    expect(left?.notice).toBe(reasonNaming(`${copy?.fields.givenName} ${copy?.fields.surname}`));
    expect(world.contacts.c4c.get(objectId)?.fields.surname).toBe('Surname 2');
  });

  it('keeps the first of two contacts made in Outlook with one address and leaves the other unlinked', async () => {
    const world = newWorld(12);
    const first = makeWith(world, 'P1', 1);
    const second = makeWith(world, 'P2', 2);
    expect(await settled(world)).toEqual([]);
    const objectId = onlyRecord(world);
    expect(world.contacts.folder.get(first)?.fields.crmRef?.objectId).toBe(objectId);
    expect(world.contacts.folder.get(second)?.fields.crmRef).toBeNull();
    expect(world.contacts.folder.get(second)?.categories).toEqual([]);
    expect(world.contacts.folder.get(second)?.notice).toBe(reasonNaming('Given P1 Surname 1'));
    expect(world.contacts.folder.get(first)?.notice).toBeUndefined();
    expect(world.contacts.c4c.get(objectId)?.fields.surname).toBe('Surname 1');
  });

  it('runs the create again for a released contact its user tags again: released again while the record is mirrored, linked once it is another', async () => {
    const world = newWorld(14);
    makeWith(world, 'P1', 1);
    const second = makeWith(world, 'P2', 2);
    expect(await settled(world)).toEqual([]);
    const tagAgain = () => world.contacts.folder.userEdit(second, (c) => (c.categories = [world.settings.categories.contact]));
    // Tagged again as it is: the duplicate check takes the mirrored record again, and the contact is released again.
    tagAgain();
    expect(await settled(world)).toEqual([]);
    expect(world.contacts.folder.get(second)).toMatchObject({ categories: [], notice: reasonNaming('Given P1 Surname 1'), fields: { crmRef: null } });
    // With an address of its own, the user's contact becomes a C4C contact of its own: linked, the reason gone.
    world.contacts.folder.userEdit(second, (c) => (c.fields = { ...c.fields, emails: ['p2@acme.example'] }));
    tagAgain();
    expect(await settled(world)).toEqual([]);
    const linked = world.contacts.folder.get(second);
    expect(world.contacts.c4c.all()).toHaveLength(2);
    expect(linked?.fields.crmRef?.objectId).toBeDefined();
    expect(linked?.categories).toEqual([world.settings.categories.contact]);
    expect(linked?.notice).toBeUndefined();
  });
});

describe('contact sync, one pair per record and mailbox (the store key)', () => {
  // fast-check seed -2017126149 (FC_NUM_RUNS=2000, once the fake store kept the unique key (crm_object_id,
  // mailbox_id) the real one has): a contact made in Outlook and synced, deleted by the user (its pair closed, the
  // record off the list), the record put back on the list. The new copy's pair (the record's id) met the closed pair
  // of the deleted contact, which still named the record: PostgreSQL refused the commit, every session. The tombstone
  // of a pair wanted anew whose item is gone goes before the new copy is recorded (run/session.ts).
  it('gives a record made from Outlook a copy when it is put back on the list after its contact was deleted', async () => {
    const world = newWorld(13);
    const id = userMakesContact(world);
    await world.runSession(NO_FAULTS);
    const objectId = onlyRecord(world);
    world.contacts.userDelete(id);
    expect(await settled(world)).toEqual([]);
    world.contacts.listAdd('contact', world.contacts.c4c.c4cIdOf(objectId));
    expect(await settled(world)).toEqual([]);
    expect(world.contacts.folder.all().map((c) => c.fields.crmRef?.objectId)).toEqual([objectId]);
  });
});

describe('contact sync, fixed counterexamples under random faults', () => {
  // Known bug 6 (CI, seed 311545453; here the harness's seed 58 gives the same run): an individual customer on the
  // list, a session that died after creating its copy and before recording the pair, the entry taken off the list.
  // The record was no longer read, so the copy, which names it, passed for a contact the user made and its C4C create
  // failed (crmRejected): the copy stayed. The session now reads the record an unpaired copy names.
  it('removes the copy of an entry taken off the list after a session died before recording its pair', async () => {
    const world = newWorld(58);
    const objectId = world.contacts.c4c.userCreate('individualCustomer', initialContact(`R${world.tick()}`, 2));
    const c4cId = world.contacts.c4c.c4cIdOf(objectId);
    world.contacts.listAdd('individualCustomer', c4cId);
    expect((await world.runSession({ failBefore: 0, failAfter: 0, crash: 0.5, failRead: 0.3 })).report).toBeNull();
    world.contacts.listRemove('individualCustomer', c4cId);
    expect(await settled(world)).toEqual([]);
    expect(world.contacts.folder.all()).toEqual([]);
  });
});

describe('contact sync, counterexamples of the full mix', () => {
  // fast-check seed -363519639 (its steps, here without the other families): a session died after creating the
  // record of a contact made in Outlook and linking the contact; C4C cleared the record's e-mail. The record the create
  // made was looked for by e-mail only, not found, and the contact passed for an unlisted copy of the record and was
  // deleted. The record the contact names is its create's (run/session.ts createdRecordOf).
  it('keeps the contact the user made when its record lost its e-mail before the crashed create was recorded', async () => {
    const world = newWorld(5);
    const id = userMakesContact(world);
    expect((await world.runSession({ failBefore: 0, failAfter: 0, crash: 1, crashAfterAllWrites: true })).report).toBeNull();
    const objectId = onlyRecord(world);
    expect(world.contacts.folder.get(id)?.fields.crmRef?.objectId).toBe(objectId);
    world.contacts.c4c.userEdit(objectId, (f) => ({ ...f, emails: [] }));
    expect(await settled(world)).toEqual([]);
    expect(world.contacts.folder.get(id)?.fields.emails).toEqual([]);
    expect(world.contacts.c4c.all()).toHaveLength(1);
  });

  // Known bug 5 (fast-check seed -2130705398 once faults reached link writes): the session that adopted the record a
  // lost create made sent the record link with its merge; the write timed out without landing, and its re-read passed
  // for it having landed, as the contact hashes leave the link out. The copy never named its record, the list's copy
  // of it was missing. A write of the link landed only if the copy names the record (contact-family.ts holdsUpdate).
  it('writes the record link again when its write timed out without landing', async () => {
    expect(await replay('[{"op":"session","faults":{"failBefore":0,"failAfter":0,"crash":0.2,"failRead":0,"concurrentEdit":0,"concurrentPoll":0}},{"op":"pCreate","seed":0},{"op":"oCreate","kind":"appointment","tagged":false,"seed":0},{"op":"pEdit","target":0,"unit":"surname","value":0},{"op":"oRetag","target":0,"kind":"appointment"},{"op":"kDelete","target":0},{"op":"oCreate","kind":"appointment","tagged":true,"seed":0},{"op":"session","faults":{"failBefore":0,"failAfter":0.3,"crash":0.2,"failRead":0,"concurrentEdit":0.3,"concurrentPoll":0.2}},{"op":"oAttendee","target":0,"value":0},{"op":"oCreate","kind":"appointment","tagged":false,"seed":0},{"op":"tEdit","target":0,"unit":"title","value":0},{"op":"lRemove","target":0},{"op":"session","faults":{"failBefore":0.3,"failAfter":0,"crash":0,"failRead":0,"concurrentEdit":0,"concurrentPoll":0}}]', -2130705398)).toEqual([]);
  });
});

describe('contact sync, the sync list written after the commit', () => {
  // "Its copy was deleted in Outlook and it is still on the list" (once in 3,000 stress runs): the session that closes
  // the pair of a deleted copy takes the record off the list after its commit. When that write fails (the database
  // unreachable, the process killed), the closed pair and the entry outlive it, and the next session took the entry
  // for one put back on the list: a new copy, the entry kept.
  it('takes the record off the list when the removal after the commit failed', async () => {
    const world = newWorld(6);
    const objectId = world.contacts.c4c.userCreate('contact', initialContact(`R${world.tick()}`, 3));
    const c4cId = world.contacts.c4c.c4cIdOf(objectId);
    world.contacts.listAdd('contact', c4cId);
    await world.runSession(NO_FAULTS);
    const [copy] = world.contacts.folder.all();
    if (!copy) throw new Error('no copy was made');
    world.contacts.userDelete(copy.id);
    const list = world.contacts.syncList;
    const remove = list.remove.bind(list);
    list.remove = () => {
      list.remove = remove;
      return Promise.reject(new PortFailure({ code: 'temporary', message: 'fake: the list could not be written' }));
    };
    // A session whose failures end it (the job runs again), though none of its reads fail here.
    expect((await world.runSession({ failBefore: 0, failAfter: 0, crash: 0, failRead: Number.MIN_VALUE })).report).toBeNull();
    expect(await settled(world)).toEqual([]);
    expect(list.has({ type: 'contact', c4cId })).toBe(false);
    expect(world.contacts.folder.all()).toEqual([]);
  });

  // fast-check seed -2133616342: a session died after creating the copy of a listed record, before recording its
  // pair; the record was then deleted in C4C. The copy, naming a deleted record, was untagged as a contact the user may
  // have made, and stayed. A copy without a pair or a create of its own is the service's: it is deleted (R11).
  it('deletes the copy of a record deleted in C4C after a session died before recording the copy', async () => {
    expect(await replay('[{"op":"kCreate","forOther":false,"seed":0},{"op":"session","faults":{"failBefore":0,"failAfter":0,"crash":0,"failRead":0,"concurrentEdit":0,"concurrentPoll":0.2}},{"op":"session","faults":{"failBefore":0,"failAfter":0,"crash":0.5,"failRead":0,"concurrentEdit":0,"concurrentPoll":0}},{"op":"session","faults":{"failBefore":0,"failAfter":0,"crash":0.5,"failRead":0,"concurrentEdit":0,"concurrentPoll":0}},{"op":"rCreate","kind":"contact","seed":0},{"op":"tEdit","target":0,"unit":"title","value":0},{"op":"cCreate","kind":"appointment","seed":0},{"op":"lAdd","target":0},{"op":"session","faults":{"failBefore":0,"failAfter":0,"crash":0.5,"failRead":0,"concurrentEdit":0,"concurrentPoll":0}},{"op":"pEdit","target":0,"unit":"surname","value":0},{"op":"rEdit","target":0,"unit":"surname","value":0},{"op":"rDelete","target":0},{"op":"kCancel","target":0},{"op":"pEdit","target":0,"unit":"surname","value":0},{"op":"session","faults":{"failBefore":0,"failAfter":0,"crash":0,"failRead":0,"concurrentEdit":0,"concurrentPoll":0}}]', -2133616342)).toEqual([]);
  });

  // fast-check seed -2147221484: a copy deleted in Outlook (its pair closed), the record put back on the list, a
  // session that made the new copy under the pair's id and died before recording it, the record taken off the list:
  // the new copy passed for the closed pair's and stayed. A closed pair whose id a different copy carries is out of
  // the way (planner.ts, superseded): the copy pairs with its record anew and is removed.
  it('removes the new copy of a record put back on the list when the session that made it died', async () => {
    expect(await replay('[{"op":"cCreate","kind":"appointment","seed":0},{"op":"cCreate","kind":"appointment","seed":0},{"op":"rCreate","kind":"contact","seed":0},{"op":"oCreate","kind":"appointment","tagged":false,"seed":0},{"op":"oRetag","target":0,"kind":"appointment"},{"op":"lAdd","target":0},{"op":"session","faults":{"failBefore":0,"failAfter":0,"crash":0.2,"failRead":0,"concurrentEdit":0,"concurrentPoll":0.2}},{"op":"oAttendee","target":0,"value":0},{"op":"session","faults":{"failBefore":0,"failAfter":0,"crash":0.2,"failRead":0,"concurrentEdit":0,"concurrentPoll":0}},{"op":"pDelete","target":0},{"op":"oDelete","target":0},{"op":"session","faults":{"failBefore":0,"failAfter":0,"crash":0.2,"failRead":0.1,"concurrentEdit":0,"concurrentPoll":0}},{"op":"lAdd","target":0},{"op":"session","faults":{"failBefore":0,"failAfter":0,"crash":0.2,"failRead":0.1,"concurrentEdit":0,"concurrentPoll":0}},{"op":"lRemove","target":0},{"op":"session","faults":{"failBefore":0,"failAfter":0,"crash":0,"failRead":0,"concurrentEdit":0,"concurrentPoll":0}},{"op":"pEdit","target":0,"unit":"surname","value":0}]', -2147221484)).toEqual([]);
  });

  // fast-check seed 585079861 (a fault of the checks, not of the engine): an Outlook edit of an employee's copy that
  // changed nothing (an address removed that was not there), made after a C4C edit of the record, was counted as an
  // edit R9 must revert with a notice; the C4C edit reached the copy, rightly without one. Only a real edit counts.
  it('asks for no R9 notice for an Outlook edit of an employee copy that changed nothing', async () => {
    expect(await replay('[{"op":"rCreate","kind":"employee","seed":0},{"op":"lAdd","target":0},{"op":"session","faults":{"failBefore":0,"failAfter":0,"crash":0,"failRead":0,"concurrentEdit":0,"concurrentPoll":0}},{"op":"rEdit","target":0,"unit":"surname","value":0},{"op":"pEdit","target":0,"unit":"emails","value":190},{"op":"session","faults":{"failBefore":0,"failAfter":0,"crash":0,"failRead":0,"concurrentEdit":0,"concurrentPoll":0}}]', 0)).toEqual([]);
  });

  // A checker case too (seed -170907589, CI-size runs at FC_NUM_RUNS=2000): the user typed a job title into an
  // employee's copy and cleared it again before any session; nothing was left to revert, so no R9 notice is due.
  it('asks for no R9 notice when the user undoes their own edit of an employee copy before a session', async () => {
    const session = '{"op":"session","faults":{"failBefore":0,"failAfter":0,"crash":0,"failRead":0,"concurrentEdit":0,"concurrentPoll":0}}';
    expect(await replay(`[{"op":"pCreate","seed":0},${session},{"op":"rCreate","kind":"employee","seed":0},{"op":"lAdd","target":0},{"op":"pDelete","target":0},${session},{"op":"pEdit","target":0,"unit":"jobTitle","value":1},{"op":"pEdit","target":0,"unit":"jobTitle","value":0},{"op":"rDelete","target":0},{"op":"rCreate","kind":"contact","seed":0}]`, 0)).toEqual([]);
  });

  // fast-check seed 581906275, once the list was written before the commit: a session made the record of a contact
  // made in Outlook and put it on the list, then died before its commit; the user deleted the contact, and its pair,
  // which never learned the record, closed without taking it off the list. Additions now follow the commit.
  it('puts a record made from Outlook on the list only once its pair is recorded', async () => {
    expect(await replay('[{"op":"session","faults":{"failBefore":0,"failAfter":0,"crash":0.5,"failRead":0,"concurrentEdit":0,"concurrentPoll":0}},{"op":"pCreate","seed":0},{"op":"session","faults":{"failBefore":0.3,"failAfter":0.3,"crash":0.5,"failRead":0,"concurrentEdit":0,"concurrentPoll":0}},{"op":"session","faults":{"failBefore":0,"failAfter":0,"crash":0.5,"failRead":0,"concurrentEdit":0,"concurrentPoll":0}},{"op":"session","faults":{"failBefore":0,"failAfter":0,"crash":0.5,"failRead":0,"concurrentEdit":0,"concurrentPoll":0}},{"op":"oCreate","kind":"appointment","tagged":false,"seed":0},{"op":"pEdit","target":0,"unit":"surname","value":0},{"op":"rEdit","target":0,"unit":"surname","value":0},{"op":"pDelete","target":0},{"op":"rCreate","kind":"contact","seed":0},{"op":"oUntag","target":0},{"op":"kEdit","target":0,"unit":"title","value":0},{"op":"cEdit","target":0,"unit":"subject","value":0},{"op":"tDelete","target":0},{"op":"session","faults":{"failBefore":0,"failAfter":0,"crash":0,"failRead":0,"concurrentEdit":0,"concurrentPoll":0}}]', -370499823)).toEqual([]);
  });
  // A checker case, not an engine bug (seed -1790892938): C4C blocked a listed record, and the user deleted its copy
  // just as the session deleted it too (the service's delete answered 404, its own delete landing as far as it can
  // tell). The entry stays on the list (dormant while the record is blocked), and the copy stays deleted.
  it("keeps a blocked record's entry when the user's delete of its copy races the service's own", async () => {
    expect(await replay('[{"op":"rCreate","kind":"contact","seed":0},{"op":"lAdd","target":0},{"op":"cCreate","kind":"appointment","seed":0},{"op":"session","faults":{"failBefore":0,"failAfter":0,"crash":0.2,"failRead":0,"concurrentEdit":0,"concurrentPoll":0}},{"op":"session","faults":{"failBefore":0,"failAfter":0,"crash":0,"failRead":0,"concurrentEdit":0,"concurrentPoll":0}},{"op":"oRetag","target":0,"kind":"visit"},{"op":"session","faults":{"failBefore":0,"failAfter":0,"crash":0,"failRead":0.1,"concurrentEdit":0.3,"concurrentPoll":0}},{"op":"pCreate","seed":0},{"op":"session","faults":{"failBefore":0,"failAfter":0,"crash":0.5,"failRead":0.1,"concurrentEdit":0,"concurrentPoll":0}},{"op":"cCreate","kind":"appointment","seed":0},{"op":"rBlock","target":0},{"op":"kCreate","forOther":false,"seed":0},{"op":"session","faults":{"failBefore":0,"failAfter":0,"crash":0,"failRead":0,"concurrentEdit":0.1,"concurrentPoll":0}}]', -1790892938)).toEqual([]);
  });
  // The same checker case, noted as an open counterexample at f96116a (fast-check seed 404691555, property seed
  // -1628721736, shrunk by hand from fast-check's 19 commands): a listed record blocked in C4C, then a session in which
  // the user deleted its copy just before the service's own delete of it. Replayed at f96116a it fails, and passes
  // with only the checker's change above (4d96572) added; here it fails with that change taken out. Not an engine bug.
  it("keeps a blocked record's entry when the user deletes its copy just before the service does (seed 404691555)", async () => {
    expect(await replay('[{"op":"session","faults":{"failBefore":0,"failAfter":0,"crash":0.5,"failRead":0,"concurrentEdit":0,"concurrentPoll":0}},{"op":"rCreate","kind":"contact","seed":0},{"op":"session","faults":{"failBefore":0,"failAfter":0,"crash":0.2,"failRead":0,"concurrentEdit":0,"concurrentPoll":0}},{"op":"session","faults":{"failBefore":0,"failAfter":0,"crash":0.5,"failRead":0.1,"concurrentEdit":0,"concurrentPoll":0}},{"op":"lAdd","target":0},{"op":"oCreate","kind":"appointment","tagged":true,"seed":0},{"op":"session","faults":{"failBefore":0,"failAfter":0.3,"crash":0.5,"failRead":0,"concurrentEdit":0.1,"concurrentPoll":0}},{"op":"tCreate","tagged":true,"inServiceList":false,"seed":0},{"op":"rBlock","target":0},{"op":"session","faults":{"failBefore":0,"failAfter":0,"crash":0.2,"failRead":0,"concurrentEdit":0.3,"concurrentPoll":0}}]', -1628721736)).toEqual([]);
  });
});
