// Writes over real HTTP: CSRF token + session cookie, POST 201 + location, deep insert, PATCH/MERGE/PUT 204 with
// a new ETag and EntityLastChangedOn (also when only a child changed), If-Match 412, DELETE 204, and refusals
// (400 + SAP body) for property writes the metadata forbids, wrong types, too-long strings and bad bodies.
import { loadSchema } from '../../../src/sandbox/c4c/schema.js';
import { DEMO_USERS } from '../../../src/sandbox/common/demo-tenant.js';
import { BASIC, json, startHarness, type Feed, type Harness, type SapError, type Single } from './harness.js';

const schema = loadSchema();
const appointmentType = schema.entitySets.get('AppointmentCollection')?.type;
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ bodyLimit: 256 * 1024 });
});
afterAll(() => h.close());

const newAppointment = async (extra: Record<string, unknown> = {}) => {
  const res = await h.call('POST', 'AppointmentCollection', { body: { Subject: 'Write test', StartDate: '/Date(1800000000000)/', EndDate: '/Date(1800003600000)/', ...extra } });
  expect(res.status).toBe(201);
  return json<Single>(res);
};
const read = async (id: string) => {
  const res = await h.call('GET', `AppointmentCollection('${id}')`);
  return { etag: res.headers.get('etag') ?? '', body: await json<Single>(res) };
};
const expect400 = async (res: Response, pattern: RegExp) => {
  expect(res.status).toBe(400);
  const body = await json<SapError>(res);
  expect(body.error.message.value).toMatch(pattern);
};

describe('C4C sandbox CSRF protection', () => {
  it('refuses a write without a token with 403 and x-csrf-token: Required', async () => {
    const res = await h.call('POST', 'AppointmentCollection', { body: { Subject: 'x' }, csrf: false });
    expect(res.status).toBe(403);
    expect(res.headers.get('x-csrf-token')).toBe('Required');
  });

  it('hands out a token bound to the session cookie', async () => {
    const { token, cookie } = await h.csrf();
    expect(token).not.toBe('');
    expect(cookie).toMatch(/^SAP_SESSIONID_C4C_SANDBOX=/);
    const headers = { 'x-csrf-token': token };
    const noCookie = await h.call('POST', 'AppointmentCollection', { body: { Subject: 'x' }, headers: { ...headers, cookie: 'other=1' } });
    expect(noCookie.status).toBe(403);
    const ok = await h.call('POST', 'AppointmentCollection', { body: { Subject: 'x' }, headers: { ...headers, cookie } });
    expect(ok.status).toBe(201);
    const wrongToken = await h.call('POST', 'AppointmentCollection', { body: { Subject: 'x' }, headers: { 'x-csrf-token': 'forged', cookie } });
    expect(wrongToken.status).toBe(403);
  });
});

