// The adapter's pure parts, without a sandbox: Retry-After parsing and back-off, the cursor format, category
// edits, the per-mailbox limiter, the authority URL and the sync window.
import { applyCategoryEdit } from '../../../src/server/adapters/graph/category-edit.js';
import { decodeDeltaCursor, encodeDeltaCursor, sameWindow } from '../../../src/server/adapters/graph/delta-cursor.js';
import { isExpiredDeltaToken, portErrorOf } from '../../../src/server/adapters/graph/graph-errors.js';
import { MailboxLimiter } from '../../../src/server/adapters/graph/mailbox-limiter.js';
import { parseRetryAfter, retryDelayMs } from '../../../src/server/adapters/graph/retry-policy.js';
import { syncWindowAround } from '../../../src/server/domain/sync-window.js';
import { tenantAuthority } from '../../../src/server/adapters/graph/token-provider.js';

describe('retry policy', () => {
  const options = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterSeconds: 120 };
  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-21T10:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7);
    expect(parseRetryAfter('Sat, 21 Nov 2026 10:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
  it('waits what the server said, else backs off exponentially within the cap', () => {
    expect(retryDelayMs(3, 2, options)).toBe(2000);
    expect(retryDelayMs(1, undefined, options, () => 0)).toBe(250);
    expect(retryDelayMs(1, undefined, options, () => 1)).toBe(500);
    expect(retryDelayMs(4, undefined, options, () => 1)).toBe(4000);
    expect(retryDelayMs(20, undefined, options, () => 1)).toBe(30_000);
  });
});

describe('errors', () => {
  it('maps statuses to the port codes', () => {
    const body = { error: { code: 'ErrorIrresolvableConflict', message: 'changed' } };
    // Graph's wording can quote the item: it is the detail (for the item's owner), not the logged message.
    expect(portErrorOf(412, body)).toEqual({ code: 'conflict', message: 'Graph 412 ErrorIrresolvableConflict', detail: 'changed' });
    expect(portErrorOf(429, {}, 3)).toEqual(expect.objectContaining({ code: 'throttled', retryAfterSeconds: 3 }));
    expect([401, 403, 404, 409, 400, 503].map((s) => portErrorOf(s, undefined).code)).toEqual(['auth', 'auth', 'notFound', 'conflict', 'invalid', 'temporary']);
    expect(isExpiredDeltaToken(410, {})).toBe(true);
    expect(isExpiredDeltaToken(400, { error: { code: 'SyncStateInvalid' } })).toBe(true);
    expect(isExpiredDeltaToken(400, { error: { code: 'BadRequest' } })).toBe(false);
  });
});

describe('delta cursor', () => {
  const window = { startUtc: '2026-10-22T00:00:00Z', endUtc: '2027-05-21T00:00:00Z' };
  it('round-trips the delta link with its window', () => {
    const cursor = encodeDeltaCursor({ window, deltaLink: 'https://graph.microsoft.com/v1.0/users/x/calendarView/delta?$deltatoken=abc' });
    expect(decodeDeltaCursor(cursor)).toEqual({ window, deltaLink: 'https://graph.microsoft.com/v1.0/users/x/calendarView/delta?$deltatoken=abc', windowKnown: true });
  });
  it('accepts a bare delta link and rejects garbage', () => {
    expect(decodeDeltaCursor('https://graph/x?$deltatoken=1')).toEqual(expect.objectContaining({ windowKnown: false }));
    expect(decodeDeltaCursor('nonsense')).toBeNull();
    expect(decodeDeltaCursor('graph-delta:v1:{broken')).toBeNull();
    expect(decodeDeltaCursor(null)).toBeNull();
  });
  it('compares windows by instant, not by spelling', () => {
    expect(sameWindow(window, { startUtc: '2026-10-22T00:00:00.000Z', endUtc: '2027-05-21T00:00:00Z' })).toBe(true);
    expect(sameWindow(window, { startUtc: '2026-10-23T00:00:00Z', endUtc: '2027-05-21T00:00:00Z' })).toBe(false);
  });
});

describe('category edit', () => {
  it('removes case-insensitively, adds once, and keeps the rest in order', () => {
    expect(applyCategoryEdit(['Red', 'SAP Cloud for Customer', 'Blue'], { add: ['Error in SAP Cloud for Customer SSI'], remove: ['sap cloud for customer'] }))
      .toEqual(['Red', 'Blue', 'Error in SAP Cloud for Customer SSI']);
    expect(applyCategoryEdit(['Visit'], { add: ['visit'], remove: [] })).toEqual(['Visit']);
    expect(applyCategoryEdit([], { add: [], remove: ['x'] })).toEqual([]);
  });
});

describe('mailbox limiter', () => {
  it('never exceeds the budget per key, counts a batch as its weight, and keeps keys apart', async () => {
    const limiter = new MailboxLimiter(4);
    const inFlight = new Map<string, number>();
    let worst = 0;
    const task = (key: string, weight: number) =>
      limiter.run(key, weight, async () => {
        const now = (inFlight.get(key) ?? 0) + Math.min(weight, 4);
        inFlight.set(key, now);
        worst = Math.max(worst, now);
        await new Promise((r) => setTimeout(r, 5));
        inFlight.set(key, (inFlight.get(key) ?? 0) - Math.min(weight, 4));
      });
    await Promise.all([
      ...Array.from({ length: 20 }, () => task('a', 1)),
      ...Array.from({ length: 5 }, () => task('a', 20)),
      ...Array.from({ length: 10 }, () => task('b', 3)),
    ]);
    expect(worst).toBe(4);
    expect(limiter.peak).toBe(4);
  });
  it('serves waiters in order, so a heavy waiter is not starved', async () => {
    const limiter = new MailboxLimiter(2);
    const order: string[] = [];
    const hold = (name: string, weight: number, ms: number) => limiter.run('k', weight, async () => {
      order.push(name);
      await new Promise((r) => setTimeout(r, ms));
    });
    await Promise.all([hold('first', 1, 20), hold('heavy', 2, 1), hold('light', 1, 1)]);
    expect(order).toEqual(['first', 'heavy', 'light']);
  });
});

describe('authority and window', () => {
  it('appends the tenant unless the authority names one', () => {
    expect(tenantAuthority('https://login.microsoftonline.com', 't-1')).toBe('https://login.microsoftonline.com/t-1');
    expect(tenantAuthority('https://127.0.0.1:4000/', 't-1')).toBe('https://127.0.0.1:4000/t-1');
    expect(tenantAuthority('https://login.microsoftonline.com/contoso.example', 't-1')).toBe('https://login.microsoftonline.com/contoso.example');
  });
  it('spans whole UTC days, 30 back and 180 ahead by default, stable within a day', () => {
    const w = syncWindowAround(new Date('2026-11-21T15:45:00Z'));
    expect(w).toEqual({ startUtc: '2026-10-22T00:00:00Z', endUtc: '2027-05-21T00:00:00Z' });
    expect(syncWindowAround(new Date('2026-11-21T00:00:01Z'))).toEqual(w);
    expect(syncWindowAround(new Date('2026-11-21T12:00:00Z'), { daysBack: 1, daysAhead: 1 })).toEqual({ startUtc: '2026-11-20T00:00:00Z', endUtc: '2026-11-23T00:00:00Z' });
  });
});
