// C4C round trips of one idle tenant poll with every family on (calendar, tasks, contacts), the families' change
// queries sent together in one $batch (adapters/c4c/read-batcher.ts, as the service runs them) beside the same polls
// sent one query at a time (the baseline, the code before), alternating in the same run. Goal (issue 18): 1 round trip
// per tenant and poll for every family together. Counted by the C4C sandbox's request counters; the time of a poll
// is printed too (with latency injected on every sandbox request, each round trip costs what it would in production).
//   npm run bench:poll-round-trips [-- --polls 10 --latency-ms 50]
import { DEMO_USERS } from '../src/sandbox/common/demo-tenant.js';
import type { SyncListEntryRef } from '../src/server/ports/sync-list.js';
import { pollTenant } from '../src/server/sync/tenant/poll.js';
import { TENANT_ID, startSyncHarness } from '../test/support/sync-harness.js';
import { contactSync } from '../src/server/sync/contact-sync.js';
import { calendarSync, taskSync, type FamilySync } from '../src/server/sync/family-sync.js';
import { isMain, mean, numberArg, percentile, printResult, type BenchResult } from './lib/report.js';

export interface PollRoundTripOptions {
  /** Idle polls measured each way. */
  polls?: number;
  /** Fixed latency injected on every C4C sandbox request (± 40 % jitter). */
  latencyMs?: number;
}

export async function runPollRoundTrips(options: PollRoundTripOptions = {}): Promise<BenchResult> {
  const polls = options.polls ?? 10;
  const latencyMs = options.latencyMs ?? 50;
  const users = DEMO_USERS.slice(0, 2);
  const h = await startSyncHarness('pglite', { users, families: ['calendar', 'tasks', 'contacts'], taskListRefreshMs: 30 * 60_000 });
  const families: FamilySync[] = [
    calendarSync(h),
    taskSync({ tasks: h.tasks, crm: h.crmTasks }) as unknown as FamilySync,
    contactSync({ contacts: h.contacts, crm: h.crmContacts, syncList: h.syncList }) as unknown as FamilySync,
  ];
  try {
    // A few list entries, so the contact family has records to watch.
    const [contact] = await h.c4c.query('ContactCollection', "StatusCode eq '2'");
    const refs: SyncListEntryRef[] = contact ? [{ type: 'contact', c4cId: String(contact.ContactID) }] : [];
    for (const user of users) for (const ref of refs) await h.syncList.add(user.id, ref, 'user');
    await h.settle(6);
    const batched = { requests: [] as number[], ms: [] as number[] };
    const alone = { requests: [] as number[], ms: [] as number[] };
    // The first batched poll fetches the batcher's CSRF token (a $batch is a POST): once per C4C session, not per poll.
    await pollTenant({ store: h.store, families, clock: h.clock, readTogether: (fn) => h.crmReads.together(fn) }, TENANT_ID);
    await h.c4cControl('PUT', '/latency', { fixedMs: latencyMs, jitterMs: Math.round(latencyMs * 0.4) });
    for (let i = 0; i < polls; i += 1) {
      for (const [mode, into] of [['batched', batched], ['alone', alone]] as const) {
        await h.resetCounters();
        const started = performance.now();
        const readTogether = mode === 'batched' ? <T>(fn: () => Promise<T>) => h.crmReads.together(fn) : undefined;
        await pollTenant({ store: h.store, families, clock: h.clock, ...(readTogether ? { readTogether } : {}) }, TENANT_ID);
        into.ms.push(performance.now() - started);
        into.requests.push((await h.counters()).c4c.total);
      }
    }
    const max = (xs: number[]) => Math.max(...xs);
    return {
      bench: `C4C round trips of an idle tenant poll, calendar + tasks + contacts (${polls} polls each way, ${latencyMs} ± ${Math.round(latencyMs * 0.4)} ms on every C4C request)`,
      figures: [
        { name: 'C4C requests per poll, batched (max)', value: max(batched.requests), unit: 'req', baseline: max(alone.requests), baselineLabel: 'one query at a time' },
        { name: 'poll time p50, batched', value: percentile(batched.ms, 50), unit: 'ms', baseline: percentile(alone.ms, 50), baselineLabel: 'one query at a time' },
        { name: 'poll time mean, batched', value: mean(batched.ms), unit: 'ms', baseline: mean(alone.ms), baselineLabel: 'one query at a time' },
      ],
      notes: [
        'Goal (issue 18): 1 C4C round trip per tenant and poll for every family together.',
        'Both modes run the same change queries in the same process, alternating, after the sync settled; the batched poll is what the service runs.',
      ],
    };
  } finally {
    await h.close();
  }
}

if (isMain(import.meta.url)) {
  printResult(await runPollRoundTrips({ polls: numberArg('polls', 10), latencyMs: numberArg('latency-ms', 50) }));
}
