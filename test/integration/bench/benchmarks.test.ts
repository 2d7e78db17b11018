// Every benchmark once at a tiny size, so they keep working as the product changes (the figures themselves are
// for bench/RESULTS.md, not for assertions; only their sanity is checked here).
import { runContactFirstSync } from '../../../bench/contact-first-sync.bench.js';
import { runContactInstaSync } from '../../../bench/contact-insta-sync.bench.js';
import { runIdleCost } from '../../../bench/idle-cost.bench.js';
import { runInstaSync } from '../../../bench/insta-sync.bench.js';
import { runPollRoundTrips } from '../../../bench/poll-round-trips.bench.js';
import type { BenchResult } from '../../../bench/lib/report.js';
import { runTaskpane } from '../../../bench/taskpane.bench.js';
import { runThroughput } from '../../../bench/throughput.bench.js';
import { runWriteCost } from '../../../bench/write-cost.bench.js';

function figure(result: BenchResult, name: string): number {
  const found = result.figures.find((f) => f.name.startsWith(name));
  if (!found) throw new Error(`${result.bench}: no figure "${name}" in ${result.figures.map((f) => f.name).join(' | ')}`);
  return found.value;
}

describe('benchmarks at a tiny size', () => {
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

  it("contact insta-sync: an Outlook edit reaches C4C and a second user's copy through the running service", async () => {
    const r = await runContactInstaSync({ changes: 1, latencyMs: 5, jitterMs: 2, quietMs: 1_000, timeoutMs: 20_000 });
    expect(figure(r, 'changes lost')).toBe(0);
    expect(figure(r, 'Outlook → C4C → second Outlook p50')).toBeGreaterThan(0);
  }, 90_000);

  it('write cost measures round trips and API requests per changed item', async () => {
    const r = await runWriteCost({ sizes: [1, 3] });
    expect(figure(r, 'create 3: API requests per item')).toBeGreaterThanOrEqual(1);
    expect(figure(r, 'update 1: HTTP round trips per item')).toBeGreaterThan(0);
  }, 40_000);

  it('insta-sync measures both directions through the running service', async () => {
    const r = await runInstaSync({ changes: 1, latencyMs: 5, jitterMs: 2, quietMs: 1_000, timeoutMs: 20_000 });
    expect(figure(r, 'changes lost')).toBe(0);
    expect(figure(r, 'Outlook → C4C p50')).toBeGreaterThan(0);
    expect(figure(r, 'C4C → Outlook p50')).toBeGreaterThan(0);
  }, 90_000);

  // In process only: web and worker processes on PostgreSQL (what the bench's worker runs spawn) are covered by
  // test/integration/service/workers.test.ts, and spawning them again here cost about a minute of CI.
  it('throughput syncs every seeded item, in process', async () => {
    const r = await runThroughput({ mailboxes: 8, items: 2, workers: [] });
    expect(figure(r, 'one worker,')).toBeGreaterThan(0);
    expect(r.figures.some((f) => f.name.startsWith('PostgreSQL'))).toBe(false);
  }, 90_000);

  it('task pane: bundle figures when built, CRM search through the service API', async () => {
    const r = await runTaskpane({ accounts: 2_000, searches: 5, ttiRuns: 1 });
    expect(figure(r, 'CRM search (accounts) p50')).toBeGreaterThan(0);
  }, 60_000);
});
