// A Google mailbox synced end to end over real HTTP: the Google and C4C sandboxes on ephemeral ports, the real Google
// calendar source (Google's own client, JWT-bearer grant with `sub`, the token URL sent to the sandbox) and C4C
// adapter, the engine's sessions on a test database. `h.user(email)` acts as the user in Google Calendar through
// @googleapis/calendar; `h.c4c` as the user in C4C.
import type { calendar_v3 } from '@googleapis/calendar';
import pino from 'pino';
import { startC4cSandbox } from '../../../src/sandbox/c4c/server.js';
import { DEMO_USERS, DEMO_TENANT, type DemoUser } from '../../../src/sandbox/common/demo-tenant.js';
import { C4cCrmActivities, ReadBatcher } from '../../../src/server/adapters/c4c/index.js';
import { GoogleCalendarSource } from '../../../src/server/adapters/google/index.js';
import { createSessionStore, SqlGoogleCalendars, type Database, type SqlSessionStore } from '../../../src/server/adapters/store/index.js';
import type { Mailbox } from '../../../src/server/domain/mailbox.js';
import { withDefaults } from '../../../src/server/domain/settings.js';
import type { CalendarSource } from '../../../src/server/ports/calendar-source.js';
import { systemClock } from '../../../src/server/ports/clock.js';
import { calendarSync, type FamilySync } from '../../../src/server/sync/family-sync.js';
import { calendarByProvider } from '../../../src/server/sync/provider-calendar.js';
import { runSession, type SessionReport } from '../../../src/server/sync/run/session.js';
import { pollTenant } from '../../../src/server/sync/tenant/poll.js';
import { C4cClient, control } from '../../support/sync-harness-http.js';
import { openTestDatabase, type TestDriver } from '../../support/test-database.js';
import { TEST_SEALER } from '../../support/test-sealer.js';
import { startGoogleHarness, type GoogleHarness } from '../sandbox-google/harness.js';

export const TENANT_ID = DEMO_TENANT.tenantId;
const byMail = (mail: string) => DEMO_USERS.find((u) => u.mail === mail) as DemoUser;
export const DAN = byMail('dan.diaz@contoso.example');

export function googleMailbox(user: DemoUser): Mailbox {
  return { mailboxId: `google:${user.mail}`, tenantId: TENANT_ID, provider: 'google', email: user.mail, displayName: user.displayName, employeePartyId: user.c4cEmployeeId, enabled: true };
}

/** Nothing of Graph is reached in these tests: a Graph mailbox here is a bug. */
const NO_GRAPH: CalendarSource = {
  readChanges: () => Promise.reject(new Error('Graph called for a Google mailbox')),
  getItems: () => Promise.reject(new Error('Graph called for a Google mailbox')),
  write: () => Promise.reject(new Error('Graph called for a Google mailbox')),
};

export interface GoogleSyncHarness {
  google: GoogleHarness;
  c4c: C4cClient;
  c4cUrl: string;
  db: Database;
  store: SqlSessionStore;
  source: GoogleCalendarSource;
  /** A new source over the same store (a restarted service): it knows no calendar until it looks. */
  newSource(): GoogleCalendarSource;
  user(email: string): calendar_v3.Calendar;
  cycle(mailbox: Mailbox): Promise<SessionReport[]>;
  settle(mailbox: Mailbox, rounds?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startGoogleSyncHarness(driver: TestDriver, mailboxes: readonly Mailbox[]): Promise<GoogleSyncHarness> {
  const google = await startGoogleHarness();
  const c4cSandbox = await startC4cSandbox({ port: 0, accounts: 20 });
  const c4cInfo = (await control(c4cSandbox.url, 'GET', '/info')).body as { serviceRoot: string; technicalUser: { user: string; password: string } };
  const logger = pino({ level: process.env['SYNC_TEST_LOG'] ?? 'silent' });
  const retry = { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 500 };
  const crmReads = ReadBatcher.connectedTo({ baseUrl: c4cInfo.serviceRoot, user: c4cInfo.technicalUser.user, password: c4cInfo.technicalUser.password, logger, timeoutMs: 15_000, retry });
  const crm = new C4cCrmActivities({ baseUrl: c4cInfo.serviceRoot, user: c4cInfo.technicalUser.user, password: c4cInfo.technicalUser.password, logger, timeoutMs: 15_000, retry, reads: crmReads });
  const db = await openTestDatabase(driver);
  const store = createSessionStore(db);
  const key = google.info.serviceAccountKey as { client_email: string; private_key: string; private_key_id: string };
  const newSource = () =>
    new GoogleCalendarSource({
      key,
      apiRootUrl: `${google.url}/`,
      tokenUrl: google.info.tokenUrl as string,
      settingsOf: async (tenantId) => {
        const settings = withDefaults((await store.getSettings(tenantId)) ?? {});
        return { categories: settings.categories, calendarNames: settings.google.calendarNames };
      },
      calendarIds: new SqlGoogleCalendars(db),
      logger,
      retry,
    });
  const source = newSource();
  const families: FamilySync[] = [calendarSync({ calendar: calendarByProvider({ graph: NO_GRAPH, google: source }), crm })];
  await store.transaction(async (tx) => {
    await tx.saveSettings(TENANT_ID, withDefaults({}));
    for (const m of mailboxes) await tx.upsertMailbox(m);
  });
  const cycle = async (mailbox: Mailbox): Promise<SessionReport[]> => {
    const poll = await pollTenant({ store, families, clock: systemClock, readTogether: (fn) => crmReads.together(fn) }, TENANT_ID);
    const reports: SessionReport[] = [];
    for (const id of new Set([...poll.mailboxIds, mailbox.mailboxId])) reports.push(await runSession({ store, families, clock: systemClock, sealer: TEST_SEALER }, id));
    return reports;
  };
  return {
    google,
    c4c: new C4cClient(c4cSandbox.url),
    c4cUrl: c4cSandbox.url,
    db,
    store,
    source,
    newSource,
    user: (email) => google.client(email),
    cycle,
    async settle(mailbox, rounds = 4) {
      for (let round = 0; round < rounds; round += 1) {
        const reports = await cycle(mailbox);
        const applied = reports.reduce((n, r) => n + r.failed.length + Object.entries(r.applied).reduce((a, [type, c]) => (type === 'recordState' ? a : a + c), 0), 0);
        if (applied === 0) return;
      }
      throw new Error(`the Google mailbox did not settle in ${rounds} rounds`);
    },
    async close() {
      await store.close();
      await Promise.all([google.close(), c4cSandbox.close()]);
    },
  };
}
