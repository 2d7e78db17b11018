// Function imports and authentication over real HTTP: CheckAppointmentByGroupwareID / CheckVisitByGroupwareID
// (POST, Edm.Boolean), IdentityGetLoggedInUserInfo for the technical user and for a Bearer user, the
// *QueryByElements searches, and 401 for missing or bad credentials.
import { loadSchema } from '../../../src/sandbox/c4c/schema.js';
import { DEMO_TENANT, DEMO_USERS } from '../../../src/sandbox/common/demo-tenant.js';
import { json, startHarness, type Feed, type Harness, type SapError } from './harness.js';

const schema = loadSchema();
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ accounts: 1000 });
});
afterAll(() => h.close());

describe('C4C sandbox function imports', () => {
  it('declares the groupware checks as POST with one GroupwareItemID parameter returning Edm.Boolean', () => {
    for (const name of ['CheckAppointmentByGroupwareID', 'CheckVisitByGroupwareID']) {
      expect(schema.functionImports.get(name)).toMatchObject({ httpMethod: 'POST', returnType: 'Edm.Boolean', params: [{ name: 'GroupwareItemID', type: 'Edm.String' }] });
    }
  });

  it('checks whether an appointment or visit carries a groupware item id', async () => {
    expect((await h.call('POST', 'AppointmentCollection', { body: { Subject: 'From Outlook', GroupwareItemID: "AAMk'1" } })).status).toBe(201);
    const yes = await h.call('POST', "CheckAppointmentByGroupwareID?GroupwareItemID='AAMk''1'");
    expect(yes.status).toBe(200);
    expect(await json(yes)).toEqual({ d: { CheckAppointmentByGroupwareID: true } });
    expect(await json(await h.call('POST', "CheckAppointmentByGroupwareID?GroupwareItemID='nope'"))).toEqual({ d: { CheckAppointmentByGroupwareID: false } });
    expect(await json(await h.call('POST', "CheckVisitByGroupwareID?GroupwareItemID='AAMk''1'"))).toEqual({ d: { CheckVisitByGroupwareID: false } });
    expect((await h.call('GET', "CheckAppointmentByGroupwareID?GroupwareItemID='x'")).status).toBe(405);
    expect((await h.call('POST', 'CheckAppointmentByGroupwareID')).status).toBe(400);
  });

  it('tells the technical user who it is', async () => {
    const body = await json<Feed>(await h.call('GET', 'IdentityGetLoggedInUserInfo'));
    expect(body.d.results[0]).toMatchObject({ UserID: DEMO_TENANT.c4cTechnicalUser.user, EmployeeID: null });
    expect((body.d.results[0]?.['__metadata'] as { type: string }).type).toBe('c4codata.LoggedInUserInfo');
  });

  it('accepts a Bearer token from the identity sandbox and maps it to the employee with that e-mail', async () => {
    const chloe = DEMO_USERS[2];
    const token = await h.sign({ preferred_username: chloe?.mail, name: chloe?.displayName, sub: chloe?.id });
    const res = await fetch(`${h.svc}IdentityGetLoggedInUserInfo`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
    expect(res.status).toBe(200);
    const info = (await json<Feed>(res)).d.results[0];
    expect(info).toMatchObject({ EmployeeID: chloe?.c4cEmployeeId, EmployeeUUID: chloe?.c4cEmployeeUuid, Email: chloe?.mail });
    // A demo user's identity UUID is their employee's (the sandbox keeps no separate identities).
    expect(info?.['UUID']).toBe(chloe?.c4cEmployeeUuid);
  });

  it('searches linkable objects with the QueryByElements function imports', async () => {
    const accounts = await json<Feed>(await h.call('GET', "CorporateAccountQueryByElements?Name='Alpine*'&NumberOfRows='5'"));
    expect(accounts.d.results).toHaveLength(5);
    expect(accounts.d.results.every((a) => String(a['Name']).startsWith('Alpine'))).toBe(true);
    const contactId = (await json<Feed>(await h.call('GET', 'ContactCollection?$top=1&$select=ContactID,LastName'))).d.results[0];
    const contacts = await json<Feed>(await h.call('GET', `ContactQueryByElements?ContactID='${String(contactId?.['ContactID'])}'`));
    expect(contacts.d.results.map((c) => c['ContactID'])).toEqual([contactId?.['ContactID']]);
    const search = await json<Feed>(await h.call('GET', "OpportunityQueryByElements?SearchText='expansion 1'&NumberOfRows='3'"));
    expect(search.d.results.length).toBeGreaterThan(0);
    for (const fn of ['IndividualCustomerQueryByElements', 'SalesQuoteQueryByElements']) {
      expect((await h.call('GET', `${fn}?NumberOfRows='2'`)).status).toBe(200);
    }
  });
});

describe('C4C sandbox authentication', () => {
  it('answers 401 with an SAP body without credentials, with a wrong password, or with a bad token', async () => {
    const none = await fetch(`${h.svc}AppointmentCollection`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect((await json<SapError>(none)).error.code).toBe('UNAUTHORIZED');
    const wrong = `Basic ${Buffer.from(`${DEMO_TENANT.c4cTechnicalUser.user}:wrong`).toString('base64')}`;
    expect((await fetch(`${h.svc}AppointmentCollection`, { headers: { authorization: wrong } })).status).toBe(401);
    expect((await fetch(`${h.svc}AppointmentCollection`, { headers: { authorization: 'Bearer not.a.jwt' } })).status).toBe(401);
    const foreign = await h.sign({ preferred_username: 'x@y' });
    const tampered = `${foreign.slice(0, -4)}AAAA`;
    expect((await fetch(`${h.svc}AppointmentCollection`, { headers: { authorization: `Bearer ${tampered}` } })).status).toBe(401);
  });

  it("answers the tenant's system identity as the technical user's UUID, new at every seed", async () => {
    const uuidOf = async () => (await json<Feed>(await h.call('GET', 'IdentityGetLoggedInUserInfo?$format=json'))).d.results[0]?.['UUID'];
    const infoIdentity = async () => (await json<{ systemIdentity: string }>(await h.control('GET', 'info'))).systemIdentity;
    const first = await uuidOf();
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(await uuidOf()).toBe(first);
    expect(await infoIdentity()).toBe(first);
    expect((await h.control('POST', 'reset')).status).toBe(200);
    const reseeded = await uuidOf();
    expect(reseeded).not.toBe(first);
    expect(await infoIdentity()).toBe(reseeded);
    expect((await h.control('POST', 'seed', { accounts: 1000 })).status).toBe(200);
    expect(await uuidOf()).not.toBe(reseeded);
  });
});
