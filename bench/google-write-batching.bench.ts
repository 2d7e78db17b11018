// What batching would save on the Google write path (issue 16's "batches where the API allows"), measured rather than
// built: the Node client (@googleapis/calendar) has no batch support, and no maintained library plugs it in soundly
// (docs/sync-rules.md, R10 "Writes"). Three figures, at the Google sandbox's injected latency (default 50 ± 20 ms):
//   1. the first session of a Google user with N C4C activities to land (the engine's real write path, one write at a
//      time per mailbox): its Google requests by route and its wall time;
//   2. the write path alone with Google's client: N events.insert one at a time, and with k in flight (bounded parallel
//      writes, what the client supports as it is);
//   3. the same N inserts with no latency: the sandbox's own cost per insert, from which a batch's time is estimated
//      (one round trip carrying every part; Google counts each part against the quota all the same).
//   npm run bench:google-write-batching [-- --activities 200 --latency 50 --jitter 20 --parallel 4,8]
import type { calendar_v3 } from '@googleapis/calendar';
import { DEMO_USERS, type DemoUser } from '../src/sandbox/common/demo-tenant.js';
import { googleMailbox, startGoogleSyncHarness } from '../test/integration/google-adapter/harness.js';
import { APPOINTMENTS, c4cAppointmentBody, dayIso } from '../test/integration/sync/fixtures.js';
import { stopTestDatabases } from '../test/support/test-database.js';
import { isMain } from './lib/report.js';

const DAN = DEMO_USERS.find((u) => u.mail === 'dan.diaz@contoso.example') as DemoUser;

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

async function inserts(cal: calendar_v3.Calendar, calendarId: string, count: number, inFlight: number, tag: string): Promise<number> {
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const n = next++;
      await cal.events.insert({ calendarId, requestBody: { summary: `${tag} ${n}`, start: { dateTime: `${dayIso(10 + (n % 20))}T08:00:00Z` }, end: { dateTime: `${dayIso(10 + (n % 20))}T09:00:00Z` } } });
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return performance.now() - started;
}

export interface WriteBatchingOptions {
  activities: number;
  latency: { fixedMs: number; jitterMs: number };
  /** Writes in flight to compare with one at a time. */
  parallel: number[];
}

export interface WriteBatchingFigures {
  sessionMs: number;
  /** Google requests of the first session, by route. */
  sessionRequests: Record<string, number>;
  sessionFailed: number;
  sequentialMs: number;
  parallelMs: Record<number, number>;
  /** The same inserts without latency, and a batch's estimated time (one round trip plus the parts). */
  noLatencyMs: number;
  batchEstimateMs: number;
}

export async function runGoogleWriteBatching(options: WriteBatchingOptions, print: (line: string) => void = () => undefined): Promise<WriteBatchingFigures> {
  const { activities, latency, parallel } = options;
  const mailbox = googleMailbox(DAN);
  const h = await startGoogleSyncHarness('pglite', [mailbox]);
  try {
    const calendars = await h.source.ensureCalendars(mailbox);
    await h.settle(mailbox);
    for (let n = 0; n < activities; n += 1) await h.c4c.create(APPOINTMENTS, c4cAppointmentBody(`Batching bench ${n}`, 2 + (n % 60), DAN.c4cEmployeeId, DAN.c4cEmployeeId, 7 + (n % 10)));

    // 1. The engine's first session for them, Google at the injected latency (C4C without).
    await h.google.control('PUT', '/_sandbox/latency', latency);
    await h.google.control('DELETE', '/_sandbox/counters');
    const started = performance.now();
    const reports = await h.cycle(mailbox);
    const sessionMs = performance.now() - started;
    const counters = (await h.google.control('GET', '/_sandbox/counters')).body as { byRoute: Record<string, number> };
    const sessionFailed = reports.reduce((n, r) => n + r.failed.length, 0);
    print(`first session: ${activities} C4C activities, ${Math.round(sessionMs)} ms, failed ${sessionFailed}, Google requests ${JSON.stringify(counters.byRoute)}`);

    // 2. The write path alone, through Google's client: one at a time, then k in flight.
    const cal = h.user(DAN.mail);
    const sequentialMs = await inserts(cal, calendars.visit, activities, 1, 'sequential');
    print(`client, ${activities} events.insert one at a time: ${Math.round(sequentialMs)} ms (${(sequentialMs / activities).toFixed(1)} ms each)`);
    const parallelMs: Record<number, number> = {};
    for (const k of parallel) {
      const ms = (parallelMs[k] = await inserts(cal, calendars.visit, activities, k, `parallel-${k}`));
      print(`client, ${activities} events.insert ${k} in flight: ${Math.round(ms)} ms (${(sequentialMs / ms).toFixed(1)}× faster)`);
    }

    // 3. The sandbox's own cost per insert (no latency): a batch would pay one round trip plus this per part.
    await h.google.control('DELETE', '/_sandbox/latency');
    const noLatencyMs = await inserts(cal, calendars.visit, activities, 1, 'no-latency');
    const batchEstimateMs = latency.fixedMs + noLatencyMs;
    print(`client, ${activities} events.insert without latency: ${Math.round(noLatencyMs)} ms; a batch of ${activities} estimated at ${Math.round(batchEstimateMs)} ms (one round trip + the parts), ${activities} quota units either way`);
    return { sessionMs, sessionRequests: counters.byRoute, sessionFailed, sequentialMs, parallelMs, noLatencyMs, batchEstimateMs };
  } finally {
    await h.close();
    await stopTestDatabases();
  }
}

export async function main(): Promise<void> {
  await runGoogleWriteBatching(
    {
      activities: Number(option('activities', '200')),
      latency: { fixedMs: Number(option('latency', '50')), jitterMs: Number(option('jitter', '20')) },
      parallel: option('parallel', '4,8').split(',').map(Number),
    },
    (line) => console.log(line),
  );
}

if (isMain(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
