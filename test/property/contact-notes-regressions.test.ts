// Contacts say why on themselves (Outlook add-ins do not run on contacts): R9's reason in a copy's notes while its
// error stands, and a released contact tagged again once the contact that kept its record is gone. Replayed through
// the harness as fixed examples, beside the convergence property's world checks (support/contact-checks.ts).
import { convergenceProblems } from './support/checks.js';
import { run } from './support/commands.js';
import { initialContact } from './support/contact-edits.js';
import { NO_FAULTS, type World } from './support/harness.js';
import { newWorld } from './support/world.js';
import { onlyRecord, settled } from './support/contact-regression-helpers.js';

describe('contact sync, R9 on the item: the reason in the notes', () => {
  // Outlook add-ins do not run on contacts: an employee copy's edit is reverted with the error category and the reason
  // in its notes (beside the C4C link), both gone once the error clears (here: the record changed in C4C).
  it('shows why an employee copy edit was undone until the error clears', async () => {
    const world = newWorld(17);
    const objectId = world.contacts.c4c.userCreate('employee', initialContact(`R${world.tick()}`, 3));
    world.contacts.listAdd('employee', world.contacts.c4c.c4cIdOf(objectId));
    expect(await settled(world)).toEqual([]);
    const [copy] = world.contacts.folder.all();
    world.contacts.userEdit(copy!.id, 'surname', 5);
    expect(await settled(world)).toEqual([]);
    expect(world.contacts.folder.get(copy!.id)?.errorNote).toMatchObject({ code: 'readOnlyEdit', message: expect.stringContaining('Employees are read-only in Outlook') });
    world.contacts.c4c.userEdit(objectId, (f) => ({ ...f, givenName: 'Renamed' }));
    expect(await settled(world)).toEqual([]);
    expect(world.contacts.folder.get(copy!.id)).toMatchObject({ categories: [world.settings.categories.employee], fields: { givenName: 'Renamed' } });
    expect(world.contacts.folder.get(copy!.id)?.errorNote).toBeUndefined();
  });
});

describe('contact sync, tagging a released contact again once the keeper is gone (a known limitation)', () => {
  // The contact that kept the record was deleted, or its copy taken off the list: its closed pair still holds the record
  // (one pair per record and mailbox), so a released contact tagged again is released again, its notes naming a
  // contact that may no longer exist, and nothing reaches C4C twice. Linking it instead (the tombstone dropped in the
  // commit) was tried and made a second C4C contact in a case the convergence property found (fast-check seed
  // 1430387535: a contact made in Outlook, its record's e-mail changed and the record blocked in C4C, another contact
  // made): docs/sync-rules.md, R14's limits.
  const SAME = 'same@acme.example';
  const makeWith = (world: World, stem: string, seed: number) => world.contacts.folder.userCreate({ ...initialContact(stem, seed), emails: [SAME] }, [world.settings.categories.contact]);
  const tagAgain = (world: World, id: string) => world.contacts.folder.userEdit(id, (c) => (c.categories = [world.settings.categories.contact]));

  it('releases again a contact tagged again after the contact that kept its record was deleted', async () => {
    const world = newWorld(15);
    const first = makeWith(world, 'P1', 1);
    const second = makeWith(world, 'P2', 2);
    expect(await settled(world)).toEqual([]);
    onlyRecord(world);
    expect(world.contacts.folder.get(second)?.notice).toBeDefined();
    world.contacts.userDelete(first);
    expect(await settled(world)).toEqual([]);
    tagAgain(world, second);
    expect(await settled(world)).toEqual([]);
    expect(world.contacts.folder.get(second)?.categories).toEqual([]);
    expect(world.contacts.folder.get(second)?.notice).toBeDefined();
    expect(world.contacts.c4c.all()).toHaveLength(1);
  });

  it('releases again a contact tagged again after the copy that kept its record was taken off the list', async () => {
    const world = newWorld(16);
    const objectId = world.contacts.c4c.userCreate('contact', { ...initialContact(`R${world.tick()}`, 2), emails: [SAME] });
    const c4cId = world.contacts.c4c.c4cIdOf(objectId);
    world.contacts.listAdd('contact', c4cId);
    await world.runSession(NO_FAULTS);
    const mine = makeWith(world, 'P1', 1);
    expect(await settled(world)).toEqual([]);
    expect(world.contacts.folder.get(mine)?.notice).toBeDefined();
    world.contacts.listRemove('contact', c4cId);
    expect(await settled(world)).toEqual([]);
    expect(world.contacts.folder.all().map((c) => c.id)).toEqual([mine]);
    tagAgain(world, mine);
    expect(await settled(world)).toEqual([]);
    expect(world.contacts.folder.get(mine)?.categories).toEqual([]);
    expect(world.contacts.folder.get(mine)?.notice).toBeDefined();
    expect(world.contacts.c4c.all()).toHaveLength(1);
  });
});

