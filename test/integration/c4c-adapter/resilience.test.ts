// Transport behaviour against the sandbox's fault injection: CSRF token expiry, 429 with Retry-After, 503,
// dropped connections and timeouts, exhausted retries, and a wrong password.
import { PortFailure } from '../../../src/server/ports/write-results.js';
import { startAdapterHarness, TENANT, type AdapterHarness } from './harness.js';
import { createRequest, item, ok, syncWindow } from './fixtures.js';
import { startTestProxy } from './test-proxy.js';

let h: AdapterHarness;
beforeAll(async () => {
  h = await startAdapterHarness();
});
afterAll(async () => {
  await h.close();
});
afterEach(async () => {
  await h.control('DELETE', 'faults');
});

const faults = (body: Record<string, unknown>) => h.control('PUT', 'faults', { pathPrefix: '/sap/c4c', ...body });
const posts = async () => (await h.counters()).byRoute['POST /sap/c4c/odata/v1/c4codataapi/*'] ?? 0;

describe('C4C adapter: resilience', () => {
  it('fetches a new CSRF token once when C4C answers 403 Required, and repeats the write', async () => {
    const proxy = await startTestProxy(h.origin);
    try {
      const adapter = h.newAdapter({ baseUrl: `${proxy.url}/sap/c4c/odata/v1/c4codataapi/` });
      ok((await adapter.write(TENANT, [createRequest('r-csrf-1')]))[0]);
      proxy.dropNextSession(); // the session behind the token has expired
      const before = await posts();
      const result = ok((await adapter.write(TENANT, [createRequest('r-csrf-2')]))[0]);
      expect(result.id).not.toBe('');
      expect((await posts()) - before).toBe(2); // the rejected $batch and its repeat
      expect((await adapter.findByGroupwareItemId(TENANT, 'appointment', 'r-csrf-2'))?.objectId).toBe(result.id);
    } finally {
      await proxy.close();
    }
  });

  it('waits for Retry-After on 429 and then succeeds', async () => {
    const adapter = h.newAdapter({ retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 5000 } });
    await faults({ count: 1, kinds: ['throttle'], retryAfterSeconds: 1 });
    const started = Date.now();
    const changes = await adapter.changedSince(TENANT, null, syncWindow());
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(changes.activities.length).toBeGreaterThan(0);
    expect((await h.counters()).faultsInjected).toBeGreaterThanOrEqual(1);
  });

  it('retries 503 answers and dropped connections on reads', async () => {
    await faults({ count: 2, kinds: ['unavailable'] });
    expect((await h.adapter.resolveParties(TENANT, [h.info.employees[0]!.email])).map((p) => p.partyId)).toEqual([h.info.employees[0]!.partyId]);
    await faults({ count: 1, kinds: ['reset'] });
    expect((await h.adapter.getByIds(TENANT, [{ kind: 'appointment', objectId: 'nope' }]))[0]?.removed).toBe(true);
  });

  it('gives up on a request that times out after its attempts and reports it as temporary', async () => {
    const adapter = h.newAdapter({ timeoutMs: 200, retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 50 } });
    await faults({ count: 2, kinds: ['timeout'], timeoutMs: 2000 });
    await expect(adapter.searchLinkable(TENANT, { text: 'Alp', types: ['account'], top: 5 })).rejects.toMatchObject({ error: { code: 'temporary' } });
    await faults({ count: 1, kinds: ['timeout'], timeoutMs: 2000 });
    expect((await adapter.searchLinkable(TENANT, { text: 'Alp', types: ['account'], top: 5 })).length).toBeGreaterThan(0);
  });

  it('reports throttled with the server wait once retries are used up, per item for writes', async () => {
    const adapter = h.newAdapter({ retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 50 } });
    // On the activities (the tenant's code lists are read before them, and cached).
    await faults({ count: 2, kinds: ['throttle'], retryAfterSeconds: 7, pathPrefix: '/sap/c4c/odata/v1/c4codataapi/AppointmentCollection' });
    const read = adapter.changedSince(TENANT, null, syncWindow());
    await expect(read).rejects.toBeInstanceOf(PortFailure);
    await expect(read).rejects.toMatchObject({ error: { code: 'throttled', retryAfterSeconds: 7 } });

    const warm = ok((await adapter.write(TENANT, [createRequest('r-thr-warm')]))[0]); // CSRF token before the faults
    await faults({ count: 2, kinds: ['throttle'], retryAfterSeconds: 3, pathPrefix: '/sap/c4c/odata/v1/c4codataapi/$batch' });
    const results = await adapter.write(TENANT, [
      { op: 'update', kind: 'appointment', objectId: warm.id, ifMatch: 'W/"x"', patch: { subject: 's' }, after: item({ subject: 's' }) },
      { op: 'cancel', kind: 'visit', objectId: 'V1', ifMatch: 'W/"x"' },
    ]);
    expect(results).toEqual([
      { ok: false, error: expect.objectContaining({ code: 'throttled', retryAfterSeconds: 3 }) },
      { ok: false, error: expect.objectContaining({ code: 'throttled', retryAfterSeconds: 3 }) },
    ]);
  });

  it('does not repeat a $batch of writes after a dropped connection (the next session retries idempotently)', async () => {
    const adapter = h.newAdapter();
    ok((await adapter.write(TENANT, [createRequest('r-drop-warm')]))[0]);
    await faults({ count: 1, kinds: ['reset'], pathPrefix: '/sap/c4c/odata/v1/c4codataapi/$batch' });
    const [dropped] = await adapter.write(TENANT, [createRequest('r-drop-1')]);
    expect(dropped).toMatchObject({ ok: false, error: { code: 'temporary' } });
    const [retried] = await adapter.write(TENANT, [createRequest('r-drop-1')]);
    expect(ok(retried).id).toBe((await adapter.findByGroupwareItemId(TENANT, 'appointment', 'r-drop-1'))?.objectId);
  });

  it('maps a rejected technical user to auth, for reads and for every write', async () => {
    const adapter = h.newAdapter({ password: 'wrong-password' });
    await expect(adapter.changedSince(TENANT, null, syncWindow())).rejects.toMatchObject({ error: { code: 'auth' } });
    const results = await adapter.write(TENANT, [createRequest('r-auth-1'), { op: 'cancel', kind: 'visit', objectId: 'V1', ifMatch: 'W/"x"' }]);
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['auth', 'auth']);
  });
});
