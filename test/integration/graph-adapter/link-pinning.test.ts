// Graph's nextLink / deltaLink are followed to the configured Graph host only (adapters/graph/graph-http.ts), as the
// C4C client does with d.__next: a response body cannot send the app's token elsewhere.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { GraphHttp } from '../../../src/server/adapters/graph/graph-http.js';
import { resolveGraphOptions } from '../../../src/server/adapters/graph/options.js';
import { listSubscriptions } from '../../../src/server/adapters/graph/subscriptions.js';
import type { GraphTokenProvider } from '../../../src/server/adapters/graph/token-provider.js';
import { PortFailure } from '../../../src/server/ports/write-results.js';

interface Server { url: string; seen: { path: string; authorization?: string }[]; close(): Promise<void> }

async function serve(answer: (path: string) => unknown): Promise<Server> {
  const seen: Server['seen'] = [];
  const server = http.createServer((req, res) => {
    seen.push({ path: req.url ?? '', authorization: req.headers.authorization });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer(req.url ?? '')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const tokens = { accessToken: async () => 'app-token' } as unknown as GraphTokenProvider;

function graphHttp(graphBaseUrl: string): GraphHttp {
  return new GraphHttp(resolveGraphOptions({ graphBaseUrl, authority: 'https://login.example', tenantId: 't', clientId: 'c', clientSecret: 's', addinId: 'a', logger: pino({ level: 'silent' }), retry: { maxAttempts: 1 } }), tokens);
}

describe('Graph links', () => {
  let graph: Server;
  let elsewhere: Server;
  let next = '';
  beforeAll(async () => {
    elsewhere = await serve(() => ({ value: [] }));
    graph = await serve((path) => (path.includes('skiptoken') ? { value: [] } : { value: [], '@odata.nextLink': next }));
  });
  afterAll(async () => {
    await graph.close();
    await elsewhere.close();
  });

  it('refuses a nextLink to another host and path, and sends it no token', async () => {
    next = `${elsewhere.url}/collect?$skiptoken=1`;
    await expect(listSubscriptions(graphHttp(`${graph.url}/v1.0`))).rejects.toThrow(PortFailure);
    expect(elsewhere.seen).toEqual([]);
  });

  it('re-bases a link whose path lies under the configured base onto the configured host', async () => {
    next = `${elsewhere.url}/v1.0/subscriptions?$skiptoken=2`;
    await listSubscriptions(graphHttp(`${graph.url}/v1.0`));
    expect(elsewhere.seen).toEqual([]);
    expect(graph.seen.at(-1)).toEqual({ path: '/v1.0/subscriptions?$skiptoken=2', authorization: 'Bearer app-token' });
  });

  it('follows links to the configured host as they are', () => {
    const h = graphHttp('https://graph.microsoft.com/v1.0');
    expect(h.absoluteUrl('https://graph.microsoft.com/v1.0/users/u/calendarView/delta?$deltatoken=x')).toBe('https://graph.microsoft.com/v1.0/users/u/calendarView/delta?$deltatoken=x');
    expect(h.absoluteUrl('/users/u/events')).toBe('https://graph.microsoft.com/v1.0/users/u/events');
    expect(() => h.absoluteUrl('https://graph.microsoft.com.evil.example/collect')).toThrow(PortFailure);
    expect(() => h.absoluteUrl('https://graph.microsoft.com/beta/users')).toThrow(PortFailure);
  });
});
