// Calling C4C as a user, through both sandboxes as through Entra ID and C4C: the service app's on-behalf-of request
// with requested_token_type saml2 gets a signed SAML assertion for C4C's entity id from the identity sandbox; C4C's
// token endpoint (SAML bearer grant) turns it into an access token; the OData service then answers as that user,
// with the user's read restriction (an account executive reads the accounts they own; the manager reads all).
import { startC4cSandbox } from '../../../src/sandbox/c4c/server.js';
import { DEMO_TENANT, DEMO_USERS } from '../../../src/sandbox/common/demo-tenant.js';
import { startGraphSandbox } from '../../../src/sandbox/graph/server.js';

const AVA = DEMO_USERS[0]!;
const CHLOE = DEMO_USERS[2]!;
const { c4cOAuth, serviceApp } = DEMO_TENANT;

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

type Json = Record<string, unknown>;
const form = (fields: Record<string, string>) => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });

/** The task pane's token for the service's API, as the service receives it. */
async function paneToken(mail: string): Promise<string> {
  const res = await fetch(`${graph.url}/_sandbox/token?user=${encodeURIComponent(mail)}&aud=${encodeURIComponent(serviceApp.appIdUri)}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** Entra's on-behalf-of for a SAML application. */
async function samlOnBehalfOf(userToken: string, scope = `${c4cOAuth.samlEntityId}/.default`): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${graph.url}/${DEMO_TENANT.tenantId}/oauth2/v2.0/token`, form({
    grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', client_id: serviceApp.clientId, client_secret: serviceApp.clientSecret,
    assertion: userToken, scope, requested_token_use: 'on_behalf_of', requested_token_type: 'urn:ietf:params:oauth:token-type:saml2',
  }));
  return { status: res.status, body: (await res.json()) as Json };
}

async function c4cToken(assertion: string, client: { id: string; secret: string } = { id: c4cOAuth.clientId, secret: c4cOAuth.clientSecret }): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${c4c.url}/sap/bc/sec/oauth2/token`, {
    ...form({ grant_type: 'urn:ietf:params:oauth:grant-type:saml2-bearer', assertion, scope: c4cOAuth.scope, client_id: client.id }),
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}` },
  });
  return { status: res.status, body: (await res.json()) as Json };
}

async function accountsAs(accessToken: string): Promise<Json[]> {
  const res = await fetch(`${c4c.url}/sap/c4c/odata/v1/c4codataapi/CorporateAccountCollection?$select=AccountID,OwnerID&$top=500`, { headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { d: { results: Json[] } }).d.results;
}

async function accessTokenOf(mail: string): Promise<string> {
  const saml = await samlOnBehalfOf(await paneToken(mail));
  expect(saml.status).toBe(200);
  const issued = await c4cToken(String(saml.body.access_token));
  expect(issued.status).toBe(200);
  return String(issued.body.access_token);
}

describe('OAuth 2.0 SAML bearer assertion: C4C as the user', () => {
  it('Entra answers the on-behalf-of request for the SAML app with a signed assertion about the user', async () => {
    const saml = await samlOnBehalfOf(await paneToken(AVA.mail));
    expect(saml.status).toBe(200);
    expect(saml.body).toMatchObject({ token_type: 'Bearer', issued_token_type: 'urn:ietf:params:oauth:token-type:saml2' });
    const xml = Buffer.from(String(saml.body.access_token), 'base64url').toString('utf8');
    expect(xml).toContain(`<saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">${AVA.mail}</saml:NameID>`);
    expect(xml).toContain(`<saml:Audience>${c4cOAuth.samlEntityId}</saml:Audience>`);
    expect(xml).toContain('<ds:SignatureValue>');
  });

  it('C4C answers as the user: an account executive reads the accounts they own, the manager reads all', async () => {
    const ava = await accountsAs(await accessTokenOf(AVA.mail));
    const chloe = await accountsAs(await accessTokenOf(CHLOE.mail));
    expect(ava.length).toBeGreaterThan(0);
    expect(new Set(ava.map((a) => a.OwnerID))).toEqual(new Set([AVA.c4cEmployeeId]));
    expect(chloe.length).toBe(100);
    // Another user's account is not there for Ava, by key either.
    const other = chloe.find((a) => a.OwnerID !== AVA.c4cEmployeeId);
    const res = await fetch(`${c4c.url}/sap/c4c/odata/v1/c4codataapi/CorporateAccountCollection?$filter=AccountID eq '${String(other?.AccountID)}'`, { headers: { authorization: `Bearer ${await accessTokenOf(AVA.mail)}`, accept: 'application/json' } });
    expect(((await res.json()) as { d: { results: Json[] } }).d.results).toEqual([]);
  });

  it('refuses a changed assertion, a wrong client secret, another app, and an unknown token', async () => {
    const assertion = String((await samlOnBehalfOf(await paneToken(AVA.mail))).body.access_token);
    const xml = Buffer.from(assertion, 'base64url').toString('utf8');
    const tampered = Buffer.from(xml.replace(AVA.mail, CHLOE.mail), 'utf8').toString('base64url');
    expect(await c4cToken(tampered)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect((await c4cToken(assertion, { id: c4cOAuth.clientId, secret: 'guess' })).status).toBe(401);
    expect((await samlOnBehalfOf(await paneToken(AVA.mail), 'https://other-saml-app.example/.default')).status).toBe(400);
    const res = await fetch(`${c4c.url}/sap/c4c/odata/v1/c4codataapi/CorporateAccountCollection`, { headers: { authorization: 'Bearer made-up-token', accept: 'application/json' } });
    expect(res.status).toBe(401);
  });
});
