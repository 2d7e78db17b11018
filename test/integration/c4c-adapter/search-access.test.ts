// The task pane's CRM search respects what the user may see in C4C (adapters/c4c/crm-search.ts), against the identity
// sandbox (as Entra ID) and the C4C sandbox (as C4C, with its OAuth 2.0 SAML bearer endpoint and its business users'
// read restrictions): as the user, and as the technical user bounded to the user's own objects.
import { pino } from 'pino';
import { C4cCrmActivities, C4cOwnerSearch, C4cUserSearch, C4cUserSessions, type C4cUserSessionOptions } from '../../../src/server/adapters/c4c/index.js';
import type { Mailbox } from '../../../src/server/domain/mailbox.js';
import type { CrmSearch } from '../../../src/server/ports/crm-search.js';
import type { PreviewType } from '../../../src/shared/preview-api.js';
import { PortFailure } from '../../../src/server/ports/write-results.js';
import { startC4cSandbox } from '../../../src/sandbox/c4c/server.js';
import { DEMO_TENANT, DEMO_USERS, type DemoUser } from '../../../src/sandbox/common/demo-tenant.js';
import { startGraphSandbox } from '../../../src/sandbox/graph/server.js';

const [AVA, BEN, CHLOE] = DEMO_USERS as [DemoUser, DemoUser, DemoUser];
const logger = pino({ level: 'silent' });

let graph: Awaited<ReturnType<typeof startGraphSandbox>>;
let c4c: Awaited<ReturnType<typeof startC4cSandbox>>;
let svc: string;
/** Name prefixes of an account Ava owns and of one Ben owns (the seed gives owners round-robin). */
let avas: { id: string; name: string };
let bens: { id: string; name: string };

beforeAll(async () => {
  graph = await startGraphSandbox({ host: '127.0.0.1', port: 0 });
  c4c = await startC4cSandbox({ host: '127.0.0.1', port: 0, identityBaseUrl: graph.url, accounts: 60 });
  svc = `${c4c.url}/sap/c4c/odata/v1/c4codataapi/`;
  const basic = `Basic ${Buffer.from(`${DEMO_TENANT.c4cTechnicalUser.user}:${DEMO_TENANT.c4cTechnicalUser.password}`).toString('base64')}`;
  const rows = ((await (await fetch(`${svc}CorporateAccountCollection?$select=AccountID,Name,OwnerID&$top=60`, { headers: { authorization: basic, accept: 'application/json' } })).json()) as { d: { results: { AccountID: string; Name: string; OwnerID: string }[] } }).d.results;
  // Names unique among the accounts, so a search by the whole name finds exactly one.
  const unique = rows.filter((r) => rows.filter((o) => o.Name.startsWith(r.Name)).length === 1);
  const of = (u: DemoUser) => unique.find((r) => r.OwnerID === u.c4cEmployeeId);
  avas = { id: String(of(AVA)?.AccountID), name: String(of(AVA)?.Name) };
  bens = { id: String(of(BEN)?.AccountID), name: String(of(BEN)?.Name) };
});
afterAll(async () => {
  await c4c.close();
  await graph.close();
});

const mailbox = (u: DemoUser): Mailbox => ({ mailboxId: u.id, tenantId: DEMO_TENANT.tenantId, provider: 'graph', email: u.mail, displayName: u.displayName, employeePartyId: u.c4cEmployeeId, enabled: true });

