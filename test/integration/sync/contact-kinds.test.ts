// End to end over real HTTP on both databases (R14), beside contacts.test.ts: the two record kinds SSI files as
// Outlook contacts besides contacts and employees, and R12 for contacts. An individual customer's copy carries its
// category and is private (the MAPI sensitivity property: Graph's contact has none); an account's carries its category
// and the company's name. Edits made on both sides between two sessions merge field by field, and e-mail addresses by
// value: C4C keeps one, Outlook's second stays Outlook's.
import { DEFAULT_CATEGORIES } from '../../../src/shared/categories.js';
import { AVA, mailboxOf, startSyncHarness, type SyncHarness } from '../../support/sync-harness.js';
import type { Json } from '../../support/sync-harness-http.js';
import { TEST_DRIVERS, stopTestDatabases } from '../../support/test-database.js';

afterAll(stopTestDatabases);

describe.each(TEST_DRIVERS)('Contacts (R14): record kinds and field-by-field merges on %s', (driver) => {
  let h: SyncHarness;
  const graphOk = async (method: string, path: string, body?: Json): Promise<Json> => {
    const res = await h.graph.request(method, path, body);
    if (res.status >= 300) throw new Error(`Graph ${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const copies = async (): Promise<Json[]> => {
    const folderId = await h.contacts.folderOf(mailboxOf(AVA));
    return (await graphOk('GET', `/users/${AVA.id}/contactFolders/${folderId}/contacts?$top=500`)).value as Json[];
  };
  /** Ava's copy as the adapter reads it (normalized: privacy and record from the extended properties). */
  const copyOf = async (match: (c: Json) => boolean) => {
    const raw = (await copies()).find(match);
    const [item] = raw ? await h.contacts.getItems(mailboxOf(AVA), [String(raw.id)]) : [];
    return item && !item.removed ? item : undefined;
  };
  const cycle = async () => {
    const { sessions } = await h.cycle(AVA.id);
    for (const s of sessions) expect({ failed: s.failed, warnings: s.warnings.filter((w) => !w.startsWith('conflict:')) }).toEqual({ failed: [], warnings: [] });
  };

  beforeAll(async () => {
    h = await startSyncHarness(driver, { users: [AVA], families: ['contacts'] });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it("an individual customer's copy is private and filed under its category; an account's under its own, by the company's name", async () => {
    const [person] = await h.c4c.query('IndividualCustomerCollection', "LifeCycleStatusCode eq '2'");
    const [account] = await h.c4c.query('CorporateAccountCollection', "LifeCycleStatusCode eq '2'");
    if (!person || !account) throw new Error('the C4C sandbox has no active individual customer or account');
    await h.syncList.add(AVA.id, { type: 'individualCustomer', c4cId: String(person.CustomerID) }, 'user');
    await h.syncList.add(AVA.id, { type: 'account', c4cId: String(account.AccountID) }, 'user');
    await cycle();
    const personCopy = await copyOf((c) => c.surname === person.LastName && c.givenName === person.FirstName);
    expect(personCopy).toMatchObject({ categories: [DEFAULT_CATEGORIES.individualCustomer], fields: { private: true, crmRef: { kind: 'individualCustomer', objectId: person.ObjectID } } });
    const accountCopy = await copyOf((c) => c.companyName === account.Name);
    expect(accountCopy).toMatchObject({ categories: [DEFAULT_CATEGORIES.account], fields: { private: false, crmRef: { kind: 'account', objectId: account.ObjectID } } });
    expect((await copies()).find((c) => c.id === accountCopy?.id)?.displayName).toBe(account.Name);
  });

  it('merges edits made on both sides field by field (R12), and e-mail addresses by value', async () => {
    const [record] = (await h.c4c.query('ContactCollection', "StatusCode eq '2'")).filter((c) => typeof c.Email === 'string' && c.Email !== '');
    if (!record) throw new Error('the C4C sandbox has no active contact with an e-mail address');
    await h.syncList.add(AVA.id, { type: 'contact', c4cId: String(record.ContactID) }, 'user');
    await cycle();
    const copy = (await copies()).find((c) => c.surname === record.LastName);
    expect(copy).toBeDefined();
    // Between two sessions: Outlook gets a job title and a second address, C4C a corrected last name.
    await graphOk('PATCH', `/users/${AVA.id}/contacts/${String(copy?.id)}`, {
      jobTitle: 'Head of Merges',
      emailAddresses: [
        { address: String(record.Email), name: 'x' },
        { address: 'second@merge.example', name: 'x' },
      ],
    });
    await h.c4c.request('PATCH', `ContactCollection('${String(record.ObjectID)}')`, { LastName: 'Merged-In-C4C' });
    await cycle();
    await cycle();
    const [c4c] = await h.c4c.query('ContactCollection', `ContactID eq '${String(record.ContactID)}'`);
    expect(c4c).toMatchObject({ LastName: 'Merged-In-C4C', JobTitle: 'Head of Merges', Email: record.Email });
    const outlook = await graphOk('GET', `/users/${AVA.id}/contacts/${String(copy?.id)}`);
    expect({ surname: outlook.surname, jobTitle: outlook.jobTitle, emails: (outlook.emailAddresses as Json[]).map((e) => String(e.address).toLowerCase()) }).toEqual({
      surname: 'Merged-In-C4C',
      jobTitle: 'Head of Merges',
      emails: [String(record.Email).toLowerCase(), 'second@merge.example'],
    });
  });
});
