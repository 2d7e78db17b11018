// `npm run doctor` against the sandboxes, in this process: one sandbox pair and one service for the file. The first
// test goes the way docs/deploy.md's checklist ends (every setting it names, then the doctor, beside the running
// service) and wants every check ✔; each ✖ path then has its own test with one thing wrong.
import { readFileSync } from 'node:fs';
import { DEMO_TENANT } from '../../../src/sandbox/common/demo-tenant.js';
import { SqlEnrolment, type Database } from '../../../src/server/adapters/store/index.js';
import { runCli } from '../../../src/server/cli/main.js';
import { loadConfig } from '../../../src/server/config/index.js';
import { C4C_READ_SETS } from '../../../src/server/doctor/c4c-checks.js';
import { runChecks } from '../../../src/server/doctor/run-checks.js';
import { createLogger } from '../../../src/server/log/index.js';
import { doctorDeps } from '../../../src/server/main-parts.js';
import type { Clock } from '../../../src/server/ports/clock.js';
import type { DoctorReport } from '../../../src/shared/admin-api.js';
import { freePort } from '../../support/net.js';
import { startServiceHarness, type ServiceHarness, type ServiceInstance } from '../../support/service-harness.js';
import { openTestDatabase, stopTestDatabases, testPostgresServer } from '../../support/test-database.js';

let h: ServiceHarness;
let service: ServiceInstance;
let db: Database;
const quiet = createLogger({ level: 'silent' });
const systemClock: Clock = { now: () => new Date() };

beforeAll(async () => {
  h = await startServiceHarness();
  // On the tests' private PostgreSQL server: a new embedded cluster would cost the file 5-15 s more.
  service = await h.startService({ databaseUrl: await (await testPostgresServer()).createDatabase('doctor') });
  await h.wireC4cWebhook(service.url as string);
  // The in-process runs below check a migrated database of their own.
  db = await openTestDatabase('pglite');
}, 60_000);

afterAll(async () => {
  await db?.close();
  await h?.close();
  await stopTestDatabases();
});

/** The doctor run from here with the service's settings, `change`d. */
async function checkFromHere(change: Record<string, string> = {}, clock: Clock = systemClock): Promise<DoctorReport> {
  const port = Number(new URL(service.url as string).port);
  const config = loadConfig({ ...h.env({ port, publicUrl: service.url as string }), ...change }, '');
  return runChecks(doctorDeps(config, quiet, db, clock));
}

const statusOf = (report: DoctorReport) => Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
const check = (report: DoctorReport, id: string) => report.checks.find((c) => c.id === id);
/** Every check but `except` passed or did not apply. */
function othersPass(report: DoctorReport, except: string[]): void {
  const failed = report.checks.filter((c) => c.status === 'fail' && !except.includes(c.id)).map((c) => `${c.id}: ${c.detail}`);
  expect(failed).toEqual([]);
}

it("ends docs/deploy.md's checklist beside the running service with every check ✔ (npm run doctor, no settings)", async () => {
  // The checklist's C4C table names exactly the entity sets the doctor reads.
  const deploy = readFileSync('docs/deploy.md', 'utf8');
  const section4 = deploy.slice(deploy.indexOf('## 4. The C4C technical user'), deploy.indexOf('## 5.'));
  const documented = new Set([...section4.matchAll(/`([A-Za-z]+(?:Collection|LoggedInUserInfo))`/g)].map((m) => m[1]));
  expect([...documented].sort()).toEqual([...C4C_READ_SETS].sort());

  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['doctor'], { SERVICE_URL: service.url as string, SANDBOX_GRAPH_URL: h.graphUrl }, { out: (t) => out.push(t), err: (t) => err.push(t) });
  const text = out.join('\n');
  expect(err).toEqual([]);
  expect(code).toBe(0);
  const lines = text.split('\n').filter((l) => /^[✔✖–] /.test(l));
  expect(lines.filter((l) => l.startsWith('✖'))).toEqual([]);
  // Only Google (not built) and the enrolment group (the policy is all C4C employees) do not apply; everything else
  // was really checked.
  expect(lines.filter((l) => l.startsWith('–'))).toEqual([expect.stringContaining("the enrolment group's members"), expect.stringContaining('Google Calendar')]);
  for (const title of ['App token from Entra ID', 'Clock within 1 minute of Graph', 'PUBLIC_URL reachable by Graph', "write the mailbox's master categories", 'C4C reachable, with a CSRF token', 'Database reachable, migrations current', 'C4C Event Notification consumer']) {
    expect(lines.some((l) => l.startsWith('✔') && l.includes(title))).toBe(true);
  }
  // What it created is gone again: no short-lived (doctor's) subscription is left at Graph, only the service's own.
  const subscriptions = (await h.graphControl('GET', '/subscriptions')).body as unknown as { value: { expirationDateTime: string }[] };
  expect(subscriptions.value.length).toBeGreaterThan(0);
  expect(subscriptions.value.filter((s) => Date.parse(s.expirationDateTime) < Date.now() + 2 * 3_600_000)).toEqual([]);
});

it('✖ a wrong client secret: the token check says which setting and where to get a new secret', async () => {
  const report = await checkFromHere({ CLIENT_SECRET: 'not-the-secret-of-this-app' });
  expect(check(report, 'graph.token')).toMatchObject({ status: 'fail', detail: expect.stringContaining('AADSTS7000215'), fix: expect.stringContaining('CLIENT_SECRET') });
  // What needs the token is not run, and says so; C4C and the database are checked all the same.
  expect(statusOf(report)).toMatchObject({ 'graph.clock': 'skip', 'graph.publicUrl': 'skip', 'c4c.csrf': 'ok', database: 'ok' });
  othersPass(report, ['graph.token']);
  expect(report.ok).toBe(false);
});

