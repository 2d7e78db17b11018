// Identity: msal-node client credentials against the sandbox authority, JWKS verification with jose, delegated
// tokens, and Graph's 401/403 answers for missing, expired, forged and wrong-audience tokens.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { SANDBOX_TLS_CERT, SANDBOX_TLS_KEY } from '../../../src/sandbox/identity/tls-material.js';
import { createRemoteJWKSet, jwtVerify, decodeJwt } from 'jose';
import { trustSandboxCertificate } from '../../support/net.js';
import { AVA, BEN, DEMO_TENANT, appTokenFor, expectGraphError, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  // MSAL only talks https; the sandbox port also speaks TLS with a fixed self-signed certificate.
  trustSandboxCertificate();
  h = await startHarness();
});
afterAll(async () => h.close());

const httpsUrl = () => h.url.replace('http://', 'https://');

describe('identity endpoints', () => {
  it('serve OpenID configuration and JWKS at Microsoft\'s paths', async () => {
    const config = (await (await fetch(`${httpsUrl()}/${DEMO_TENANT.tenantId}/v2.0/.well-known/openid-configuration`)).json()) as Record<string, string>;
    expect(config.issuer).toBe(`${httpsUrl()}/${DEMO_TENANT.tenantId}/v2.0`);
    expect(config.token_endpoint).toBe(`${httpsUrl()}/${DEMO_TENANT.tenantId}/oauth2/v2.0/token`);
    const jwks = (await (await fetch(config.jwks_uri as string)).json()) as { keys: Array<Record<string, string>> };
    expect(jwks.keys[0]).toEqual(expect.objectContaining({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String) }));
    expect((await fetch(`${h.url}/not-a-tenant/v2.0/.well-known/openid-configuration`)).status).toBe(400);
  });

  it('issue app tokens to @azure/msal-node that jose verifies via JWKS and Graph accepts', async () => {
    const host = new URL(h.url).host;
    const cca = new ConfidentialClientApplication({
      auth: {
        clientId: DEMO_TENANT.serviceApp.clientId,
        clientSecret: DEMO_TENANT.serviceApp.clientSecret,
        authority: `${httpsUrl()}/${DEMO_TENANT.tenantId}`,
        knownAuthorities: [host],
      },
    });
    const result = await cca.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });
    expect(result?.accessToken).toBeTruthy();
    const token = result?.accessToken ?? '';
    const jwks = createRemoteJWKSet(new URL(`${h.url}/${DEMO_TENANT.tenantId}/discovery/v2.0/keys`));
    const { payload } = await jwtVerify(token, jwks, { issuer: `${httpsUrl()}/${DEMO_TENANT.tenantId}/v2.0`, audience: 'https://graph.microsoft.com' });
    expect(payload).toEqual(expect.objectContaining({ tid: DEMO_TENANT.tenantId, ver: '2.0', azp: DEMO_TENANT.serviceApp.clientId, roles: expect.arrayContaining(['Calendars.ReadWrite']) }));
    expect(typeof payload.nbf).toBe('number');
    const me = await h.graph('GET', `/users/${AVA.mail}`, { token });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(AVA.id);

    const wrongSecret = new ConfidentialClientApplication({
      auth: { clientId: DEMO_TENANT.serviceApp.clientId, clientSecret: 'wrong', authority: `${httpsUrl()}/${DEMO_TENANT.tenantId}`, knownAuthorities: [host] },
    });
    await expect(wrongSecret.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] })).rejects.toThrow(/invalid_client|7000215/);
  });

  it('issue delegated tokens (password grant, sandbox helper) limited to the signed-in user', async () => {
    const res = await fetch(`${h.url}/${DEMO_TENANT.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: DEMO_TENANT.addinApp.clientId, username: AVA.mail, password: 'sandbox-password', scope: 'https://graph.microsoft.com/Calendars.ReadWrite' }),
    });
    const token = ((await res.json()) as { access_token: string }).access_token;
    const claims = decodeJwt(token);
    expect(claims).toEqual(expect.objectContaining({ oid: AVA.id, preferred_username: AVA.mail, scp: 'Calendars.ReadWrite' }));
    expect((await h.graph('GET', '/me/events?$top=1', { token })).status).toBe(200);
    expect((await h.graph('GET', `/users/${AVA.id}/events?$top=1`, { token })).status).toBe(200);
    const other = await h.graph('GET', `/users/${BEN.id}/events?$top=1`, { token });
    expect(other.status).toBe(403);
    expectGraphError(other.body, 'ErrorAccessDenied');
    const appOnMe = await h.graph('GET', '/me/events');
    expect(appOnMe.status).toBe(400);

    const readOnly = (await (await fetch(`${h.url}/_sandbox/token?user=${AVA.mail}&scp=${encodeURIComponent('User.Read Calendars.Read')}`)).json()) as { access_token: string };
    expect((await h.graph('GET', '/me/events?$top=1', { token: readOnly.access_token })).status).toBe(200);
    const denied = await h.graph('POST', '/me/events', { token: readOnly.access_token, body: { subject: 'x' } });
    expect(denied.status).toBe(403);
    expectGraphError(denied.body, 'ErrorAccessDenied');
    expect((await h.graph('GET', '/me/outlook/masterCategories', { token: readOnly.access_token })).status).toBe(403);

    // role= signs in the first demo user holding the app role (the admin console's demo admin); any origin may ask.
    const adminAnswer = await fetch(`${h.url}/_sandbox/token?role=${DEMO_TENANT.serviceApp.adminRole}&aud=${encodeURIComponent(DEMO_TENANT.serviceApp.appIdUri)}`);
    expect(adminAnswer.headers.get('access-control-allow-origin')).toBe('*');
    expect(decodeJwt(((await adminAnswer.json()) as { access_token: string }).access_token)).toEqual(expect.objectContaining({ roles: [DEMO_TENANT.serviceApp.adminRole] }));
    expect((await fetch(`${h.url}/_sandbox/token?role=No.Such.Role`)).status).toBe(400);

    const paneToken = await h.userToken(BEN.mail, DEMO_TENANT.serviceApp.appIdUri);
    expect(decodeJwt(paneToken)).toEqual(expect.objectContaining({ aud: DEMO_TENANT.serviceApp.appIdUri, scp: 'access_as_user', oid: BEN.id }));
    // On behalf of: the service trades the task pane's token for a Graph token of the same user.
    const obo = await fetch(`${h.url}/${DEMO_TENANT.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', requested_token_use: 'on_behalf_of', assertion: paneToken,
        client_id: DEMO_TENANT.serviceApp.clientId, client_secret: DEMO_TENANT.serviceApp.clientSecret, scope: 'https://graph.microsoft.com/.default',
      }),
    });
    const oboToken = ((await obo.json()) as { access_token: string }).access_token;
    expect((await h.graph('GET', '/me', { token: oboToken })).body.id).toBe(BEN.id);
  });
});

