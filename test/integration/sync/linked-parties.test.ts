// Other accounts and contacts than the primary ones (R8), end to end over HTTP on both databases: they reach C4C as
// involved parties with the roles of the tenant's code list (not C4C's standard codes: this tenant has its own),
// unlinking removes them, C4C users' additions come back to Outlook, and when the tenant refuses them the item says
// so (R9: the error category, and the reason in the task pane's status), nothing dropped silently.
import { parseLinksFromCustomProperties, type CrmLink } from '../../../src/shared/crm-links.js';
import { withDefaults } from '../../../src/server/domain/settings.js';
import { statusOfItem } from '../../../src/server/http/item-status.js';
import { EVE, mailboxOf, startSyncHarness, type SyncHarness } from '../../support/sync-harness.js';
import { CECP_ID, linksProperty, type Json } from '../../support/sync-harness-http.js';
import { TEST_DRIVERS, stopTestDatabases } from '../../support/test-database.js';
import { APPOINTMENT, APPOINTMENTS, ERROR_CATEGORY, VISIT, VISITS, activityFor, children, eventBody, pairOf, uniqueSubject } from './fixtures.js';

afterAll(stopTestDatabases);

// The tenant's involved-party roles: organizer, attendee and owner as C4C's standard ones (the seed's rows use them),
// its own codes for accounts and contacts.
const ROLES = [
  { Code: '35', Description: 'Organizer' },
  { Code: '55', Description: 'Attendee' },
  { Code: '39', Description: 'Employee Responsible' },
  { Code: 'Z31', Description: 'Account' },
  { Code: 'Z34', Description: 'Contact' },
];
const ROLE_LISTS = ['AppointmentInvolvedPartiesRoleCodeCollection', 'VisitPartyRoleCodeCollection'];

