// The guard's holds and the tenant pairing through /api/admin (fastify inject): 401/403 for every route, and an
// admin listing, releasing and discarding holds over a real store (PGlite): a release forgets the mailbox's
// groupware cursors and asks for a session (audited); a discard forgets the hold's pairs; a decided hold cannot be
// decided again.
import { jest } from '@jest/globals';
import { createSessionStore, SqlAdminConsole, type Database } from '../../../src/server/adapters/store/index.js';
import { withDefaults } from '../../../src/server/domain/settings.js';
import { systemClock } from '../../../src/server/ports/clock.js';
import { decideHold } from '../../../src/server/sync/tenant/holds.js';
import { ADMIN_ROLE, buildTestApp } from '../../support/http-app-fakes.js';
import { seedMailboxRows } from '../../support/mailbox-rows.js';
import { aHold } from '../../support/state-fixtures.js';
import { openTestDatabase } from '../../support/test-database.js';

jest.setTimeout(30_000);

let db: Database;
let built: Awaited<ReturnType<typeof buildTestApp>>;
const sessions: string[] = [];

beforeAll(async () => {
  db = await openTestDatabase('pglite');
  const store = createSessionStore(db, { ownsDatabase: false });
  const queue = { enqueueMailboxSession: async (mailboxId: string) => void sessions.push(mailboxId) };
  built = await buildTestApp({
    items: {},
    admin: {
      resolveMailbox: async (idOrEmail) => (await store.listMailboxes()).find((m) => m.mailboxId === idOrEmail || m.email === idOrEmail)?.mailboxId ?? null,
      listHolds: (filter) => store.listHolds(filter),
      decideHold: (holdId, decision, by) => decideHold({ store, queue, clock: systemClock }, holdId, decision, by),
      console: { tenantId: 'tenant-1', store: new SqlAdminConsole(db), environment: { settings: withDefaults(), setInEnvironment: [] } },
    },
  });
});
afterAll(async () => {
  await built.app.close();
  await db.close();
});

const call = async (method: 'GET' | 'POST', url: string, roles?: string[]) =>
  built.app.inject({ method, url, headers: roles ? { authorization: `Bearer ${await built.mint({ oid: 'admin-7', roles })}` } : {} });

describe('/api/admin holds and tenant', () => {
  it('answer 401 without a token and 403 without the admin role, and decide nothing', async () => {
    const m = await seedMailboxRows(db, 'holds-refused');
    for (const [method, url] of [
      ['GET', '/api/admin/holds'],
      ['POST', `/api/admin/holds/${m.mailboxId}-h1/release`],
      ['POST', `/api/admin/holds/${m.mailboxId}-h1/discard`],
      ['GET', '/api/admin/tenant'],
      ['POST', '/api/admin/tenant/re-pair'],
    ] as const) {
      expect((await call(method, url)).statusCode).toBe(401);
      expect((await call(method, url, ['CrmSync.Reader'])).statusCode).toBe(403);
    }
    const rows = await db.query<{ status: string }>('SELECT status FROM guard_holds WHERE hold_id = $1', [`${m.mailboxId}-h1`]);
    expect(rows.rows[0]?.status).toBe('held');
  });

  it('lists holds by mailbox e-mail, releases one (full read next, a session asked for) and refuses to decide it again', async () => {
    const m = await seedMailboxRows(db, 'holds-release');
    const list = await call('GET', `/api/admin/holds?mailbox=${encodeURIComponent(m.email)}&status=held`, [ADMIN_ROLE]);
    expect(list.statusCode).toBe(200);
    expect(list.json().holds).toEqual([expect.objectContaining({ holdId: `${m.mailboxId}-h1`, mailboxId: m.mailboxId, status: 'held', changes: { cancelCrm: 1 }, pairIds: ['pair-1'] })]);
    expect((await call('GET', '/api/admin/holds?mailbox=nobody@contoso.example', [ADMIN_ROLE])).statusCode).toBe(404);
    expect((await call('GET', '/api/admin/holds?status=maybe', [ADMIN_ROLE])).statusCode).toBe(400);

    const released = await call('POST', `/api/admin/holds/${m.mailboxId}-h1/release`, [ADMIN_ROLE]);
    expect(released.statusCode).toBe(200);
    expect(released.json()).toMatchObject({ status: 'released', decidedBy: 'admin-7', decidedAt: expect.any(String) });
    // The delta moved past the held changes: the next session reads the mailbox in full.
    expect((await db.query('SELECT 1 FROM cursors WHERE scope_id = $1', [m.mailboxId])).rowCount).toBe(0);
    expect(sessions).toContain(m.mailboxId);
    // Audited: who released which hold of which mailbox.
    const audit = await db.query<{ actor: string; action: string; target: string; detail: { holdId: string } }>('SELECT actor, action, target, detail FROM admin_audit WHERE target = $1', [m.mailboxId]);
    expect(audit.rows).toEqual([{ actor: 'admin-7', action: 'hold.release', target: m.mailboxId, detail: { holdId: `${m.mailboxId}-h1`, changes: { cancelCrm: 1 } } }]);
    const again = await call('POST', `/api/admin/holds/${m.mailboxId}-h1/discard`, [ADMIN_ROLE]);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/already released by admin-7/);
    expect((await call('POST', '/api/admin/holds/no-such-hold/release', [ADMIN_ROLE])).statusCode).toBe(404);
  });

  it('discards a hold: its pairs are forgotten, other pairs and the cursor stay', async () => {
    const m = await seedMailboxRows(db, 'holds-discard');
    const store = createSessionStore(db, { ownsDatabase: false });
    await store.transaction((tx) => tx.putHold(aHold({ holdId: `${m.mailboxId}-h2`, mailboxId: m.mailboxId, actions: [{ type: 'cancelCrm', pairId: `${m.mailboxId}-p1`, kind: 'appointment', crmObjectId: 'c1', ifMatch: 'e' }] })));
    const res = await call('POST', `/api/admin/holds/${m.mailboxId}-h2/discard`, [ADMIN_ROLE]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'discarded', changes: { cancelCrm: 1 } });
    const pairs = (await store.loadPairs(m.mailboxId)).map((p) => p.pairId);
    expect(pairs).toEqual([`${m.mailboxId}-p2`]);
    expect((await db.query('SELECT 1 FROM cursors WHERE scope_id = $1', [m.mailboxId])).rowCount).toBe(2);
  });

  it('shows the tenant pairing to an admin', async () => {
    const res = await call('GET', '/api/admin/tenant', [ADMIN_ROLE]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ state: 'paired', pairedWith: { systemId: 'sys-1' } });
  });
});
