// Every benchmark once at a tiny size, so they keep working as the product changes (the figures themselves are
// for bench/RESULTS.md, not for assertions; only their sanity is checked here).
// In two files so that CI's two workers share them; this one runs the in-process ones.
import { runC4cSearch } from '../../../bench/c4c-search.bench.js';
import { runContactFirstSync } from '../../../bench/contact-first-sync.bench.js';
import { runGoogleWriteBatching } from '../../../bench/google-write-batching.bench.js';
import { runIdleCost } from '../../../bench/idle-cost.bench.js';
import { runMailboxCost } from '../../../bench/mailbox-cost.bench.js';
import { runPollRoundTrips } from '../../../bench/poll-round-trips.bench.js';
import { runWriteCost } from '../../../bench/write-cost.bench.js';
import { figure } from './figure.js';

describe('benchmarks at a tiny size: in process', () => {
  it('idle cost counts at least the floor: one delta call per mailbox, one C4C query per tenant', async () => {
    const r = await runIdleCost({ mailboxes: 2, cycles: 1 });
    expect(figure(r, 'Graph requests per mailbox')).toBeGreaterThanOrEqual(1);
    expect(figure(r, 'C4C requests per tenant')).toBeGreaterThanOrEqual(1);
  }, 40_000);

  it('idle cost of the contact family: one delta call on the contact folder, one change query per record type', async () => {
    const r = await runIdleCost({ mailboxes: 1, cycles: 1, family: 'contacts' });
    expect(figure(r, 'Graph requests per mailbox')).toBeGreaterThanOrEqual(1);
    expect(figure(r, 'C4C requests per tenant')).toBeGreaterThanOrEqual(4);
  }, 40_000);

  it('poll round trips: the families\' change queries of a poll go in one $batch, the baseline one at a time', async () => {
    const r = await runPollRoundTrips({ polls: 1, latencyMs: 0 });
    expect(figure(r, 'C4C requests per poll, batched')).toBe(1);
    // Appointments, Visits, Tasks and the four contact record types, each its own request.
    expect(r.figures.find((f) => f.name.startsWith('C4C requests per poll'))?.baseline).toBeGreaterThanOrEqual(7);
  }, 40_000);

  it('first sync of a sync list: every entry gets its copy, round trips counted', async () => {
    const r = await runContactFirstSync({ entries: 10 });
    expect(figure(r, 'copies synced')).toBe(10);
    expect(figure(r, 'round trips per item')).toBeGreaterThan(0);
  }, 60_000);

  it('the cost of a mailbox: CPU, database round trips and requests per idle session and per changed item', async () => {
    const r = await runMailboxCost({ mailboxes: 1, cycles: 1, items: 2, families: ['calendar'] });
    expect(figure(r, 'calendar: idle session, CPU')).toBeGreaterThan(0);
    expect(figure(r, 'calendar: idle session, database round trips')).toBeGreaterThanOrEqual(1);
    expect(figure(r, 'calendar: idle session, Graph requests')).toBeGreaterThanOrEqual(1);
    expect(figure(r, 'calendar: changed item, Outlook → C4C (2 items), C4C requests')).toBeGreaterThan(0);
    // C4C → Outlook: a read and a PATCH per item, each step of both items in one $batch (2 members, 1 round trip).
    expect(figure(r, 'calendar: changed item, C4C → Outlook (2 items), Graph requests')).toBe(3);
    expect(figure(r, 'calendar: changed item, C4C → Outlook (2 items), Graph round trips')).toBe(1);
    expect(r.notes.some((n) => n.startsWith('| 10,000 |'))).toBe(true);
  }, 60_000);

  it('write cost measures round trips and API requests per changed item', async () => {
    const r = await runWriteCost({ sizes: [1, 3] });
    expect(figure(r, 'create 3: API requests per item')).toBeGreaterThanOrEqual(1);
    expect(figure(r, 'update 1: HTTP round trips per item')).toBeGreaterThan(0);
  }, 40_000);

  it("Google write batching: a Google user's first session lands every activity, and the client's inserts are timed", async () => {
    const r = await runGoogleWriteBatching({ activities: 3, latency: { fixedMs: 0, jitterMs: 0 }, parallel: [2] });
    expect(r.sessionFailed).toBe(0);
    // One events.insert per activity (the sandbox counts "POST /calendar/v3/calendars/:calendarId/events").
    const inserts = Object.entries(r.sessionRequests).filter(([route]) => /^POST .*\/events$/.test(route)).reduce((n, [, c]) => n + c, 0);
    expect(inserts).toBe(3);
    expect([r.sequentialMs, r.parallelMs[2], r.noLatencyMs].every((ms) => (ms ?? 0) > 0)).toBe(true);
  }, 90_000);

  it('C4C search: the indexed type-ahead answers, and a full scan is measured beside it', async () => {
    const r = await runC4cSearch({ accounts: 500, rounds: 2 });
    expect(figure(r, 'seeding 500 accounts')).toBeGreaterThan(0);
    expect(figure(r, 'in process startswith(Name,\'x\') $top=20, p50')).toBeGreaterThanOrEqual(0);
    expect(r.figures.find((f) => f.name.startsWith('in process'))?.baseline).toBeGreaterThan(0);
    expect(figure(r, 'over HTTP (127.0.0.1) startswith $top=10, p50')).toBeGreaterThan(0);
    expect(r.notes.some((n) => /^hits: .*=\d+/.test(n))).toBe(true);
  }, 60_000);
});
