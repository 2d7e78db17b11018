import type { ItemError } from '../../../src/server/domain/errors.js';
import { emptyCalendarItem } from '../../../src/server/domain/calendar-item.js';
import type { CrmActivity } from '../../../src/server/domain/snapshots.js';
import type { SyncPair } from '../../../src/server/domain/sync-pair.js';
import { PortFailure } from '../../../src/server/ports/write-results.js';
import { buildTestApp, item, AUDIENCE, TENANT } from '../../support/http-app-fakes.js';

const ava = 'ava';
const ben = 'ben';

async function setup() {
  return buildTestApp({
    items: {
      [ava]: [item('ava-1', ['SAP Cloud for Customer']), item('ava-2', [])],
      [ben]: [item('ben-1', ['Visit'])],
    },
  });
}

describe('/api authentication and authorization', () => {
  it('refuses a request without a token with 401 and the JSON error body', async () => {
    const { app } = await setup();
    const res = await app.inject({ method: 'GET', url: '/api/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'unauthorized', message: 'missing or malformed bearer token' } });
  });

  it('refuses an expired token', async () => {
    const { app, mint } = await setup();
    const token = await mint({ oid: ava }, { expiresIn: Math.floor(Date.now() / 1000) - 3600 });
    const res = await app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toBe('token expired');
  });

  it('refuses a token for another audience, from another issuer, or signed by another key', async () => {
    const { app, mint } = await setup();
    for (const token of [
      await mint({ oid: ava, aud: 'api://someone-else' }),
      await mint({ oid: ava, iss: 'https://evil.example/v2.0' }),
      await mint({ oid: ava }, { key: 'foreign' }),
      await mint({ oid: ava, tid: 'other-tenant' }),
      await mint({ oid: ava, scp: 'Mail.Read' }),
    ]) {
      const res = await app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('unauthorized');
    }
  });

  it('answers 403 for a signed-in user whose mailbox is not set up', async () => {
    const { app, mint } = await setup();
    const token = await mint({ oid: 'stranger', aud: AUDIENCE });
    const res = await app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(403);
  });

  it("never acts on another user's item: it is not found in the caller's mailbox", async () => {
    const { app, mint, writes, enqueued } = await setup();
    const token = await mint({ oid: ava });
    const headers = { authorization: `Bearer ${token}` };
    expect((await app.inject({ method: 'GET', url: '/api/items/ben-1/status', headers })).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: '/api/items/ben-1/sync', headers, payload: {} })).statusCode).toBe(404);
    const cat = await app.inject({ method: 'POST', url: '/api/items/ben-1/category', headers, payload: { kind: 'visit' } });
    expect(cat.statusCode).toBe(404);
    expect(writes).toEqual([]);
    expect(enqueued).toEqual([]);
  });
});

