// A stand-in for the sync service's /api (contract: src/shared/api.ts), for browser checks of the task pane
// without the real service: fixed settings, a small CRM search, per-item status in memory. Every answer is
// validated against the shared schemas, so the stub can't drift from the contract.
import { createServer, type Server } from 'node:http';
import {
  apiErrorBodySchema,
  categoryRequestSchema,
  categoryResponseSchema,
  crmSearchQuerySchema,
  crmSearchResponseSchema,
  itemStatusSchema,
  meResponseSchema,
  syncAcceptedSchema,
  type CrmSearchResult,
  type ItemStatus,
} from '../../shared/api.js';
import { DEFAULT_CATEGORIES } from '../../shared/categories.js';
import { c4cUiLinkFor } from '../../shared/c4c-ui-links.js';
import { DEMO_USERS } from '../common/demo-tenant.js';

/** Where the stub says C4C's UI is (the form of the real links; there is no UI behind it). */
const FAKE_C4C_UI = { origin: 'https://my000000.crm.ondemand.com', sso: false, thingTypes: {} };

const CATALOG: CrmSearchResult[] = [
  { type: 'account', id: '1001', name: 'Porter LLC', subtitle: 'Berlin' },
  { type: 'account', id: '1002', name: 'Portland Pumps AG', subtitle: 'Hamburg' },
  { type: 'contact', id: 'C7', name: 'Kim Lee', subtitle: 'Porter LLC' },
  { type: 'opportunity', id: '42', name: 'Pumps for Porter', subtitle: 'Open' },
  { type: 'lead', id: '77', name: 'Porter expansion', subtitle: 'Qualified' },
];

export interface FakeApi {
  url: string;
  /** Calls received, "METHOD /path?query", for assertions. */
  calls: string[];
  statuses: Map<string, ItemStatus>;
  close(): Promise<void>;
}

export async function startFakeApi(port = 0): Promise<FakeApi> {
  const calls: string[] = [];
  const statuses = new Map<string, ItemStatus>();
  const user = DEMO_USERS[0]!;
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    calls.push(`${req.method} ${url.pathname}${url.search}`);
    let body = '';
    for await (const chunk of req) body += String(chunk);
    const send = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    const item = /^\/api\/items\/([^/]+)\/(status|sync|category)$/.exec(url.pathname);
    const itemId = item ? decodeURIComponent(item[1]!) : '';
    const status = () => statuses.get(itemId) ?? { itemId, state: 'notSynced' as const, kind: null, c4cObjectId: null, c4cId: null, c4cUrl: null, syncedAt: null, error: null };
    if (req.method === 'GET' && url.pathname === '/api/me') {
      return send(200, meResponseSchema.parse({
        user: { id: user.id, displayName: user.displayName, mail: user.mail },
        mailbox: { address: user.mail, provider: 'exchange', syncEnabled: true },
        settings: { categories: { appointment: DEFAULT_CATEGORIES.appointment, visit: DEFAULT_CATEGORIES.visit, error: DEFAULT_CATEGORIES.error }, conflictWinner: 'groupware', visitSyncTo: 'organizer', c4cUi: FAKE_C4C_UI },
      }));
    }
    if (req.method === 'GET' && url.pathname === '/api/crm/search') {
      const query = crmSearchQuerySchema.safeParse(Object.fromEntries(url.searchParams));
      if (!query.success) return send(400, apiErrorBodySchema.parse({ error: { code: 'bad_request', message: 'invalid search' } }));
      const q = query.data.q.toLowerCase();
      const results = CATALOG.filter((r) => query.data.types.includes(r.type) && (r.name.toLowerCase().includes(q) || r.id.toLowerCase() === q));
      return send(200, crmSearchResponseSchema.parse({ results: results.slice(0, query.data.top) }));
    }
    if (item && req.method === 'GET' && item[2] === 'status') return send(200, itemStatusSchema.parse(status()));
    if (item && req.method === 'POST' && item[2] === 'sync') {
      // Pretend the insta-sync finishes a moment later, so the pane's polling is exercised.
      statuses.set(itemId, { ...status(), state: 'pending' });
      setTimeout(() => statuses.set(itemId, { ...status(), state: 'synced', c4cObjectId: `OBJ-${itemId.slice(-6)}`, c4cId: '4711', c4cUrl: c4cUiLinkFor(FAKE_C4C_UI, 'visit', '4711'), syncedAt: new Date().toISOString(), error: null }), 1500);
      return send(202, syncAcceptedSchema.parse({ state: 'pending' }));
    }
    if (item && req.method === 'POST' && item[2] === 'category') {
      const request = categoryRequestSchema.safeParse(body ? JSON.parse(body) : {});
      if (!request.success) return send(400, { error: { code: 'bad_request', message: 'kind must be appointment, visit or null' } });
      statuses.set(itemId, { ...status(), kind: request.data.kind });
      const names = request.data.kind ? [request.data.kind === 'visit' ? DEFAULT_CATEGORIES.visit : DEFAULT_CATEGORIES.appointment] : [];
      return send(200, categoryResponseSchema.parse({ kind: request.data.kind, categories: names }));
    }
    return send(404, { error: { code: 'not_found', message: `${req.method} ${url.pathname}` } });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`,
    calls,
    statuses,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
