// Every benchmark once at a tiny size, so they keep working as the product changes (the figures themselves are
// for bench/RESULTS.md, not for assertions; only their sanity is checked here).
// In two files so that CI's two workers share them; this one runs those that start the service.
import { runContactInstaSync } from '../../../bench/contact-insta-sync.bench.js';
import { runInstaSync } from '../../../bench/insta-sync.bench.js';
import { runStartup } from '../../../bench/startup.bench.js';
import { runScaleOut } from '../../../bench/scale-out.bench.js';
import { runTaskpane } from '../../../bench/taskpane.bench.js';
import { runThroughput } from '../../../bench/throughput.bench.js';
import { figure } from './figure.js';

describe('benchmarks at a tiny size: through the running service', () => {
  it("contact insta-sync: an Outlook edit reaches C4C and a second user's copy through the running service", async () => {
    const r = await runContactInstaSync({ changes: 1, latencyMs: 5, jitterMs: 2, quietMs: 1_000, timeoutMs: 20_000 });
    expect(figure(r, 'changes lost')).toBe(0);
    expect(figure(r, 'Outlook → C4C → second Outlook p50')).toBeGreaterThan(0);
  }, 90_000);

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

  // The one tiny run with worker processes: the scale-out bench's checks (sessions read from the workers' logs, their
  // overlaps, PostgreSQL's lock views) need them. Without the kill: pg-boss notices a dead worker's session after 10 s
  // at the least (its heartbeat minimum); bench/lib/session-log.ts's unit test covers what the bench makes of a kill.
  it('scale-out: two worker processes on PostgreSQL, sessions on both, none of one mailbox at once', async () => {
    const r = await runScaleOut({ mailboxes: 8, items: 2, workers: [2], killAt: 0, quietMs: 1_000, idleMs: 1_000 });
    expect(figure(r, '2 worker(s): sessions per worker, max')).toBeGreaterThan(0);
    expect(figure(r, '2 worker(s): overlapping sessions of one mailbox')).toBe(0);
    expect(figure(r, '2 worker(s): deadlocks')).toBe(0);
    expect(figure(r, '2 worker(s): worker CPU per session')).toBeGreaterThan(0);
  }, 90_000);

  it('task pane: bundle figures when built, CRM search through the service API', async () => {
    const r = await runTaskpane({ accounts: 2_000, searches: 5, ttiRuns: 1 });
    expect(figure(r, 'CRM search (accounts) p50')).toBeGreaterThan(0);
  }, 60_000);

  it('start-up: npm start answers /readyz on a fresh data folder, then again on the same one', async () => {
    const r = await runStartup({ warm: 1, keepBundle: true });
    expect(figure(r, 'cold start')).toBeGreaterThan(0);
    expect(figure(r, 'warm start (mean of 1)')).toBeGreaterThan(0);
    // Each start's note says when the service listened and answered, from its own log lines.
    expect(r.notes).toHaveLength(2);
    for (const note of r.notes) expect(note).toMatch(/listening \d+ ms, \/readyz 200 at \d+ ms/);
  }, 120_000);
});