describe('C4C sandbox writes', () => {
  it('creates with 201, a location header, the entity body and its ETag', async () => {
    const res = await h.call('POST', 'AppointmentCollection', { body: { Subject: 'Created', OwnerPartyID: DEMO_USERS[0]?.c4cEmployeeId } });
    expect(res.status).toBe(201);
    const body = await json<Single>(res);
    expect(res.headers.get('location')).toBe(body.d.__metadata.uri);
    expect(res.headers.get('etag')).toBe(body.d.__metadata.etag);
    expect(body.d['ObjectID']).toMatch(/^[0-9A-F]{32}$/);
    expect(body.d['ID']).toMatch(/^\d+$/);
    expect(body.d['OwnerName']).toBe(DEMO_USERS[0]?.displayName);
    expect(body.d['EntityLastChangedOn']).toMatch(/^\/Date\(\d+\)\/$/);
  });

  it('fills the read-only name fields C4C derives from ids', async () => {
    const account = (await json<Feed>(await h.call('GET', 'CorporateAccountCollection?$top=1&$select=AccountID,Name'))).d.results[0];
    const contactType = schema.entitySets.get('ContactCollection')?.type;
    expect([contactType?.properties.get('Name')?.creatable, contactType?.properties.get('AccountFormattedName')?.creatable]).toEqual([false, false]);
    const contact = await json<Single>(await h.call('POST', 'ContactCollection', { body: { FirstName: 'Ada', LastName: 'Lovelace', AccountID: account?.['AccountID'] } }));
    expect(contact.d).toMatchObject({ Name: 'Ada Lovelace', AccountFormattedName: account?.['Name'] });
    const opp = await json<Single>(
      await h.call('POST', 'OpportunityCollection', { body: { Name: 'Deal', ProspectPartyID: account?.['AccountID'], MainEmployeeResponsiblePartyID: DEMO_USERS[1]?.c4cEmployeeId } }),
    );
    expect(opp.d).toMatchObject({ ProspectPartyName: account?.['Name'], MainEmployeeResponsiblePartyName: DEMO_USERS[1]?.displayName, LifeCycleStatusCodeText: null });
  });

  it('deep-inserts involved parties with the appointment', async () => {
    const created = await newAppointment({
      AppointmentInvolvedParties: [{ PartyID: DEMO_USERS[2]?.c4cEmployeeId, RoleCode: '55' }, { PartyEmailURI: 'guest@example.org', RoleCode: '55' }],
    });
    const id = String(created.d['ObjectID']);
    const parties = await json<Feed>(await h.call('GET', `AppointmentCollection('${id}')/AppointmentInvolvedParties`));
    expect(parties.d.results).toHaveLength(2);
    expect(parties.d.results.map((p) => p['ParentObjectID'])).toEqual([id, id]);
    expect(parties.d.results.map((p) => p['ID'])).toEqual([created.d['ID'], created.d['ID']]);
    expect(parties.d.results[0]?.['EMail']).toBe(DEMO_USERS[2]?.mail);
  });

  it('rolls a failed deep insert back completely', async () => {
    const before = await (await h.call('GET', 'AppointmentCollection/$count')).text();
    const res = await h.call('POST', 'AppointmentCollection', { body: { Subject: 'half', AppointmentInvolvedParties: [{ PartyID: '1' }] } });
    await expect400(res, /RoleCode.*mandatory/);
    expect(await (await h.call('GET', 'AppointmentCollection/$count')).text()).toBe(before);
  });

  it('updates with PATCH, MERGE and PUT (204), changing ETag and EntityLastChangedOn each time', async () => {
    const created = await newAppointment();
    const id = String(created.d['ObjectID']);
    let last = await read(id);
    for (const method of ['PATCH', 'MERGE', 'PUT']) {
      const res = await h.call(method, `AppointmentCollection('${id}')`, { body: { Subject: `via ${method}` }, headers: { 'if-match': last.etag } });
      expect(res.status).toBe(204);
      const now = await read(id);
      expect(now.body.d['Subject']).toBe(`via ${method}`);
      expect(now.etag).not.toBe(last.etag);
      expect(res.headers.get('etag')).toBe(now.etag);
      expect(Number(/\d+/.exec(String(now.body.d['EntityLastChangedOn']))?.[0])).toBeGreaterThanOrEqual(Number(/\d+/.exec(String(last.body.d['EntityLastChangedOn']))?.[0]));
      last = now;
    }
    expect(last.body.d['StartDate']).toBeNull();
  });

  it("restamps the parent's ETag when a child changes", async () => {
    const created = await newAppointment({ AppointmentInvolvedParties: [{ PartyID: DEMO_USERS[1]?.c4cEmployeeId, RoleCode: '55' }] });
    const id = String(created.d['ObjectID']);
    const before = await read(id);
    const party = (await json<Feed>(await h.call('GET', `AppointmentCollection('${id}')/AppointmentInvolvedParties`))).d.results[0];
    const patch = await h.call('PATCH', `AppointmentInvolvedPartiesCollection('${String(party?.['ObjectID'])}')`, { body: { MainIndicator: true } });
    expect(patch.status).toBe(204);
    const afterChild = await read(id);
    expect(afterChild.etag).not.toBe(before.etag);
    const added = await h.call('POST', `AppointmentCollection('${id}')/AppointmentInvolvedParties`, { body: { PartyID: DEMO_USERS[3]?.c4cEmployeeId, RoleCode: '55' } });
    expect(added.status).toBe(201);
    expect((await read(id)).etag).not.toBe(afterChild.etag);
  });

  it('answers 412 when If-Match does not match, and deletes with 204', async () => {
    const created = await newAppointment();
    const id = String(created.d['ObjectID']);
    const stale = created.d.__metadata.etag ?? '';
    expect((await h.call('PATCH', `AppointmentCollection('${id}')`, { body: { Subject: 'first' }, headers: { 'if-match': stale } })).status).toBe(204);
    const conflict = await h.call('PATCH', `AppointmentCollection('${id}')`, { body: { Subject: 'second' }, headers: { 'if-match': stale } });
    expect(conflict.status).toBe(412);
    expect((await json<SapError>(conflict)).error.code).toBe('PRECONDITION_FAILED');
    expect((await h.call('DELETE', `AppointmentCollection('${id}')`, { headers: { 'if-match': stale } })).status).toBe(412);
    const current = await read(id);
    expect((await h.call('DELETE', `AppointmentCollection('${id}')`, { headers: { 'if-match': current.etag } })).status).toBe(204);
    expect((await h.call('GET', `AppointmentCollection('${id}')`)).status).toBe(404);
  });

  it('refuses writing properties the metadata marks not creatable or not updatable', async () => {
    for (const name of ['ObjectID', 'EntityLastChangedOn']) {
      const p = appointmentType?.properties.get(name);
      expect(p?.creatable).toBe(false);
      expect(p?.updatable).toBe(false);
    }
    await expect400(await h.call('POST', 'AppointmentCollection', { body: { Subject: 'x', ObjectID: 'ABC' } }), /ObjectID.*not creatable/);
    await expect400(await h.call('POST', 'AppointmentCollection', { body: { Subject: 'x', EntityLastChangedOn: '/Date(0)/' } }), /EntityLastChangedOn.*not creatable/);
    const draft = appointmentType?.properties.get('Draft');
    expect([draft?.creatable, draft?.updatable]).toEqual([true, false]);
    const created = await newAppointment({ Draft: true });
    const id = String(created.d['ObjectID']);
    await expect400(await h.call('PATCH', `AppointmentCollection('${id}')`, { body: { EntityLastChangedOn: '/Date(0)/' } }), /EntityLastChangedOn.*not updatable/);
    await expect400(await h.call('PATCH', `AppointmentCollection('${id}')`, { body: { ObjectID: 'OTHER' } }), /ObjectID.*not updatable/);
    await expect400(await h.call('PATCH', `AppointmentCollection('${id}')`, { body: { Draft: false } }), /Draft.*not updatable/);
  });

  it('refuses wrong types, too-long strings, unknown properties, nulls in non-nullable fields and missing mandatory fields', async () => {
    const subjectMax = appointmentType?.properties.get('Subject')?.maxLength ?? 0;
    expect(subjectMax).toBe(765);
    await expect400(await h.call('POST', 'AppointmentCollection', { body: { Subject: 'x'.repeat(subjectMax + 1) } }), /maximum length of 765/);
    expect((await h.call('POST', 'AppointmentCollection', { body: { Subject: 'x'.repeat(subjectMax) } })).status).toBe(201);
    await expect400(await h.call('POST', 'AppointmentCollection', { body: { FullDayIndicator: 'yes' } }), /Edm.Boolean/);
    await expect400(await h.call('POST', 'AppointmentCollection', { body: { StartDate: 'tomorrow' } }), /Edm.DateTimeOffset/);
    await expect400(await h.call('POST', 'AppointmentCollection', { body: { Owner: 'not-a-guid' } }), /Edm.Guid/);
    await expect400(await h.call('POST', 'AppointmentCollection', { body: { CompletionPercent: 'lots' } }), /Edm.Decimal/);
    await expect400(await h.call('POST', 'AppointmentCollection', { body: { Subject: 7 } }), /Edm.String/);
    await expect400(await h.call('POST', 'AppointmentCollection', { body: { Nonsense: 1 } }), /Nonsense is not defined/);
    const name = schema.entitySets.get('CorporateAccountCollection')?.type.properties.get('Name');
    expect(name?.nullable).toBe(false);
    await expect400(await h.call('POST', 'CorporateAccountCollection', { body: { RoleCode: 'CRM000' } }), /Name.*mandatory/);
    await expect400(await h.call('POST', 'CorporateAccountCollection', { body: { Name: null, RoleCode: 'CRM000' } }), /must not be null/);
    await expect400(await h.call('POST', 'AppointmentInvolvedPartiesCollection', { body: { RoleCode: '55', ParentObjectID: 'NOPE' } }), /ParentObjectID/);
  });

  it('refuses malformed and oversized bodies and writes to read-only sets with SAP error bodies', async () => {
    const malformed = await h.call('POST', 'AppointmentCollection', { body: '{"Subject": ' });
    expect(malformed.status).toBe(400);
    expect((await json<SapError>(malformed)).error.message.lang).toBe('en');
    await expect400(await h.call('POST', 'AppointmentCollection', { body: '[1,2]' }), /JSON object/);
    const big = await h.call('POST', 'AppointmentCollection', { body: { Subject: 'x', LocationDetails: 'y'.repeat(300 * 1024) } });
    expect(big.status).toBe(413);
    expect((await json<SapError>(big)).error.message.value).toBeTruthy();
    const wrongType = await h.call('POST', 'AppointmentCollection', { body: 'Subject=x', headers: { 'content-type': 'text/plain' } });
    expect(wrongType.status).toBe(415);
    expect((await json<SapError>(wrongType)).error).toBeDefined();
    const codeList = await h.call('POST', 'AppointmentPriorityCollection', { body: { Code: '9', Description: 'x' } });
    expect(codeList.status).toBe(405);
    const account = (await json<Feed>(await h.call('GET', 'CorporateAccountCollection?$top=1&$select=ObjectID'))).d.results[0];
    expect(schema.entitySets.get('CorporateAccountCollection')?.deletable).toBe(false);
    expect((await h.call('DELETE', `CorporateAccountCollection('${String(account?.['ObjectID'])}')`)).status).toBe(405);
  });

  it('needs authentication for writes as for reads', async () => {
    const res = await fetch(`${h.svc}AppointmentCollection`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(401);
    expect(BASIC).toMatch(/^Basic /);
  });
});
