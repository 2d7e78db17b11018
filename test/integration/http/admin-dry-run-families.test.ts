// POST /api/admin/dry-run over HTTP (fastify inject) for the families whose first read makes something: To Do (the
// service list), contacts (the folder) and a Google mailbox (its two calendars). One stack for the file: the Graph and
// C4C sandboxes of the sync harness, the Google sandbox, one PGlite store (the dry run's store reads are the session's,
// covered on both drivers by admin-dry-run.test.ts). For a mailbox not enrolled the dry run writes nothing: no write
// request reaches any sandbox, no list, folder or calendar appears, every store row stays as it was; it names what
// the first session would make; and the real first session then does what it counted.
import { jest } from '@jest/globals';
import pino from 'pino';
import { GoogleCalendarSource } from '../../../src/server/adapters/google/index.js';
import { SqlGoogleCalendars } from '../../../src/server/adapters/store/index.js';
import type { Mailbox } from '../../../src/server/domain/mailbox.js';
import { withDefaults } from '../../../src/server/domain/settings.js';
import { contactSync } from '../../../src/server/sync/contact-sync.js';
import { calendarSync, taskSync, type FamilySync } from '../../../src/server/sync/family-sync.js';
import { calendarByProvider } from '../../../src/server/sync/provider-calendar.js';
import { runSession, type SessionReport } from '../../../src/server/sync/run/session.js';
import { DEFAULT_CATEGORIES } from '../../../src/shared/categories.js';
import { dryRunResponseSchema, type DryRunFamily, type DryRunResponse } from '../../../src/shared/admin-api.js';
import { ADMIN_ROLE, buildTestApp } from '../../support/http-app-fakes.js';
import { buildDryRunApp } from '../../support/dry-run-app.js';
import { AVA, BEN, DAN, TENANT_ID, mailboxOf, startSyncHarness, type SyncHarness } from '../../support/sync-harness.js';
import { writeRequests, type Counters, type Json } from '../../support/sync-harness-http.js';
import { TEST_SEALER } from '../../support/test-sealer.js';
import { stopTestDatabases } from '../../support/test-database.js';
import { startGoogleHarness, type GoogleHarness } from '../sandbox-google/harness.js';
import { APPOINTMENT, eventBody, uniqueSubject } from '../sync/fixtures.js';

jest.setTimeout(180_000);
afterAll(stopTestDatabases);

/** The tables a session writes (the sync list and the Google calendar ids included): a dry run leaves every row. */
const TABLES = ['mailboxes', 'sync_pairs', 'sync_log', 'crm_inbox', 'cursors', 'write_intents', 'pending_creates', 'guard_holds', 'admin_audit', 'tenants', 'sync_list_entries', 'google_calendars', 'google_channels'];
const SETTINGS = withDefaults({});
const DAN_GOOGLE: Mailbox = { mailboxId: `google:${DAN.mail}`, tenantId: TENANT_ID, provider: 'google', email: DAN.mail, displayName: DAN.displayName, employeePartyId: DAN.c4cEmployeeId, enabled: false };

let h: SyncHarness;
let g: GoogleHarness;
let families: FamilySync[];
let built: Awaited<ReturnType<typeof buildTestApp>>;

beforeAll(async () => {
  h = await startSyncHarness('pglite', { users: [AVA, BEN], families: [] });
  g = await startGoogleHarness();
  const key = g.info.serviceAccountKey as { client_email: string; private_key: string; private_key_id: string };
  const google = new GoogleCalendarSource({
    key,
    apiRootUrl: `${g.url}/`,
    tokenUrl: g.info.tokenUrl as string,
    settingsOf: async () => ({ calendarNames: { appointment: 'SAP Appointments', visit: 'SAP Visits' }, categories: SETTINGS.categories }),
    calendarIds: new SqlGoogleCalendars(h.db),
    logger: pino({ level: 'silent' }),
    retry: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 500 },
  });
  // As the service binds them: one calendar family over both providers, To Do, and contacts on the sync list.
  families = [
    calendarSync({ calendar: calendarByProvider({ graph: h.calendar, google }), crm: h.crm }),
    taskSync({ tasks: h.tasks, crm: h.crmTasks }) as unknown as FamilySync,
    contactSync({ contacts: h.contacts, crm: h.crmContacts, syncList: h.syncList }) as unknown as FamilySync,
  ];
  // Ben (Microsoft 365) and Dan (Google) are tenant users provisioning found, not enrolled.
  await h.store.transaction(async (tx) => {
    await tx.upsertMailbox({ ...mailboxOf(BEN), enabled: false });
    await tx.upsertMailbox(DAN_GOOGLE);
  });
  built = await buildDryRunApp(h, families);
});
afterAll(async () => {
  await built?.app.close();
  await g?.close();
  await h?.close();
});

