// End to end over real HTTP (Graph's contact folders and C4C's people and accounts in the sandboxes, the real adapters,
// the real store on both drivers): the contact family (R14) run by sessions. A sync list entry becomes an Outlook
// contact in the service's folder with its category; an Outlook edit of a last name reaches C4C and, through the
// tenant poll, a second user who has the record on their list (the Siebel scenario); an employee's copy is read-only;
// deleting the copy takes the record off the list and C4C keeps it; a record blocked in C4C, or taken off the list,
// loses its copy; a contact the user makes in the folder is checked for duplicates by e-mail and joins the list.
import { DEFAULT_CATEGORIES } from '../../../src/shared/categories.js';
import { AVA, BEN, mailboxOf, startSyncHarness, type SyncHarness } from '../../support/sync-harness.js';
import type { Json } from '../../support/sync-harness-http.js';
import { TEST_DRIVERS, stopTestDatabases } from '../../support/test-database.js';

afterAll(stopTestDatabases);

const CONTACTS = 'ContactCollection';

describe.each(TEST_DRIVERS)('Contacts and the sync list (R14) on %s', (driver) => {
  let h: SyncHarness;
  let seeded: Json[];
  const graphOk = async (method: string, path: string, body?: Json): Promise<Json> => {
    const res = await h.graph.request(method, path, body);
    if (res.status >= 300) throw new Error(`Graph ${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const folderId = (userId: string) => h.contacts.folderOf(mailboxOf(userId === AVA.id ? AVA : BEN));
  const copies = async (userId: string): Promise<Json[]> => (await graphOk('GET', `/users/${userId}/contactFolders/${await folderId(userId)}/contacts?$top=500`)).value as Json[];
  const copyNamed = async (userId: string, surname: string): Promise<Json | undefined> => (await copies(userId)).find((c) => c.surname === surname);
  const cycle = async (mailboxId: string) => {
    const { sessions } = await h.cycle(mailboxId);
    for (const s of sessions) expect({ failed: s.failed, warnings: s.warnings.filter((w) => !w.startsWith('conflict:')) }).toEqual({ failed: [], warnings: [] });
    return sessions;
  };
  const listed = async (userId: string) => (await h.syncList.list(userId)).map((e) => `${e.type}:${e.c4cId}`);
  const c4cContact = async (contactId: string): Promise<Json | undefined> => (await h.c4c.query(CONTACTS, `ContactID eq '${contactId}'`))[0];

  beforeAll(async () => {
    h = await startSyncHarness(driver, { users: [AVA, BEN], families: ['contacts'] });
    seeded = (await h.c4c.query(CONTACTS, "StatusCode eq '2'")).slice(0, 6);
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('a list entry becomes a contact in the folder with its category; an Outlook last-name edit reaches C4C and the second user', async () => {
    const record = seeded[0] as Json;
    const ref = { type: 'contact' as const, c4cId: String(record.ContactID) };
    await h.syncList.add(AVA.id, ref, 'user');
    await h.syncList.add(BEN.id, ref, 'user');
    await cycle(AVA.id);
    await cycle(BEN.id);
    const avasCopy = await copyNamed(AVA.id, String(record.LastName));
    expect(avasCopy).toMatchObject({ givenName: record.FirstName, categories: [DEFAULT_CATEGORIES.contact] });
    expect(await copyNamed(BEN.id, String(record.LastName))).toBeDefined();

    const corrected = `${String(record.LastName)}-Corrected`;
    await graphOk('PATCH', `/users/${AVA.id}/contacts/${String(avasCopy?.id)}`, { surname: corrected });
    await cycle(AVA.id);
    expect((await c4cContact(ref.c4cId))?.LastName).toBe(corrected);
    // The next tenant poll files the change under Ben, whose list holds the record.
    const [next] = [await h.cycle(AVA.id)];
    expect(next.poll.mailboxIds).toContain(BEN.id);
    expect(await copyNamed(BEN.id, corrected)).toBeDefined();
  });

  it("an employee's copy is read-only: an Outlook edit is reverted with the reason on the item (R9), and C4C is not written", async () => {
    const [employee] = await h.c4c.query('EmployeeCollection', `EmployeeID eq '${BEN.c4cEmployeeId}'`);
    await h.syncList.add(AVA.id, { type: 'employee', c4cId: BEN.c4cEmployeeId }, 'user');
    await cycle(AVA.id);
    const copy = await copyNamed(AVA.id, String(employee?.LastName));
    expect(copy?.categories).toEqual([DEFAULT_CATEGORIES.employee]);
    await graphOk('PATCH', `/users/${AVA.id}/contacts/${String(copy?.id)}`, { surname: 'Renamed' });
    await h.resetCounters();
    await cycle(AVA.id);
    expect((await h.counters()).c4cWrites).toEqual({});
    expect(await copyNamed(AVA.id, 'Renamed')).toBeUndefined();
    expect((await copyNamed(AVA.id, String(employee?.LastName)))?.categories).toEqual([DEFAULT_CATEGORIES.employee, DEFAULT_CATEGORIES.error]);
    const pairOf = async () => (await h.store.loadPairs(AVA.id)).find((p) => p.outlookId === copy?.id);
    expect((await pairOf())?.lastError).toMatchObject({ code: 'readOnlyEdit', message: expect.stringContaining('Employees are read-only') });
    // The reason stays while nobody edits the copy: the next session (which sees our own revert) writes nothing.
    await h.resetCounters();
    await cycle(AVA.id);
    expect((await h.counters()).graphWrites).toEqual({});
    expect((await pairOf())?.status).toBe('error');
  });

  it('deleting the Outlook copy takes the record off the list and C4C keeps it; taking an entry off the list removes its copy', async () => {
    const [kept, dropped] = [seeded[1] as Json, seeded[2] as Json];
    for (const r of [kept, dropped]) await h.syncList.add(AVA.id, { type: 'contact', c4cId: String(r.ContactID) }, 'user');
    await cycle(AVA.id);
    const copy = await copyNamed(AVA.id, String(kept.LastName));
    expect(copy).toBeDefined();
    expect(await copyNamed(AVA.id, String(dropped.LastName))).toBeDefined();

    await graphOk('DELETE', `/users/${AVA.id}/contacts/${String(copy?.id)}`);
    await h.resetCounters();
    await cycle(AVA.id);
    expect((await h.counters()).c4cWrites).toEqual({});
    expect(await listed(AVA.id)).not.toContain(`contact:${String(kept.ContactID)}`);
    expect(await c4cContact(String(kept.ContactID))).toMatchObject({ StatusCode: '2' });
    // Put back on the list, the record gets a copy again.
    await h.syncList.add(AVA.id, { type: 'contact', c4cId: String(kept.ContactID) }, 'user');
    await cycle(AVA.id);
    expect(await copyNamed(AVA.id, String(kept.LastName))).toBeDefined();

    await h.syncList.remove(AVA.id, { type: 'contact', c4cId: String(dropped.ContactID) });
    await cycle(AVA.id);
    expect(await copyNamed(AVA.id, String(dropped.LastName))).toBeUndefined();
    expect(await c4cContact(String(dropped.ContactID))).toMatchObject({ StatusCode: '2' });
  });

  it('a record blocked in C4C loses its copy (the OData API deletes no contacts; blocking is how C4C retires one)', async () => {
    const blocked = seeded[3] as Json;
    await h.syncList.add(AVA.id, { type: 'contact', c4cId: String(blocked.ContactID) }, 'user');
    await cycle(AVA.id);
    expect(await copyNamed(AVA.id, String(blocked.LastName))).toBeDefined();
    expect((await h.c4c.request('DELETE', `${CONTACTS}('${String(blocked.ObjectID)}')`)).status).toBe(405);
    await h.c4c.request('PATCH', `${CONTACTS}('${String(blocked.ObjectID)}')`, { StatusCode: '3' });
    await cycle(AVA.id);
    expect(await copyNamed(AVA.id, String(blocked.LastName))).toBeUndefined();
  });

  it('a contact made in the folder with the category: the duplicate check by e-mail takes the existing record, and it joins the list', async () => {
    const existing = seeded[4] as Json;
    const made = await graphOk('POST', `/users/${AVA.id}/contactFolders/${await folderId(AVA.id)}/contacts`, {
      givenName: String(existing.FirstName),
      surname: 'Typed-In',
      emailAddresses: [{ address: String(existing.Email).toUpperCase(), name: 'x' }],
      categories: [DEFAULT_CATEGORIES.contact],
    });
    const before = (await h.c4c.query(CONTACTS, `Email eq '${String(existing.Email)}'`)).length;
    await cycle(AVA.id);
    expect((await h.c4c.query(CONTACTS, `Email eq '${String(existing.Email)}'`)).length).toBe(before);
    expect(await listed(AVA.id)).toContain(`contact:${String(existing.ContactID)}`);
    const [item] = await h.contacts.getItems(mailboxOf(AVA), [String(made.id)]);
    expect(item && !item.removed ? item.fields.crmRef : null).toMatchObject({ kind: 'contact', objectId: existing.ObjectID, c4cId: existing.ContactID });
    // The existing record holds another last name than the contact: the next session merges both (R12), so the copy
    // and the record agree, whichever side the tenant's winner gives it to.
    await cycle(AVA.id);
    const copy = await graphOk('GET', `/users/${AVA.id}/contacts/${String(made.id)}`);
    expect([String(existing.LastName), 'Typed-In']).toContain(copy.surname);
    expect((await c4cContact(String(existing.ContactID)))?.LastName).toBe(copy.surname);
  });

  it('a contact made in the folder for a record the folder mirrors already is left unlinked: one Outlook contact per record', async () => {
    const listedRecord = seeded[5] as Json;
    await h.syncList.add(AVA.id, { type: 'contact', c4cId: String(listedRecord.ContactID) }, 'user');
    await cycle(AVA.id);
    const made = await graphOk('POST', `/users/${AVA.id}/contactFolders/${await folderId(AVA.id)}/contacts`, {
      givenName: 'Typed',
      surname: 'Twice',
      emailAddresses: [{ address: String(listedRecord.Email), name: 'x' }],
      categories: [DEFAULT_CATEGORIES.contact],
    });
    await cycle(AVA.id);
    await cycle(AVA.id);
    const naming = (await h.contacts.getItems(mailboxOf(AVA), (await copies(AVA.id)).map((c) => String(c.id)))).filter((i) => !i.removed && i.fields.crmRef?.objectId === listedRecord.ObjectID);
    expect(naming.map((i) => i.id)).not.toContain(made.id);
    expect(naming).toHaveLength(1);
    const left = await graphOk('GET', `/users/${AVA.id}/contacts/${String(made.id)}`);
    expect({ surname: left.surname, categories: left.categories }).toEqual({ surname: 'Twice', categories: [] });
    // Add-ins do not run on contacts: the contact itself says why, in the service's note line, naming the copy.
    const copyName = `${String(listedRecord.FirstName)} ${String(listedRecord.LastName)}`;
    expect(left.personalNotes).toBe(`⚠ Not synced with SAP Cloud for Customer: ${copyName} in this folder is already the copy of this C4C contact; copy what you need over to it and delete this one.`);
    expect((await c4cContact(String(listedRecord.ContactID)))?.LastName).toBe(listedRecord.LastName);
  });

  it('a contact made in the folder, deleted, and its record put back on the list gets a copy (one pair per record)', async () => {
    const made = await graphOk('POST', `/users/${AVA.id}/contactFolders/${await folderId(AVA.id)}/contacts`, {
      givenName: 'Made',
      surname: 'Here-Then-Gone',
      emailAddresses: [{ address: `made-here-${driver}@example.com`, name: 'x' }],
      categories: [DEFAULT_CATEGORIES.contact],
    });
    await cycle(AVA.id);
    const [item] = await h.contacts.getItems(mailboxOf(AVA), [String(made.id)]);
    const ref = item && !item.removed ? item.fields.crmRef : null;
    expect(ref).not.toBeNull();
    await graphOk('DELETE', `/users/${AVA.id}/contacts/${String(made.id)}`);
    await cycle(AVA.id);
    expect(await listed(AVA.id)).not.toContain(`contact:${String(ref?.c4cId)}`);
    await h.syncList.add(AVA.id, { type: 'contact', c4cId: String(ref?.c4cId) }, 'user');
    await cycle(AVA.id);
    expect(await copyNamed(AVA.id, 'Here-Then-Gone')).toMatchObject({ categories: [DEFAULT_CATEGORIES.contact] });
  });
});
