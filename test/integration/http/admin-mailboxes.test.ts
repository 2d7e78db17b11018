// The console's mailbox list and actions (fastify inject) over the real store on PGlite and PostgreSQL: 401 / 403,
// keyset pages with filters, pause (sessions skip it) and resume (a session asked for), a full resync (delta links
// forgotten, pairs kept), each audited; a mailbox's page (sessions, items in error with a retry, conflicts). And a
// page of 10,000 mailboxes on PGlite.
import { jest } from '@jest/globals';
import { createSessionStore, SqlAdminConsole, SqlAdminMailboxes, type Database } from '../../../src/server/adapters/store/index.js';
import { registerJobs } from '../../../src/server/jobs/register-jobs.js';
import { syncNow } from '../../../src/server/jobs/sync-now.js';
import { createLogger } from '../../../src/server/log/index.js';
import type { JobWorker } from '../../../src/server/ports/job-queue.js';
import { runSession } from '../../../src/server/sync/run/session.js';
import { aLogEntry } from '../../support/state-fixtures.js';
import { systemClock } from '../../../src/server/ports/clock.js';
import { ADMIN_ROLE, buildTestApp, TENANT } from '../../support/http-app-fakes.js';
import { seedMailboxRows } from '../../support/mailbox-rows.js';
import { TEST_DRIVERS, openTestDatabase, stopTestDatabases } from '../../support/test-database.js';
import { TEST_SEALER } from '../../support/test-sealer.js';

jest.setTimeout(60_000);
afterAll(stopTestDatabases);

const NOW = new Date('2026-12-06T10:00:30.000Z');

async function appOn(db: Database) {
  const asked: string[] = [];
  // Which mailboxes have a session running (the queue's active job), as a test sets it.
  const running = new Set<string>();
  const built = await buildTestApp({
    items: {},
    admin: {
      console: { tenantId: TENANT, store: new SqlAdminConsole(db), environment: { settings: (await new SqlAdminConsole(db).readSettings(TENANT)).settings, setInEnvironment: [] } },
      mailboxes: { tenantId: TENANT, mailboxes: new SqlAdminMailboxes(db), intervalMinutes: async () => 30, askSession: async (id) => void asked.push(id), sessionRunning: async (id) => running.has(id), pauseWaitMs: 1500, now: () => NOW },
      syncMailbox: async (idOrEmail) => {
        const store = createSessionStore(db, { ownsDatabase: false });
        const mailbox = (await store.listMailboxes()).find((m) => m.mailboxId === idOrEmail || m.email === idOrEmail);
        return mailbox ? syncNow({ store, queue: { enqueueMailboxSession: async (id) => void asked.push(id) }, clock: systemClock, timeoutMs: 50, pollMs: 10 }, mailbox) : null;
      },
    },
  });
  const call = async (method: 'GET' | 'POST', url: string, roles?: string[]) =>
    built.app.inject({ method, url, headers: roles ? { authorization: `Bearer ${await built.mint({ oid: 'admin-7', roles })}` } : {} });
  return { ...built, asked, running, call };
}

