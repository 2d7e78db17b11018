// Outlook personal contacts in the Graph sandbox over real HTTP: contact folders (found by name, duplicate name 409,
// rename, delete, the default folder), contacts CRUD with every field round-tripped, If-Match (412), 404 bodies,
// $select and paging, categories, extended properties written and read back with $expand, permissions, the seeded
// personal contacts, and reset.
import { AVA, BEN, CHLOE, DAN, expectGraphError, startHarness, type Harness, type Json } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

const MARKER = 'String {00020329-0000-0000-C000-000000000046} Name crmsync-c4c-id';
const SENSITIVITY = 'Integer 0x36';

const FULL: Json = {
  givenName: 'Fiona', middleName: 'M.', surname: 'Fabrikam', displayName: 'Fiona Fabrikam (Fabrikam Ltd)', fileAs: 'Fabrikam, Fiona',
  emailAddresses: [{ name: 'Fiona Fabrikam', address: 'fiona@fabrikam.example' }, { address: 'f.fabrikam@mail.example' }],
  businessPhones: ['+44 113 555 0101'], homePhones: ['+44 113 555 0199'], mobilePhone: '+44 7700 900123',
  companyName: 'Fabrikam Ltd', jobTitle: 'Head of Purchasing', department: 'Purchasing',
  businessAddress: { street: '1 Wellington Street', city: 'Leeds', state: 'West Yorkshire', countryOrRegion: 'United Kingdom', postalCode: 'LS1 4AP' },
  personalNotes: 'Account 1001 in C4C.', categories: ['SAP Cloud for Customer'],
};
/** FULL as Graph gives it back: an e-mail address without a name is named after itself (contact-get sample). */
const FULL_READ: Json = { ...FULL, emailAddresses: [FULL.emailAddresses[0], { name: 'f.fabrikam@mail.example', address: 'f.fabrikam@mail.example' }] };

async function folderNamed(user: string, name: string): Promise<Json | undefined> {
  const res = await h.graph('GET', `/users/${user}/contactFolders?$filter=${encodeURIComponent(`displayName eq '${name}'`)}`);
  expect(res.status).toBe(200);
  return (res.body.value as Json[])[0];
}

async function newFolder(user: string, name: string): Promise<string> {
  const res = await h.graph('POST', `/users/${user}/contactFolders`, { body: { displayName: name } });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

describe('contact folders', () => {
  it('are created under the default Contacts folder, found by name, renamed and deleted', async () => {
    expect(await folderNamed(AVA.id, 'SAP Cloud for Customer')).toBeUndefined();
    const created = await h.graph('POST', `/users/${AVA.mail}/contactFolders`, { body: { displayName: 'SAP Cloud for Customer' } });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body).sort()).toEqual(['@odata.context', 'displayName', 'id', 'parentFolderId']);
    const found = await folderNamed(AVA.id, 'SAP Cloud for Customer');
    expect(found).toEqual({ id: created.body.id, displayName: 'SAP Cloud for Customer', parentFolderId: created.body.parentFolderId });
    // The parent is the default Contacts folder, which the list leaves out but which can be read by id.
    const parent = await h.graph('GET', `/users/${AVA.id}/contactFolders/${created.body.parentFolderId}`);
    expect(parent.body.displayName).toBe('Contacts');
    const listed = (await h.graph('GET', `/users/${AVA.id}/contactFolders`)).body.value as Json[];
    expect(listed.map((f) => f.displayName)).toEqual(['SAP Cloud for Customer']);

    const renamed = await h.graph('PATCH', `/users/${AVA.id}/contactFolders/${created.body.id}`, { body: { displayName: 'C4C' } });
    expect(renamed.body.displayName).toBe('C4C');
    expect((await h.graph('DELETE', `/users/${AVA.id}/contactFolders/${created.body.id}`)).status).toBe(204);
    const gone = await h.graph('GET', `/users/${AVA.id}/contactFolders/${created.body.id}`);
    expect(gone.status).toBe(404);
    expectGraphError(gone.body, 'ErrorItemNotFound');
  });

  it('refuse a duplicate name (409 ErrorFolderExists, case-insensitive) and deleting the default folder', async () => {
    const id = await newFolder(BEN.id, 'CRM contacts');
    const dup = await h.graph('POST', `/users/${BEN.id}/contactFolders`, { body: { displayName: 'crm CONTACTS' } });
    expect(dup.status).toBe(409);
    expectGraphError(dup.body, 'ErrorFolderExists');
    const other = await newFolder(BEN.id, 'Other');
    expect((await h.graph('PATCH', `/users/${BEN.id}/contactFolders/${other}`, { body: { displayName: 'CRM contacts' } })).status).toBe(409);
    // Another mailbox may have a folder of the same name.
    await newFolder(CHLOE.id, 'CRM contacts');
    const parentId = (await h.graph('GET', `/users/${BEN.id}/contactFolders/${id}`)).body.parentFolderId as string;
    const refused = await h.graph('DELETE', `/users/${BEN.id}/contactFolders/${parentId}`);
    expect(refused.status).toBe(400);
    expectGraphError(refused.body, 'ErrorDeleteDistinguishedFolder');
    expect((await h.graph('POST', `/users/${BEN.id}/contactFolders`, { body: {} })).status).toBe(400);
    expect((await h.graph('GET', `/users/${BEN.id}/contactFolders/not*an*id`)).status).toBe(400);
  });
});

