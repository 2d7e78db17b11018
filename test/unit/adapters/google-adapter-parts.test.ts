// The Google adapter's pure parts: which users are at Google (R10 enrolment), the cursor of both calendars' sync
// tokens, how Google's errors become port errors, and its retries (403 userRateLimitExceeded / 429 / 503, Retry-After).
import { callGoogle, googleErrorOf, isRetryable, portErrorOf } from '../../../src/server/adapters/google/google-call.js';
import { cursorFits, decodeGoogleCursor, encodeGoogleCursor } from '../../../src/server/adapters/google/sync-cursor.js';
import { providerOf } from '../../../src/server/domain/mailbox-provider.js';
import { PortFailure } from '../../../src/server/ports/write-results.js';

/** A failure as gaxios throws it: the answer's status, headers and Google's error body. */
function gaxiosError(status: number, reason: string, retryAfter?: string): Error {
  const headers = new Headers(retryAfter ? { 'retry-after': retryAfter } : {});
  return Object.assign(new Error(`Request failed with status code ${status}`), { status, response: { status, headers, data: { error: { code: status, message: 'Quota exceeded for quota metric', errors: [{ domain: 'usageLimits', reason }] } } } });
}

const FAST = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 20 };

describe('R10 enrolment', () => {
  it('puts listed addresses and every address of a listed domain at Google, everyone else at Microsoft 365', () => {
    const google = { users: ['dan.diaz@contoso.example'], domains: ['fabrikam.example'] };
    expect(providerOf('Dan.Diaz@Contoso.example ', google)).toBe('google');
    expect(providerOf('ann@fabrikam.example', google)).toBe('google');
    expect(providerOf('ava.adams@contoso.example', google)).toBe('graph');
    expect(providerOf('ann@sub.fabrikam.example', google)).toBe('graph');
  });
});

describe('the Google sync cursor', () => {
  const window = { startUtc: '2026-11-01T00:00:00Z', endUtc: '2027-06-01T00:00:00Z' };
  const calendars = { appointment: 'a@group.calendar.google.com', visit: 'v@group.calendar.google.com' };
  it('round-trips both tokens and fits only the same window and calendars', () => {
    const cursor = decodeGoogleCursor(encodeGoogleCursor({ window, calendars, tokens: { appointment: 't1', visit: 't2' } }));
    expect(cursor?.tokens).toEqual({ appointment: 't1', visit: 't2' });
    expect(cursor && cursorFits(cursor, window, calendars)).toBe(true);
    expect(cursor && cursorFits(cursor, { ...window, endUtc: '2027-06-02T00:00:00Z' }, calendars)).toBe(false);
    expect(cursor && cursorFits(cursor, window, { ...calendars, visit: 'other' })).toBe(false);
  });
  it('reads a Graph delta link (a mailbox that was at Microsoft 365) or garbage as no cursor: a full read', () => {
    expect(decodeGoogleCursor('graph-delta:v1:{"s":"x"}')).toBeNull();
    expect(decodeGoogleCursor('google-sync:v1:{not json')).toBeNull();
    expect(decodeGoogleCursor(null)).toBeNull();
  });
});

describe("Google's errors", () => {
  it('map to port errors, keeping Google\'s wording out of the message', () => {
    const code = (status: number, reason: string) => portErrorOf(googleErrorOf(gaxiosError(status, reason)), 'events.patch').code;
    expect(code(412, 'conditionNotMet')).toBe('conflict');
    expect(code(404, 'notFound')).toBe('notFound');
    expect(code(403, 'userRateLimitExceeded')).toBe('throttled');
    expect(code(429, 'rateLimitExceeded')).toBe('throttled');
    expect(code(403, 'forbidden')).toBe('auth');
    expect(code(503, 'backendError')).toBe('temporary');
    const error = portErrorOf(googleErrorOf(gaxiosError(403, 'userRateLimitExceeded', '7')), 'events.list');
    expect(error).toMatchObject({ message: 'Google events.list: 403 userRateLimitExceeded', retryAfterSeconds: 7, detail: 'Quota exceeded for quota metric' });
  });
  it('are retried when Google says to back off or is unavailable, not when the request is wrong', () => {
    expect(isRetryable(googleErrorOf(gaxiosError(403, 'userRateLimitExceeded')))).toBe(true);
    expect(isRetryable(googleErrorOf(gaxiosError(403, 'rateLimitExceeded')))).toBe(true);
    expect(isRetryable(googleErrorOf(gaxiosError(429, 'rateLimitExceeded')))).toBe(true);
    expect(isRetryable(googleErrorOf(gaxiosError(503, 'backendError')))).toBe(true);
    expect(isRetryable(googleErrorOf(gaxiosError(403, 'forbidden')))).toBe(false);
    expect(isRetryable(googleErrorOf(gaxiosError(412, 'conditionNotMet')))).toBe(false);
    expect(isRetryable(googleErrorOf(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })))).toBe(true);
  });
});

describe('callGoogle', () => {
  it('retries a rate limit after Retry-After and returns the answer', async () => {
    const answers = [gaxiosError(403, 'userRateLimitExceeded', '0.01'), gaxiosError(503, 'backendError')];
    let calls = 0;
    const data = await callGoogle('events.list', FAST, async () => {
      calls += 1;
      const next = answers.shift();
      if (next) throw next;
      return { data: { items: [] } };
    });
    expect(data).toEqual({ items: [] });
    expect(calls).toBe(3);
  });
  it('gives up after the last attempt with a PortFailure, and lets the caller take a status it expects', async () => {
    const failing = () => Promise.reject(gaxiosError(429, 'rateLimitExceeded'));
    await expect(callGoogle('events.insert', FAST, failing)).rejects.toBeInstanceOf(PortFailure);
    const duplicate = () => Promise.reject(gaxiosError(409, 'duplicate'));
    await expect(callGoogle('events.insert', FAST, duplicate, (info) => (info.status === 409 ? { value: 'exists' } : undefined))).resolves.toBe('exists');
  });
});
