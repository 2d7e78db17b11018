// GraphContactSource against the Graph sandbox over HTTP (R14): the contact folder found or made once (a second
// adapter finds it by name), a copy created in it with its category, note line, record property and privacy, the
// folder's delta (the user's own contacts elsewhere never read), If-Match updates (stale → conflict), category edits,
// deletes (twice is fine) and a missing contact read as removed; a contact released (known bug 11) names no record
// and says why in its notes, until a link write puts the C4C link there instead.
import { GraphContactSource } from '../../../src/server/adapters/graph/index.js';
import { emptyContact, type NormalizedContact, type OutlookContactPresent } from '../../../src/server/domain/contact-item.js';
import { AVA, mailboxOf, startAdapterHarness, type AdapterHarness, type Json } from './support.js';

let h: AdapterHarness;
beforeAll(async () => {
  h = await startAdapterHarness();
});
afterAll(async () => h.close());

const FOLDER = 'SAP Cloud for Customer';
const WINDOW = { startUtc: '2026-01-01T00:00:00Z', endUtc: '2027-01-01T00:00:00Z' };
const source = () => new GraphContactSource(h.adapter({ pageSize: 3 }).http, { folderName: FOLDER, crmWebUrl: (kind, id) => `https://c4c.example/${kind}/${id}`, pageSize: 2 });
const present = (items: unknown[]) => items.filter((i): i is OutlookContactPresent => !(i as { removed: boolean }).removed);
const person: NormalizedContact = {
  ...emptyContact(),
  givenName: 'Bo',
  surname: 'Berg',
  emails: ['bo@mail.example'],
  businessPhones: ['+46 40 555 0100'],
  private: true,
  crmRef: { kind: 'individualCustomer', objectId: 'IC1', c4cId: '3000007' },
};