describe('contacts', () => {
  it('round-trip every field, with Graph defaults for the unset ones', async () => {
    const folderId = await newFolder(CHLOE.id, 'Round trip');
    const created = await h.graph('POST', `/users/${CHLOE.id}/contactFolders/${folderId}/contacts`, { body: FULL });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toContain(`/contacts/${created.body.id}`);
    const c = created.body;
    expect(c).toEqual(expect.objectContaining({ ...FULL_READ, parentFolderId: folderId, changeKey: expect.any(String), createdDateTime: expect.stringMatching(/Z$/) }));
    expect(c['@odata.etag']).toBe(`W/"${c.changeKey}"`);
    expect(c).toEqual(expect.objectContaining({ nickName: null, title: null, imAddresses: [], children: [], homeAddress: {}, otherAddress: {}, birthday: null }));
    expect(c.singleValueExtendedProperties).toBeUndefined();

    // The same contact through the mailbox-wide path and through its folder's path.
    const viaMailbox = await h.graph('GET', `/users/${CHLOE.id}/contacts/${c.id}`);
    expect(viaMailbox.body).toEqual(expect.objectContaining({ ...FULL_READ, id: c.id, '@odata.etag': c['@odata.etag'] }));
    const viaFolder = await h.graph('GET', `/users/${CHLOE.id}/contactFolders/${folderId}/contacts/${c.id}?$select=givenName,emailAddresses`);
    expect(Object.keys(viaFolder.body).sort()).toEqual(['@odata.context', '@odata.etag', 'emailAddresses', 'givenName', 'id']);
  });

  it('patch partially (new changeKey; name parts regenerate displayName), honour If-Match and delete', async () => {
    const base = `/users/${CHLOE.id}/contacts`;
    const c = (await h.graph('POST', base, { body: { givenName: 'Gus', surname: 'Grant', companyName: 'Grant & Co' } })).body;
    expect(c.displayName).toBe('Gus Grant');
    const patched = await h.graph('PATCH', `${base}/${c.id}`, { body: { surname: 'Grantham', jobTitle: 'CEO' }, headers: { 'if-match': c['@odata.etag'] } });
    expect(patched.status).toBe(200);
    expect(patched.body).toEqual(expect.objectContaining({ givenName: 'Gus', surname: 'Grantham', displayName: 'Gus Grantham', jobTitle: 'CEO', companyName: 'Grant & Co' }));
    expect(patched.body.changeKey).not.toBe(c.changeKey);
    const stale = await h.graph('PATCH', `${base}/${c.id}`, { body: { jobTitle: 'lost' }, headers: { 'if-match': c['@odata.etag'] } });
    expect(stale.status).toBe(412);
    expectGraphError(stale.body, 'ErrorIrresolvableConflict');
    expect((await h.graph('DELETE', `${base}/${c.id}`, { headers: { 'if-match': c['@odata.etag'] } })).status).toBe(412);
    // An explicit displayName wins over the generated one; null clears a field.
    const named = await h.graph('PATCH', `${base}/${c.id}`, { body: { givenName: 'Gustav', displayName: 'Gus (Grant & Co)', jobTitle: null } });
    expect(named.body).toEqual(expect.objectContaining({ displayName: 'Gus (Grant & Co)', jobTitle: null }));
    expect((await h.graph('DELETE', `${base}/${c.id}`, { headers: { 'if-match': named.body['@odata.etag'] } })).status).toBe(204);
    const gone = await h.graph('GET', `${base}/${c.id}`);
    expect(gone.status).toBe(404);
    expectGraphError(gone.body, 'ErrorItemNotFound');
    expect((await h.graph('PATCH', `${base}/${c.id}`, { body: { jobTitle: 'x' } })).status).toBe(404);
  });

  it('are found only through their own folder path, and refuse unknown properties', async () => {
    const folderId = await newFolder(DAN.id, 'Scoped');
    const own = (await h.graph('POST', `/users/${DAN.id}/contacts`, { body: { givenName: 'Default' } })).body;
    const wrongFolder = await h.graph('GET', `/users/${DAN.id}/contactFolders/${folderId}/contacts/${own.id}`);
    expect(wrongFolder.status).toBe(404);
    expectGraphError(wrongFolder.body, 'ErrorItemNotFound');
    const missingFolder = await h.graph('GET', `/users/${DAN.id}/contactFolders/AAMkADCFldNoSuchFolder000AAA=/contacts`);
    expect(missingFolder.status).toBe(404);
    const unknown = await h.graph('POST', `/users/${DAN.id}/contacts`, { body: { givenName: 'X', subject: 'event field' } });
    expect(unknown.status).toBe(400);
    expectGraphError(unknown.body, 'RequestBodyRead');
    expect((await h.graph('POST', `/users/${DAN.id}/contacts`, { body: { businessAddress: { street: 'x', planet: 'Mars' } } })).status).toBe(400);
    expect((await h.graph('GET', `/users/${DAN.id}/contacts?$select=subject`)).status).toBe(400);
  });

  it('page with $top and nextLink, and filter by category', async () => {
    const folderId = await newFolder(AVA.id, 'Paged');
    const base = `/users/${AVA.id}/contactFolders/${folderId}/contacts`;
    for (let i = 0; i < 12; i++) await h.graph('POST', base, { body: { givenName: `P${i}`, categories: i % 3 === 0 ? ['Visit'] : [] } });
    const first = await h.graph('GET', base);
    expect(first.body.value).toHaveLength(10);
    const next = await fetch(first.body['@odata.nextLink'] as string, { headers: { authorization: `Bearer ${h.appToken}` } });
    expect(((await next.json()) as Json).value).toHaveLength(2);
    const top = await h.graph('GET', `${base}?$top=5&$select=givenName`);
    expect(top.body.value).toHaveLength(5);
    expect(top.body['@odata.nextLink']).toContain('$skip=5');
    const visits = await h.graph('GET', `${base}?$filter=${encodeURIComponent("categories/any(c:c eq 'Visit')")}`);
    expect((visits.body.value as Json[]).map((c) => c.givenName)).toEqual(['P0', 'P3', 'P6', 'P9']);
    // Categories are replaced as a whole by a PATCH.
    const c = (visits.body.value as Json[])[0] as Json;
    const recat = await h.graph('PATCH', `/users/${AVA.id}/contacts/${c.id}`, { body: { categories: ['Blue category', 'Visit'] } });
    expect(recat.body.categories).toEqual(['Blue category', 'Visit']);
  });
});

