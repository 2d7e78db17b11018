// Scale-out on one PostgreSQL (DESIGN §3): a `web` process and several `worker` processes. Webhook refusals enqueue
// nothing; two workers never run one mailbox's sessions at once; subscriptions are renewed before they expire and
// replaced when gone; a worker killed with -9 mid-session loses nothing: another finishes the work, exactly once; an
// Outlook contact edit reaches C4C and a second user's copy by insta-sync (issue 14, R14) on PostgreSQL too.
import { jest } from '@jest/globals';
import { DEMO_TENANT, DEMO_USERS } from '../../../src/sandbox/common/demo-tenant.js';
import { SANDBOX_C4C_NOTIFICATION_USER } from '../../../src/sandbox/service-env.js';
import { clientStateFor } from '../../../src/server/http/webhook-secrets.js';
import { C4C_WEBHOOK_AUTHORIZATION, GRAPH_CLIENT_STATE_SECRET, sessionInterval, startServiceHarness, type ServiceHarness, type ServiceInstance } from '../../support/service-harness.js';
import { AVA, BEN } from '../../support/sync-harness.js';
import type { Json } from '../../support/sync-harness-http.js';
import { stopTestDatabases, testPostgresServer } from '../../support/test-database.js';
import { APPOINTMENT, APPOINTMENTS, eventBody, uniqueSubject } from '../sync/fixtures.js';
import { createEventAsUser, graphAsUser, sleep, waitFor, waitQuiet } from './helpers.js';
import { overlaps, prepareDatabase, sessionJobs, sql } from './pg-jobs.js';

jest.setTimeout(60_000);

let h: ServiceHarness;
let databaseUrl: string;
let web: ServiceInstance;
/** Every process of this cluster: a silent session is noticed after 10 s (pg-boss's minimum), checked every second. */
const QUEUE_ENV = { SESSION_HEARTBEAT_SECONDS: '10', QUEUE_SUPERVISE_SECONDS: '1' };
const worker = (name: string, env: Record<string, string> = {}) => h.startService({ role: 'worker', databaseUrl, name, env: { ...QUEUE_ENV, ...env } });

beforeAll(async () => {
  h = await startServiceHarness();
  databaseUrl = await (await testPostgresServer()).createDatabase();
  await prepareDatabase(databaseUrl, DEMO_USERS);
  web = await h.startService({ role: 'web', databaseUrl, name: 'web', env: QUEUE_ENV });
  await h.wireC4cWebhook(web.url as string);
}, 60_000);

afterAll(async () => {
  await h?.close();
  await stopTestDatabases();
});

