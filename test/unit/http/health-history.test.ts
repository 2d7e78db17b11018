// The console's health history (http/health-history.ts): samples read the same counters /metrics renders, as rates
// per minute over the interval; the error rate is of that interval's sessions; insta-sync p50/p95 are exact over the
// interval's sessions and start afresh each interval; the ring keeps an hour; the running interval is a partial
// last sample; a queue that cannot be read gives a null depth, not a failed sample.
import { HealthHistory, HEALTH_COUNTERS, quantile } from '../../../src/server/http/health-history.js';
import { Metrics } from '../../../src/server/http/metrics.js';

function setup(depth: () => Promise<number> = async () => 3) {
  let now = Date.parse('2026-12-07T10:00:00Z');
  const metrics = new Metrics();
  const history = new HealthHistory({ metrics, queueDepth: depth, role: 'all', now: () => now, capacity: 4 });
  const advance = (seconds: number) => void (now += seconds * 1000);
  const session = (outcome: 'ok' | 'error', n = 1) => metrics.inc(HEALTH_COUNTERS.sessions, 'Sync sessions run', { outcome }, n);
  return { metrics, history, advance, session };
}

describe('quantile', () => {
  it('takes the nearest rank', () => {
    expect(quantile([], 0.5)).toBeNull();
    expect(quantile([7], 0.95)).toBe(7);
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantile(hundred, 0.5)).toBe(50);
    expect(quantile(hundred, 0.95)).toBe(95);
  });
});

describe('HealthHistory', () => {
  it("turns the interval's counter increments into rates per minute and the error rate of its sessions", async () => {
    const { metrics, session } = setup();
    session('ok', 5); // before this history began: in no sample of it
    let now = Date.parse('2026-12-07T10:00:00Z');
    const history = new HealthHistory({ metrics, queueDepth: async () => 3, role: 'worker', now: () => now });
    expect((await history.history()).samples[0]).toMatchObject({ sessionsPerMinute: 0, errorRate: null });

    session('ok', 3);
    session('error', 1);
    metrics.inc(HEALTH_COUNTERS.graphRequests, 'g', { status: '2xx' }, 40);
    metrics.inc(HEALTH_COUNTERS.graphRequests, 'g', { status: '4xx' }, 5);
    metrics.inc(HEALTH_COUNTERS.c4cRequests, 'c', { status: '2xx' }, 12);
    history.observeInsta(900);
    history.observeInsta(100);
    history.observeInsta(300);
    now += 30_000;
    await history.tick();
    const [sample] = (await history.history()).samples;
    expect(sample).toEqual({
      at: '2026-12-07T10:00:30.000Z',
      seconds: 30,
      queueDepth: 3,
      sessionsPerMinute: 8,
      errorRate: 0.25,
      instaP50Ms: 300,
      instaP95Ms: 900,
      graphRequestsPerMinute: 90,
      c4cRequestsPerMinute: 24,
      partial: false,
    });
  });

  it('starts each interval afresh, ends with the running interval as a partial sample, and keeps only its capacity', async () => {
    const { history, advance, session } = setup();
    history.observeInsta(500);
    advance(30);
    await history.tick();
    session('ok', 1);
    advance(15);
    const answer = await history.history();
    expect(answer.process).toMatchObject({ role: 'all', pid: process.pid, startedAt: '2026-12-07T10:00:00.000Z' });
    expect(answer.samples).toHaveLength(2);
    // The running interval: 15 s so far, one session (4 per minute), no insta session in it.
    expect(answer.samples[1]).toMatchObject({ partial: true, seconds: 15, sessionsPerMinute: 4, errorRate: 0, instaP50Ms: null, instaP95Ms: null });
    for (let i = 0; i < 6; i += 1) {
      advance(30);
      await history.tick();
    }
    const after = await history.history();
    // 7 complete samples at capacity 4 (an hour in the service), plus the running one: the oldest 3 went first.
    expect(after.samples).toHaveLength(5);
    expect(after.samples[0]!.at).toBe('2026-12-07T10:02:15.000Z');
  });

  it('gives a null queue depth when the queue cannot be read, and samples the rest', async () => {
    const { history, advance, session } = setup(async () => {
      throw new Error('database down');
    });
    session('error', 2);
    advance(30);
    await history.tick();
    expect((await history.history()).samples[0]).toMatchObject({ queueDepth: null, errorRate: 1, sessionsPerMinute: 4 });
  });
});

describe('Metrics.total', () => {
  it('sums a counter over its label sets, or over those matching the labels given', () => {
    const metrics = new Metrics();
    metrics.inc('x_total', 'x', { outcome: 'ok' }, 2);
    metrics.inc('x_total', 'x', { outcome: 'error' }, 1);
    expect(metrics.total('x_total')).toBe(3);
    expect(metrics.total('x_total', { outcome: 'error' })).toBe(1);
    expect(metrics.total('missing_total')).toBe(0);
  });
});
