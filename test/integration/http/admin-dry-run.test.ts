// POST /api/admin/dry-run over HTTP (fastify inject) against the Graph and C4C sandboxes and the real store, on PGlite
// and PostgreSQL: for a tenant user who is not enrolled, the dry run writes nothing (no write request reached either
// sandbox, the mailbox's calendar is unchanged, every store table holds the same rows), and what it announces is what
// the real first session then does once the user is enrolled. Proposed settings are checked as PUT checks them (a bad
// one refused by name) and change the answer without being saved. 401 / 403 / 404, and its own rate limit.
import { jest } from '@jest/globals';
import { calendarSync } from '../../../src/server/sync/family-sync.js';
import { DRY_RUN_LISTED_ITEMS, dryRunResponseSchema, type DryRunResponse } from '../../../src/shared/admin-api.js';
import { DRY_RUNS_PER_MINUTE } from '../../../src/server/http/admin-dry-run-routes.js';
import { ADMIN_ROLE, buildTestApp } from '../../support/http-app-fakes.js';
import { buildDryRunApp } from '../../support/dry-run-app.js';
import { AVA, BEN, TENANT_ID, mailboxOf, startSyncHarness, type SyncHarness } from '../../support/sync-harness.js';
import { TEST_DRIVERS, stopTestDatabases } from '../../support/test-database.js';
import { APPOINTMENT, eventBody, uniqueSubject } from '../sync/fixtures.js';

jest.setTimeout(120_000);
afterAll(stopTestDatabases);

/** The tables a session writes (and the audit trail): a dry run must leave every row as it was. */
const TABLES = ['mailboxes', 'sync_pairs', 'sync_log', 'crm_inbox', 'cursors', 'write_intents', 'pending_creates', 'guard_holds', 'admin_audit', 'tenants', 'forgotten_crm_records', 'graph_subscriptions', 'sync_list_entries', 'crm_delete_hints'];