describe('/api behaviour', () => {
  it('returns the caller and the settings they may see', async () => {
    const { app, mint } = await setup();
    const res = await app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${await mint({ oid: ava })}` } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ user: { id: ava }, settings: { categories: { appointment: 'SAP Cloud for Customer', visit: 'Visit' }, conflictWinner: 'groupware' } });
  });

  it('reports pending for a tagged item the service has not synced yet, and notSynced for an untagged one', async () => {
    const { app, mint } = await setup();
    const headers = { authorization: `Bearer ${await mint({ oid: ava })}` };
    expect((await app.inject({ method: 'GET', url: '/api/items/ava-1/status', headers })).json().state).toBe('pending');
    expect((await app.inject({ method: 'GET', url: '/api/items/ava-2/status', headers })).json().state).toBe('notSynced');
  });

  it('sets the category through Graph as a fallback and enqueues a session', async () => {
    const { app, mint, writes, enqueued } = await setup();
    const headers = { authorization: `Bearer ${await mint({ oid: ava })}` };
    const res = await app.inject({ method: 'POST', url: '/api/items/ava-1/category', headers, payload: { kind: 'visit' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ kind: 'visit', categories: ['Visit'] });
    expect(writes[0]?.requests).toEqual([{ op: 'setCategories', id: 'ava-1', categories: ['Visit'] }]);
    expect(enqueued).toEqual([{ mailboxId: ava, reason: 'manual' }]);
  });

  it('creates the missing sync categories in the master list before setting one (forced check), and sets it even when that fails', async () => {
    const checks: { mailboxId: string; force: boolean | undefined }[] = [];
    let fail = false;
    const masterCategories = {
      ensure: async (mb: { mailboxId: string }, _settings: unknown, options?: { force?: boolean }) => {
        checks.push({ mailboxId: mb.mailboxId, force: options?.force });
        if (fail) throw new Error('Graph 503');
        return ['Visit'];
      },
    };
    const { app, mint, writes } = await buildTestApp({ items: { [ava]: [item('ava-1', [])] }, api: { masterCategories } });
    const headers = { authorization: `Bearer ${await mint({ oid: ava })}` };
    expect((await app.inject({ method: 'POST', url: '/api/items/ava-1/category', headers, payload: { kind: 'visit' } })).statusCode).toBe(200);
    expect(checks).toEqual([{ mailboxId: ava, force: true }]);
    fail = true;
    expect((await app.inject({ method: 'POST', url: '/api/items/ava-1/category', headers, payload: { kind: 'appointment' } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/api/items/ava-1/category', headers, payload: { kind: null } })).statusCode).toBe(200);
    expect(checks).toHaveLength(2); // removing the category needs none
    expect(writes).toHaveLength(3);
  });

  it('validates request bodies and queries with a 400 JSON error', async () => {
    const { app, mint } = await setup();
    const headers = { authorization: `Bearer ${await mint({ oid: ava })}` };
    const bad = await app.inject({ method: 'POST', url: '/api/items/ava-1/category', headers, payload: { kind: 'meeting' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('bad_request');
    expect((await app.inject({ method: 'GET', url: '/api/crm/search?q=a', headers })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/crm/search?q=ab&types=planet', headers })).statusCode).toBe(400);
  });

  it('searches CRM objects as the caller: their token and their mailbox go to the search', async () => {
    const { app, mint, searches } = await setup();
    const token = await mint({ oid: ava });
    const res = await app.inject({ method: 'GET', url: `/api/crm/search?q=${encodeURIComponent("O'Neil")}&types=account`, headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ results: [{ type: 'account', id: '1001', name: "Match for O'Neil", subtitle: 'Berlin', url: expect.stringContaining('param.InternalID=1001') }] });
    expect(searches).toEqual([{ userId: ava, apiToken: token, mailbox: expect.objectContaining({ mailboxId: ava }) }]);
  });

  it('answers 403 when C4C would not let the caller search as themself', async () => {
    const { app, mint } = await buildTestApp({
      items: { [ava]: [] },
      search: { mode: 'user', search: async () => Promise.reject(new PortFailure({ code: 'auth', message: 'C4C token endpoint answered 400 invalid_grant' })), preview: async () => null },
    });
    const res = await app.inject({ method: 'GET', url: '/api/crm/search?q=Porter', headers: { authorization: `Bearer ${await mint({ oid: ava })}` } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toEqual({ code: 'forbidden', message: expect.stringMatching(/^SAP Cloud for Customer did not accept your sign-in/) });
  });

  it('enqueues an insta-sync for sync now', async () => {
    const { app, mint, enqueued } = await setup();
    const headers = { authorization: `Bearer ${await mint({ oid: ava })}` };
    const res = await app.inject({ method: 'POST', url: '/api/items/ava-1/sync', headers, payload: {} });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ state: 'pending' });
    expect(enqueued).toEqual([{ mailboxId: ava, reason: 'manual' }]);
  });

  it('answers unknown routes with the JSON error body and no stack', async () => {
    const { app } = await setup();
    const res = await app.inject({ method: 'GET', url: '/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toMatch(/at .*\.ts/);
  });
});

describe('/api hands out links to the C4C screens, never to the OData API', () => {
  const pair = { pairId: 'p1', mailboxId: ava, tenantId: TENANT, family: 'calendar', kind: 'visit', outlookId: 'ava-1', crmObjectId: '00163E03A0701EE0000000000000000042', status: 'synced', outlookVersion: 'v1', updatedAt: '2026-12-01T10:00:00.000Z' } as unknown as SyncPair;
  const visit = (displayId: string | null): CrmActivity => ({ objectId: pair.crmObjectId ?? '', displayId, kind: 'visit', version: 'e1', groupwareItemId: null, status: 'open', removed: false, ownerPartyId: null, ownerEmail: null, organizerPartyId: null, organizerEmail: null, lastChangedOn: '2026-12-01T10:00:00.000Z', fields: emptyCalendarItem() });
  const uiLink = (url: string) => {
    const parsed = new URL(url);
    expect(parsed.origin).toBe('https://my000000.crm.ondemand.com');
    expect(parsed.pathname).toBe('/sap/public/byd/runtime');
    expect(url).not.toMatch(/odata|Collection\(/);
    return Object.fromEntries(parsed.searchParams);
  };

  it("links a synced item's activity by its readable ID, and gives no link while that ID is unknown", async () => {
    const { app, mint } = await buildTestApp({ items: { [ava]: [item('ava-1', ['Visit'])] }, pairs: [pair], api: { crm: { getByIds: async () => [visit('20042')] } } });
    const headers = { authorization: `Bearer ${await mint({ oid: ava })}` };
    const status = (await app.inject({ method: 'GET', url: '/api/items/ava-1/status', headers })).json();
    expect(status).toMatchObject({ state: 'synced', c4cObjectId: pair.crmObjectId, c4cId: '20042' });
    expect(uiLink(status.c4cUrl)).toMatchObject({ 'param.InternalID': '20042', 'param.Type': 'COD_VISIT_TT', operation: 'OnExtInspect', bo: 'COD_GENERIC' });

    const unread = await buildTestApp({ items: { [ava]: [item('ava-1', ['Visit'])] }, pairs: [pair], api: { crm: { getByIds: async () => [visit(null)] } } });
    const unknown = (await unread.app.inject({ method: 'GET', url: '/api/items/ava-1/status', headers: { authorization: `Bearer ${await unread.mint({ oid: ava })}` } })).json();
    expect(unknown).toMatchObject({ c4cObjectId: pair.crmObjectId, c4cId: null, c4cUrl: null });
  });

  it('gives every search result its C4C screen, and the pane the settings to link the chips (SSO, thing types)', async () => {
    const ui = { origin: 'https://my000000.crm.ondemand.com', sso: true, thingTypes: { lead: 'Z_LEAD_TT' } };
    const { app, mint } = await buildTestApp({
      items: { [ava]: [] },
      api: { c4cUi: ui },
      search: { mode: 'owner', search: async () => [{ type: 'account', id: '1001', name: 'Porter' }, { type: 'lead', id: '50007', name: 'Pumps lead' }], preview: async () => null },
    });
    const headers = { authorization: `Bearer ${await mint({ oid: ava })}` };
    const { results } = (await app.inject({ method: 'GET', url: '/api/crm/search?q=po', headers })).json();
    expect(uiLink(results[0].url)).toMatchObject({ 'param.InternalID': '1001', 'param.Type': 'COD_ACCOUNT_TT', OBNRedirect: 'X' });
    expect(uiLink(results[1].url)).toMatchObject({ 'param.InternalID': '50007', 'param.Type': 'Z_LEAD_TT' });
    expect((await app.inject({ method: 'GET', url: '/api/me', headers })).json().settings.c4cUi).toEqual(ui);
  });
});

describe("Graph's own wording stays with the service", () => {
  const graphText = 'Mailbox database AM0PR05DB123 on server am0pr05mb4567.eurprd05.prod.outlook.com is offline';

  it('a category write Graph refuses answers with our message only', async () => {
    const { app, mint } = await buildTestApp({ items: { [ava]: [item('ava-1', [])] }, writeFailure: { code: 'invalid', message: 'Graph 400 ErrorInvalidRequest', detail: graphText } });
    const res = await app.inject({ method: 'POST', url: '/api/items/ava-1/category', headers: { authorization: `Bearer ${await mint({ oid: ava })}` }, payload: { kind: 'visit' } });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ error: { code: 'upstream_unavailable', message: 'Outlook did not take the category; try again shortly.' } });
  });

  it("an item's status shows C4C's reason for refusing its data, and never Graph's text", async () => {
    const pair = (outlookId: string, lastError: ItemError): SyncPair => ({
      pairId: `p-${outlookId}`, mailboxId: ava, family: 'calendar', kind: 'appointment', origin: 'outlook', outlookId, outlookVersion: 'v1', outlookHash: null,
      crmObjectId: null, crmVersion: null, crmHash: null, base: null, status: 'error', lastError, errorSince: '2026-12-06T10:00:00.000Z', updatedAt: '2026-12-06T10:00:00.000Z',
    } as SyncPair);
    const { app, mint } = await buildTestApp({
      items: { [ava]: [item('ava-1', ['SAP Cloud for Customer']), item('ava-2', ['SAP Cloud for Customer'])] },
      pairs: [
        pair('ava-1', { code: 'outlookRejected', message: 'Graph 400 ErrorInvalidProperty', detail: graphText }),
        pair('ava-2', { code: 'crmRejected', message: 'C4C refused the activity', detail: 'Enter a valid account' }),
      ],
    });
    const headers = { authorization: `Bearer ${await mint({ oid: ava })}` };
    expect((await app.inject({ method: 'GET', url: '/api/items/ava-1/status', headers })).json().error.message).toBe('Graph 400 ErrorInvalidProperty');
    expect((await app.inject({ method: 'GET', url: '/api/items/ava-2/status', headers })).json().error.message).toBe('C4C refused the activity: Enter a valid account');
  });
});

describe('GET /api/crm/:type/:id/preview', () => {
  it("answers a preview card's fields read as the caller's search reads, 404 for what they may not see, 400 for other types", async () => {
    const asked: unknown[] = [];
    const account = { type: 'account' as const, id: '1001', name: 'Porter LLC', city: 'Berlin', country: 'Germany', owner: 'Ava Adams', phone: '+49 30 1000001', openOpportunities: { count: 2, more: false } };
    const opportunity = { type: 'opportunity' as const, id: '77', name: 'Porter – expansion', phase: 'Qualify', status: 'In Process', value: { amount: 12500, currency: 'EUR' }, closeDate: '2026-12-31', owner: 'Ava Adams', account: 'Porter LLC' };
    const previews: Record<string, typeof account | typeof opportunity> = { '1001': account, '77': opportunity };
    const { app, mint } = await buildTestApp({
      items: { [ava]: [] },
      search: { mode: 'owner', search: async () => [], preview: async (caller, type, id) => (asked.push({ user: caller.userId, type, id }), previews[id] ?? null) },
    });
    const headers = { authorization: `Bearer ${await mint({ oid: ava })}` };
    const ok = await app.inject({ method: 'GET', url: '/api/crm/account/1001/preview', headers });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ preview: account });
    const hidden = await app.inject({ method: 'GET', url: '/api/crm/contact/9999/preview', headers });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe('not_found');
    expect((await app.inject({ method: 'GET', url: '/api/crm/opportunity/77/preview', headers })).json()).toEqual({ preview: opportunity });
    expect((await app.inject({ method: 'GET', url: '/api/crm/lead/1/preview', headers })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: `/api/crm/account/${encodeURIComponent("1' or 1")}/preview`, headers })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/crm/account/1001/preview' })).statusCode).toBe(401);
    expect(asked).toEqual([{ user: ava, type: 'account', id: '1001' }, { user: ava, type: 'contact', id: '9999' }, { user: ava, type: 'opportunity', id: '77' }]);
  });
});

describe('OpenAPI description', () => {
  it('describes every /api and /api/admin route with its schemas, without a token', async () => {
    const { app } = await setup();
    const res = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(['/api/admin/audit', '/api/admin/checks', '/api/admin/dry-run', '/api/admin/enrolment', '/api/admin/enrolment/preview', '/api/admin/health/history', '/api/admin/holds', '/api/admin/holds/{holdId}/discard', '/api/admin/holds/{holdId}/release', '/api/admin/mailboxes', '/api/admin/mailboxes/{mailbox}', '/api/admin/mailboxes/{mailbox}/enrol', '/api/admin/mailboxes/{mailbox}/items/{pairId}/retry', '/api/admin/mailboxes/{mailbox}/pause', '/api/admin/mailboxes/{mailbox}/remove', '/api/admin/mailboxes/{mailbox}/resume', '/api/admin/mailboxes/{mailbox}/resync', '/api/admin/mailboxes/{mailbox}/sync', '/api/admin/settings', '/api/admin/tenant', '/api/admin/tenant/re-pair', '/api/attendees', '/api/attendees/match', '/api/crm/search', '/api/crm/{type}/{id}/preview', '/api/follow-up-tasks', '/api/items/{itemId}/category', '/api/items/{itemId}/status', '/api/items/{itemId}/sync', '/api/me', '/api/sync-list', '/api/sync-list/people', '/api/sync-list/{type}/{c4cId}']);
    expect(doc.paths['/api/items/{itemId}/status'].get.responses['200'].content['application/json'].schema.properties.state.enum).toEqual(['notSynced', 'pending', 'synced', 'error']);
  });
});
