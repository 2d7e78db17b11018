// PostgreSQL restarted under the running service (issue 19's fault "a database restart in the middle of sessions"):
// the service process must ride it out. The session that was running when the server went away fails, the queue
// runs it again once PostgreSQL is back, the item reaches C4C exactly once, a later change still flows, and the
// process never exits (a crash would leave an orchestrator restarting it in a loop while the database is down).
import { jest } from '@jest/globals';
import { startServiceHarness, type ChildService, type ServiceHarness } from '../../support/service-harness.js';
import { startPostgres, type TestPostgres } from '../../support/postgres.js';
import { AVA } from '../../support/sync-harness.js';
import type { Json } from '../../support/sync-harness-http.js';
import { APPOINTMENT, APPOINTMENTS, eventBody, uniqueSubject } from '../sync/fixtures.js';
import { createEventAsUser, sleep, waitFor, waitQuiet } from './helpers.js';
import { sessionJobs } from './pg-jobs.js';

jest.setTimeout(120_000);

/** A session whose worker lost its database is noticed after 10 s (pg-boss's minimum), checked every second. */
const QUEUE_ENV = { SESSION_HEARTBEAT_SECONDS: '10', QUEUE_SUPERVISE_SECONDS: '1' };

let h: ServiceHarness;
let pg: TestPostgres;
let service: ChildService;

beforeAll(async () => {
  // Its own cluster, not the shared test server: this file stops and starts it.
  pg = await startPostgres({ database: 'crm_sync_restart' });
  h = await startServiceHarness();
  service = await h.spawnService({ role: 'all', databaseUrl: pg.url, name: 'restarted-db', env: QUEUE_ENV });
  await h.wireC4cWebhook(service.url as string);
  await waitQuiet([service], { minSessions: 5, timeoutMs: 90_000 });
}, 120_000);

afterAll(async () => {
  await h?.close();
  await pg?.stop();
});

const activitiesOf = (event: Json): Promise<Json[]> => h.c4c.byGroupwareItemId(APPOINTMENTS, String(event.iCalUId));

it('a PostgreSQL restart mid-session: the session is run again, the pair converges once, the process lives on', async () => {
  // Slow C4C: the session is in its C4C writes when PostgreSQL goes away.
  await h.c4cControl('PUT', '/latency', { fixedMs: 1500, jitterMs: 0 });
  const subject = uniqueSubject('DB restart');
  const event = await createEventAsUser(h.graph, AVA.id, eventBody(subject, 6, { categories: [APPOINTMENT] }));
  await waitFor('Ava’s session to start', async () => (await sessionJobs(pg.url)).some((j) => j.name === 'mailbox-session' && j.singleton_key === AVA.id && j.state === 'active'), 20_000, 100);
  await sleep(500);
  const from = service.logs.length;
  // Immediate: PostgreSQL quits like a crash (no checkpoint) and recovers at its start; every connection drops. C4C
  // turns fast again while the server is down, so the session reaches its next database write before it is back.
  const restarting = pg.restart('immediate', 4_000);
  await sleep(300);
  await h.c4cControl('DELETE', '/latency');
  await restarting;
  const restartedAt = Date.now();

  const { value: activities } = await waitFor('the item in C4C', async () => {
    const found = await activitiesOf(event);
    return found.length > 0 ? found : null;
  }, 60_000, 250);
  console.log(`item reached C4C ${Date.now() - restartedAt} ms after the restart`);
  // The running session met the dropped connection and failed (its C4C write may have happened, its commit did
  // not); a session of Ava's ran again and finished, without a second activity (checked below).
  const failed = service.logs.slice(from).findIndex((l) => l.msg === 'session failed' && l.mailboxId === AVA.id);
  expect(failed).toBeGreaterThanOrEqual(0);
  await waitFor('a session of Ava’s to finish after the failed one', async () => service.logs.slice(from + failed).some((l) => l.msg === 'session done' && l.mailboxId === AVA.id), 60_000, 250);

  // A later change still flows both ways through the restarted database.
  const edited = `${subject} edited in C4C`;
  await h.c4c.patch(APPOINTMENTS, String((activities[0] as Json).ObjectID), { Subject: edited });
  await waitFor('the C4C edit in Outlook', async () => (await h.graph.getEvent(AVA.id, String(event.id)))?.subject === edited, 60_000, 250);

  await waitQuiet([service], { quietMs: 1500 });
  expect(await activitiesOf(event)).toHaveLength(1);
  expect(await h.graph.eventsBySubject(AVA.id, edited)).toHaveLength(1);
  // Never exited: no crash, so no crash loop.
  expect([service.child.exitCode, service.child.signalCode]).toEqual([null, null]);
});
