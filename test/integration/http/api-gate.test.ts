// The /api gate (http/api-guard.ts): rate limits per signed-in user and per address for everyone else, the client
// address taken from X-Forwarded-For only for the configured proxies, 429 bodies in the API's error shape, the token
// check whatever the URL's spelling, and the security headers on every answer.
import { buildTestApp, item } from '../../support/http-app-fakes.js';

async function setup(options: Partial<Parameters<typeof buildTestApp>[0]> = {}) {
  return buildTestApp({ items: { ava: [item('ava-1', [])], ben: [] }, rateLimits: { perUserPerMinute: 3, anonymousPerAddressPerMinute: 5 }, ...options });
}

describe('/api rate limit', () => {
  it('anonymous requests from the address of a signed-in user (one proxy) do not lock the user out', async () => {
    const { app, mint } = await setup();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) statuses.push((await app.inject({ method: 'GET', url: '/api/me' })).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    const res = await app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${await mint({ oid: 'ava' })}` } });
    expect(res.statusCode).toBe(200);
  });

  it('counts a signed-in user by their oid: one user over the limit leaves another user served', async () => {
    const { app, mint } = await setup();
    const ava = { authorization: `Bearer ${await mint({ oid: 'ava' })}` };
    for (let i = 0; i < 3; i += 1) expect((await app.inject({ method: 'GET', url: '/api/me', headers: ava })).statusCode).toBe(200);
    const limited = await app.inject({ method: 'GET', url: '/api/me', headers: ava });
    expect(limited.statusCode).toBe(429);
    // A new token of the same user is the same user.
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${await mint({ oid: 'ava' })}` } })).statusCode).toBe(429);
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${await mint({ oid: 'ben' })}` } })).statusCode).toBe(200);
  });

  it('answers 429 with the error body src/shared/api.ts promises, and Retry-After', async () => {
    const { app } = await setup({ rateLimits: { perUserPerMinute: 3, anonymousPerAddressPerMinute: 1 } });
    await app.inject({ method: 'GET', url: '/api/me' });
    const res = await app.inject({ method: 'GET', url: '/api/me' });
    expect(res.statusCode).toBe(429);
    expect(res.json()).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(/^Too many requests; retry in \d+ s\.$/) } });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('takes the address from X-Forwarded-For only when the socket is a trusted proxy', async () => {
    const forwarded = (address: string) => ({ 'x-forwarded-for': address });
    const untrusted = await setup({ rateLimits: { perUserPerMinute: 3, anonymousPerAddressPerMinute: 1 } });
    await untrusted.app.inject({ method: 'GET', url: '/api/me', headers: forwarded('203.0.113.1') });
    // A client cannot escape its bucket by writing another address into the header.
    expect((await untrusted.app.inject({ method: 'GET', url: '/api/me', headers: forwarded('203.0.113.2') })).statusCode).toBe(429);

    const trusted = await setup({ rateLimits: { perUserPerMinute: 3, anonymousPerAddressPerMinute: 1 }, trustProxy: ['127.0.0.1'] });
    expect((await trusted.app.inject({ method: 'GET', url: '/api/me', headers: forwarded('203.0.113.1') })).statusCode).toBe(401);
    expect((await trusted.app.inject({ method: 'GET', url: '/api/me', headers: forwarded('203.0.113.2') })).statusCode).toBe(401);
    expect((await trusted.app.inject({ method: 'GET', url: '/api/me', headers: forwarded('203.0.113.1') })).statusCode).toBe(429);
  });
});

describe('/api token check', () => {
  it('applies to every spelling of an /api path', async () => {
    const { app, mint } = await setup();
    const ok = await app.inject({ method: 'GET', url: '/%61pi/me', headers: { authorization: `Bearer ${await mint({ oid: 'ava' })}` } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.id).toBe('ava');
    const refused = await app.inject({ method: 'GET', url: '/%61pi/me', headers: { authorization: `Bearer ${await mint({ oid: 'ava' }, { key: 'foreign' })}` } });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.message).toBe('token signature or format is not valid');
  });
});

describe('/api callers', () => {
  it("can be limited to the add-in's client id (azp, or appid in v1 tokens)", async () => {
    const { app, mint } = await setup({ allowedClientIds: ['addin-client'] });
    const status = async (claims: Record<string, unknown>) =>
      (await app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${await mint({ oid: 'ava', ...claims })}` } })).statusCode;
    expect(await status({ azp: 'addin-client' })).toBe(200);
    expect(await status({ appid: 'addin-client' })).toBe(200);
    expect(await status({ azp: 'some-other-app' })).toBe(401);
    expect(await status({})).toBe(401);
  });
});

describe('security headers', () => {
  it('every answer carries nosniff and a CSP that allows nothing', async () => {
    const { app, mint } = await setup();
    const answers = [
      await app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${await mint({ oid: 'ava' })}` } }),
      await app.inject({ method: 'GET', url: '/api/me' }),
      await app.inject({ method: 'GET', url: '/healthz' }),
      await app.inject({ method: 'GET', url: '/nowhere' }),
      await app.inject({ method: 'POST', url: '/webhooks/graph?validationToken=abc' }),
    ];
    for (const res of answers) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toMatch(/^default-src 'none';.*frame-ancestors 'none'/);
    }
  });
});
