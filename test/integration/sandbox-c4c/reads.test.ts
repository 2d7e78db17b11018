// Reads against the C4C sandbox over real HTTP: $metadata, verbose JSON envelopes, ETags, $select, $expand,
// $orderby, $top/$skip, server paging with $skiptoken, $inlinecount, /$count, $search, navigation, code lists.
import { loadSchema } from '../../../src/sandbox/c4c/schema.js';
import { BASIC, json, startHarness, type Feed, type Harness, type SapError, type Single } from './harness.js';

const schema = loadSchema();
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ accounts: 2500 });
});
afterAll(() => h.close());

describe('C4C sandbox reads', () => {
  it('serves the tenant $metadata with the entity sets and function imports the product uses', async () => {
    const res = await h.call('GET', '$metadata');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/xml');
    const xml = await res.text();
    for (const set of ['AppointmentCollection', 'AppointmentInvolvedPartiesCollection', 'VisitPartyCollection', 'TasksCollection', 'CustomerOrderCollection', 'EMailCollection']) {
      expect(xml).toContain(`<EntitySet Name="${set}"`);
    }
    expect(xml).toContain('<FunctionImport Name="CheckAppointmentByGroupwareID"');
    expect(xml).toContain('ConcurrencyMode="Fixed"');
  });

  it('lists the served entity sets in the service document', async () => {
    const body = await json<{ d: { EntitySets: string[] } }>(await h.call('GET', ''));
    expect(body.d.EntitySets).toEqual(expect.arrayContaining([...schema.entitySets.keys()]));
  });

  it('returns every metadata property of an appointment, with __metadata, /Date(ms)/ and deferred navigations', async () => {
    const feed = await json<Feed>(await h.call('GET', 'AppointmentCollection?$top=1'));
    const appt = feed.d.results[0] ?? {};
    const type = schema.entitySets.get('AppointmentCollection')?.type;
    expect(Object.keys(appt).filter((k) => k !== '__metadata').sort()).toEqual([...(type?.properties.keys() ?? []), ...(type?.navs.keys() ?? [])].sort());
    const meta = appt['__metadata'] as { uri: string; type: string; etag: string };
    expect(meta.type).toBe('c4codata.Appointment');
    expect(meta.uri).toBe(`${h.svc}AppointmentCollection('${String(appt['ObjectID'])}')`);
    expect(meta.etag).toMatch(/^W\/"datetimeoffset'\d{4}-\d\d-\d\dT\d\d%3A\d\d%3A\d\d\.\d{7}Z'"$/);
    expect(appt['StartDate']).toMatch(/^\/Date\(\d+\)\/$/);
    expect(appt['AppointmentInvolvedParties']).toEqual({ __deferred: { uri: `${meta.uri}/AppointmentInvolvedParties` } });
  });

  it('sends the ETag header on a single-entity read', async () => {
    const feed = await json<Feed>(await h.call('GET', 'AppointmentCollection?$top=1&$select=ObjectID'));
    const id = String(feed.d.results[0]?.['ObjectID']);
    const res = await h.call('GET', `AppointmentCollection('${id}')`);
    const body = await json<Single>(res);
    expect(res.headers.get('etag')).toBe(body.d.__metadata.etag);
    expect(res.headers.get('dataserviceversion')).toBe('2.0');
  });

  it('applies $select and $expand', async () => {
    const feed = await json<Feed>(await h.call('GET', 'AppointmentCollection?$top=2&$select=ObjectID,Subject,AppointmentInvolvedParties&$expand=AppointmentInvolvedParties'));
    const appt = feed.d.results[0] ?? {};
    expect(Object.keys(appt).sort()).toEqual(['AppointmentInvolvedParties', 'ObjectID', 'Subject', '__metadata']);
    const parties = (appt['AppointmentInvolvedParties'] as { results: Record<string, unknown>[] }).results;
    expect(parties.length).toBeGreaterThan(0);
    expect(parties[0]?.['ParentObjectID']).toBe(appt['ObjectID']);
    expect(parties.some((p) => typeof p['EMail'] === 'string' && String(p['EMail']).endsWith('@contoso.example'))).toBe(true);
  });

  it('expands a child to its parent and follows navigation paths', async () => {
    const feed = await json<Feed>(await h.call('GET', 'AppointmentInvolvedPartiesCollection?$top=1&$expand=Appointment'));
    const party = feed.d.results[0] ?? {};
    expect((party['Appointment'] as Record<string, unknown>)['ObjectID']).toBe(party['ParentObjectID']);
    const nav = await json<Feed>(await h.call('GET', `AppointmentCollection('${String(party['ParentObjectID'])}')/AppointmentInvolvedParties`));
    expect(nav.d.results.map((p) => p['ObjectID'])).toContain(party['ObjectID']);
  });

  it('orders, skips and takes', async () => {
    const all = await json<Feed>(await h.call('GET', 'CorporateAccountCollection?$orderby=Name desc&$top=5&$select=Name'));
    const names = all.d.results.map((r) => String(r['Name']));
    expect(names).toEqual([...names].sort((a, b) => b.localeCompare(a)));
    const skipped = await json<Feed>(await h.call('GET', 'CorporateAccountCollection?$orderby=Name desc&$skip=2&$top=3&$select=Name'));
    expect(skipped.d.results.map((r) => r['Name'])).toEqual(names.slice(2, 5));
  });

  it('pages at 1,000 entries with d.__next and $skiptoken, and counts with $inlinecount and /$count', async () => {
    const first = await json<Feed>(await h.call('GET', 'CorporateAccountCollection?$select=AccountID&$inlinecount=allpages'));
    expect(first.d.results).toHaveLength(1000);
    expect(first.d.__count).toBe('2500');
    expect(first.d.__next).toContain('$skiptoken=1001');
    const seen = new Set(first.d.results.map((r) => r['AccountID']));
    let next = first.d.__next;
    while (next) {
      const page = await json<Feed>(await fetch(next, { headers: { authorization: BASIC, accept: 'application/json' } }));
      for (const r of page.d.results) seen.add(r['AccountID']);
      next = page.d.__next;
    }
    expect(seen.size).toBe(2500);
    const count = await h.call('GET', 'CorporateAccountCollection/$count');
    expect(await count.text()).toBe('2500');
  });

  it('searches the search-relevant fields with $search, quoted or not', async () => {
    const plain = await json<Feed>(await h.call('GET', 'CorporateAccountCollection?$search=Alpine Logistics&$select=Name'));
    const quoted = await json<Feed>(await h.call('GET', "CorporateAccountCollection?$search='Alpine Logistics'&$select=Name"));
    expect(plain.d.results.length).toBeGreaterThan(0);
    expect(plain.d.results.every((r) => String(r['Name']).includes('Alpine Logistics'))).toBe(true);
    expect(quoted.d.results).toEqual(plain.d.results);
  });

  it('serves the code lists an entity references through c4c:value-help', async () => {
    const vh = schema.entitySets.get('AppointmentCollection')?.type.properties.get('LifeCycleStatusCode')?.valueHelp;
    expect(vh).toBe('AppointmentLifeCycleStatusCodeCollection');
    const feed = await json<Feed>(await h.call('GET', `${vh}`));
    expect(feed.d.results.map((r) => r['Code'])).toEqual(['1', '2', '3', '4']);
    const one = await json<Single>(await h.call('GET', `${vh}('3')`));
    expect(one.d['Description']).toBe('Completed');
  });

  it('refuses reads that do not ask for JSON (C4C would answer them in Atom/XML)', async () => {
    const atom = await fetch(`${h.svc}AppointmentCollection?$top=1`, { headers: { authorization: BASIC, accept: 'application/atom+xml' } });
    expect(atom.status).toBe(406);
    expect((await json<SapError>(atom)).error.code).toBe('NOT_ACCEPTABLE');
    const viaFormat = await fetch(`${h.svc}AppointmentCollection?$top=1&$format=json`, { headers: { authorization: BASIC } });
    expect(viaFormat.status).toBe(200);
    expect((await fetch(`${h.svc}AppointmentCollection?$format=xml`, { headers: { authorization: BASIC } })).status).toBe(406);
  });

  it('answers unknown sets, bad keys and unknown options with SAP error bodies', async () => {
    const unknown = await h.call('GET', 'NoSuchCollection');
    expect(unknown.status).toBe(404);
    expect((await json<SapError>(unknown)).error.message.lang).toBe('en');
    expect((await h.call('GET', "AppointmentCollection('does-not-exist')")).status).toBe(404);
    expect((await h.call('GET', 'AppointmentCollection(12')).status).toBe(400);
    expect((await h.call('GET', "AppointmentCollection(Foo='x')")).status).toBe(400);
    const badOption = await h.call('GET', 'AppointmentCollection?$levels=2');
    expect(badOption.status).toBe(400);
    expect((await json<SapError>(badOption)).error.code).toBeTruthy();
    expect((await h.call('GET', 'AppointmentCollection?$expand=NoSuchNav')).status).toBe(400);
    expect((await h.call('GET', 'AppointmentCollection?$top=abc')).status).toBe(400);
  });
});