let admins = 0;
async function dryRun(mailbox: string): Promise<DryRunResponse> {
  // Another admin each time: the dry run's own limit (4 a minute per admin) is admin-dry-run.test.ts's.
  const token = await built.mint({ oid: `admin-${(admins += 1)}`, roles: [ADMIN_ROLE] });
  const answer = await built.app.inject({ method: 'POST', url: '/api/admin/dry-run', payload: { mailbox }, headers: { authorization: `Bearer ${token}` } });
  expect(answer.statusCode).toBe(200);
  return dryRunResponseSchema.parse(answer.json());
}

const storeRows = async () => {
  const rows: Record<string, string[]> = {};
  for (const table of TABLES) rows[table] = (await h.db.query(`SELECT row_to_json(t)::text AS row FROM ${table} t`)).rows.map((r) => String(r.row)).sort();
  return rows;
};
const graphOk = async (method: string, path: string, body?: Json): Promise<Json> => {
  const res = await h.graph.request(method, path, body);
  if (res.status >= 300) throw new Error(`Graph ${method} ${path}: ${res.status}`);
  return res.body;
};
const listNames = async (userId: string) => ((await graphOk('GET', `/users/${userId}/todo/lists`)).value as Json[]).map((l) => String(l.displayName)).sort();
const folderNames = async (userId: string) => ((await graphOk('GET', `/users/${userId}/contactFolders?$top=100`)).value as Json[]).map((f) => String(f.displayName)).sort();
const googleCalendars = async () => ((await g.client(DAN.mail).calendarList.list({ showHidden: true })).data.items ?? []).map((c) => String(c.summary)).sort();
/** Google's write requests (its token grant, a POST, writes nothing). */
const googleWrites = async () => Object.fromEntries(Object.entries(writeRequests((await g.control('GET', '/_sandbox/counters')).body as Counters)).filter(([route]) => route !== 'POST /token'));

const familyOf = (dry: DryRunResponse, name: string): Extract<DryRunFamily, { previewed: true }> => {
  const family = dry.families.find((f) => f.family === name);
  if (!family?.previewed) throw new Error(`the ${name} family was not previewed: ${JSON.stringify(family)}`);
  return family;
};
/** What the dry run counted over all families, as a session's report sums them. */
function totals(dry: DryRunResponse): { applied: Record<string, number>; read: { outlook: number; crm: number } } {
  const applied: Record<string, number> = {};
  const read = { outlook: 0, crm: 0 };
  for (const f of dry.families) {
    if (!f.previewed) throw new Error(`${f.family} not previewed: ${f.reason}`);
    for (const [type, n] of Object.entries(f.actions)) applied[type] = (applied[type] ?? 0) + n;
    read.outlook += f.read.outlook;
    read.crm += f.read.crm;
  }
  return { applied, read };
}
const appliedOf = (report: SessionReport) => Object.fromEntries(Object.entries(report.applied).filter(([type]) => type !== 'recordState'));

