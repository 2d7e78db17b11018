// The sync list's admin rule (R14, SYNC_LIST_RULE=owned-account-contacts) end to end over real HTTP on both drivers:
// the contacts of the accounts the user's C4C employee owns or is in the account team of join their list as the
// rule's entries and become Outlook contacts; a blocked contact and other accounts' contacts stay out; an entry the
// user removes is not put back; turning the rule off removes only the rule's entries and their copies.
import { AVA, mailboxOf, startSyncHarness, type SyncHarness } from '../../support/sync-harness.js';
import type { Json } from '../../support/sync-harness-http.js';
import { TEST_DRIVERS, stopTestDatabases } from '../../support/test-database.js';

afterAll(stopTestDatabases);

/** An employee id that owns nothing in the seeded tenant, so only this file's accounts count. */
const EMPLOYEE = '8000009901';

describe.each(TEST_DRIVERS)('the sync list rule on %s', (driver) => {
  let h: SyncHarness;
  const ids: Record<'owned' | 'team' | 'other' | 'blocked', string> = { owned: '', team: '', other: '', blocked: '' };
  const names: Record<string, string> = {};

  const created = async (path: string, body: Json): Promise<Json> => {
    const res = await h.c4c.request('POST', path, body);
    if (res.status !== 201) throw new Error(`C4C POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.d as Json;
  };
  const contactOf = async (key: keyof typeof ids, account: Json, status = '2') => {
    const lastName = `Rule${key}${driver}`;
    const contact = await created('ContactCollection', { FirstName: 'Pat', LastName: lastName, StatusCode: status, AccountID: account.AccountID, Email: `pat.${key}.${driver}@rule.example` });
    ids[key] = String(contact.ContactID);
    names[ids[key]] = lastName;
  };
  const listed = async () => (await h.syncList.list(AVA.id)).map((e) => `${e.c4cId}:${e.source}`).sort();
  const copies = async (): Promise<string[]> => {
    const folder = await h.contacts.folderOf(mailboxOf(AVA));
    const res = await h.graph.request('GET', `/users/${AVA.id}/contactFolders/${folder}/contacts?$top=100`);
    return ((res.body.value ?? []) as Json[]).map((c) => String(c.surname)).sort();
  };
  const cycle = async () => {
    for (const s of (await h.cycle(AVA.id)).sessions) expect(s.failed).toEqual([]);
  };

  beforeAll(async () => {
    h = await startSyncHarness(driver, { users: [AVA], families: ['contacts'], syncListRule: 'owned-account-contacts' });
    await h.store.transaction((tx) => tx.upsertMailbox({ ...mailboxOf(AVA), employeePartyId: EMPLOYEE }));
    const owned = await created('CorporateAccountCollection', { Name: `Owned ${driver}`, RoleCode: 'CRM000', LifeCycleStatusCode: '2', OwnerID: EMPLOYEE });
    const team = await created('CorporateAccountCollection', { Name: `Team ${driver}`, RoleCode: 'CRM000', LifeCycleStatusCode: '2', OwnerID: AVA.c4cEmployeeId });
    await created(`CorporateAccountCollection('${String(team.ObjectID)}')/CorporateAccountTeam`, { EmployeeID: EMPLOYEE, PartyRoleCode: '39' });
    const other = await created('CorporateAccountCollection', { Name: `Other ${driver}`, RoleCode: 'CRM000', LifeCycleStatusCode: '2', OwnerID: AVA.c4cEmployeeId });
    await contactOf('owned', owned);
    await contactOf('team', team);
    await contactOf('other', other);
    await contactOf('blocked', owned, '3');
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it("adds the contacts of the user's own and team accounts as the rule's, keeps the user's own entries, and makes the copies", async () => {
    await h.syncList.add(AVA.id, { type: 'contact', c4cId: ids.other }, 'user');
    await cycle();
    expect(await listed()).toEqual([`${ids.owned}:rule`, `${ids.team}:rule`, `${ids.other}:user`].sort());
    expect(await copies()).toEqual([names[ids.owned], names[ids.team], names[ids.other]].sort());
  });

  it('does not put back an entry the user removed, and turning the rule off removes only what it added', async () => {
    expect(await h.syncList.remove(AVA.id, { type: 'contact', c4cId: ids.owned })).toBe(true);
    await cycle();
    expect(await listed()).toEqual([`${ids.team}:rule`, `${ids.other}:user`].sort());
    expect(await copies()).toEqual([names[ids.team], names[ids.other]].sort());

    h.setSyncListRule('off');
    await cycle();
    expect(await listed()).toEqual([`${ids.other}:user`]);
    expect(await copies()).toEqual([names[ids.other]]);
    // The copies went; C4C keeps every record.
    expect(await h.c4c.query('ContactCollection', `ContactID eq '${ids.team}'`)).toHaveLength(1);
  });
});