describe.each(TEST_DRIVERS)('POST /api/admin/dry-run on %s', (driver) => {
  let h: SyncHarness;
  let built: Awaited<ReturnType<typeof buildTestApp>>;
  let oid = 0;

  beforeAll(async () => {
    h = await startSyncHarness(driver, { users: [AVA, BEN] });
    // Ben is a tenant user provisioning found, but not enrolled.
    await h.store.transaction((tx) => tx.upsertMailbox({ ...mailboxOf(BEN), enabled: false }));
    const families = [calendarSync({ calendar: h.calendar, crm: h.crm })];
    built = await buildDryRunApp(h, families);
  });
  afterAll(async () => {
    await built?.app.close();
    await h?.close();
  });

  // Each call as another admin, so that the dry run's own limit counts only in the test made for it.
  const post = async (payload: unknown, roles: string[] | null = [ADMIN_ROLE], who = `admin-${(oid += 1)}`) =>
    built.app.inject({ method: 'POST', url: '/api/admin/dry-run', payload: payload as object, headers: roles ? { authorization: `Bearer ${await built.mint({ oid: who, roles })}` } : {} });

  const storeRows = async () => {
    const rows: Record<string, string[]> = {};
    for (const table of TABLES) rows[table] = (await h.db.query(`SELECT row_to_json(t)::text AS row FROM ${table} t`)).rows.map((r) => String(r.row)).sort();
    return rows;
  };
  const calendarOf = async (userId: string) => ((await h.graph.request('GET', `/users/${userId}/events?$select=id,categories&$top=999`)).body.value as { id: string; changeKey?: string; categories: string[] }[]).map((e) => JSON.stringify(e)).sort();

  it('answers 401 without a token, 403 without the admin role, 404 for no such mailbox, 400 for a bad request', async () => {
    expect((await post({ mailbox: BEN.mail }, null)).statusCode).toBe(401);
    expect((await post({ mailbox: BEN.mail }, ['CrmSync.Reader'])).statusCode).toBe(403);
    expect((await post({ mailbox: 'nobody@example.com' })).statusCode).toBe(404);
    expect((await post({})).statusCode).toBe(400);
  });

  it("writes nothing for a mailbox not enrolled, and announces what the real first session then does", async () => {
    for (let i = 0; i < 3; i += 1) await h.graph.createEvent(BEN.id, eventBody(uniqueSubject(`dry run ${i}`), 2 + i, { categories: [APPOINTMENT] }));
    const rowsBefore = await storeRows();
    const calendarBefore = await calendarOf(BEN.id);
    await h.resetCounters();

    const answer = await post({ mailbox: BEN.mail });
    expect(answer.statusCode).toBe(200);
    const dry: DryRunResponse = dryRunResponseSchema.parse(answer.json());

    // Nothing written anywhere: no write request reached either sandbox, the calendar and every store row as before.
    const counters = await h.counters();
    expect({ graph: counters.graphWrites, c4c: counters.c4cWrites }).toEqual({ graph: {}, c4c: {} });
    expect(counters.graph.total).toBeGreaterThan(0);
    expect(await calendarOf(BEN.id)).toEqual(calendarBefore);
    expect(await storeRows()).toEqual(rowsBefore);

    expect(dry.mailbox).toEqual({ mailboxId: BEN.id, email: BEN.mail, enrolled: false });
    expect(dry.settingChanges).toEqual([]);
    const [calendar] = dry.families;
    if (!calendar?.previewed) throw new Error('the calendar family was not previewed');
    expect(calendar.fullRead).toBe(true);
    expect(calendar.actions['createCrm']).toBeGreaterThanOrEqual(3);
    expect(dry.items.length).toBe(Math.min(DRY_RUN_LISTED_ITEMS, dry.itemCount));
    expect(dry.items[0]).toMatchObject({ family: 'calendar', held: false, actions: expect.arrayContaining([expect.any(String)]) });
    // Ids, kinds and actions only: no subject of the mailbox's items.
    expect(answer.body).not.toContain('dry run 0');

    // Enrolled now, the mailbox's first real session does exactly that.
    await h.store.transaction((tx) => tx.upsertMailbox({ ...mailboxOf(BEN), enabled: true }));
    const report = await h.session(BEN.id);
    const applied = Object.fromEntries(Object.entries(report.applied).filter(([type]) => type !== 'recordState'));
    expect(report.failed).toEqual([]);
    expect(applied).toEqual(calendar.actions);
    expect(report.read).toEqual(calendar.read);
    expect(report.held).toBe(0);
    expect(calendar.held).toBe(0);
  });

  it('previews proposed settings checked as PUT checks them, without saving them; a bad one is refused by name', async () => {
    const settingsBefore = await h.store.getSettings(TENANT_ID);
    // Ava, enrolled and synced: under another appointment category her tagged items would no longer sync, so the
    // session would read in full and create nothing for them.
    await h.session(AVA.id);
    const renamed = dryRunResponseSchema.parse((await post({ mailbox: AVA.id, settings: { CATEGORY_APPOINTMENT: 'Kundentermin' } })).json());
    expect(renamed.settingChanges).toEqual([{ setting: 'CATEGORY_APPOINTMENT', from: APPOINTMENT, to: 'Kundentermin' }]);
    const [calendar] = renamed.families;
    expect(calendar).toMatchObject({ previewed: true, fullRead: true });
    if (calendar?.previewed) expect(calendar.actions['createCrm'] ?? 0).toBe(0);
    expect(await h.store.getSettings(TENANT_ID)).toEqual(settingsBefore);

    const bad = await post({ mailbox: AVA.id, settings: { SYNC_INTERVAL_MINUTES: 0 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('SYNC_INTERVAL_MINUTES: must be at least 1');
  });

  it(`allows an admin ${DRY_RUNS_PER_MINUTE} dry runs a minute`, async () => {
    const codes: number[] = [];
    for (let i = 0; i <= DRY_RUNS_PER_MINUTE; i += 1) codes.push((await post({ mailbox: 'nobody@example.com' }, [ADMIN_ROLE], 'busy-admin')).statusCode);
    expect(codes).toEqual([...Array<number>(DRY_RUNS_PER_MINUTE).fill(404), 429]);
  });
});