it("Microsoft 365: To Do and contacts are previewed with the list and folder the first session would make, and nothing is made", async () => {
  const defaultList = ((await graphOk('GET', `/users/${BEN.id}/todo/lists`)).value as Json[]).find((l) => l.wellknownListName === 'defaultList');
  await graphOk('POST', `/users/${BEN.id}/todo/lists/${String(defaultList?.id)}/tasks`, { title: uniqueSubject('Dry-run call back'), categories: [DEFAULT_CATEGORIES.task] });
  await h.graph.createEvent(BEN.id, eventBody(uniqueSubject('dry run families'), 3, { categories: [APPOINTMENT] }));
  const [contact] = await h.c4c.query('ContactCollection', "StatusCode eq '2'");
  await h.syncList.add(BEN.id, { type: 'contact', c4cId: String(contact?.ContactID) }, 'user');
  const before = { rows: await storeRows(), lists: await listNames(BEN.id), folders: await folderNames(BEN.id) };
  expect(before.lists).not.toContain(SETTINGS.tasks.listName);
  expect(before.folders).not.toContain(SETTINGS.contacts.folderName);
  await h.resetCounters();

  const dry = await dryRun(BEN.mail);

  const counters = await h.counters();
  expect({ graph: counters.graphWrites, c4c: counters.c4cWrites }).toEqual({ graph: {}, c4c: {} });
  expect({ rows: await storeRows(), lists: await listNames(BEN.id), folders: await folderNames(BEN.id) }).toEqual(before);
  // Ben's default list holds tagged demo tasks besides this one.
  expect(familyOf(dry, 'tasks')).toMatchObject({ wouldCreate: [`To Do list '${SETTINGS.tasks.listName}'`], actions: { createCrm: expect.any(Number) }, notes: [] });
  expect(familyOf(dry, 'tasks').actions['createCrm']).toBeGreaterThanOrEqual(1);
  expect(familyOf(dry, 'contacts')).toMatchObject({ wouldCreate: [`contact folder '${SETTINGS.contacts.folderName}'`], actions: { createOutlook: 1 }, read: { outlook: 0, crm: 1 } });
  // The sandbox's calendar has demo meetings of its own besides this one.
  expect(familyOf(dry, 'calendar')).toMatchObject({ wouldCreate: [], actions: { createCrm: expect.any(Number) } });
  // Every family's items are counted (the first 20 are listed, here calendar ones first).
  expect(dry.itemCount).toBe(Object.values(totals(dry).applied).reduce((a, b) => a + b, 0));

  // Enrolled, its first real session does what was counted, and makes the list and the folder.
  await h.store.transaction((tx) => tx.upsertMailbox({ ...mailboxOf(BEN), enabled: true }));
  const report = await runSession({ store: h.store, families, clock: h.clock, sealer: TEST_SEALER }, BEN.id);
  expect(report.failed).toEqual([]);
  expect({ applied: appliedOf(report), read: report.read }).toEqual(totals(dry));
  expect(await listNames(BEN.id)).toContain(SETTINGS.tasks.listName);
  expect(await folderNames(BEN.id)).toContain(SETTINGS.contacts.folderName);
});

it('Google: the calendar is previewed with the two calendars the first session would make, none is made; once they exist, their events are counted', async () => {
  const before = { rows: await storeRows(), calendars: await googleCalendars() };
  await g.control('DELETE', '/_sandbox/counters');
  await h.resetCounters();

  const first = await dryRun(DAN.mail);

  expect(await googleWrites()).toEqual({});
  expect((await h.counters()).c4cWrites).toEqual({});
  expect({ rows: await storeRows(), calendars: await googleCalendars() }).toEqual(before);
  expect(first.families.map((f) => f.family)).toEqual(['calendar']);
  expect(familyOf(first, 'calendar')).toMatchObject({ wouldCreate: ["Google calendar 'SAP Appointments'", "Google calendar 'SAP Visits'"], read: { outlook: 0, crm: 0 }, actions: {} });

  await h.store.transaction((tx) => tx.upsertMailbox({ ...DAN_GOOGLE, enabled: true }));
  const session = () => runSession({ store: h.store, families, clock: h.clock, sealer: TEST_SEALER }, DAN_GOOGLE.mailboxId);
  const made = await session();
  expect({ applied: appliedOf(made), read: made.read }).toEqual(totals(first));
  expect(await googleCalendars()).toEqual([...before.calendars, 'SAP Appointments', 'SAP Visits'].sort());

  // The user puts a meeting in "SAP Appointments": the next dry run reads it there (its calendars are found, not made).
  const appointments = ((await g.client(DAN.mail).calendarList.list()).data.items ?? []).find((c) => c.summary === 'SAP Appointments');
  const start = new Date(Date.now() + 3 * 86_400_000);
  await g.client(DAN.mail).events.insert({ calendarId: String(appointments?.id), requestBody: { summary: uniqueSubject('Google dry run'), start: { dateTime: start.toISOString() }, end: { dateTime: new Date(start.getTime() + 3_600_000).toISOString() } } });
  const rowsNow = await storeRows();
  await g.control('DELETE', '/_sandbox/counters');
  const next = await dryRun(DAN.mail);
  expect(await googleWrites()).toEqual({});
  expect(await storeRows()).toEqual(rowsNow);
  expect(familyOf(next, 'calendar')).toMatchObject({ wouldCreate: [], actions: { createCrm: 1 } });
  const synced = await session();
  expect(synced.failed).toEqual([]);
  expect({ applied: appliedOf(synced), read: synced.read }).toEqual(totals(next));
});
