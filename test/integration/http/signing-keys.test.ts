// The token check when the identity provider's key set (JWKS) cannot be fetched: the caller gets 503 and tries again,
// not a 401 that sends the task pane back to sign-in (the soak met one: a JWKS answer that failed after a restart). A
// token the key set does not know, or signed by another key, is still refused with 401.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTokenVerifier } from '../../../src/server/http/token-verifier.js';
import { AUDIENCE, ISSUER, TENANT, buildTestApp, item, tokenMinter } from '../../support/http-app-fakes.js';

let server: Server;
let answer: 'keys' | 'unavailable' | 'garbage' = 'unavailable';
let fetches = 0;

beforeAll(async () => {
  const { jwk } = await minter;
  server = createServer((_req, res) => {
    fetches += 1;
    if (answer === 'unavailable') res.writeHead(503).end('{"error":"temporarily_unavailable"}');
    else res.writeHead(200, { 'content-type': 'application/json' }).end(answer === 'keys' ? JSON.stringify({ keys: [jwk] }) : 'not json');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const minter = tokenMinter();

async function appWithRemoteKeys() {
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/keys`;
  const verifyToken = createTokenVerifier({ jwksUrl: url, issuer: ISSUER, audiences: [AUDIENCE], tenantId: TENANT, requiredScope: 'access_as_user' });
  return (await buildTestApp({ items: { ava: [item('ava-1', [])] }, api: { verifyToken } })).app;
}

describe('a key set that cannot be fetched', () => {
  it('answers 503 with Retry-After while the keys are unavailable or unreadable, then verifies once they come', async () => {
    const app = await appWithRemoteKeys();
    const { mint } = await minter;
    const ava = { authorization: `Bearer ${await mint({ oid: 'ava' })}` };
    for (const state of ['unavailable', 'garbage'] as const) {
      answer = state;
      const res = await app.inject({ method: 'GET', url: '/api/me', headers: ava });
      expect([res.statusCode, res.json().error.code, res.headers['retry-after']]).toEqual([503, 'upstream_unavailable', '5']);
    }
    answer = 'keys';
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: ava })).statusCode).toBe(200);
    expect(fetches).toBeGreaterThanOrEqual(3);
  });

  it('still answers 401 for a token signed by another key, or naming a key the set does not hold', async () => {
    answer = 'keys';
    const app = await appWithRemoteKeys();
    const { mint } = await minter;
    const foreign = await app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${await mint({ oid: 'ava' }, { key: 'foreign' })}` } });
    expect(foreign.statusCode).toBe(401);
    const token = await mint({ oid: 'ava' });
    const [header, ...rest] = token.split('.');
    const otherKid = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(header!, 'base64url').toString()), kid: 'k9' })).toString('base64url');
    const unknownKid = await app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${[otherKid, ...rest].join('.')}` } });
    expect([unknownKid.statusCode, unknownKid.json().error.code]).toEqual([401, 'unauthorized']);
  });
});
