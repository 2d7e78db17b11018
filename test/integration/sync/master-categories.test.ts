// The sync categories in each mailbox's master category list (Outlook's Categorize menu), against the Graph sandbox
// on both databases: created with their colours under the tenant's names when mailboxes are provisioned, a user's
// own colour left alone, and put back by a session after a user deleted one (at most one read an hour per mailbox).
import pino from 'pino';
import { provisionMailboxes } from '../../../src/server/jobs/provision-mailboxes.js';
import { DEFAULT_SYNC_SETTINGS } from '../../../src/server/domain/settings.js';
import { createMasterCategoryKeeper } from '../../../src/server/sync/run/master-categories.js';
import { runSession } from '../../../src/server/sync/run/session.js';
import { DEMO_USERS } from '../../../src/sandbox/common/demo-tenant.js';
import { fixedClock } from '../../support/fixed-clock.js';
import { DAN, TENANT_ID, startSyncHarness, type SyncHarness } from '../../support/sync-harness.js';
import type { Json } from '../../support/sync-harness-http.js';
import { TEST_DRIVERS, stopTestDatabases } from '../../support/test-database.js';
import { TEST_SEALER } from '../../support/test-sealer.js';

afterAll(stopTestDatabases);

const NAMES = { ...DEFAULT_SYNC_SETTINGS.categories, appointment: 'CRM Appointment', visit: 'CRM Visit', task: 'CRM Task', error: 'CRM Error' };
const HOUR = 3_600_000;

describe.each(TEST_DRIVERS)('master categories on %s', (driver) => {
  let h: SyncHarness;
  const logger = pino({ level: 'silent' });
  beforeAll(async () => {
    h = await startSyncHarness(driver, { users: [DAN], settings: { categories: NAMES } });
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  const masterList = async (userId: string): Promise<Json[]> => (await h.graph.request('GET', `/users/${userId}/outlook/masterCategories`)).body.value as Json[];
  const colours = async (userId: string): Promise<Record<string, string>> => {
    const list = await masterList(userId);
    return Object.fromEntries(list.filter((c) => /^crm /i.test(String(c.displayName))).map((c) => [String(c.displayName), String(c.color)]));
  };
  const masterListReads = async (): Promise<number> =>
    Object.entries((await h.counters()).graph.byRoute)
      .filter(([route]) => /^GET .*outlook\/masterCategories$/.test(route))
      .reduce((n, [, count]) => n + count, 0);

  it("creates the sync categories with their colours under the tenant's names in every provisioned mailbox, and keeps a user's own colour", async () => {
    // Dan already made the Visit category himself, in another case and colour.
    expect((await h.graph.request('POST', `/users/${DAN.id}/outlook/masterCategories`, { displayName: 'crm visit', color: 'preset9' })).status).toBe(201);
    const keeper = createMasterCategoryKeeper({ groupware: h.calendar, clock: h.clock, tasks: true });
    const report = await provisionMailboxes({ store: h.store, users: h.calendar, crm: h.crm, logger, masterCategories: keeper, categoryWaitMs: 60_000 }, TENANT_ID);
    expect(report.mailboxes).toBe(DEMO_USERS.length);
    expect(await report.categories).toEqual({ checked: DEMO_USERS.length, changed: DEMO_USERS.length, failed: 0 });

    for (const user of DEMO_USERS.filter((u) => u.id !== DAN.id)) {
      expect(await colours(user.id)).toEqual({ 'CRM Appointment': 'preset7', 'CRM Visit': 'preset4', 'CRM Task': 'preset5', 'CRM Error': 'preset0' });
    }
    expect(await colours(DAN.id)).toEqual({ 'CRM Appointment': 'preset7', 'crm visit': 'preset9', 'CRM Task': 'preset5', 'CRM Error': 'preset0' });
    // Provisioned again (the next start): nothing is created twice.
    const again = await provisionMailboxes({ store: h.store, users: h.calendar, crm: h.crm, logger, masterCategories: keeper, categoryWaitMs: 60_000 }, TENANT_ID);
    expect(await again.categories).toEqual({ checked: DEMO_USERS.length, changed: 0, failed: 0 });
    expect((await masterList(DAN.id)).filter((c) => /^crm /i.test(String(c.displayName)))).toHaveLength(4);
  });

  it('puts back a category the user deleted at the next session after the hour, without reading the list in every session', async () => {
    const clock = fixedClock(new Date('2026-12-01T08:00:00Z'));
    const keeper = createMasterCategoryKeeper({ groupware: h.calendar, clock, tasks: false });
    const session = () => runSession({ store: h.store, families: [], clock, sealer: TEST_SEALER, masterCategories: keeper }, DAN.id);
    const first = await session();
    expect(first.masterCategories).toEqual({ created: [] }); // provisioning made them (test above)

    const error = (await masterList(DAN.id)).find((c) => c.displayName === 'CRM Error');
    expect((await h.graph.request('DELETE', `/users/${DAN.id}/outlook/masterCategories/${String(error?.id)}`)).status).toBe(204);
    await h.resetCounters();
    clock.advance(HOUR / 2);
    expect((await session()).masterCategories).toBeUndefined();
    expect(await masterListReads()).toBe(0);

    clock.advance(HOUR / 2);
    expect((await session()).masterCategories).toEqual({ created: ['CRM Error'] });
    expect(await masterListReads()).toBe(1);
    expect((await colours(DAN.id))['CRM Error']).toBe('preset0');
  });

  it('reports a failed check on the session and tries again at the next one', async () => {
    const clock = fixedClock(new Date('2026-12-02T08:00:00Z'));
    const keeper = createMasterCategoryKeeper({ groupware: h.calendar, clock, tasks: false });
    await h.graphControl('PUT', '/faults', { count: 20, kinds: ['unavailable'] });
    try {
      const failed = await runSession({ store: h.store, families: [], clock, sealer: TEST_SEALER, masterCategories: keeper }, DAN.id);
      expect(failed.masterCategories).toEqual({ failed: expect.stringMatching(/^Graph 503/) });
    } finally {
      await h.graphControl('DELETE', '/faults');
    }
    const retried = await runSession({ store: h.store, families: [], clock, sealer: TEST_SEALER, masterCategories: keeper }, DAN.id);
    expect(retried.masterCategories).toEqual({ created: [] });
  });
});
