// Bearer auth with the real identity sandbox (served by the Graph sandbox): a token it issues for a demo user is
// accepted by the C4C sandbox, verified against the identity sandbox's JWKS, and mapped to that user's employee.
import { startGraphSandbox } from '../../../src/sandbox/graph/server.js';
import { startC4cSandbox } from '../../../src/sandbox/c4c/server.js';
import { DEMO_TENANT, DEMO_USERS } from '../../../src/sandbox/common/demo-tenant.js';

let graph: Awaited<ReturnType<typeof startGraphSandbox>>;
let c4c: Awaited<ReturnType<typeof startC4cSandbox>>;
beforeAll(async () => {
  graph = await startGraphSandbox({ host: '127.0.0.1', port: 0 });
  c4c = await startC4cSandbox({ host: '127.0.0.1', port: 0, identityBaseUrl: graph.url, accounts: 100 });
});
afterAll(async () => {
  await c4c.close();
  await graph.close();
});

describe('C4C sandbox with the identity sandbox', () => {
  it.each(['127.0.0.1', 'localhost'])('accepts a token issued via %s and knows the user', async (hostname) => {
    const dan = DEMO_USERS[3];
    const tokenUrl = new URL(`${graph.url}/_sandbox/token`);
    tokenUrl.hostname = hostname;
    tokenUrl.searchParams.set('user', dan?.mail ?? '');
    tokenUrl.searchParams.set('aud', DEMO_TENANT.serviceApp.appIdUri);
    const issued = (await (await fetch(tokenUrl)).json()) as { access_token: string };
    expect(issued.access_token.split('.')).toHaveLength(3);
    const res = await fetch(`${c4c.url}/sap/c4c/odata/v1/c4codataapi/IdentityGetLoggedInUserInfo`, { headers: { authorization: `Bearer ${issued.access_token}`, accept: 'application/json' } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { d: { results: Record<string, unknown>[] } };
    expect(body.d.results[0]).toMatchObject({ EmployeeID: dan?.c4cEmployeeId, Email: dan?.mail });
  });

  it('refuses a token whose signature does not verify against the identity sandbox keys', async () => {
    const tokenUrl = `${graph.url}/_sandbox/token?user=${encodeURIComponent(DEMO_USERS[0]?.mail ?? '')}`;
    const issued = (await (await fetch(tokenUrl)).json()) as { access_token: string };
    const [header, payload] = issued.access_token.split('.');
    const forged = `${header}.${payload}.${Buffer.from('forged-signature').toString('base64url')}`;
    const res = await fetch(`${c4c.url}/sap/c4c/odata/v1/c4codataapi/EmployeeCollection`, { headers: { authorization: `Bearer ${forged}`, accept: 'application/json' } });
    expect(res.status).toBe(401);
  });
});