async function post(path: string, body: string, headers: Record<string, string> = {}): Promise<number> {
  const res = await fetch(`${web.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  await res.text();
  return res.status;
}

const graphNote = (mailboxId: string, clientState: string): Json => ({
  subscriptionId: `sub-${mailboxId}`,
  clientState,
  changeType: 'updated',
  resource: `Users/${mailboxId}/Events/AAMk-1`,
});

async function queueDepthMetric(): Promise<number> {
  const text = await (await fetch(`${web.url}/metrics`)).text();
  const match = /^crmsync_queue_depth(?:\{[^}]*\})? (\d+)/m.exec(text);
  if (!match) throw new Error(`no queue depth in /metrics:\n${text}`);
  return Number(match[1]);
}

describe('webhook refusals (web process only, no worker consuming)', () => {
  it('a wrong clientState, a malformed or oversized body, wrong C4C credentials: refused, and nothing is enqueued', async () => {
    // Notifications are tied to subscriptions the service holds: record one per mailbox, as a worker would have.
    for (const user of [AVA, BEN]) {
      await sql(databaseUrl, "INSERT INTO graph_subscriptions (subscription_id, mailbox_id, resource, expires_at, client_state_hash) VALUES ($1, $2, $3, now() + interval '2 days', 'test')", [`sub-${user.id}`, user.id, `users/${user.id}/events`]);
    }
    const good = clientStateFor(GRAPH_CLIENT_STATE_SECRET, AVA.id);
    const c4cBody = JSON.stringify({ businessObject: 'Appointment', businessObjectId: '00163E03A0701EE0000000000000216D', event: 'Appointment.Root.Updated' });
    const c4cAuth = { authorization: C4C_WEBHOOK_AUTHORIZATION };
    const wrongPassword = { authorization: `Basic ${Buffer.from(`${SANDBOX_C4C_NOTIFICATION_USER}:wrong-password-wrong`).toString('base64')}` };
    const refusals: [string, number, number][] = [
      ['wrong clientState', await post('/webhooks/graph', JSON.stringify({ value: [graphNote(AVA.id, 'forged-client-state')] })), 401],
      ["another mailbox's clientState", await post('/webhooks/graph', JSON.stringify({ value: [graphNote(BEN.id, good)] })), 401],
      ['one forged entry among good ones', await post('/webhooks/graph', JSON.stringify({ value: [graphNote(AVA.id, good), graphNote(BEN.id, 'x')] })), 401],
      ['lifecycle event of an unknown subscription', await post('/webhooks/graph/lifecycle', JSON.stringify({ value: [{ subscriptionId: 'nope', clientState: good, lifecycleEvent: 'missed' }] })), 401],
      ['malformed JSON', await post('/webhooks/graph', '{"value": [ {"subscriptionId": '), 400],
      ['not a notification', await post('/webhooks/graph', JSON.stringify({ value: [] })), 400],
      ['oversized (2 MB)', await post('/webhooks/graph', JSON.stringify({ value: [graphNote(AVA.id, good)], pad: 'x'.repeat(2_000_000) })), 413],
      ['C4C without credentials', await post('/webhooks/c4c', c4cBody), 401],
      ['C4C wrong password', await post('/webhooks/c4c', c4cBody, wrongPassword), 401],
      ['C4C malformed', await post('/webhooks/c4c', '{"businessObjectId":', c4cAuth), 400],
      ['C4C not a notification', await post('/webhooks/c4c', JSON.stringify({ entitySet: 'X' }), c4cAuth), 400],
      ['C4C oversized (32 KB)', await post('/webhooks/c4c', JSON.stringify({ pad: 'x'.repeat(32_000) }), c4cAuth), 413],
    ];
    expect(refusals.map(([what, status]) => [what, status])).toEqual(refusals.map(([what, , expected]) => [what, expected]));
    // pg-boss's queue counts (and so /metrics) are refreshed by its monitor every QUEUE_SUPERVISE_SECONDS: read the table.
    expect(await sessionJobs(databaseUrl)).toEqual([]);

    // The same requests done right do enqueue (so the check above can fail): one session, one tenant poll.
    expect(await post('/webhooks/graph', JSON.stringify({ value: [graphNote(AVA.id, good), graphNote(AVA.id, good)] }))).toBe(202);
    expect(await post('/webhooks/c4c', c4cBody, c4cAuth)).toBe(202);
    const jobs = await sessionJobs(databaseUrl);
    expect(jobs.map((j) => [j.name, j.singleton_key, j.state])).toEqual([
      ['mailbox-session', AVA.id, 'created'],
      ['tenant-poll', DEMO_TENANT.tenantId, 'created'],
    ]);
    await waitFor('the queue depth on /metrics', async () => (await queueDepthMetric()) === 2, 10_000, 250);
    await sql(databaseUrl, 'DELETE FROM graph_subscriptions');
  });
});

interface SandboxSubscription {
  id: string;
  mailboxId: string;
  resource: string;
  expirationDateTime: string;
}

/** The subscriptions Graph holds: on mailboxes' events (default), or all (To Do lists too). */
async function subscriptions(on: 'events' | 'all' = 'events'): Promise<SandboxSubscription[]> {
  const all = (await h.graphControl('GET', '/subscriptions')).body.value as SandboxSubscription[];
  return on === 'all' ? all : all.filter((s) => s.resource.endsWith('/events'));
}

async function c4cActivitiesOf(event: Json): Promise<Json[]> {
  return h.c4c.byGroupwareItemId(APPOINTMENTS, String(event.iCalUId));
}

describe('two workers on one PostgreSQL', () => {
  let a: ServiceInstance;
  let b: ServiceInstance;

  it('start together and keep one Graph subscription per mailbox', async () => {
    [a, b] = await Promise.all([worker('worker-a'), worker('worker-b')]);
    await waitQuiet([a, b], { minSessions: DEMO_USERS.length });
    await waitFor('one subscription per mailbox', async () => (await subscriptions()).length >= DEMO_USERS.length);
    await sleep(500);
    const subs = await subscriptions();
    expect(subs.map((s) => s.mailboxId).sort()).toEqual(DEMO_USERS.map((u) => u.id).sort());
    // And each To Do list (the default and the service list) once, though both workers looked at once.
    await waitFor('the To Do lists subscribed', async () => (await subscriptions('all')).length >= 3 * DEMO_USERS.length);
    await sleep(500);
    const all = await subscriptions('all');
    expect(all).toHaveLength(3 * DEMO_USERS.length);
    expect(new Set(all.map((s) => s.resource)).size).toBe(all.length);
  });

  it('never run the same mailbox at once while both process a burst', async () => {
    // Slow Graph answers make sessions long enough to collide if the singleton rule failed.
    await h.graphControl('PUT', '/latency', { fixedMs: 60, jitterMs: 40 });
    const burstStart = Date.now();
    const fromA = a.logs.length;
    const fromB = b.logs.length;
    const created: { userId: string; event: Json }[] = [];
    for (let round = 0; round < 3; round += 1) {
      await Promise.all(
        DEMO_USERS.map(async (user) => {
          const event = await createEventAsUser(h.graph, user.id, eventBody(uniqueSubject(`Burst ${round}`), 3 + round, { categories: [APPOINTMENT] }, 9 + round));
          created.push({ userId: user.id, event });
        }),
      );
      await sleep(250);
    }
    for (const { event } of created) await waitFor(`${String(event.subject)} in C4C`, async () => (await c4cActivitiesOf(event)).length > 0, 40_000, 200);
    await waitQuiet([a, b], { quietMs: 1500 });
    await h.graphControl('DELETE', '/latency');

    for (const { event } of created) expect(await c4cActivitiesOf(event)).toHaveLength(1);

    const ran = [...a.logs.slice(fromA).map((l) => ({ l, worker: 'a' })), ...b.logs.slice(fromB).map((l) => ({ l, worker: 'b' }))]
      .filter(({ l }) => l.msg === 'session done')
      .map(({ l, worker: w }) => ({ ...sessionInterval(l), worker: w }));
    const byWorker = { a: ran.filter((r) => r.worker === 'a').length, b: ran.filter((r) => r.worker === 'b').length };
    console.log(`burst: ${ran.length} sessions (worker a ${byWorker.a}, worker b ${byWorker.b}) for ${created.length} new items`);
    expect(byWorker.a).toBeGreaterThan(0);
    expect(byWorker.b).toBeGreaterThan(0);
    // Sessions of different mailboxes did run in parallel, so the rule below is what kept each mailbox's apart.
    expect(overlaps(ran, () => 'any', (r) => r.start, (r) => r.end).length).toBeGreaterThan(0);
    expect(overlaps(ran, (r) => r.mailboxId, (r) => r.start, (r) => r.end)).toEqual([]);

    // The queue's own record agrees: per mailbox, no job started before the previous one completed.
    // Every mailbox had sessions in the burst; a job may serve several of them, since a session that ends takes the
    // mailbox's queued follow-up itself, so a mailbox whose job began before the burst can show no job of its own.
    expect(new Set(ran.map((r) => r.mailboxId)).size).toBe(DEMO_USERS.length);
    // The jobs that served the burst: those that ended after it began (one that started before may carry all of a
    // mailbox's burst sessions as follow-ups; a CI run saw every job start before the burst).
    const jobs = (await sessionJobs(databaseUrl)).filter((j) => j.name === 'mailbox-session' && j.started_on && j.completed_on && j.completed_on.getTime() >= burstStart);
    expect(jobs.length).toBeGreaterThan(0);
    const time = (d: Date | null) => (d as Date).getTime();
    expect(overlaps(jobs, (j) => String(j.singleton_key), (j) => time(j.started_on), (j) => time(j.completed_on))).toEqual([]);
  });

  it('renew subscriptions that expire within a day, and replace one that expired', async () => {
    const before = await subscriptions();
    const ava = before.find((s) => s.mailboxId === AVA.id) as SandboxSubscription;
    const ben = before.find((s) => s.mailboxId === BEN.id) as SandboxSubscription;
    // Six days and some hours later: Ava's has two hours left; Ben's ran out unnoticed.
    await sql(databaseUrl, "UPDATE graph_subscriptions SET expires_at = now() + interval '2 hours' WHERE mailbox_id IN ($1, $2)", [AVA.id, BEN.id]);
    expect((await h.graphControl('POST', `/subscriptions/${ben.id}/expire`)).status).toBeLessThan(300);

    // Renewal runs when a worker starts and every minute: restart one worker.
    await a.stop();
    a = await worker('worker-a2');
    // (The sandbox's list still shows an expired subscription until it next looks at it.)
    const { value: benNew } = await waitFor('a new subscription for Ben', async () => (await subscriptions()).find((s) => s.mailboxId === BEN.id && s.id !== ben.id));
    expect(Date.parse(benNew.expirationDateTime) - Date.now()).toBeGreaterThan(6 * 86_400_000);
    const avaNow = (await subscriptions()).find((s) => s.mailboxId === AVA.id) as SandboxSubscription;
    expect(avaNow.id).toBe(ava.id);
    expect(Date.parse(avaNow.expirationDateTime) - Date.now()).toBeGreaterThan(6 * 86_400_000);
    const rows = await sql<{ mailbox_id: string; subscription_id: string; expires_at: Date }>(databaseUrl, "SELECT mailbox_id, subscription_id, expires_at FROM graph_subscriptions WHERE mailbox_id IN ($1, $2) AND resource LIKE '%/events'", [AVA.id, BEN.id]);
    expect(rows.map((r) => [r.mailbox_id, r.subscription_id, r.expires_at.getTime() - Date.now() > 6 * 86_400_000]).sort()).toEqual(
      [
        [AVA.id, ava.id, true],
        [BEN.id, benNew.id, true],
      ].sort(),
    );
    // Ben's changes notify the service again.
    await waitQuiet([a, b], { quietMs: 1000 });
    const event = await createEventAsUser(h.graph, BEN.id, eventBody(uniqueSubject('After renewal'), 4, { categories: [APPOINTMENT] }));
    const { ms } = await waitFor('Ben\'s item in C4C', async () => (await c4cActivitiesOf(event)).length > 0, 10_000);
    expect(ms).toBeLessThan(8_000);
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });
});

// Issue 14's Siebel scenario through the running service on PostgreSQL (the benchmark runs it on PGlite): an Outlook
// contact edit reaches C4C and a second user's copy by insta-sync alone (Graph notification → /webhooks/graph →
// queue → Ava's session → C4C; C4C notification → tenant poll → queue → Ben's session). The file's web process and
// database; one worker that syncs contacts (the two above, which do not, are stopped).
describe('a contact edit on PostgreSQL (web + a worker syncing contacts)', () => {
  let w: ServiceInstance;
  const api = async (user: typeof AVA, method: string, path: string, body?: unknown): Promise<void> => {
    const q = new URLSearchParams({ user: user.mail, aud: DEMO_TENANT.serviceApp.appIdUri });
    const token = ((await (await fetch(`${h.graphUrl}/_sandbox/token?${q}`)).json()) as { access_token: string }).access_token;
    const res = await fetch(`${web.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await res.text();
    if (res.status >= 300) throw new Error(`service ${method} ${path}: ${res.status}`);
  };
  /** The user's copy of the record (the service's folder is the only one holding it). */
  const copyOf = async (userId: string, surname: string): Promise<Json | undefined> => {
    const folders = ((await graphAsUser(h.graph, 'GET', `/users/${userId}/contactFolders`)).value ?? []) as Json[];
    for (const f of folders) {
      const found = (((await graphAsUser(h.graph, 'GET', `/users/${userId}/contactFolders/${String(f.id)}/contacts?$top=500`)).value ?? []) as Json[]).find((c) => c.surname === surname);
      if (found) return found;
    }
    return undefined;
  };

  beforeAll(async () => {
    w = await worker('worker-contacts', { SYNC_FAMILIES: 'calendar,tasks,contacts' });
    await waitQuiet([w], { minSessions: DEMO_USERS.length });
  }, 60_000);

  afterAll(async () => {
    await w?.stop();
  });

  it("an Outlook edit of a listed contact reaches C4C and the second user's copy within seconds", async () => {
    const [record] = await h.c4c.query('ContactCollection', "StatusCode eq '2'");
    const contactId = String(record?.ContactID);
    const lastName = String(record?.LastName);
    await api(AVA, 'POST', '/api/sync-list', { type: 'contact', c4cId: contactId });
    await api(BEN, 'POST', '/api/sync-list', { type: 'contact', c4cId: contactId });
    const { value: avas } = await waitFor("Ava's copy", () => copyOf(AVA.id, lastName), 20_000, 200);
    const { value: bens } = await waitFor("Ben's copy", () => copyOf(BEN.id, lastName), 20_000, 200);
    await waitQuiet([w], { quietMs: 1000 });

    const corrected = `${lastName}-Corrected`;
    await graphAsUser(h.graph, 'PATCH', `/users/${AVA.id}/contacts/${String(avas.id)}`, { surname: corrected });
    const inC4c = await waitFor('the correction in C4C', async () => (await h.c4c.query('ContactCollection', `ContactID eq '${contactId}'`))[0]?.LastName === corrected, 10_000, 50);
    const atBen = await waitFor("the correction in Ben's copy", async () => (await graphAsUser(h.graph, 'GET', `/users/${BEN.id}/contacts/${String(bens.id)}`)).surname === corrected, 10_000, 50);
    console.log(`contact edit on PostgreSQL: in C4C after ${inC4c.ms} ms, in Ben's copy ${atBen.ms} ms later`);
    expect(inC4c.ms + atBen.ms).toBeLessThan(8_000);
  });
});
