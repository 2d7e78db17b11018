// $filter as C4C accepts it, over real HTTP: comparison operators, and, or across one property only,
// startswith/endswith, '*' wildcards in eq, typed literals, '' escaping; everything else is a 400 with the SAP
// error body. Which properties are filterable is read from the metadata file, not assumed.
import { loadSchema } from '../../../src/sandbox/c4c/schema.js';
import { DEMO_USERS } from '../../../src/sandbox/common/demo-tenant.js';
import { json, startHarness, type Feed, type Harness, type SapError } from './harness.js';

const schema = loadSchema();
const appointment = schema.entitySets.get('AppointmentCollection')?.type;
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ accounts: 3000 });
});
afterAll(() => h.close());

const get = async (set: string, filter: string, extra = '') => h.call('GET', `${set}?$filter=${encodeURIComponent(filter)}${extra}`);
const rows = async (set: string, filter: string, extra = '') => {
  const res = await get(set, filter, extra);
  expect(res.status).toBe(200);
  return (await json<Feed>(res)).d.results;
};
const refused = async (set: string, filter: string) => {
  const res = await get(set, filter);
  expect(res.status).toBe(400);
  const body = await json<SapError>(res);
  expect(body.error.message.lang).toBe('en');
  return body.error.message.value;
};

describe('C4C sandbox $filter', () => {
  it('refuses a property the metadata marks sap:filterable="false" (ETag)', async () => {
    const etag = appointment?.properties.get('ETag');
    expect(etag?.filterable).toBe(false);
    expect(etag?.concurrency).toBe(true);
    expect(await refused('AppointmentCollection', "ETag ge datetimeoffset'2020-01-01T00:00:00Z'")).toMatch(/not filterable/);
    const nonFilterable = [...(schema.entitySets.get('ContactCollection')?.type.properties.values() ?? [])].find((p) => !p.filterable && p.type === 'Edm.String');
    expect(nonFilterable).toBeDefined();
    expect(await refused('ContactCollection', `${nonFilterable?.name} eq 'x'`)).toMatch(/not filterable/);
  });

  it('compares with eq, ne, gt, ge, lt, le and combines with and', async () => {
    const ava = DEMO_USERS[0]?.c4cEmployeeId ?? '';
    const own = await rows('AppointmentCollection', `OwnerPartyID eq '${ava}'`);
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((r) => r['OwnerPartyID'] === ava)).toBe(true);
    const others = await rows('AppointmentCollection', `OwnerPartyID ne '${ava}'`);
    expect(others.every((r) => r['OwnerPartyID'] !== ava)).toBe(true);
    const pivot = Date.now();
    const after = await rows('AppointmentCollection', `StartDate ge datetimeoffset'${new Date(pivot).toISOString()}' and OwnerPartyID eq '${ava}'`);
    const before = await rows('AppointmentCollection', `StartDate lt datetimeoffset'${new Date(pivot).toISOString()}' and OwnerPartyID eq '${ava}'`);
    expect(after.length + before.length).toBe(own.length);
    const ms = (v: unknown) => Number(/\d+/.exec(String(v))?.[0]);
    expect(after.every((r) => ms(r['StartDate']) >= pivot)).toBe(true);
    expect(before.every((r) => ms(r['StartDate']) < pivot)).toBe(true);
    const gt = await rows('CorporateAccountCollection', "AccountID gt '1002990'");
    const le = await rows('CorporateAccountCollection', "AccountID le '1000002'");
    expect(gt.map((r) => r['AccountID']).sort()).toEqual(Array.from({ length: 10 }, (_, i) => String(1002991 + i)));
    expect(le.map((r) => r['AccountID'])).toEqual(['1000001', '1000002']);
  });

  it('allows or between conditions on one property and refuses it across properties', async () => {
    const both = await rows('CorporateAccountCollection', "(AccountID eq '1000001' or AccountID eq '1000002')");
    expect(both.map((r) => r['AccountID']).sort()).toEqual(['1000001', '1000002']);
    expect(await refused('CorporateAccountCollection', "AccountID eq '1000001' or Name eq 'x'")).toMatch(/same property/);
  });

  it('supports startswith and endswith (optionally "eq true") and the * wildcard in eq, ignoring case', async () => {
    const sw = await rows('CorporateAccountCollection', "startswith(Name,'alpine log')", '&$inlinecount=allpages');
    expect(sw.length).toBeGreaterThan(0);
    expect(sw.every((r) => String(r['Name']).startsWith('Alpine Logistics'))).toBe(true);
    expect((await rows('CorporateAccountCollection', "startswith(Name,'Alpine Log') eq true")).length).toBe(sw.length);
    expect((await rows('CorporateAccountCollection', "Name eq 'Alpine Log*'")).length).toBe(sw.length);
    const ew = await rows('CorporateAccountCollection', "endswith(Name,'Analytics AG')");
    expect(ew.length).toBeGreaterThan(0);
    expect(ew.every((r) => String(r['Name']).endsWith('Analytics AG'))).toBe(true);
    const mid = await rows('CorporateAccountCollection', "Name eq '*Robotics*'");
    expect(mid.length).toBeGreaterThan(0);
    expect(mid.every((r) => String(r['Name']).includes('Robotics'))).toBe(true);
  });

  it("parses typed literals (datetimeoffset, datetime, guid) and '' inside strings", async () => {
    const uuid = DEMO_USERS[1]?.c4cEmployeeUuid ?? '';
    const byGuid = await rows('AppointmentCollection', `Owner eq guid'${uuid}'`);
    expect(byGuid.length).toBeGreaterThan(0);
    expect(byGuid.every((r) => r['Owner'] === uuid)).toBe(true);
    const occurrence = appointment?.properties.get('OccurrenceDate');
    expect(occurrence?.type).toBe('Edm.DateTime');
    expect(await rows('AppointmentCollection', "OccurrenceDate eq datetime'2027-01-01T00:00:00'")).toEqual([]);
    const created = await h.call('POST', 'AppointmentCollection', { body: { Subject: "O'Brien's review" } });
    expect(created.status).toBe(201);
    const quoted = await rows('AppointmentCollection', "Subject eq 'O''Brien''s review'");
    expect(quoted.map((r) => r['Subject'])).toEqual(["O'Brien's review"]);
  });

  it('refuses literals that do not fit the property type', async () => {
    expect(await refused('AppointmentCollection', "StartDate ge '2020-01-01'")).toMatch(/does not fit/);
    expect(await refused('AppointmentCollection', 'Subject eq 12')).toMatch(/does not fit/);
    expect(await refused('AppointmentCollection', "FullDayIndicator eq 'true'")).toMatch(/does not fit/);
  });

  it('refuses unsupported functions, operators, navigation paths, unknown properties and bad syntax', async () => {
    await refused('AppointmentCollection', "substringof('x',Subject)");
    await refused('AppointmentCollection', "tolower(Subject) eq 'x'");
    await refused('AppointmentCollection', "not (Subject eq 'x')");
    await refused('AppointmentCollection', "AppointmentInvolvedParties/PartyID eq '1'");
    await refused('AppointmentCollection', "NoSuchProperty eq 'x'");
    await refused('AppointmentCollection', "Subject eq 'unterminated");
    await refused('AppointmentCollection', "Subject eq 'a' and");
    await refused('AppointmentCollection', "(Subject eq 'a'");
    await refused('AppointmentCollection', "'a' eq Subject");
    await refused('AppointmentCollection', "StartDate ge datetimeoffset'not-a-date'");
    await refused('AppointmentCollection', "Owner eq guid'123'");
  });
});