async function apiToken(u: DemoUser): Promise<string> {
  const res = await fetch(`${graph.url}/_sandbox/token?user=${encodeURIComponent(u.mail)}&aud=${encodeURIComponent(DEMO_TENANT.serviceApp.appIdUri)}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

function userSearch(overrides: Partial<C4cUserSessionOptions> = {}): CrmSearch {
  return new C4cUserSearch(
    new C4cUserSessions({
      authority: graph.url,
      tenantId: DEMO_TENANT.tenantId,
      clientId: DEMO_TENANT.serviceApp.clientId,
      clientSecret: DEMO_TENANT.serviceApp.clientSecret,
      samlEntityId: DEMO_TENANT.c4cOAuth.samlEntityId,
      tokenUrl: `${c4c.url}/sap/bc/sec/oauth2/token`,
      oauthClientId: DEMO_TENANT.c4cOAuth.clientId,
      oauthClientSecret: DEMO_TENANT.c4cOAuth.clientSecret,
      scope: DEMO_TENANT.c4cOAuth.scope,
      connection: { baseUrl: svc, user: '', password: '', logger, timeoutMs: 10_000, retry: { maxAttempts: 1 } },
      logger,
      ...overrides,
    }),
  );
}

const ownerSearch = () =>
  new C4cOwnerSearch(new C4cCrmActivities({ baseUrl: svc, user: DEMO_TENANT.c4cTechnicalUser.user, password: DEMO_TENANT.c4cTechnicalUser.password, logger, timeoutMs: 10_000 }));

async function ids(search: CrmSearch, u: DemoUser, text: string): Promise<string[]> {
  const hits = await search.search({ userId: u.id, apiToken: await apiToken(u), mailbox: mailbox(u) }, { text, types: ['account'], top: 10 });
  return hits.map((h) => h.id);
}

describe('CRM search as the user (OAuth 2.0 SAML bearer assertion)', () => {
  it("finds the user's own accounts and not another's; the manager, whose role is unrestricted, finds both", async () => {
    const search = userSearch();
    expect(await ids(search, AVA, avas.name)).toEqual([avas.id]);
    expect(await ids(search, AVA, bens.name)).toEqual([]);
    expect(await ids(search, CHLOE, avas.name)).toEqual([avas.id]);
    expect(await ids(search, CHLOE, bens.name)).toEqual([bens.id]);
  });

  it('reuses the C4C token of a user for later searches', async () => {
    const search = userSearch();
    const exchanges = async () => {
      const counters = (await (await fetch(`${graph.url}/_sandbox/counters`)).json()) as { byRoute: Record<string, number> };
      return Object.entries(counters.byRoute).filter(([route]) => route.includes('/oauth2/v2.0/token')).reduce((n, [, count]) => n + count, 0);
    };
    const before = await exchanges();
    for (let i = 0; i < 3; i += 1) expect(await ids(search, BEN, bens.name)).toEqual([bens.id]);
    expect((await exchanges()) - before).toBe(1);
  });

  it('fails as `auth` when C4C refuses the OAuth client, so the pane can say so', async () => {
    const search = userSearch({ oauthClientSecret: 'not-the-secret' });
    await expect(ids(search, AVA, avas.name)).rejects.toMatchObject({ error: { code: 'auth' } });
    await expect(ids(search, AVA, avas.name)).rejects.toBeInstanceOf(PortFailure);
  });
});

describe('CRM search as the technical user, bounded to the objects the user owns', () => {
  it("finds the user's own accounts and not another's", async () => {
    const search = ownerSearch();
    expect(await ids(search, AVA, avas.name)).toEqual([avas.id]);
    expect(await ids(search, AVA, bens.name)).toEqual([]);
    expect(await ids(search, BEN, bens.name)).toEqual([bens.id]);
  });
});

describe('preview cards read with the same bounds as the search', () => {
  const preview = async (search: CrmSearch, u: DemoUser, type: PreviewType, id: string) =>
    search.preview({ userId: u.id, apiToken: await apiToken(u), mailbox: mailbox(u) }, type, id);
  const basic = `Basic ${Buffer.from(`${DEMO_TENANT.c4cTechnicalUser.user}:${DEMO_TENANT.c4cTechnicalUser.password}`).toString('base64')}`;
  const read = async (set: string, filter: string, select: string, top = 1000) =>
    ((await (await fetch(`${svc}${set}?$filter=${encodeURIComponent(filter)}&$select=${select}&$top=${top}`, { headers: { authorization: basic, accept: 'application/json' } })).json()) as { d: { results: Record<string, string>[] } }).d.results;

  it("an account's key fields, its owner by name, for its owner and for the manager; nothing for another user", async () => {
    for (const search of [userSearch(), ownerSearch()]) {
      const own = await preview(search, AVA, 'account', avas.id);
      expect(own).toEqual({ type: 'account', id: avas.id, name: avas.name, city: expect.any(String), country: expect.any(String), owner: AVA.displayName, phone: expect.stringMatching(/^\+49 /), openOpportunities: { count: expect.any(Number), more: false } });
      expect(await preview(search, AVA, 'account', bens.id)).toBeNull();
      expect(await preview(search, AVA, 'account', 'NO-SUCH-1')).toBeNull();
    }
    expect(await preview(userSearch(), CHLOE, 'account', bens.id)).toMatchObject({ id: bens.id, owner: BEN.displayName });
  });

  it("counts an account's open opportunities (Open, In Process; not Won) among those the caller may see", async () => {
    const all = await read('OpportunityCollection', `ProspectPartyID eq '${bens.id}'`, 'ID,LifeCycleStatusCode,MainEmployeeResponsiblePartyID');
    const open = all.filter((o) => ['1', '2'].includes(String(o['LifeCycleStatusCode'])));
    expect(open.length).toBeGreaterThan(0);
    expect(await preview(userSearch(), CHLOE, 'account', bens.id)).toMatchObject({ openOpportunities: { count: open.length, more: false } });
    const bensOwn = open.filter((o) => o['MainEmployeeResponsiblePartyID'] === BEN.c4cEmployeeId).length;
    for (const search of [userSearch(), ownerSearch()]) expect(await preview(search, BEN, 'account', bens.id)).toMatchObject({ openOpportunities: { count: bensOwn, more: false } });
  });

  it("an opportunity's phase, value with currency, close date and owner; a ticket's status and priority (C4C's code texts)", async () => {
    const [opp] = await read('OpportunityCollection', `MainEmployeeResponsiblePartyID eq '${AVA.c4cEmployeeId}'`, 'ID,Name,ProspectPartyName', 1);
    const [ticket] = await read('ServiceRequestCollection', `ProcessorPartyID eq '${AVA.c4cEmployeeId}'`, 'ID,Name,BuyerPartyName', 1);
    for (const search of [userSearch(), ownerSearch()]) {
      expect(await preview(search, AVA, 'opportunity', String(opp?.['ID']))).toEqual({
        type: 'opportunity',
        id: opp?.['ID'],
        name: opp?.['Name'],
        phase: expect.stringMatching(/^(Identify Opportunity|Qualify|Propose Solution|Negotiate)$/),
        status: expect.stringMatching(/^(In Process|Won)$/),
        value: { amount: expect.any(Number), currency: expect.stringMatching(/^(EUR|USD)$/) },
        closeDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        owner: AVA.displayName,
        account: opp?.['ProspectPartyName'],
      });
      expect(await preview(search, AVA, 'ticket', String(ticket?.['ID']))).toEqual({
        type: 'ticket',
        id: ticket?.['ID'],
        name: ticket?.['Name'],
        status: expect.stringMatching(/^(Open|In Process)$/),
        priority: expect.stringMatching(/^(Immediate|Urgent|Normal|Low)$/),
        account: ticket?.['BuyerPartyName'],
      });
      expect(await preview(search, BEN, 'opportunity', String(opp?.['ID']))).toBeNull();
      expect(await preview(search, BEN, 'ticket', String(ticket?.['ID']))).toBeNull();
    }
  });

  it("a contact's name, job title, account, e-mail and phone", async () => {
    const url = `${svc}ContactCollection?$filter=${encodeURIComponent(`ContactOwnerID eq '${AVA.c4cEmployeeId}'`)}&$select=ContactID,Name,AccountFormattedName,Email&$top=1`;
    const [row] = ((await (await fetch(url, { headers: { authorization: basic, accept: 'application/json' } })).json()) as { d: { results: Record<string, string>[] } }).d.results;
    const id = String(row?.['ContactID']);
    for (const search of [userSearch(), ownerSearch()]) {
      expect(await preview(search, AVA, 'contact', id)).toEqual({
        type: 'contact',
        id,
        name: row?.['Name'],
        jobTitle: null, // the sandbox seeds none: C4C's empty string is no title
        account: row?.['AccountFormattedName'],
        email: row?.['Email'],
        phone: expect.stringMatching(/^\+49 /),
      });
      expect(await preview(search, BEN, 'contact', id)).toBeNull();
    }
  });
});
