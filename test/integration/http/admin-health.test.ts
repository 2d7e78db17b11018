// GET /api/admin/health/history (the console's health charts) over fastify inject: 401 / 403 like every admin route,
// the answer in the contract's shape and in the OpenAPI document, its figures read from the counters /metrics renders;
// and the adapters' hooks that feed the request rates: Graph and C4C count every answer (retries included).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { ODataHttp } from '../../../src/server/adapters/c4c/odata-http.js';
import { GraphHttp } from '../../../src/server/adapters/graph/graph-http.js';
import { resolveGraphOptions } from '../../../src/server/adapters/graph/options.js';
import type { GraphTokenProvider } from '../../../src/server/adapters/graph/token-provider.js';
import { HealthHistory, HEALTH_COUNTERS } from '../../../src/server/http/health-history.js';
import { Metrics } from '../../../src/server/http/metrics.js';
import { healthHistoryResponseSchema } from '../../../src/shared/admin-api.js';
import { ADMIN_ROLE, buildTestApp } from '../../support/http-app-fakes.js';

describe('GET /api/admin/health/history', () => {
  const metrics = new Metrics();
  const history = new HealthHistory({ metrics, queueDepth: async () => 7, role: 'all' });
  let built: Awaited<ReturnType<typeof buildTestApp>>;
  beforeAll(async () => {
    built = await buildTestApp({ items: {}, admin: { healthHistory: () => history.history() } });
  });
  afterAll(() => built.app.close());
  const get = async (roles?: string[]) => built.app.inject({ method: 'GET', url: '/api/admin/health/history', headers: roles ? { authorization: `Bearer ${await built.mint({ oid: 'admin-1', roles })}` } : {} });

  it('answers 401 without a token and 403 without the admin role', async () => {
    expect((await get()).statusCode).toBe(401);
    expect((await get(['CrmSync.Reader'])).statusCode).toBe(403);
  });

  it("gives the last hour in the contract's shape, from the counters /metrics shows, and is in the OpenAPI document", async () => {
    metrics.inc(HEALTH_COUNTERS.sessions, 'Sync sessions run', { outcome: 'ok' }, 3);
    metrics.inc(HEALTH_COUNTERS.sessions, 'Sync sessions run', { outcome: 'error' }, 1);
    metrics.inc(HEALTH_COUNTERS.c4cRequests, 'C4C', { status: '2xx' }, 6);
    history.observeInsta(1200);
    await history.tick();
    const answer = await get([ADMIN_ROLE]);
    expect(answer.statusCode).toBe(200);
    const body = healthHistoryResponseSchema.parse(answer.json());
    expect(body.intervalSeconds).toBe(30);
    expect(body.process.role).toBe('all');
    expect(body.samples.map((s) => s.partial)).toEqual([false, true]);
    expect(body.samples[0]).toMatchObject({ queueDepth: 7, errorRate: 0.25, instaP50Ms: 1200, instaP95Ms: 1200 });
    // The same counters the Prometheus text renders.
    expect(metrics.render()).toContain(`${HEALTH_COUNTERS.sessions}{outcome="error"} 1`);
    const openApi = (await built.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(Object.keys(openApi.paths['/api/admin/health/history'])).toEqual(['get']);
  });
});

describe('request counting for the rates', () => {
  let server: Server;
  let base: string;
  // 503 once (a retry), then 200: both answers are counted.
  let failNext = true;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (failNext) {
        failNext = false;
        res.writeHead(503, { 'retry-after': '0' }).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"d":{"results":[]},"value":[]}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('C4C: every answer, retries included', async () => {
    failNext = true;
    const statuses: number[] = [];
    const http = new ODataHttp({ baseUrl: `${base}/sap/c4c/odata/v1/c4codataapi/`, user: 'u', password: 'p', logger: pino({ level: 'silent' }), timeoutMs: 5_000, retry: { baseDelayMs: 1, maxDelayMs: 1 }, onResponse: (s) => statuses.push(s) });
    await http.getJson('AppointmentCollection');
    expect(statuses).toEqual([503, 200]);
  });

  it('Graph: every answer, retries included', async () => {
    failNext = true;
    const statuses: number[] = [];
    const options = resolveGraphOptions({ graphBaseUrl: `${base}/v1.0`, authority: base, tenantId: 't', clientId: 'c', clientSecret: 's', addinId: 'a', logger: pino({ level: 'silent' }), retry: { baseDelayMs: 1, maxDelayMs: 1 }, onResponse: (s) => statuses.push(s) });
    const tokens = { accessToken: async () => 'token' } as unknown as GraphTokenProvider;
    const answer = await new GraphHttp(options, tokens).send('mbx', { method: 'GET', url: '/users/mbx/events' });
    expect(answer.status).toBe(200);
    expect(statuses).toEqual([503, 200]);
  });
});
