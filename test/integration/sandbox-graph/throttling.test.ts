// Per app-and-mailbox throttling: four concurrent requests, a request budget per window; 429 + Retry-After.
import { AVA, BEN, expectGraphError, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());
afterEach(async () => {
  await h.control('DELETE', '/throttling');
  await h.control('DELETE', '/latency');
});

describe('throttling', () => {
  it('answers the fifth concurrent request for one mailbox with 429 MailboxConcurrency', async () => {
    await h.control('PUT', '/latency', { fixedMs: 400, jitterMs: 0 });
    const results = await Promise.all(Array.from({ length: 6 }, () => h.graph('GET', `/users/${AVA.id}/calendar`)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(4);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2);
    const throttled = results.find((r) => r.status === 429);
    expect(Number(throttled?.headers.get('retry-after'))).toBeGreaterThan(0);
    expectGraphError(throttled?.body ?? {}, 'ApplicationThrottled');
    expect(throttled?.body.error.message).toContain('MailboxConcurrency');
    // Another mailbox has its own allowance.
    const other = await Promise.all(Array.from({ length: 4 }, () => h.graph('GET', `/users/${BEN.id}/calendar`)));
    expect(other.every((r) => r.status === 200)).toBe(true);
  });

  it('enforces the request budget per window with Retry-After until the window ends', async () => {
    await h.control('PUT', '/throttling', { requestsPerWindow: 5, windowSeconds: 30 });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await h.graph('GET', `/users/${AVA.id}/calendar`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const res = await h.graph('GET', `/users/${AVA.id}/calendar`);
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(20);
    expect(retryAfter).toBeLessThanOrEqual(30);
    const info = await h.control('GET', '/throttling');
    expect(info.body.throttled).toBeGreaterThanOrEqual(3);
  });
});