describe('extended properties on contacts', () => {
  it('are written on POST and PATCH and read back with $expand and a $filter on the id', async () => {
    const folderId = await newFolder(BEN.id, 'Marked');
    const base = `/users/${BEN.id}/contactFolders/${folderId}/contacts`;
    const created = await h.graph('POST', base, {
      body: { givenName: 'Mark', surname: 'Ed', singleValueExtendedProperties: [{ id: MARKER, value: 'account:1001' }, { id: SENSITIVITY, value: '2' }] },
    });
    expect(created.status).toBe(201);
    expect(created.body.singleValueExtendedProperties).toBeUndefined();
    const expandOne = `$expand=${encodeURIComponent(`singleValueExtendedProperties($filter=id eq '${MARKER}')`)}`;
    const one = await h.graph('GET', `/users/${BEN.id}/contacts/${created.body.id}?${expandOne}`);
    expect(one.body.singleValueExtendedProperties).toEqual([{ id: 'String {00020329-0000-0000-c000-000000000046} Name crmsync-c4c-id', value: 'account:1001' }]);
    const sens = await h.graph('GET', `/users/${BEN.id}/contacts/${created.body.id}?$expand=${encodeURIComponent(`singleValueExtendedProperties($filter=id eq '${SENSITIVITY}')`)}`);
    expect(sens.body.singleValueExtendedProperties).toEqual([{ id: 'Integer 0x36', value: '2' }]);

    const patched = await h.graph('PATCH', `${base}/${created.body.id}`, { body: { singleValueExtendedProperties: [{ id: MARKER, value: 'account:1002' }] } });
    expect(patched.status).toBe(200);
    const listed = await h.graph('GET', `${base}?${expandOne}&$select=givenName`);
    expect(listed.body.value[0]).toEqual(expect.objectContaining({ givenName: 'Mark', singleValueExtendedProperties: [expect.objectContaining({ value: 'account:1002' })] }));
    // Contacts can be found by the marker's value; one without it has no singleValueExtendedProperties at all.
    await h.graph('POST', base, { body: { givenName: 'Unmarked' } });
    const byMarker = await h.graph('GET', `${base}?$filter=${encodeURIComponent(`singleValueExtendedProperties/Any(ep: ep/id eq '${MARKER}' and ep/value eq 'account:1002')`)}`);
    expect((byMarker.body.value as Json[]).map((c) => c.givenName)).toEqual(['Mark']);
    const unmarked = (await h.graph('GET', `${base}?${expandOne}`)).body.value.find((c: Json) => c.givenName === 'Unmarked');
    expect(unmarked.singleValueExtendedProperties).toBeUndefined();
    expect((await h.graph('POST', base, { body: { singleValueExtendedProperties: [{ id: 'Bogus 0x1', value: 'x' }] } })).status).toBe(400);
  });

  it('stay on a deleted contact, which goes to Deleted Items under a new id and is found there by them', async () => {
    const folderId = await newFolder(BEN.id, 'Binned');
    const value = `contact|${Date.now()}|1003`;
    const created = (await h.graph('POST', `/users/${BEN.id}/contactFolders/${folderId}/contacts`, { body: { givenName: 'Del', surname: 'Eted', singleValueExtendedProperties: [{ id: MARKER, value }] } })).body;
    const filter = `singleValueExtendedProperties/Any(ep: ep/id eq '${MARKER}' and ep/value eq '${value}')`;
    const url = `/users/${BEN.id}/mailFolders/deleteditems/messages?$filter=${encodeURIComponent(filter)}&$select=id`;
    expect((await h.graph('GET', url)).body.value).toEqual([]);
    expect((await h.graph('DELETE', `/users/${BEN.id}/contacts/${created.id}`)).status).toBe(204);
    const found = await h.graph('GET', url);
    expect(found.body.value).toHaveLength(1);
    expect(found.body.value[0].id).not.toBe(created.id);
    expect((await h.graph('GET', `/users/${BEN.id}/contacts/${created.id}`)).status).toBe(404);
  });
});

