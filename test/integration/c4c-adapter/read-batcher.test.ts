// The C4C adapters' shared read batcher against the C4C sandbox: inside `together`, the change queries of the
// three families (Appointments, Visits, Tasks and the four contact sets) cost one request, return exactly what
// they return one by one, and keep the single GET's failure semantics.
import { pino } from 'pino';
import { C4cCrmActivities, C4cCrmContacts, C4cCrmTasks, ReadBatcher } from '../../../src/server/adapters/c4c/index.js';
import { ODataHttp } from '../../../src/server/adapters/c4c/odata-http.js';
import { FAST_RETRY, startAdapterHarness, TENANT, type AdapterHarness } from './harness.js';
import { syncWindow } from './fixtures.js';

let h: AdapterHarness;
let reads: ReadBatcher;
let calendar: C4cCrmActivities;
let tasks: C4cCrmTasks;
let contacts: C4cCrmContacts;
let http: ODataHttp;
const logger = pino({ level: 'silent' });

beforeAll(async () => {
  h = await startAdapterHarness();
  const connection = { baseUrl: h.svc, ...h.info.technicalUser, logger, timeoutMs: 10_000, retry: FAST_RETRY };
  reads = ReadBatcher.connectedTo(connection);
  calendar = new C4cCrmActivities({ ...connection, reads });
  tasks = new C4cCrmTasks({ ...connection, reads });
  contacts = new C4cCrmContacts({ ...connection, reads });
  http = new ODataHttp({ ...connection, reads });
});
afterAll(async () => {
  await h.close();
});

const resetCounters = () => h.control('DELETE', 'counters');
const ids = (changes: { activities: { objectId: string }[] }) => changes.activities.map((a) => a.objectId).sort();

/** The three families' change queries from the given marks, as the tenant poll runs them. */
function allChanges(marks: [string | null, string | null, string | null]) {
  return Promise.all([calendar.changedSince(TENANT, marks[0], syncWindow()), tasks.changedSince(TENANT, marks[1], syncWindow()), contacts.changedSince(TENANT, marks[2], syncWindow())]);
}

describe('C4C read batcher', () => {
  it('sends the change queries of every family as one $batch, with the same results as one by one', async () => {
    // Outside a scope: every query alone (and this loads the code lists and takes the contact family's first mark).
    const first = await allChanges([null, null, null]);
    const marks: [string, string, string] = [syncWindow().startUtc, syncWindow().startUtc, first[2].nextHighWater];
    await resetCounters();
    const alone = await allChanges(marks);
    const aloneRequests = (await h.counters()).total;
    expect(aloneRequests).toBeGreaterThanOrEqual(7); // Appointments, Visits, Tasks and the four contact sets

    await reads.together(() => allChanges(marks)); // the batcher's own connection fetches its CSRF token once
    await resetCounters();
    const batched = await reads.together(() => allChanges(marks));
    const counters = await h.counters();
    expect(counters.total).toBe(1);
    expect(Object.keys(counters.byRoute)).toEqual(['POST /sap/c4c/odata/v1/c4codataapi/*']); // the $batch
    // …carrying a GET of each entity set, and nothing else.
    expect(Object.keys(counters.batchParts).sort()).toEqual(
      ['AppointmentCollection', 'ContactCollection', 'CorporateAccountCollection', 'EmployeeCollection', 'IndividualCustomerCollection', 'TasksCollection', 'VisitCollection'].map((set) => `GET ${set}`),
    );
    expect(batched.map(ids)).toEqual(alone.map(ids));
    expect(batched.map((c) => c.nextHighWater)).toEqual(alone.map((c) => c.nextHighWater));
    expect(reads.snapshot().batchedReads).toBeGreaterThanOrEqual(7);
  });

  it('re-reads a part that failed alone, so each caller gets what its single GET would have', async () => {
    const good = 'CorporateAccountCollection?$top=1&$format=json';
    const bad = "CorporateAccountCollection?$filter=NoSuchProperty eq 'x'&$format=json";
    const aloneError = await http.getJson(bad).catch((err: unknown) => err);
    await resetCounters();
    const [ok, failed] = await reads.together(() => Promise.allSettled([http.getJson<{ d: { results: unknown[] } }>(good), http.getJson(bad)]));
    expect(ok.status).toBe('fulfilled');
    expect(ok.status === 'fulfilled' && ok.value.d.results.length).toBe(1);
    expect(failed.status).toBe('rejected');
    expect(failed.status === 'rejected' && (failed.reason as Error).message).toBe((aloneError as Error).message);
    expect((await h.counters()).total).toBe(2); // the $batch, then the failed part alone
  });

  it('fails every queued read when C4C throttles the $batch itself, as their single GETs would fail', async () => {
    await h.control('PUT', 'faults', { rate: 1, kinds: ['throttle'], retryAfterSeconds: 0 });
    try {
      const outcomes = await reads.together(() => Promise.allSettled([http.getJson('CorporateAccountCollection?$top=1&$format=json'), http.getJson('ContactCollection?$top=1&$format=json')]));
      expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
      for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toMatchObject({ error: { code: 'throttled' } });
    } finally {
      await h.control('DELETE', 'faults');
    }
  });

  it('leaves reads outside a scope alone', async () => {
    await resetCounters();
    await Promise.all([http.getJson('CorporateAccountCollection?$top=1&$format=json'), http.getJson('ContactCollection?$top=1&$format=json')]);
    const counters = await h.counters();
    expect(counters.total).toBe(2);
    expect(Object.keys(counters.byRoute).some((route) => route.startsWith('POST'))).toBe(false);
  });
});