it('✖ a missing Graph permission: the lines that need it name it and the portal step (the sandbox denies it like Graph)', async () => {
  await h.graphControl('PUT', '/app-permissions', { denied: ['MailboxSettings.ReadWrite'] });
  try {
    const report = await checkFromHere();
    for (const id of ['graph.categories.read', 'graph.categories.write']) {
      expect(check(report, id)).toMatchObject({ status: 'fail', detail: expect.stringContaining('403 ErrorAccessDenied'), fix: expect.stringContaining('Application permissions › MailboxSettings.ReadWrite') });
    }
    othersPass(report, ['graph.categories.read', 'graph.categories.write']);

    // A subscription without a calendar permission: Graph's 403 ExtensionError, after the validation handshake.
    await h.graphControl('PUT', '/app-permissions', { denied: ['Calendars.ReadWrite'] });
    const noCalendar = await checkFromHere();
    expect(check(noCalendar, 'graph.subscription')).toMatchObject({ status: 'fail', detail: expect.stringContaining('403 ExtensionError: Operation: Create'), fix: expect.stringContaining('Calendars.Read') });
    expect(statusOf(noCalendar)).toMatchObject({ 'graph.calendar.read': 'fail', 'graph.calendar.write': 'fail', 'graph.publicUrl': 'skip', 'graph.categories.write': 'ok' });
  } finally {
    await h.graphControl('DELETE', '/app-permissions');
  }
});

it("✖ a group policy without GroupMember.Read.All: the group's line names the permission and where to grant it (the sandbox answers 403 like Graph)", async () => {
  const enrolment = new SqlEnrolment(db);
  const audit = { actor: 'doctor-test', action: 'enrolment.apply', target: 'enrolment', detail: {} };
  const tenantId = loadConfig(h.env({ port: 3000, publicUrl: service.url as string }), '').graph.tenantId;
  // "Sales": Ava and Ben, and Chloe through the nested "Sales managers".
  await enrolment.applyPolicy(tenantId, { mode: 'group', groupId: '5a1e5000-0000-4000-8000-0000000000b1' }, { enable: [], disable: [] }, audit);
  try {
    const granted = await checkFromHere();
    expect(check(granted, 'graph.groupMembers')).toMatchObject({ status: 'ok', detail: expect.stringContaining('3 users') });
    othersPass(granted, []);

    await h.graphControl('PUT', '/app-permissions', { denied: ['GroupMember.Read.All'] });
    const denied = await checkFromHere();
    expect(check(denied, 'graph.groupMembers')).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('403 Authorization_RequestDenied'),
      fix: expect.stringContaining('Microsoft Graph › Application permissions › GroupMember.Read.All'),
    });
    othersPass(denied, ['graph.groupMembers']);
    await h.graphControl('DELETE', '/app-permissions');

    await enrolment.applyPolicy(tenantId, { mode: 'group', groupId: '5a1e5000-0000-4000-8000-0000000000ff' }, { enable: [], disable: [] }, audit);
    expect(check(await checkFromHere(), 'graph.groupMembers')).toMatchObject({ status: 'fail', detail: expect.stringContaining('404 Request_ResourceNotFound'), fix: expect.stringContaining('apply another enrolment policy') });
  } finally {
    await h.graphControl('DELETE', '/app-permissions');
    await enrolment.applyPolicy(tenantId, { mode: 'all' }, { enable: [], disable: [] }, audit);
  }
});

it('✖ an unreachable PUBLIC_URL: Graph cannot validate the webhook, and C4C could not notify', async () => {
  const nobody = `http://127.0.0.1:${await freePort()}`;
  const report = await checkFromHere({ PUBLIC_URL: nobody });
  expect(check(report, 'graph.publicUrl')).toMatchObject({ status: 'fail', detail: expect.stringContaining(`${nobody}/webhooks/graph`), fix: expect.stringContaining('reverse proxy') });
  expect(check(report, 'graph.subscription')?.status).toBe('skip');
  expect(check(report, 'c4c.notifications')).toMatchObject({ status: 'fail', fix: expect.stringContaining('PUBLIC_URL') });
  othersPass(report, ['graph.publicUrl', 'c4c.notifications']);
});

it("✖ a skewed clock: more than a minute from Graph's Date header", async () => {
  const ahead: Clock = { now: () => new Date(Date.now() + 5 * 60_000) };
  const report = await checkFromHere({}, ahead);
  expect(check(report, 'graph.clock')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/\b3\d\d s ahead of Graph/), fix: expect.stringContaining('NTP') });
  othersPass(report, ['graph.clock']);
});

// Last: after a refused /api/admin request, the service's close waited ~70 s (a keep-alive connection) when more
// requests followed; not this route's doing (seen with 401 and 403 alike), noted for the HTTP layer.
it('GET /api/admin/checks answers admins only', async () => {
  // Each body read to its end: an unread one keeps its connection busy, and the service's close waits for it.
  const status = async (res: Response) => {
    await res.arrayBuffer();
    return res.status;
  };
  expect(await status(await fetch(`${service.url as string}/api/admin/checks`))).toBe(401);
  // A signed-in user without the admin app role (Ava holds none; Chloe is the demo's administrator).
  const minted = await fetch(`${h.graphUrl}/_sandbox/token?user=ava.adams@contoso.example&aud=${encodeURIComponent(DEMO_TENANT.serviceApp.appIdUri)}`);
  const { access_token: token } = (await minted.json()) as { access_token: string };
  expect(await status(await fetch(`${service.url as string}/api/admin/checks`, { headers: { authorization: `Bearer ${token}` } }))).toBe(403);
});