describe('contact sync, a copy made unseen and deleted before the next session (issue 14)', () => {
  // Found by the fault soak: a copy's create landed but its answer was lost (a fault after Graph made it), and the
  // user deleted the copy before the next session. Contacts have no transactionId and the next delta only names an
  // unknown removed id, so the replayed create made the copy again. The replay now finds it in Deleted Items by the
  // record it names: the user's delete takes the record off the list (R14), C4C keeps it.
  it('does not bring back a copy whose create answer was lost once the user deleted it', async () => {
    const world = newWorld(14);
    const objectId = world.contacts.c4c.userCreate('contact', initialContact(`R${world.tick()}`, 4));
    world.contacts.listAdd('contact', world.contacts.c4c.c4cIdOf(objectId));
    await world.runSession({ failBefore: 0, failAfter: 1, crash: 0 });
    const [copy, ...more] = world.contacts.folder.all();
    expect({ copy: copy?.fields.crmRef?.objectId, more }).toEqual({ copy: objectId, more: [] });
    world.contacts.userDelete(copy!.id);
    expect(await settled(world)).toEqual([]);
    expect(world.contacts.folder.all()).toEqual([]);
    expect(await world.contacts.syncList.list('')).toEqual([]);
    expect(world.contacts.c4c.get(objectId)?.status).not.toBe('cancelled');
  });
});

describe('contact sync, known bug 12: a contact the user made, linked by a session that died, then deleted', () => {
  // CI, fast-check seed 286456350 (shrunk): contact2 made in Outlook; its create's answer lost (CT2 made in C4C); the
  // user puts CT2 on the list; a session links contact2 to CT2 in Outlook and dies before its commit; the user deletes
  // contact2. The committed pair (in error, without a record) cannot tell that contact2 mirrored CT2, and the deleted
  // item's fields are gone with it: the next session makes CT2 a new copy (the list keeps it). The checker asks R14's
  // list removal only of a delete the service can know (contact-world.ts userDelete).
  const commands = [
    { op: 'pCreate', seed: 0 }, { op: 'cCreate', kind: 'appointment', seed: 0 }, { op: 'kCreate', forOther: false, seed: 0 },
    { op: 'session', faults: { failBefore: 0, failAfter: 0, crash: 0, failRead: 0.1, concurrentEdit: 0, concurrentPoll: 0 } },
    { op: 'pDelete', target: 0 }, { op: 'pCreate', seed: 0 },
    { op: 'session', faults: { failBefore: 0.3, failAfter: 0.3, crash: 0, failRead: 0, concurrentEdit: 0, concurrentPoll: 0 } },
    { op: 'lAdd', target: 9 }, { op: 'cEdit', target: 0, unit: 'subject', value: 0 },
    { op: 'session', faults: { failBefore: 0, failAfter: 0, crash: 0.5, failRead: 0, concurrentEdit: 0, concurrentPoll: 0 } },
    { op: 'tEdit', target: 0, unit: 'title', value: 0 }, { op: 'kEdit', target: 0, unit: 'title', value: 0 },
    { op: 'tCreate', tagged: false, inServiceList: false, seed: 0 }, { op: 'kEdit', target: 0, unit: 'title', value: 0 },
    { op: 'pDelete', target: 0 },
    { op: 'session', faults: { failBefore: 0, failAfter: 0, crash: 0, failRead: 0, concurrentEdit: 0, concurrentPoll: 0 } },
    { op: 'lAdd', target: 0 },
  ];

  it('converges, with the listed record given a new copy (the limitation, written down)', async () => {
    const world = newWorld(1472596464, 'outlook', 'graph');
    for (const command of commands) await run(world, command as Parameters<typeof run>[1]);
    expect(await world.converge()).toBeLessThan(Infinity);
    expect(convergenceProblems(world)).toEqual([]);
    // Both records listed, each with one copy the service made: CT2's is the new copy the limitation leaves.
    const copies = world.contacts.folder.all().map((c) => ({ origin: c.origin, record: c.fields.crmRef?.objectId })).sort((a, b) => String(a.record).localeCompare(String(b.record)));
    expect(copies).toEqual([{ origin: 'service', record: 'CT1' }, { origin: 'service', record: 'CT2' }]);
  });
});