describe("the sandbox's TLS certificate", () => {
  it('is a leaf for 127.0.0.1 and localhost only (its key is public: trusting it must not trust what it signs)', () => {
    const cert = new X509Certificate(SANDBOX_TLS_CERT);
    expect(cert.ca).toBe(false);
    expect(cert.subjectAltName).toBe('IP Address:127.0.0.1, DNS:localhost');
    expect(cert.checkPrivateKey(createPrivateKey(SANDBOX_TLS_KEY))).toBe(true);
    // The file NODE_EXTRA_CA_CERTS names (CLI help, test harness, benchmarks) is the same certificate.
    expect(readFileSync(join(process.cwd(), 'src/sandbox/identity/sandbox-tls-cert.pem'), 'utf8')).toBe(SANDBOX_TLS_CERT);
  });
});

describe('Graph rejects bad tokens with 401', () => {
  it('missing, malformed, forged, wrong audience and expired', async () => {
    const missing = await h.graph('GET', `/users/${AVA.id}/events`, { token: '' });
    expect(missing.status).toBe(401);
    expectGraphError(missing.body, 'InvalidAuthenticationToken');
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await h.graph('GET', `/users/${AVA.id}/events`, { token: 'not.a.jwt' })).status).toBe(401);

    const [header, payload] = h.appToken.split('.');
    const forged = `${header}.${payload}.${Buffer.from('forged-signature').toString('base64url')}`;
    expect((await h.graph('GET', `/users/${AVA.id}/events`, { token: forged })).status).toBe(401);

    const apiToken = await appTokenFor(h.url, `${DEMO_TENANT.serviceApp.appIdUri}/.default`);
    const wrongAudience = await h.graph('GET', `/users/${AVA.id}/events`, { token: apiToken });
    expect(wrongAudience.status).toBe(401);
    expect(wrongAudience.body.error.message).toContain('audience');

    const shortLived = (await (await fetch(`${h.url}/_sandbox/token?user=${AVA.mail}&expiresIn=1`)).json()) as { access_token: string };
    await new Promise((r) => setTimeout(r, 2100));
    const expired = await h.graph('GET', '/me/events', { token: shortLived.access_token });
    expect(expired.status).toBe(401);
    expect(expired.body.error.message).toContain('expired');

    const other = new (await import('jose')).SignJWT({ tid: DEMO_TENANT.tenantId, azp: 'x', roles: ['Calendars.ReadWrite'], idtyp: 'app' });
    const { privateKey } = await (await import('jose')).generateKeyPair('RS256');
    const foreign = await other.setProtectedHeader({ alg: 'RS256' }).setAudience('https://graph.microsoft.com').setExpirationTime('1h').sign(privateKey);
    expect((await h.graph('GET', `/users/${AVA.id}/events`, { token: foreign })).status).toBe(401);
  });
});