describe.each(TEST_DRIVERS)('/api/admin/mailboxes on %s', (driver) => {
  let db: Database;
  let t: Awaited<ReturnType<typeof appOn>>;
  beforeAll(async () => {
    db = await openTestDatabase(driver);
    t = await appOn(db);
  });
  afterAll(async () => {
    await t.app.close();
    await db.close();
  });

  it('answer 401 without a token and 403 without the admin role, and pause nothing', async () => {
    const m = await seedMailboxRows(db, 'refused');
    for (const [method, url] of [['GET', '/api/admin/mailboxes'], ['POST', `/api/admin/mailboxes/${m.mailboxId}/pause`], ['POST', `/api/admin/mailboxes/${m.mailboxId}/resume`], ['POST', `/api/admin/mailboxes/${m.mailboxId}/resync`]] as const) {
      expect((await t.call(method, url)).statusCode).toBe(401);
      expect((await t.call(method, url, ['CrmSync.Reader'])).statusCode).toBe(403);
    }
    expect((await db.query('SELECT paused_at FROM mailboxes WHERE mailbox_id = $1', [m.mailboxId])).rows[0]?.paused_at).toBeNull();
    expect((await db.query('SELECT 1 FROM cursors WHERE scope_id = $1', [m.mailboxId])).rowCount).toBe(2);
  });

  it('lists mailboxes in pages with their state, counts per family, errors and next session; filters by text, state and provider', async () => {
    for (const id of ['list-a', 'list-b', 'list-c']) await seedMailboxRows(db, id);
    await db.query("UPDATE sync_pairs SET status = 'error' WHERE pair_id = 'list-b-p1'");
    await db.query("UPDATE guard_holds SET status = 'discarded' WHERE mailbox_id IN ('list-a', 'list-c')");
    await db.query("UPDATE mailboxes SET health = 'ok' WHERE mailbox_id IN ('list-a', 'list-c')");
    const first = await t.call('GET', '/api/admin/mailboxes?q=LIST-&limit=2', [ADMIN_ROLE]);
    expect(first.statusCode).toBe(200);
    const page = first.json();
    expect(page.mailboxes.map((m: { mailboxId: string }) => m.mailboxId)).toEqual(['list-a', 'list-b']);
    expect(page.mailboxes[0]).toMatchObject({ email: 'list-a@contoso.example', provider: 'graph', state: 'active', families: { calendar: { items: 1, errors: 0 } }, openErrors: 0, openHolds: 0, paused: null });
    expect(Date.parse(page.mailboxes[0].nextSessionAt)).toBeGreaterThan(NOW.getTime());
    expect(Date.parse(page.mailboxes[0].nextSessionAt) - NOW.getTime()).toBeLessThanOrEqual(30 * 60_000);
    expect(page.mailboxes[1]).toMatchObject({ state: 'held', openErrors: 1, openHolds: 1, lastError: { code: 'authFailed' } });
    const second = (await t.call('GET', `/api/admin/mailboxes?q=list-&limit=2&cursor=${page.next}`, [ADMIN_ROLE])).json();
    expect(second).toMatchObject({ mailboxes: [{ mailboxId: 'list-c' }], next: null });
    expect((await t.call('GET', '/api/admin/mailboxes?q=list-&state=held', [ADMIN_ROLE])).json().mailboxes.map((m: { mailboxId: string }) => m.mailboxId)).toEqual(['list-b']);
    expect((await t.call('GET', '/api/admin/mailboxes?q=list-&provider=google', [ADMIN_ROLE])).json().mailboxes).toEqual([]);
    expect((await t.call('GET', '/api/admin/mailboxes?cursor=nonsense', [ADMIN_ROLE])).statusCode).toBe(400);
    expect((await t.call('GET', '/api/admin/mailboxes?state=sleepy', [ADMIN_ROLE])).statusCode).toBe(400);
  });

  it('pauses a mailbox (its sessions are skipped), resumes it (a session is asked for), each audited once', async () => {
    const m = await seedMailboxRows(db, 'pause-me');
    const store = createSessionStore(db, { ownsDatabase: false });
    const paused = await t.call('POST', `/api/admin/mailboxes/${m.email}/pause`, [ADMIN_ROLE]);
    expect(paused.statusCode).toBe(200);
    expect(paused.json()).toMatchObject({ changed: true, sessionRunning: false, mailbox: { mailboxId: m.mailboxId, state: 'paused', paused: { at: NOW.toISOString(), by: 'admin-7' }, nextSessionAt: null } });
    expect((await t.call('POST', `/api/admin/mailboxes/${m.mailboxId}/pause`, [ADMIN_ROLE])).json().changed).toBe(false);
    // Every way a session is asked for ends in runSession, which skips a paused mailbox without reading either side.
    expect((await runSession({ store, families: [], clock: systemClock, sealer: TEST_SEALER }, m.mailboxId)).skipped).toBe('paused');
    expect((await store.getMailbox(m.mailboxId))?.paused).toBe(true);
    // An admin's sync now says so at once, rather than waiting for a session that is skipped.
    const syncNowPaused = await t.call('POST', `/api/admin/mailboxes/${m.mailboxId}/sync`, [ADMIN_ROLE]);
    expect(syncNowPaused.statusCode).toBe(409);
    expect(syncNowPaused.json().error.message).toMatch(/is paused: resume it first/);
    expect(t.asked).toEqual([]);

    const resumed = await t.call('POST', `/api/admin/mailboxes/${m.mailboxId}/resume`, [ADMIN_ROLE]);
    expect(resumed.json()).toMatchObject({ changed: true, mailbox: { state: 'held', paused: null } });
    expect(t.asked).toEqual([m.mailboxId]);
    expect((await runSession({ store, families: [], clock: systemClock, sealer: TEST_SEALER }, m.mailboxId)).skipped).toBeNull();
    const audit = (await t.call('GET', `/api/admin/audit?target=${m.mailboxId}`, [ADMIN_ROLE])).json().entries;
    expect(audit.map((e: { action: string; actor: string }) => `${e.action} by ${e.actor}`)).toEqual(['mailbox.resume by admin-7', 'mailbox.pause by admin-7']);
    expect((await t.call('POST', '/api/admin/mailboxes/nobody@contoso.example/pause', [ADMIN_ROLE])).statusCode).toBe(404);
  });

  it('answers a pause once the session that was running has finished, or says it still runs', async () => {
    const m = await seedMailboxRows(db, 'pause-running');
    t.running.add(m.mailboxId);
    const started = Date.now();
    setTimeout(() => t.running.delete(m.mailboxId), 400);
    const paused = await t.call('POST', `/api/admin/mailboxes/${m.mailboxId}/pause`, [ADMIN_ROLE]);
    expect(paused.json()).toMatchObject({ changed: true, sessionRunning: false, mailbox: { state: 'paused' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);

    // A session that does not end (a worker died mid-session, its job not yet expired): the answer says so.
    await t.call('POST', `/api/admin/mailboxes/${m.mailboxId}/resume`, [ADMIN_ROLE]);
    t.running.add(m.mailboxId);
    const stillRunning = await t.call('POST', `/api/admin/mailboxes/${m.mailboxId}/pause`, [ADMIN_ROLE]);
    expect(stillRunning.json()).toMatchObject({ changed: true, sessionRunning: true, mailbox: { state: 'paused' } });
    t.running.delete(m.mailboxId);
  });

  it('resyncs a mailbox in full: its delta links go, its pairs stay, a session is asked for, audited', async () => {
    const m = await seedMailboxRows(db, 'resync-me');
    const res = await t.call('POST', `/api/admin/mailboxes/${m.mailboxId}/resync`, [ADMIN_ROLE]);
    expect(res.statusCode).toBe(200);
    expect((await db.query('SELECT 1 FROM cursors WHERE scope_id = $1', [m.mailboxId])).rowCount).toBe(0);
    expect((await db.query('SELECT 1 FROM sync_pairs WHERE mailbox_id = $1', [m.mailboxId])).rowCount).toBe(2);
    expect(t.asked).toContain(m.mailboxId);
    const [entry] = (await t.call('GET', `/api/admin/audit?target=${m.mailboxId}`, [ADMIN_ROLE])).json().entries;
    expect(entry).toMatchObject({ action: 'mailbox.resync', actor: 'admin-7', detail: { cursorsForgotten: 2 } });
  });

  it("shows a mailbox's page: the sessions the worker logged, its items in error with a retry each (audited), its conflicts with both versions and the winner", async () => {
    const m = await seedMailboxRows(db, 'page-me');
    const store = createSessionStore(db, { ownsDatabase: false });
    await db.query("UPDATE sync_pairs SET status = 'error', last_error_code = 'allDayTooLong', last_error_message = 'All-day events over 24 hours do not sync.', error_since = '2026-12-06T09:00:00.000Z' WHERE pair_id = $1", [`${m.mailboxId}-p1`]);
    await store.transaction((tx) =>
      tx.appendLog([
        aLogEntry({ mailboxId: m.mailboxId, sessionId: 's-c', pairId: `${m.mailboxId}-p1`, event: 'conflict', outcome: 'ok', conflict: { fields: ['subject'], bothChanged: true, winner: 'crm', outlook: { version: 'ck-7', digests: {} }, crm: { version: 'etag-9', digests: {} } } }),
      ]),
    );
    // A session run by the worker's job, as every session is: it logs its summary line.
    let onSession: ((job: { mailboxId: string; reason: string }) => Promise<void>) | undefined;
    const worker = { onMailboxSession: async (h: typeof onSession) => void (onSession = h), onTenantPoll: async () => undefined, every: async () => undefined, takeQueuedSession: async () => false } as unknown as JobWorker;
    await registerJobs({ worker, queue: {} as never, store, families: [], sealer: TEST_SEALER, clock: systemClock, logger: createLogger({ level: 'silent', name: 'page-test' }), intervalMinutes: 30, sessionConcurrency: 1, subscriptions: null });
    await onSession?.({ mailboxId: m.mailboxId, reason: 'insta' });

    const page = await t.call('GET', `/api/admin/mailboxes/${m.email}`, [ADMIN_ROLE]);
    expect(page.statusCode).toBe(200);
    const body = page.json();
    expect(body.mailbox).toMatchObject({ mailboxId: m.mailboxId, openErrors: 1 });
    expect(body.sessions).toEqual([expect.objectContaining({ reason: 'insta', outcome: 'ok', read: { outlook: 0, crm: 0 }, applied: {}, failed: 0, held: 0, error: null })]);
    expect(body.errors).toEqual([{ pairId: `${m.mailboxId}-p1`, family: 'calendar', kind: 'appointment', code: 'allDayTooLong', message: 'All-day events over 24 hours do not sync.', since: '2026-12-06T09:00:00.000Z', outlookId: `${m.mailboxId}-o1`, crmObjectId: `${m.mailboxId}-c1` }]);
    expect(body.conflicts).toEqual([expect.objectContaining({ sessionId: 's-c', pairId: `${m.mailboxId}-p1`, fields: ['subject'], winner: 'crm', applied: true, outlook: { version: 'ck-7' }, crm: { version: 'etag-9' } })]);

    const retry = await t.call('POST', `/api/admin/mailboxes/${m.mailboxId}/items/${m.mailboxId}-p1/retry`, [ADMIN_ROLE]);
    expect(retry.statusCode).toBe(202);
    expect(t.asked.at(-1)).toBe(m.mailboxId);
    const [entry] = (await t.call('GET', `/api/admin/audit?target=${m.mailboxId}`, [ADMIN_ROLE])).json().entries;
    expect(entry).toMatchObject({ action: 'item.retry', actor: 'admin-7', detail: { pairId: `${m.mailboxId}-p1` } });
    // Not in error (the closed pair), or not the mailbox's: nothing to retry.
    expect((await t.call('POST', `/api/admin/mailboxes/${m.mailboxId}/items/${m.mailboxId}-p2/retry`, [ADMIN_ROLE])).statusCode).toBe(404);
    expect((await t.call('GET', '/api/admin/mailboxes/nobody@contoso.example', [ADMIN_ROLE])).statusCode).toBe(404);
    expect((await t.call('GET', `/api/admin/mailboxes/${m.mailboxId}`)).statusCode).toBe(401);
    expect((await t.call('POST', `/api/admin/mailboxes/${m.mailboxId}/items/${m.mailboxId}-p1/retry`, ['CrmSync.Reader'])).statusCode).toBe(403);
  });
});

describe('/api/admin/mailboxes with 10,000 mailboxes on PGlite', () => {
  it('pages on the server: the first, a deep and a filtered page each answer fast', async () => {
    const db = await openTestDatabase('pglite');
    const t = await appOn(db);
    try {
      await db.query("INSERT INTO tenants (tenant_id) VALUES ($1) ON CONFLICT DO NOTHING", [TENANT]);
      await db.query(
        `INSERT INTO mailboxes (mailbox_id, tenant_id, provider, email, display_name, health)
         SELECT 'm-' || lpad(n::text, 5, '0'), $1, CASE WHEN n % 10 = 0 THEN 'google' ELSE 'graph' END,
                'user' || lpad(n::text, 5, '0') || '@contoso.example', 'User ' || n, CASE WHEN n % 100 = 0 THEN 'error' ELSE 'ok' END
           FROM generate_series(1, 10000) AS n`,
        [TENANT],
      );
      await db.query('ANALYZE mailboxes');
      const timed = async (url: string) => {
        const started = performance.now();
        const res = await t.call('GET', url, [ADMIN_ROLE]);
        return { body: res.json(), ms: performance.now() - started };
      };
      const first = await timed('/api/admin/mailboxes?limit=100');
      expect(first.body.mailboxes).toHaveLength(100);
      const second = await timed(`/api/admin/mailboxes?limit=100&cursor=${first.body.next}`);
      expect(second.body.mailboxes[0].email).toBe('user00101@contoso.example');
      // Page 91 directly, with the cursor the previous page would have given (e-mail and id of its last row).
      const cursor = Buffer.from(JSON.stringify(['user09000@contoso.example', 'm-09000'])).toString('base64url');
      const deep = await timed(`/api/admin/mailboxes?limit=100&cursor=${cursor}`);
      expect(deep.body.mailboxes[0].email).toBe('user09001@contoso.example');
      const errors = await timed('/api/admin/mailboxes?state=error&provider=google&limit=200');
      expect(errors.body.mailboxes).toHaveLength(100);
      const search = await timed('/api/admin/mailboxes?q=user0999');
      expect(search.body.mailboxes).toHaveLength(10);
      // The times for the report; generous bounds, as CI machines are shared.
      console.log(`10,000 mailboxes on PGlite: first page ${first.ms.toFixed(0)} ms, second ${second.ms.toFixed(0)} ms, page 91 ${deep.ms.toFixed(0)} ms, state+provider filter ${errors.ms.toFixed(0)} ms, search ${search.ms.toFixed(0)} ms`);
      for (const { ms } of [first, second, deep, errors, search]) expect(ms).toBeLessThan(2_000);
    } finally {
      await t.app.close();
      await db.close();
    }
  });
});