describe('seeded personal contacts, permissions and reset', () => {
  it('every demo user has their own contacts in the default folder, one marked private', async () => {
    const own = await h.graph('GET', `/users/${DAN.id}/contacts?$expand=${encodeURIComponent(`singleValueExtendedProperties($filter=id eq '${SENSITIVITY}')`)}`);
    expect(own.status).toBe(200);
    // Besides the one an earlier test added through /contacts.
    const seeded = (own.body.value as Json[]).filter((c) => c.givenName !== 'Default');
    expect(seeded).toHaveLength(3);
    expect(seeded.filter((c) => c.singleValueExtendedProperties?.[0]?.value === '2')).toHaveLength(1);
    const view = (await h.control('GET', `/contacts/${DAN.mail}`)).body;
    expect(view.folders.find((f: Json) => f.isDefault).displayName).toBe('Contacts');
  });

  it('need a Contacts permission and, for delegated tokens, the own mailbox', async () => {
    const noContacts = (await (await fetch(`${h.url}/_sandbox/token?user=${AVA.id}&scp=Calendars.ReadWrite`)).json()) as Json;
    const denied = await h.graph('GET', '/me/contacts', { token: noContacts.access_token as string });
    expect(denied.status).toBe(403);
    expectGraphError(denied.body, 'ErrorAccessDenied');
    const readOnly = (await (await fetch(`${h.url}/_sandbox/token?user=${AVA.id}&scp=Contacts.Read`)).json()) as Json;
    expect((await h.graph('GET', '/me/contactFolders', { token: readOnly.access_token as string })).status).toBe(200);
    expect((await h.graph('POST', '/me/contacts', { token: readOnly.access_token as string, body: { givenName: 'x' } })).status).toBe(403);
    const ava = await h.userToken(AVA.id);
    expect((await h.graph('POST', '/me/contacts', { token: ava, body: { givenName: 'Mine' } })).status).toBe(201);
    expect((await h.graph('GET', `/users/${BEN.id}/contacts`, { token: ava })).status).toBe(403);
  });

  it('reset takes the contacts back to the seed, with the same ids', async () => {
    const before = (await h.control('GET', `/contacts/${AVA.id}`)).body;
    await h.graph('POST', `/users/${AVA.id}/contactFolders`, { body: { displayName: 'Before reset' } });
    expect((await h.control('POST', '/reset')).status).toBe(204);
    const after = (await h.control('GET', `/contacts/${AVA.id}`)).body;
    expect(after.folders).toHaveLength(1);
    const seededIds = (view: Json) => (view.folders[0].contacts as Json[]).map((c) => c.id).slice(0, 3);
    expect(seededIds(after)).toEqual(seededIds(before));
    expect(after.folders[0].contacts).toHaveLength(3);
  });
});
