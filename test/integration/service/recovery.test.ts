// No lost work when a worker dies or stops (DESIGN §3 queue; R3): a worker process killed with -9 in the middle of
// a session leaves its job to another worker, which finishes the work exactly once; a worker stopped gracefully
// (SIGTERM / stop()) lets its running session finish before it closes the database.
import { jest } from '@jest/globals';
import { DEMO_USERS } from '../../../src/sandbox/common/demo-tenant.js';
import { startServiceHarness, type ServiceHarness, type ServiceInstance } from '../../support/service-harness.js';
import { AVA, BEN } from '../../support/sync-harness.js';
import type { Json } from '../../support/sync-harness-http.js';
import { stopTestDatabases, testPostgresServer } from '../../support/test-database.js';
import { APPOINTMENT, APPOINTMENTS, eventBody, uniqueSubject } from '../sync/fixtures.js';
import { createEventAsUser, sleep, waitFor, waitQuiet } from './helpers.js';
import { prepareDatabase, sessionJobs, type JobRow } from './pg-jobs.js';

jest.setTimeout(90_000);

/** Every process of this cluster: a silent session is noticed after 10 s (pg-boss's minimum), checked every second. */
const QUEUE_ENV = { SESSION_HEARTBEAT_SECONDS: '10', QUEUE_SUPERVISE_SECONDS: '1' };

let h: ServiceHarness;
let databaseUrl: string;

beforeAll(async () => {
  h = await startServiceHarness();
  databaseUrl = await (await testPostgresServer()).createDatabase();
  await prepareDatabase(databaseUrl, DEMO_USERS);
  const web = await h.startService({ role: 'web', databaseUrl, name: 'web', env: QUEUE_ENV });
  await h.wireC4cWebhook(web.url as string);
}, 60_000);

afterAll(async () => {
  await h?.close();
  await stopTestDatabases();
});

const c4cActivitiesOf = (event: Json): Promise<Json[]> => h.c4c.byGroupwareItemId(APPOINTMENTS, String(event.iCalUId));

/** The session job of a mailbox that is running now. */
async function activeSessionOf(mailboxId: string): Promise<JobRow | undefined> {
  return (await sessionJobs(databaseUrl)).find((j) => j.name === 'mailbox-session' && j.singleton_key === mailboxId && j.state === 'active');
}

let survivor: ServiceInstance;

it('a worker killed with -9 mid-session: another worker finishes its work, exactly once', async () => {
  const doomed = await h.spawnService({ role: 'worker', databaseUrl, name: 'doomed', env: QUEUE_ENV });
  await waitQuiet([doomed], { minSessions: DEMO_USERS.length, timeoutMs: 60_000 });

  // Slow C4C: the session is still in its C4C writes when the process dies.
  await h.c4cControl('PUT', '/latency', { fixedMs: 2500, jitterMs: 0 });
  const event = await createEventAsUser(h.graph, AVA.id, eventBody(uniqueSubject('Killed mid-session'), 5, { categories: [APPOINTMENT] }));
  const { value: job } = await waitFor('Ava’s session to start on the doomed worker', () => activeSessionOf(AVA.id), 15_000);
  const from = doomed.logs.length;
  await sleep(1500);
  await doomed.kill();
  const killedAt = Date.now();
  expect(doomed.logs.slice(from).filter((l) => l.msg === 'session done' && l.mailboxId === AVA.id)).toEqual([]);
  await h.c4cControl('DELETE', '/latency');

  survivor = await h.startService({ role: 'worker', databaseUrl, name: 'survivor', env: QUEUE_ENV });
  await waitFor('the item in C4C', async () => (await c4cActivitiesOf(event)).length > 0, 60_000, 200);
  console.log(`killed worker's item reached C4C ${Date.now() - killedAt} ms after the kill`);
  // The killed job itself is given back (its heartbeat went silent): it completes on retry on the survivor, or a
  // session of Ava's that runs on the survivor first takes it as its follow-up (jobs/register-jobs.ts) and it is gone.
  const { value: outcome } = await waitFor(
    'the killed job to complete on retry, or to be taken by a follow-up session',
    async () => {
      const row = (await sessionJobs(databaseUrl)).find((j) => j.id === job.id);
      if (!row) return 'taken';
      return row.state === 'completed' ? row : null;
    },
    40_000,
    250,
  );
  if (outcome !== 'taken') expect(outcome.retry_count).toBeGreaterThanOrEqual(1);
  // Taken: a session of Ava's on the survivor removed it from the queue (a follow-up, or the retry's own coalescing).
  else expect(survivor.logs.some((l) => l.msg === 'session done' && l.mailboxId === AVA.id && Date.parse(String(l.time)) >= killedAt)).toBe(true);
  await waitQuiet([survivor], { quietMs: 1000 });
  expect(await c4cActivitiesOf(event)).toHaveLength(1);
});

it('a graceful stop lets the running session finish before closing', async () => {
  await h.c4cControl('PUT', '/latency', { fixedMs: 1200, jitterMs: 0 });
  const event = await createEventAsUser(h.graph, BEN.id, eventBody(uniqueSubject('Stopped mid-session'), 5, { categories: [APPOINTMENT] }));
  await waitFor('Ben’s session to start', () => activeSessionOf(BEN.id), 15_000);
  const from = survivor.logs.length;
  const started = Date.now();
  await survivor.stop();
  console.log(`graceful stop took ${Date.now() - started} ms`);
  await h.c4cControl('DELETE', '/latency');
  // The session was still running when the stop began, and finished after it.
  const after = survivor.logs.slice(from);
  const stopping = after.findIndex((l) => l.msg === 'shutting down');
  const finished = after.findIndex((l) => l.msg === 'session done' && l.mailboxId === BEN.id);
  expect(stopping).toBeGreaterThanOrEqual(0);
  expect(finished).toBeGreaterThan(stopping);
  expect(await c4cActivitiesOf(event)).toHaveLength(1);
  expect(await activeSessionOf(BEN.id)).toBeUndefined();
});