describe('GraphContactSource', () => {
  it('keeps the copies in one folder of their own, written and read back with privacy, record and note', async () => {
    const mailbox = mailboxOf(AVA);
    const contacts = source();
    const folderId = await contacts.folderOf(mailbox);
    // Another adapter (a restarted service) finds the folder by name instead of making a second one.
    expect(await source().folderOf(mailbox)).toBe(folderId);
    const folders = (await h.graph('GET', `/users/${AVA.id}/contactFolders`)).body.value as Json[];
    expect(folders.filter((f) => f.displayName === FOLDER)).toHaveLength(1);

    const first = await contacts.readChanges(mailbox, null, WINDOW);
    expect(first).toMatchObject({ full: true, items: [] });

    const extra = ['a', 'b', 'c'].map((n) => ({ ...person, givenName: n, crmRef: { kind: 'contact' as const, objectId: `C${n}`, c4cId: `200000${n}` }, private: false }));
    const created = await contacts.write(mailbox, [person, ...extra].map((fields, i) => ({ op: 'create' as const, transactionId: `t${i}`, kind: fields.crmRef?.kind ?? 'contact', fields, categories: ['Individual Customer'] })));
    expect(created.every((r) => r.ok)).toBe(true);
    const id = created[0]?.ok ? created[0].id : '';

    const changes = await contacts.readChanges(mailbox, first.nextCursor, WINDOW);
    expect(changes.full).toBe(false);
    expect(present(changes.items)).toHaveLength(4);
    const copy = present(changes.items).find((c) => c.id === id);
    expect(copy).toMatchObject({ folderId, categories: ['Individual Customer'], notes: 'SAP Cloud for Customer: https://c4c.example/individualCustomer/3000007' });
    expect(copy?.fields).toMatchObject({ givenName: 'Bo', surname: 'Berg', emails: ['bo@mail.example'], private: true, crmRef: person.crmRef });
    // The user's own contacts (the default folder) are never part of it.
    const own = (await h.graph('GET', `/users/${AVA.id}/contacts`)).body.value as Json[];
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((c) => c.parentFolderId !== folderId)).toBe(true);
    expect(present(changes.items).every((c) => c.folderId === folderId)).toBe(true);

    // A delta link Graph no longer knows (410) is read in full again, and says so.
    await h.control('POST', '/delta/expire');
    const again = await contacts.readChanges(mailbox, changes.nextCursor, WINDOW);
    expect(again.full).toBe(true);
    expect(present(again.items).map((c) => c.id).sort()).toEqual(present(changes.items).map((c) => c.id).sort());
  });

  it('updates with If-Match (a stale version is a conflict), edits categories, deletes (twice is fine)', async () => {
    const mailbox = mailboxOf(AVA);
    const contacts = source();
    const [made] = await contacts.write(mailbox, [{ op: 'create', transactionId: 't9', kind: 'contact', fields: { ...person, private: false, crmRef: { kind: 'contact', objectId: 'C9', c4cId: '2000009' } }, categories: ['SAP Cloud for Customer'] }]);
    if (!made?.ok || !made.version) throw new Error(`create failed: ${JSON.stringify(made)}`);
    const after = { ...person, surname: 'King', private: false, crmRef: { kind: 'contact' as const, objectId: 'C9', c4cId: '2000009' } };
    const [updated] = await contacts.write(mailbox, [{ op: 'update', id: made.id, ifMatch: made.version, patch: { surname: 'King' }, after }]);
    expect(updated).toMatchObject({ ok: true, id: made.id });
    const [stale] = await contacts.write(mailbox, [{ op: 'update', id: made.id, ifMatch: made.version, patch: { surname: 'Late' }, after: { ...after, surname: 'Late' } }]);
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await contacts.write(mailbox, [{ op: 'editCategories', id: made.id, edit: { add: ['Error in SAP Cloud for Customer SSI'], remove: [] } }]);
    const [read] = await contacts.getItems(mailbox, [made.id]);
    expect(read).toMatchObject({ removed: false, categories: ['SAP Cloud for Customer', 'Error in SAP Cloud for Customer SSI'], fields: { surname: 'King' } });

    const version = read && !read.removed ? read.version : '';
    expect(await contacts.write(mailbox, [{ op: 'delete', id: made.id, ifMatch: version }])).toEqual([{ ok: true, id: made.id, version: null }]);
    expect(await contacts.write(mailbox, [{ op: 'delete', id: made.id, ifMatch: version }])).toEqual([{ ok: true, id: made.id, version: null }]);
    expect(await contacts.getItems(mailbox, [made.id])).toEqual([{ removed: true, id: made.id }]);
  });

  it("releases a contact: it names no record, keeps the user's own categories and privacy, and says why in its notes until a link replaces the reason", async () => {
    const mailbox = mailboxOf(AVA);
    const contacts = source();
    const folderId = await contacts.folderOf(mailbox);
    // A contact the user made, private, with notes of their own; a crash left it naming a record another copy mirrors.
    const ref = { kind: 'contact' as const, objectId: 'C7', c4cId: '2000007' };
    const made = (await h.graph('POST', `/users/${AVA.id}/contactFolders/${folderId}/contacts`, { givenName: 'Typed', surname: 'Twice', personalNotes: 'Met at CeBIT\nSAP Cloud for Customer: https://c4c.example/contact/2000007', categories: ['SAP Cloud for Customer', 'Red category'], singleValueExtendedProperties: [{ id: 'Integer 0x36', value: '2' }, { id: 'String {00020329-0000-0000-C000-000000000046} Name crmSyncContactRecord', value: 'contact|C7|2000007' }] })).body;
    const fields = { ...emptyContact(), givenName: 'Typed', surname: 'Twice', private: true };
    const release = (notice: string) => contacts.write(mailbox, [{ op: 'update', id: String(made.id), ifMatch: '*', patch: { crmRef: null }, after: fields, categoryEdit: { add: [], remove: ['SAP Cloud for Customer'] }, notice }]);
    expect(await release('Ada Lovelace in this folder is already the copy of this C4C contact.')).toMatchObject([{ ok: true }]);
    expect(await release('Ada King in this folder is already the copy of this C4C contact.')).toMatchObject([{ ok: true }]);
    const [read] = present(await contacts.getItems(mailbox, [String(made.id)]));
    expect(read).toMatchObject({ categories: ['Red category'], notes: 'Met at CeBIT\n⚠ Not synced with SAP Cloud for Customer: Ada King in this folder is already the copy of this C4C contact.', fields: { crmRef: null, private: true } });

    // Linked again: the C4C link takes the reason's place.
    expect(await contacts.write(mailbox, [{ op: 'update', id: String(made.id), ifMatch: '*', patch: { crmRef: ref }, after: { ...fields, crmRef: ref } }])).toMatchObject([{ ok: true }]);
    const [linked] = present(await contacts.getItems(mailbox, [String(made.id)]));
    expect(linked).toMatchObject({ notes: 'Met at CeBIT\nSAP Cloud for Customer: https://c4c.example/contact/2000007', fields: { crmRef: ref, private: true } });
  });
  // R9 and R11 on the contact (Outlook add-ins do not run on contacts): an error's reason above the C4C link while the
  // error category is on, gone with it; a contact whose record C4C deleted says so in the link's place.
  it('shows an error above the C4C link with the error category and takes both off; says why a contact lost its record', async () => {
    const mailbox = mailboxOf(AVA);
    const contacts = source();
    const ref = { kind: 'employee' as const, objectId: 'E7', c4cId: '8000007' };
    const fields = { ...emptyContact(), givenName: 'Eve', surname: 'Nord', crmRef: ref };
    const [made] = await contacts.write(mailbox, [{ op: 'create', transactionId: 'p-e7', kind: 'employee', fields, categories: ['Employee'] }]);
    const id = made?.ok ? made.id : '';
    const link = 'SAP Cloud for Customer: https://c4c.example/employee/8000007';
    await h.graph('PATCH', `/users/${AVA.id}/contacts/${id}`, { personalNotes: `Desk 4\n${link}` });
    const read = async () => present(await contacts.getItems(mailbox, [id]))[0];
    const reason = 'Employees are read-only in Outlook; your change was undone: surname.';
    // The revert: an update that puts the error category on, with the reason.
    const before = await read();
    expect(await contacts.write(mailbox, [{ op: 'update', id, ifMatch: before!.version, patch: { surname: 'Nord' }, after: fields, categoryEdit: { add: ['Error in SAP Cloud for Customer SSI'], remove: [] }, error: { code: 'readOnlyEdit', message: reason } }])).toMatchObject([{ ok: true }]);
    expect(await read()).toMatchObject({ categories: ['Employee', 'Error in SAP Cloud for Customer SSI'], notes: `Desk 4\n⚠ Error syncing with SAP Cloud for Customer: ${reason}\n${link}` });
    // The error clears (a category edit, as clearError writes it): the reason goes, the link stays.
    expect(await contacts.write(mailbox, [{ op: 'editCategories', id, edit: { add: [], remove: ['Error in SAP Cloud for Customer SSI'] }, error: null }])).toMatchObject([{ ok: true }]);
    expect(await read()).toMatchObject({ categories: ['Employee'], notes: `Desk 4\n${link}` });
    // R11: the record gone, the categories off and the notice in the link's place.
    const gone = 'The record was deleted or blocked in SAP Cloud for Customer; this contact is no longer synced.';
    expect(await contacts.write(mailbox, [{ op: 'editCategories', id, edit: { add: [], remove: ['Employee'] }, notice: gone }])).toMatchObject([{ ok: true }]);
    expect(await read()).toMatchObject({ categories: [], notes: `Desk 4\n⚠ Not synced with SAP Cloud for Customer: ${gone}` });
  });
});
