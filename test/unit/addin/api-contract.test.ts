import {
  apiErrorBodySchema,
  apiPaths,
  crmSearchQuerySchema,
  itemStatusSchema,
  meResponseSchema,
} from '../../../src/shared/api.js';

describe('shared API contract', () => {
  it('encodes REST item ids in paths', () => {
    expect(apiPaths.itemStatus('AAMk/a+b=')).toBe('/api/items/AAMk%2Fa%2Bb%3D/status');
    expect(apiPaths.itemSync('x')).toBe('/api/items/x/sync');
    expect(apiPaths.itemCategory('x')).toBe('/api/items/x/category');
  });

  it('builds the search query string', () => {
    expect(apiPaths.crmSearch({ q: 'porter & co', types: ['account', 'contact'], top: 5 })).toBe(
      '/api/crm/search?q=porter+%26+co&types=account%2Ccontact&top=5',
    );
    expect(apiPaths.crmSearch({ q: 'ab' })).toBe('/api/crm/search?q=ab');
  });

  it('parses search queries: defaults, types list, unknown types rejected', () => {
    const all = crmSearchQuerySchema.parse({ q: 'por' });
    expect(all.top).toBe(20);
    expect(all.types).toContain('salesOrder');
    expect(crmSearchQuerySchema.parse({ q: 'por', types: 'lead,lead,ticket', top: '3' })).toEqual({
      q: 'por',
      types: ['lead', 'ticket'],
      top: 3,
    });
    expect(crmSearchQuerySchema.safeParse({ q: 'por', types: 'planet' }).success).toBe(false);
    expect(crmSearchQuerySchema.safeParse({ q: 'p' }).success).toBe(false);
    expect(crmSearchQuerySchema.safeParse({ q: 'por', top: '500' }).success).toBe(false);
  });

  it('accepts a full synced status and rejects a bad state', () => {
    const status = {
      itemId: 'AAMk1',
      state: 'synced',
      kind: 'visit',
      c4cObjectId: '00163E03A0701ED28A8644000000AAAA',
      c4cId: '4711',
      c4cUrl: 'https://my000000.crm.ondemand.com/sap/ap/ui/runtime?bo=Visit&id=4711',
      syncedAt: '2026-11-21T10:00:00Z',
      error: null,
    };
    expect(itemStatusSchema.parse(status)).toEqual(status);
    expect(itemStatusSchema.safeParse({ ...status, state: 'done' }).success).toBe(false);
  });

  it('takes only https links to C4C (http on this machine, for the sandbox), never a script', () => {
    const base = { itemId: 'AAMk1', state: 'synced', kind: 'visit', c4cObjectId: 'OBJ', c4cId: '4711', syncedAt: '2026-11-21T10:00:00Z', error: null };
    for (const c4cUrl of ['javascript:alert(document.domain)', 'JavaScript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'http://c4c.evil.example/x', 'ftp://my000000.crm.ondemand.com/x', 'vbscript:msgbox(1)']) {
      expect(itemStatusSchema.safeParse({ ...base, c4cUrl }).success).toBe(false);
    }
    for (const c4cUrl of ['https://my000000.crm.ondemand.com/sap/public/byd/runtime?bo=COD_GENERIC', 'http://127.0.0.1:4002/sap/public/byd/runtime?x=1']) {
      expect(itemStatusSchema.safeParse({ ...base, c4cUrl }).success).toBe(true);
    }
  });

  it('accepts /me and error bodies', () => {
    expect(
      meResponseSchema.safeParse({
        user: { id: 'u', displayName: 'Ava Adams', mail: 'ava.adams@contoso.example' },
        mailbox: { address: 'ava.adams@contoso.example', provider: 'exchange', syncEnabled: true },
        settings: {
          categories: { appointment: 'SAP Cloud for Customer', visit: 'Visit', error: 'Error in SAP Cloud for Customer SSI' },
          conflictWinner: 'groupware',
          visitSyncTo: 'organizer',
        },
      }).success,
    ).toBe(true);
    expect(apiErrorBodySchema.safeParse({ error: { code: 'forbidden', message: 'no' } }).success).toBe(true);
    expect(apiErrorBodySchema.safeParse({ message: 'no' }).success).toBe(false);
  });
});
