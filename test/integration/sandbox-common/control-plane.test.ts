import Fastify from 'fastify';
import { installControlPlane } from '../../../src/sandbox/common/control-plane.js';

function build() {
  const app = Fastify();
  const control = installControlPlane(app, {
    errorBody: (status, code, message) => ({ error: { code, message, status } }),
    mailboxOf: (req) => (req.params as { user?: string }).user,
    random: () => 0.5,
  });
  app.get('/v1.0/users/:user/events', async () => ({ value: [] }));
  return { app, control };
}

describe('sandbox control plane', () => {
  it('counts requests per route and per mailbox, and resets the counters', async () => {
    const { app } = build();
    await app.inject({ method: 'GET', url: '/v1.0/users/ava/events' });
    await app.inject({ method: 'GET', url: '/v1.0/users/ava/events?$top=1' });
    await app.inject({ method: 'GET', url: '/v1.0/users/ben/events' });
    const counters = (await app.inject({ method: 'GET', url: '/_sandbox/counters' })).json();
    expect(counters.total).toBe(3);
    expect(counters.byRoute['GET /v1.0/users/:user/events']).toBe(3);
    expect(counters.byMailbox).toEqual({ ava: 2, ben: 1 });
    await app.inject({ method: 'DELETE', url: '/_sandbox/counters' });
    expect((await app.inject({ method: 'GET', url: '/_sandbox/counters' })).json().total).toBe(0);
  });

  it('throttles the next N requests with 429, Retry-After and the service error body', async () => {
    const { app } = build();
    const put = await app.inject({ method: 'PUT', url: '/_sandbox/faults', payload: { count: 2, kinds: ['throttle'], retryAfterSeconds: 7 } });
    expect(put.statusCode).toBe(200);
    const first = await app.inject({ method: 'GET', url: '/v1.0/users/ava/events' });
    expect(first.statusCode).toBe(429);
    expect(first.headers['retry-after']).toBe('7');
    expect(first.json()).toEqual({ error: { code: 'TooManyRequests', message: 'Please retry again later.', status: 429 } });
    expect((await app.inject({ method: 'GET', url: '/v1.0/users/ava/events' })).statusCode).toBe(429);
    expect((await app.inject({ method: 'GET', url: '/v1.0/users/ava/events' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/_sandbox/counters' })).json().faultsInjected).toBe(2);
  });

  it('injects faults at a rate and stops when cleared', async () => {
    const { app } = build();
    await app.inject({ method: 'PUT', url: '/_sandbox/faults', payload: { rate: 1, kinds: ['unavailable'] } });
    expect((await app.inject({ method: 'GET', url: '/v1.0/users/ava/events' })).statusCode).toBe(503);
    await app.inject({ method: 'DELETE', url: '/_sandbox/faults' });
    expect((await app.inject({ method: 'GET', url: '/v1.0/users/ava/events' })).statusCode).toBe(200);
  });

  it('only faults paths under the given prefix', async () => {
    const { app } = build();
    await app.inject({ method: 'PUT', url: '/_sandbox/faults', payload: { rate: 1, kinds: ['unavailable'], pathPrefix: '/other' } });
    expect((await app.inject({ method: 'GET', url: '/v1.0/users/ava/events' })).statusCode).toBe(200);
  });

  it('adds the configured latency', async () => {
    const { app } = build();
    await app.inject({ method: 'PUT', url: '/_sandbox/latency', payload: { fixedMs: 60, jitterMs: 0 } });
    const started = performance.now();
    await app.inject({ method: 'GET', url: '/v1.0/users/ava/events' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('offers the 403 per-user rate limit only where the sandbox lists it among its fault kinds', async () => {
    const { app } = build();
    expect((await app.inject({ method: 'PUT', url: '/_sandbox/faults', payload: { count: 1, kinds: ['userThrottle'] } })).statusCode).toBe(400);
    const google = Fastify();
    installControlPlane(google, { errorBody: (status, code, message) => ({ error: { code, message, status } }), faultKinds: ['throttle', 'userThrottle'] });
    google.get('/calendar/v3/x', async () => ({}));
    expect((await google.inject({ method: 'GET', url: '/_sandbox/faults' })).json().kinds).toEqual(['throttle', 'userThrottle']);
    expect((await google.inject({ method: 'PUT', url: '/_sandbox/faults', payload: { count: 1, kinds: ['userThrottle'] } })).statusCode).toBe(200);
    const limited = await google.inject({ method: 'GET', url: '/calendar/v3/x' });
    expect(limited.statusCode).toBe(403);
    expect(limited.json()).toEqual({ error: { code: 'UserRateLimitExceeded', message: 'User Rate Limit Exceeded', status: 403 } });
    expect((await google.inject({ method: 'GET', url: '/calendar/v3/x' })).statusCode).toBe(200);
  });

  it('refuses malformed control requests with 400', async () => {
    const { app } = build();
    expect((await app.inject({ method: 'PUT', url: '/_sandbox/faults', payload: { rate: 3 } })).statusCode).toBe(400);
    expect((await app.inject({ method: 'PUT', url: '/_sandbox/latency', payload: { fixedMs: -1 } })).statusCode).toBe(400);
  });

  it('drops the connection for a reset fault over real HTTP', async () => {
    const { app } = build();
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      await fetch(`${url}/_sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ count: 1, kinds: ['reset'] }) });
      await expect(fetch(`${url}/v1.0/users/ava/events`)).rejects.toThrow();
      expect((await fetch(`${url}/v1.0/users/ava/events`)).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});
