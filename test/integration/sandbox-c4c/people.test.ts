// The records of the sync list (R14) over real HTTP: contacts, individual customers, corporate accounts and
// employees are written as their metadata allows (create, update with If-Match, no delete), their changes are found
// by `EntityLastChangedOn`, and each change raises one outbound notification in C4C's format.
import Fastify, { type FastifyInstance } from 'fastify';
import { json, startHarness, type Feed, type Harness, type Single } from './harness.js';

let h: Harness;
let receiver: FastifyInstance;
const received: { businessObject: string; businessObjectId: string; event: string; odataServiceEndpoint: string }[] = [];
beforeAll(async () => {
  h = await startHarness();
  receiver = Fastify();
  receiver.post('/hook', async (req) => {
    received.push(req.body as (typeof received)[number]);
    return {};
  });
  await h.control('PUT', 'webhook', { url: `${await receiver.listen({ host: '127.0.0.1', port: 0 })}/hook` });
});
afterAll(async () => {
  await h.close();
  await receiver.close();
});

const waitFor = async (predicate: () => boolean) => {
  for (let i = 0; i < 100 && !predicate(); i += 1) await new Promise((r) => setTimeout(r, 20));
};
const q = (filter: string) => encodeURIComponent(filter);

/** What a new record of each set needs (the mandatory properties of its metadata). */
const NEW: Record<string, { object: string; body: Record<string, unknown>; edit: Record<string, unknown> }> = {
  ContactCollection: { object: 'Contact', body: { FirstName: 'Ada', LastName: 'Lovelace', Email: 'ada@example.org' }, edit: { LastName: 'King' } },
  IndividualCustomerCollection: { object: 'IndividualCustomer', body: { FirstName: 'Bo', LastName: 'Berg', RoleCode: 'CRM000' }, edit: { LastName: 'Borg' } },
  CorporateAccountCollection: { object: 'CorporateAccount', body: { Name: 'Lovelace Engines Ltd', RoleCode: 'CRM000' }, edit: { Name: 'Lovelace Engines plc' } },
  EmployeeCollection: { object: 'Employee', body: { FirstName: 'Cy', LastName: 'Clerk' }, edit: { LastName: 'Clark' } },
};

describe.each(Object.keys(NEW))('%s', (set) => {
  const spec = NEW[set] as (typeof NEW)[string];

  it('is created and updated with If-Match, never deleted, and its changes are found by EntityLastChangedOn with one notification each', async () => {
    received.length = 0;
    const created = await h.call('POST', set, { body: spec.body });
    expect(created.status).toBe(201);
    const record = (await json<Single>(created)).d;
    const objectId = String(record['ObjectID']);
    const since = String(record['EntityLastChangedOn']);
    expect(since).toMatch(/^\/Date\(\d+\)\/$/);

    // A stale ETag is refused; the current one is taken and restamps the change time.
    const stale = await h.call('PATCH', `${set}('${objectId}')`, { body: spec.edit, headers: { 'if-match': 'W/"datetimeoffset\'2000-01-01T00%3A00%3A00.0000000Z\'"' } });
    expect(stale.status).toBe(412);
    const edited = await h.call('PATCH', `${set}('${objectId}')`, { body: spec.edit, headers: { 'if-match': String(record.__metadata.etag) } });
    expect(edited.status).toBe(204);
    expect((await h.call('DELETE', `${set}('${objectId}')`)).status).toBe(405);

    const at = new Date(Number(/\d+/.exec(since)?.[0])).toISOString();
    const changed = await json<Feed>(await h.call('GET', `${set}?$format=json&$filter=${q(`EntityLastChangedOn ge datetimeoffset'${at}'`)}&$orderby=EntityLastChangedOn`));
    const mine = changed.d.results.filter((r) => r['ObjectID'] === objectId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject(spec.edit);
    expect(Number(/\d+/.exec(String(mine[0]?.['EntityLastChangedOn']))?.[0])).toBeGreaterThan(Number(/\d+/.exec(since)?.[0]));

    await waitFor(() => received.length >= 2);
    expect(received).toEqual([
      { businessObject: spec.object, businessObjectId: objectId, event: `${spec.object}.Root.Created`, odataServiceEndpoint: `${h.svc}${set}('${objectId}')` },
      { businessObject: spec.object, businessObjectId: objectId, event: `${spec.object}.Root.Updated`, odataServiceEndpoint: `${h.svc}${set}('${objectId}')` },
    ]);
  });
});
