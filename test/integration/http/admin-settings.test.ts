// The console's settings and audit routes (fastify inject) over the real store on PGlite and PostgreSQL: 401 / 403,
// a change saved with its audit row and read by the next session's settings read, a bad value refused by name with
// nothing saved, the environment's differing values reported, and the audit paged newest first.
import { jest } from '@jest/globals';
import { createSessionStore, SqlAdminConsole, type Database } from '../../../src/server/adapters/store/index.js';
import { DEFAULT_SYNC_SETTINGS, withDefaults } from '../../../src/server/domain/settings.js';
import { ADMIN_ROLE, buildTestApp, TENANT } from '../../support/http-app-fakes.js';
import { seedMailboxRows } from '../../support/mailbox-rows.js';
import { TEST_DRIVERS, openTestDatabase, stopTestDatabases } from '../../support/test-database.js';

jest.setTimeout(30_000);
afterAll(stopTestDatabases);

describe.each(TEST_DRIVERS)('/api/admin/settings and /api/admin/audit on %s', (driver) => {
  let db: Database;
  let built: Awaited<ReturnType<typeof buildTestApp>>;
  const environment = { settings: withDefaults({ conflictWinner: 'outlook', deleteGuardLimit: 25 }), setInEnvironment: ['CONFLICT_WINNER'] };

  beforeAll(async () => {
    db = await openTestDatabase(driver);
    const adminConsole = new SqlAdminConsole(db);
    await adminConsole.seedSettings(TENANT, environment.settings);
    built = await buildTestApp({ items: {}, admin: { console: { tenantId: TENANT, store: adminConsole, environment } } });
  });
  afterAll(async () => {
    await built.app.close();
    await db.close();
  });

  const call = async (method: 'GET' | 'PUT', url: string, roles?: string[], payload?: unknown) =>
    built.app.inject({ method, url, payload: payload as object, headers: roles ? { authorization: `Bearer ${await built.mint({ oid: 'admin-7', roles })}` } : {} });

  it('answer 401 without a token and 403 without the admin role, and change nothing', async () => {
    for (const [method, url] of [['GET', '/api/admin/settings'], ['PUT', '/api/admin/settings'], ['GET', '/api/admin/audit']] as const) {
      expect((await call(method, url, undefined, { settings: { CONFLICT_WINNER: 'crm' } })).statusCode).toBe(401);
      expect((await call(method, url, ['CrmSync.Reader'], { settings: { CONFLICT_WINNER: 'crm' } })).statusCode).toBe(403);
    }
    expect((await createSessionStore(db, { ownsDatabase: false }).getSettings(TENANT))?.conflictWinner).toBe('outlook');
  });

  it('saves a change that the next session reads, with its audit row (who, when, old → new), and reports the environment that differs now', async () => {
    const before = await call('GET', '/api/admin/settings', [ADMIN_ROLE]);
    expect(before.statusCode).toBe(200);
    expect(before.json().settings).toContainEqual({ name: 'CONFLICT_WINNER', value: 'outlook', effect: 'session', environment: 'outlook', environmentDiffers: false });
    expect(before.json().environmentDiffers).toEqual([]);

    const m = await seedMailboxRows(db, `settings-${driver}`);
    const cursors = async () => (await db.query("SELECT kind FROM cursors WHERE scope_id = $1 ORDER BY kind", [m.mailboxId])).rows.map((r) => r.kind);
    const conflictOnly = await call('PUT', '/api/admin/settings', [ADMIN_ROLE], { settings: { CONFLICT_WINNER: 'crm' } });
    expect(conflictOnly.json()).toMatchObject({ rereads: false, changes: [{ setting: 'CONFLICT_WINNER', from: 'outlook', to: 'crm' }] });
    expect(await cursors()).toEqual(['contactDelta', 'graphDelta']);
    await call('PUT', '/api/admin/settings', [ADMIN_ROLE], { settings: { CONFLICT_WINNER: 'outlook' } });

    const put = await call('PUT', '/api/admin/settings', [ADMIN_ROLE], { settings: { CONFLICT_WINNER: 'crm', CATEGORY_VISIT: 'Kundenbesuch', DELETE_GUARD_LIMIT: '40' } });
    expect(put.statusCode).toBe(200);
    // A sync category renamed: items already tagged with the new name are in no delta, so every mailbox reads in full.
    expect(put.json().rereads).toBe(true);
    expect(await cursors()).toEqual([]);
    expect(put.json().changes).toEqual([
      { setting: 'CONFLICT_WINNER', from: 'outlook', to: 'crm' },
      { setting: 'DELETE_GUARD_LIMIT', from: 25, to: 40 },
      { setting: 'CATEGORY_VISIT', from: DEFAULT_SYNC_SETTINGS.categories.visit, to: 'Kundenbesuch' },
    ]);
    expect(put.json().environmentDiffers).toEqual(['CONFLICT_WINNER']);
    expect(put.json().settings).toContainEqual({ name: 'CONFLICT_WINNER', value: 'crm', effect: 'session', environment: 'outlook', environmentDiffers: true });
    // What runSession and the tenant poll read at their start (sync/run/session.ts): no cache between.
    expect(await createSessionStore(db, { ownsDatabase: false }).getSettings(TENANT)).toMatchObject({ conflictWinner: 'crm', deleteGuardLimit: 40, categories: { visit: 'Kundenbesuch' } });

    const audit = await call('GET', '/api/admin/audit?limit=10', [ADMIN_ROLE]);
    expect(audit.statusCode).toBe(200);
    expect(audit.json().entries[0]).toMatchObject({ actor: 'admin-7', action: 'settings.update', target: 'settings', at: expect.any(String), detail: { changes: put.json().changes } });
    expect(Date.now() - Date.parse(audit.json().entries[0].at)).toBeLessThan(60_000);
  });

  it('refuses a bad value with a message naming the setting and why, and saves nothing (no audit row)', async () => {
    const rows = async () => (await db.query('SELECT 1 FROM admin_audit')).rowCount;
    const audited = await rows();
    const bad = await call('PUT', '/api/admin/settings', [ADMIN_ROLE], { settings: { VISIT_SYNC_TO: 'owner', SYNC_INTERVAL_MINUTES: 0 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('SYNC_INTERVAL_MINUTES: must be at least 1');
    const secret = await call('PUT', '/api/admin/settings', [ADMIN_ROLE], { settings: { CLIENT_SECRET: 'x' } });
    expect(secret.statusCode).toBe(400);
    expect(secret.json().error.message).toMatch(/^CLIENT_SECRET: is not a setting the console can change/);
    expect((await call('PUT', '/api/admin/settings', [ADMIN_ROLE], { CONFLICT_WINNER: 'crm' })).statusCode).toBe(400);
    expect((await createSessionStore(db, { ownsDatabase: false }).getSettings(TENANT))?.visitSyncTo).toBe('organizer');
    expect(await rows()).toBe(audited);
  });

  it('pages the audit newest first', async () => {
    for (const limit of [11, 12, 13]) await call('PUT', '/api/admin/settings', [ADMIN_ROLE], { settings: { DELETE_GUARD_LIMIT: limit } });
    const first = (await call('GET', '/api/admin/audit?limit=2', [ADMIN_ROLE])).json();
    expect(first.entries.map((e: { detail: { changes: { to: number }[] } }) => e.detail.changes[0]?.to)).toEqual([13, 12]);
    const second = (await call('GET', `/api/admin/audit?limit=2&before=${first.next}`, [ADMIN_ROLE])).json();
    expect(second.entries[0].detail.changes[0].to).toBe(11);
    expect((await call('GET', '/api/admin/audit?before=x', [ADMIN_ROLE])).statusCode).toBe(400);
  });
});