describe.each(TEST_DRIVERS)('other accounts and contacts on %s', (driver) => {
  let h: SyncHarness;
  let accounts: string[];
  let contacts: string[];
  beforeAll(async () => {
    h = await startSyncHarness(driver, { users: [EVE] });
    // Before the service reads them (it caches a tenant's code lists for an hour).
    for (const set of ROLE_LISTS) expect((await h.c4cControl('PUT', `/code-lists/${set}`, { values: ROLES })).status).toBe(200);
    const ids = async (set: string, field: string) => ((await h.c4c.request('GET', `${set}?$top=4&$select=${field}`)).body.d.results as Json[]).map((r) => String(r[field]));
    accounts = await ids('CorporateAccountCollection', 'AccountID');
    contacts = await ids('ContactCollection', 'ContactID');
    await h.settle();
  }, 90_000);
  afterAll(async () => {
    await h?.close();
  });

  const linksOf = async (eventId: string): Promise<CrmLink[]> => {
    const event = await h.graph.getEvent(EVE.id, eventId);
    const property = (event?.singleValueExtendedProperties as Json[] | undefined)?.find((p) => String(p.id).toLowerCase() === CECP_ID.toLowerCase());
    return parseLinksFromCustomProperties(property?.value as string | undefined);
  };
  const partyRows = (activity: Json, nav: string) => children(activity, nav).filter((p) => p.RoleCode !== '35').map((p) => [p.RoleCode, p.PartyID, p.MainIndicator]);

  it("reach C4C as involved parties with the tenant's roles, leave when unlinked, and come back from C4C", async () => {
    const links: CrmLink[] = [
      { type: 'account', id: accounts[0]!, primary: true },
      { type: 'contact', id: contacts[0]!, primary: true },
      { type: 'account', id: accounts[1]! },
      { type: 'contact', id: contacts[1]! },
    ];
    const event = await h.graph.createEvent(EVE.id, eventBody(uniqueSubject('other parties'), 5, { categories: [APPOINTMENT], singleValueExtendedProperties: linksProperty(links) }));
    const visit = await h.graph.createEvent(EVE.id, eventBody(uniqueSubject('other parties visit'), 6, { categories: [VISIT], singleValueExtendedProperties: linksProperty([links[0]!, links[3]!]) }));
    const { sessions } = await h.cycle(EVE.id);
    expect(sessions.flatMap((s) => s.failed)).toEqual([]);

    const created = await activityFor(h, APPOINTMENTS, event);
    expect(created).toMatchObject({ MainAccountPartyID: accounts[0], MainContactPartyID: contacts[0] });
    expect(partyRows(created, 'AppointmentInvolvedParties')).toEqual([['Z31', accounts[1], false], ['Z34', contacts[1], false]]);
    expect(partyRows(await activityFor(h, VISITS, visit), 'VisitParty')).toEqual([['Z34', contacts[1], false]]);

    // Unlinked in the task pane: its row goes, the other stays.
    await h.graph.patchEvent(EVE.id, String(event.id), { singleValueExtendedProperties: linksProperty(links.slice(0, 3)) });
    await h.cycle(EVE.id);
    expect(partyRows(await activityFor(h, APPOINTMENTS, event), 'AppointmentInvolvedParties')).toEqual([['Z31', accounts[1], false]]);

    // A C4C user adds a contact to the appointment: Outlook's item gets the link.
    const added = await h.c4c.request('POST', `AppointmentCollection('${String(created.ObjectID)}')/AppointmentInvolvedParties`, { PartyID: contacts[2], RoleCode: 'Z34', MainIndicator: false });
    expect(added.status).toBe(201);
    await h.cycle(EVE.id);
    expect((await linksOf(String(event.id))).map((l) => [l.type, l.id, l.primary === true])).toEqual([
      ['account', accounts[0], true],
      ['contact', contacts[0], true],
      ['account', accounts[1], false],
      ['contact', contacts[2], false],
    ]);

    // Settled: the next cycle writes nothing on either side (the party rows compare equal both ways).
    await h.settle();
    await h.resetCounters();
    await h.cycle(EVE.id);
    const counters = await h.counters();
    expect(counters.c4cWrites).toEqual({});
    expect(counters.graphWrites).toEqual({});
  });

  it('says so on the item and in the pane when the tenant refuses them, and syncs once it accepts them', async () => {
    // The tenant renamed its contact role after the service read it: C4C refuses the role the service writes.
    await h.c4cControl('PUT', '/code-lists/AppointmentInvolvedPartiesRoleCodeCollection', { values: ROLES.map((r) => (r.Description === 'Contact' ? { ...r, Code: 'Z99' } : r)) });
    const links: CrmLink[] = [{ type: 'account', id: accounts[0]!, primary: true }, { type: 'contact', id: contacts[3]! }];
    const event = await h.graph.createEvent(EVE.id, eventBody(uniqueSubject('refused party'), 7, { categories: [APPOINTMENT], singleValueExtendedProperties: linksProperty(links) }));
    const { sessions } = await h.cycle(EVE.id);
    expect(sessions.find((s) => s.mailboxId === EVE.id)?.failed).toEqual([expect.objectContaining({ code: 'crmRejected' })]);
    expect((await h.graph.getEvent(EVE.id, String(event.id)))?.categories).toEqual([APPOINTMENT, ERROR_CATEGORY]);
    const pair = await pairOf(h, EVE.id, String(event.id));
    // What GET /api/items/:id/status answers the task pane (http/api-routes.ts).
    const [item] = await h.calendar.getItems(mailboxOf(EVE), [String(event.id)]);
    if (!item || item.removed) throw new Error('the event is gone');
    const status = statusOfItem(item, pair, withDefaults({}), null);
    expect(status).toMatchObject({ state: 'error', error: { code: 'crmRejected' } });
    expect(status.error?.message).toMatch(/^C4C answered 400 INVALID_CODE: Value 'Z34' of RoleCode is not in code list AppointmentInvolvedPartiesRoleCodeCollection/);
    // Still linked in Outlook: nothing was dropped.
    expect((await linksOf(String(event.id))).map((l) => l.id)).toEqual([accounts[0], contacts[3]]);

    await h.c4cControl('PUT', '/code-lists/AppointmentInvolvedPartiesRoleCodeCollection', { values: ROLES });
    await h.cycle(EVE.id);
    expect((await h.graph.getEvent(EVE.id, String(event.id)))?.categories).toEqual([APPOINTMENT]);
    expect(partyRows(await activityFor(h, APPOINTMENTS, event), 'AppointmentInvolvedParties')).toEqual([['Z34', contacts[3], false]]);
    expect(await pairOf(h, EVE.id, String(event.id))).toMatchObject({ status: 'synced', lastError: null });
  });
});
