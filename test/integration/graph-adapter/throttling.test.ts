// Throttling against the Graph sandbox: 429 + Retry-After is waited out, exhausted retries end as `throttled`,
// and the adapter never has more than four requests in flight for one mailbox (the sandbox enforces Outlook's
// MailboxConcurrency limit and counts every request it had to refuse).
import type { CalendarWriteRequest } from '../../../src/server/ports/calendar-source.js';
import { PortFailure, type WriteSuccess } from '../../../src/server/ports/write-results.js';
import { emptyCalendarItem } from '../../../src/server/domain/calendar-item.js';
import { AVA, BEN, dayIso, mailboxOf, startAdapterHarness, type AdapterHarness } from './support.js';

let h: AdapterHarness;
beforeAll(async () => {
  h = await startAdapterHarness();
});
afterAll(async () => h.close());
beforeEach(async () => {
  await h.control('POST', '/reset');
});

const throttledCount = async () => (await h.control('GET', '/throttling')).body.throttled as number;

function creates(prefix: string, n: number): CalendarWriteRequest[] {
  return Array.from({ length: n }, (_, i) => ({
    op: 'create' as const,
    transactionId: `${prefix}-${i}`,
    kind: 'appointment' as const,
    fields: { ...emptyCalendarItem(), subject: `${prefix} ${i}`, startUtc: `${dayIso(1 + (i % 9))}T08:00:00Z`, endUtc: `${dayIso(1 + (i % 9))}T08:30:00Z` },
    categories: ['SAP Cloud for Customer'],
  }));
}

/** Ten writes of four items at once: each a batch of four, so only the mailbox budget keeps them apart. */
async function smallConcurrentWrites(adapter: ReturnType<AdapterHarness['adapter']>) {
  const rounds = await Promise.all(Array.from({ length: 10 }, (_, k) => adapter.write(mailboxOf(AVA), creates(`small-${k}`, 4))));
  return rounds.flat();
}

describe('throttling', () => {
  it('waits out 429 with Retry-After and then succeeds, on single calls and inside batches', async () => {
    const adapter = h.adapter();
    await h.control('PUT', '/faults', { count: 2, kinds: ['throttle'], retryAfterSeconds: 1, pathPrefix: `/v1.0/users/${AVA.id}/events` });
    const started = Date.now();
    const results = await adapter.write(mailboxOf(AVA), creates('retry-after', 5));
    const elapsed = Date.now() - started;
    expect(results.every((r) => r.ok)).toBe(true);
    expect(elapsed).toBeGreaterThanOrEqual(1000);
    expect((await h.counters()).byRoute['POST /v1.0/$batch']).toBe(2);
    expect((await h.control('GET', '/faults')).body.count).toBe(0);

    await h.control('PUT', '/faults', { count: 1, kinds: ['throttle'], retryAfterSeconds: 2, pathPrefix: `/v1.0/users/${AVA.id}/calendarView/delta` });
    const t0 = Date.now();
    const changes = await adapter.readChanges(mailboxOf(AVA), null, { startUtc: `${dayIso(-1)}T00:00:00Z`, endUtc: `${dayIso(30)}T00:00:00Z` });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(2000);
    expect(changes.items.length).toBeGreaterThan(0);
  });

  it('reports `throttled` with the server\'s hint once its retries are used up', async () => {
    const adapter = h.adapter({ retry: { maxAttempts: 2 } });
    await h.control('PUT', '/faults', { count: 100, kinds: ['throttle'], retryAfterSeconds: 1, pathPrefix: `/v1.0/users/${AVA.id}/events` });
    const results = await adapter.write(mailboxOf(AVA), creates('exhausted', 3));
    expect(results).toEqual(results.map(() => ({ ok: false, error: expect.objectContaining({ code: 'throttled', retryAfterSeconds: 1 }) })));
    await h.control('DELETE', '/faults');

    await h.control('PUT', '/faults', { count: 100, kinds: ['unavailable'], pathPrefix: `/v1.0/users/${AVA.id}/calendarView` });
    await expect(adapter.readChanges(mailboxOf(AVA), null, { startUtc: `${dayIso(-1)}T00:00:00Z`, endUtc: `${dayIso(30)}T00:00:00Z` })).rejects.toMatchObject({ error: { code: 'temporary' } });
  });

  it('does not wait for a Retry-After beyond its limit', async () => {
    const adapter = h.adapter({ retry: { maxRetryAfterSeconds: 5 } });
    await h.control('PUT', '/faults', { count: 100, kinds: ['throttle'], retryAfterSeconds: 600, pathPrefix: `/v1.0/users/${AVA.id}/events` });
    const started = Date.now();
    const [result] = await adapter.write(mailboxOf(AVA), creates('long-wait', 1));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'throttled', retryAfterSeconds: 600 }) });
  });

  it('keeps at most four requests in flight per mailbox, so Outlook never refuses one for concurrency', async () => {
    await h.control('PUT', '/latency', { fixedMs: 40, jitterMs: 20 });
    const adapter = h.adapter();
    const [created, small, reads] = await Promise.all([
      adapter.write(mailboxOf(AVA), creates('parallel', 70)),
      smallConcurrentWrites(adapter),
      Promise.all(Array.from({ length: 6 }, () => adapter.getItems(mailboxOf(AVA), ['AAMkAGI2TG93AAA=']))),
      adapter.write(mailboxOf(BEN), creates('other-mailbox', 30)),
    ]);
    expect(created.every((r) => r.ok)).toBe(true);
    expect(small.every((r) => r.ok)).toBe(true);
    expect(reads.flat().every((i) => i.removed)).toBe(true);
    expect(await throttledCount()).toBe(0);
    expect(adapter.http.limiter.peak).toBeLessThanOrEqual(4);
    expect(new Set(created.map((r) => (r as WriteSuccess).id)).size).toBe(70);
  });

  it('(control) a client allowed eight concurrent requests does get refused by the sandbox', async () => {
    await h.control('PUT', '/latency', { fixedMs: 40, jitterMs: 20 });
    const greedy = h.adapter({ maxConcurrencyPerMailbox: 8 });
    const results = await smallConcurrentWrites(greedy);
    expect(await throttledCount()).toBeGreaterThan(0);
    // …and still ends well, because refused members are retried after Retry-After.
    expect(results.every((r) => r.ok)).toBe(true);
  });

  it('fails the whole read with a PortFailure, not a crash, when Graph keeps failing', async () => {
    const adapter = h.adapter({ retry: { maxAttempts: 1 } });
    await h.control('PUT', '/faults', { count: 1, kinds: ['unavailable'], pathPrefix: '/v1.0/' });
    const error = await adapter.readChanges(mailboxOf(AVA), null, { startUtc: `${dayIso(-1)}T00:00:00Z`, endUtc: `${dayIso(3)}T00:00:00Z` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortFailure);
  });
});
