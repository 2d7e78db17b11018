// The Google sandbox's token endpoint (JWT-bearer grant, checked claim by claim), tokens bound to one user, push
// channels (events.watch / channels.stop and the X-Goog-* POSTs), the demo seed and the /_sandbox control plane
// (info, faults, latency, counters, reset). One sandbox for the file.
import { generateKeyPair, importPKCS8, SignJWT } from 'jose';
import { DAN, EVE, CALENDAR_SCOPE, failure, startGoogleHarness, startPushReceiver, type GoogleHarness, type Json } from './harness.js';

let h: GoogleHarness;
let key: Json;

beforeAll(async () => {
  h = await startGoogleHarness();
  key = h.info.serviceAccountKey as Json;
});
afterAll(() => h.close());

async function assertion(claims: Record<string, unknown>, signingKey?: CryptoKey): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const keyToUse = signingKey ?? (await importPKCS8(key.private_key as string, 'RS256'));
  return new SignJWT({ iss: key.client_email, scope: CALENDAR_SCOPE, aud: 'https://oauth2.googleapis.com/token', sub: DAN, iat: now, exp: now + 3600, ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: key.private_key_id as string })
    .sign(keyToUse);
}

async function token(form: Record<string, string>): Promise<{ status: number; body: Json }> {
  const res = await fetch(h.info.tokenUrl as string, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
  return { status: res.status, body: (await res.json()) as Json };
}

const grant = async (claims: Record<string, unknown>, signingKey?: CryptoKey) =>
  token({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: await assertion(claims, signingKey) });

async function api(method: string, path: string, accessToken: string, body?: unknown): Promise<Response> {
  return fetch(`${h.url}/calendar/v3${path}`, {
    method,
    headers: { authorization: `Bearer ${accessToken}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

describe('token endpoint (JWT-bearer grant for the service account)', () => {
  it('hands out the service-account key and the users in /_sandbox/info', () => {
    expect(key).toMatchObject({ type: 'service_account', client_email: expect.stringMatching(/@.*\.iam\.gserviceaccount\.com$/), token_uri: `${h.url}/token` });
    expect(key.private_key).toContain('-----BEGIN PRIVATE KEY-----');
    expect(h.info.users.map((u: Json) => u.email)).toEqual([DAN, EVE]);
  });

  it('issues a Bearer token for a valid assertion, for Google\'s audience or the sandbox\'s own token URL', async () => {
    const ok = await grant({});
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ access_token: expect.stringMatching(/^ya29\./), expires_in: 3600, token_type: 'Bearer' });
    expect((await grant({ aud: `${h.url}/token` })).status).toBe(200);
  });

  it('refuses bad assertions with OAuth error bodies', async () => {
    const other = (await generateKeyPair('RS256')).privateKey;
    const now = Math.floor(Date.now() / 1000);
    const cases: Array<[Promise<{ status: number; body: Json }>, number, string]> = [
      [token({ grant_type: 'client_credentials' }), 400, 'unsupported_grant_type'],
      [grant({}, other), 400, 'invalid_grant'],
      [grant({ iss: 'someone@else.iam.gserviceaccount.com' }), 400, 'invalid_grant'],
      [grant({ aud: 'https://example.com/token' }), 400, 'invalid_grant'],
      [grant({ iat: now - 7200, exp: now - 3600 }), 400, 'invalid_grant'],
      [grant({ exp: now + 7200 }), 400, 'invalid_grant'],
      [grant({ sub: 'nobody@contoso.example' }), 400, 'invalid_grant'],
      [grant({ scope: 'https://www.googleapis.com/auth/gmail.readonly' }), 401, 'unauthorized_client'],
      [grant({ scope: `${CALENDAR_SCOPE} https://www.googleapis.com/auth/drive` }), 401, 'unauthorized_client'],
    ];
    for (const [call, status, error] of cases) {
      const res = await call;
      expect([res.status, res.body.error]).toEqual([status, error]);
      expect(typeof res.body.error_description).toBe('string');
    }
  });

  it('makes google-auth-library\'s JWT client fail with Google\'s message for an unknown user', async () => {
    await expect(h.jwt('nobody@contoso.example').getAccessToken()).rejects.toThrow('invalid_grant: Invalid email or User ID');
  });
});

describe('tokens are bound to their user', () => {
  it('lets Eve read neither Dan\'s primary calendar nor one he created (404), and lists only her own', async () => {
    const dan = h.client(DAN);
    const eve = h.client(EVE);
    const secondary = (await dan.calendars.insert({ requestBody: { summary: 'SAP Visits' } })).data.id ?? '';
    for (const calendarId of [DAN, secondary]) {
      const denied = await failure(eve.events.list({ calendarId }));
      expect(denied.status).toBe(404);
      expect(denied.body.error.errors[0]).toMatchObject({ domain: 'global', reason: 'notFound', message: 'Not Found' });
      expect((await failure(eve.events.insert({ calendarId, requestBody: { summary: 'x', start: { date: '2026-12-01' }, end: { date: '2026-12-02' } } }))).status).toBe(404);
    }
    const list = (await eve.calendarList.list()).data.items ?? [];
    expect(list.map((c) => c.id)).toEqual([EVE]);
  });

  it('answers 401 authError without a valid token', async () => {
    const res = await api('GET', '/users/me/calendarList', 'ya29.not-issued');
    expect(res.status).toBe(401);
    expect(((await res.json()) as Json).error).toMatchObject({ code: 401, status: 'UNAUTHENTICATED', errors: [{ reason: 'authError', location: 'Authorization' }] });
    const access = (await grant({})).body.access_token as string;
    expect((await api('GET', '/users/me/calendarList', access)).status).toBe(200);
    expect((await h.control('POST', '/_sandbox/tokens/expire')).status).toBe(204);
    expect((await api('GET', '/users/me/calendarList', access)).status).toBe(401);
  });
});

describe('demo seed', () => {
  it('gives each demo user a few weeks of events, with a weekly series and an edited occurrence', async () => {
    const events = (await h.client(EVE).events.list({ calendarId: 'primary', maxResults: 2500 })).data.items ?? [];
    expect(events.length).toBeGreaterThanOrEqual(12);
    const series = events.find((e) => e.recurrence);
    expect(series?.recurrence).toEqual(['RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=4']);
    expect(events.find((e) => e.recurringEventId === series?.id)?.originalStartTime?.dateTime).toBeTruthy();
    expect(events.some((e) => e.visibility === 'private')).toBe(true);
    expect(events.some((e) => e.start?.date && e.end?.date)).toBe(true);
    const starts = events.flatMap((e) => (e.start?.dateTime ? [Date.parse(e.start.dateTime)] : []));
    expect(Math.max(...starts) - Math.min(...starts)).toBeGreaterThan(14 * 86_400_000);
  });
});

describe('push channels', () => {
  it('sends sync first, then exists after a change, with the X-Goog headers, until the channel is stopped', async () => {
    const receiver = await startPushReceiver();
    try {
      const dan = h.client(DAN);
      const calendarId = (await dan.calendars.insert({ requestBody: { summary: 'Watched' } })).data.id ?? '';
      const channel = (await dan.events.watch({ calendarId, requestBody: { id: 'chan-1', type: 'web_hook', address: receiver.url, token: 'mailbox=dan' } })).data;
      expect(channel).toMatchObject({ kind: 'api#channel', id: 'chan-1', resourceId: expect.any(String), resourceUri: expect.stringContaining('/calendar/v3/calendars/'), expiration: expect.stringMatching(/^\d+$/) });
      const [sync] = await receiver.waitFor(1);
      expect(sync?.body).toBe('');
      expect(sync?.headers).toMatchObject({
        'x-goog-channel-id': 'chan-1', 'x-goog-channel-token': 'mailbox=dan', 'x-goog-resource-id': channel.resourceId,
        'x-goog-resource-uri': channel.resourceUri, 'x-goog-resource-state': 'sync', 'x-goog-message-number': '1',
        'x-goog-channel-expiration': new Date(Number(channel.expiration)).toUTCString(),
      });
      await dan.events.insert({ calendarId, requestBody: { summary: 'New', start: { date: '2026-12-01' }, end: { date: '2026-12-02' } } });
      const [, exists] = await receiver.waitFor(2);
      expect(exists?.headers).toMatchObject({ 'x-goog-resource-state': 'exists', 'x-goog-message-number': '2', 'x-goog-channel-id': 'chan-1' });
      // Another calendar's change is not this channel's.
      await dan.events.insert({ calendarId: 'primary', requestBody: { summary: 'Elsewhere', start: { date: '2026-12-01' }, end: { date: '2026-12-02' } } });
      expect((await failure(dan.channels.stop({ requestBody: { id: 'chan-1', resourceId: 'wrong' } }))).status).toBe(404);
      await dan.channels.stop({ requestBody: { id: 'chan-1', resourceId: channel.resourceId ?? '' } });
      await dan.events.insert({ calendarId, requestBody: { summary: 'After stop', start: { date: '2026-12-03' }, end: { date: '2026-12-04' } } });
      // An expired channel is silent too, and Google never renews it.
      await dan.events.watch({ calendarId, requestBody: { id: 'chan-2', type: 'web_hook', address: receiver.url } });
      await receiver.waitFor(3);
      expect((await h.control('POST', '/_sandbox/channels/chan-2/expire')).status).toBe(204);
      await dan.events.insert({ calendarId, requestBody: { summary: 'After expiry', start: { date: '2026-12-05' }, end: { date: '2026-12-06' } } });
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(receiver.pushes.map((p) => [p.headers['x-goog-channel-id'], p.headers['x-goog-resource-state']])).toEqual([['chan-1', 'sync'], ['chan-1', 'exists'], ['chan-2', 'sync']]);
      expect((await failure(dan.channels.stop({ requestBody: { id: 'chan-2', resourceId: channel.resourceId ?? '' } }))).status).toBe(404);
    } finally {
      await receiver.close();
    }
  });

  it('loses, repeats and delays exists messages as /_sandbox/notifications/faults says, never the sync handshake', async () => {
    const receiver = await startPushReceiver();
    try {
      const eve = h.client(EVE);
      const calendarId = (await eve.calendars.insert({ requestBody: { summary: 'Faulty pushes' } })).data.id ?? '';
      // Every message dropped: the channel's sync still arrives, no exists does.
      expect((await h.control('PUT', '/_sandbox/notifications/faults', { drop: 1, seed: 3 })).body).toMatchObject({ drop: 1, dropped: 0 });
      await eve.events.watch({ calendarId, requestBody: { id: 'chan-faults', type: 'web_hook', address: receiver.url } });
      await receiver.waitFor(1);
      await eve.events.insert({ calendarId, requestBody: { summary: 'Lost', start: { date: '2026-12-01' }, end: { date: '2026-12-02' } } });
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(receiver.pushes.map((p) => p.headers['x-goog-resource-state'])).toEqual(['sync']);
      expect((await h.control('GET', '/_sandbox/notifications/faults')).body).toMatchObject({ dropped: 1 });
      // Every message sent twice (the same message number), each copy up to 100 ms late.
      await h.control('PUT', '/_sandbox/notifications/faults', { duplicate: 1, delayMs: 100, seed: 3 });
      await eve.events.insert({ calendarId, requestBody: { summary: 'Twice', start: { date: '2026-12-03' }, end: { date: '2026-12-04' } } });
      const pushes = await receiver.waitFor(3);
      expect(pushes.slice(1).map((p) => [p.headers['x-goog-resource-state'], p.headers['x-goog-message-number']])).toEqual([['exists', '3'], ['exists', '3']]);
      expect((await h.control('GET', '/_sandbox/notifications/faults')).body).toMatchObject({ duplicated: 1 });
      expect((await h.control('DELETE', '/_sandbox/notifications/faults')).status).toBe(204);
      expect((await h.control('PUT', '/_sandbox/notifications/faults', { drop: 2 })).status).toBe(400);
    } finally {
      await h.control('DELETE', '/_sandbox/notifications/faults');
      await receiver.close();
    }
  });
});

describe('control plane', () => {
  let access: string;
  beforeAll(async () => {
    access = (await grant({})).body.access_token as string;
  });
  afterEach(async () => {
    await h.control('DELETE', '/_sandbox/faults');
    await h.control('DELETE', '/_sandbox/latency');
  });

  it('answers malformed input and unknown paths with Google\'s error body too', async () => {
    const shape = { code: expect.any(Number), message: expect.any(String), errors: [{ domain: 'global', reason: expect.any(String), message: expect.any(String) }], status: expect.any(String) };
    const malformed = await fetch(`${h.url}/calendar/v3/calendars/primary/events`, { method: 'POST', headers: { authorization: `Bearer ${access}`, 'content-type': 'application/json' }, body: '{bad' });
    expect([malformed.status, ((await malformed.json()) as Json).error]).toEqual([400, { ...shape, errors: [{ domain: 'global', reason: 'parseError', message: 'Parse Error' }] }]);
    const wrongType = await api('POST', '/calendars/primary/events', access, { summary: 5 });
    expect([wrongType.status, ((await wrongType.json()) as Json).error]).toEqual([400, shape]);
    const nowhere = await api('GET', '/nowhere', access);
    expect([nowhere.status, ((await nowhere.json()) as Json).error]).toEqual([404, { ...shape, status: 'NOT_FOUND' }]);
  });

  it('injects Google\'s rate limits and outages', async () => {
    const cases: Array<[string, number, string, string]> = [
      ['throttle', 429, 'usageLimits', 'rateLimitExceeded'],
      ['userThrottle', 403, 'usageLimits', 'userRateLimitExceeded'],
      ['unavailable', 503, 'global', 'backendError'],
    ];
    for (const [kind, status, domain, reason] of cases) {
      expect((await h.control('PUT', '/_sandbox/faults', { count: 1, kinds: [kind] })).status).toBe(200);
      const res = await api('GET', '/users/me/calendarList', access);
      expect(res.status).toBe(status);
      expect(((await res.json()) as Json).error).toMatchObject({ code: status, errors: [{ domain, reason }] });
    }
    await h.control('PUT', '/_sandbox/faults', { count: 1, kinds: ['reset'] });
    await expect(api('GET', '/users/me/calendarList', access)).rejects.toThrow();
    await h.control('PUT', '/_sandbox/faults', { count: 1, kinds: ['timeout'], timeoutMs: 50 });
    await expect(api('GET', '/users/me/calendarList', access)).rejects.toThrow();
    expect((await api('GET', '/users/me/calendarList', access)).status).toBe(200);
  });

  it('adds latency and counts requests per route and per user', async () => {
    await h.control('DELETE', '/_sandbox/counters');
    await h.control('PUT', '/_sandbox/latency', { fixedMs: 60 });
    const started = Date.now();
    await api('GET', `/calendars/${encodeURIComponent(DAN)}/events?maxResults=1`, access);
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    const counters = (await h.control('GET', '/_sandbox/counters')).body;
    expect(counters.byRoute['GET /calendar/v3/calendars/:calendarId/events']).toBe(1);
    expect(counters.byMailbox).toEqual({ [DAN]: 1 });
  });

  it('grows the Workspace with the demo tenant\'s users, whose tokens then work', async () => {
    expect((await h.control('POST', '/_sandbox/users', { count: 8 })).body).toEqual({ added: 6, users: 8 });
    const calendars = (await h.client('user0008@contoso.example').calendarList.list()).data.items ?? [];
    expect(calendars.map((c) => c.id)).toEqual(['user0008@contoso.example']);
  });

  it('seeds events through events.insert and resets to the demo seed', async () => {
    const seeded = await h.control('POST', '/_sandbox/seed', { user: EVE, generate: { count: 3 } });
    expect(seeded.status).toBe(201);
    expect(seeded.body).toMatchObject({ user: EVE, calendarId: EVE, created: 3 });
    const extra = (await h.client(EVE).calendars.insert({ requestBody: { summary: 'Temporary' } })).data.id ?? '';
    expect((await h.control('POST', '/_sandbox/reset')).status).toBe(204);
    expect((await failure(h.client(EVE).calendars.get({ calendarId: extra }))).status).toBe(404);
    expect((await h.control('GET', '/_sandbox/info')).body.users).toHaveLength(2);
    const after = (await h.client(EVE).events.list({ calendarId: 'primary', q: 'Generated' })).data.items ?? [];
    expect(after).toEqual([]);
  });
});
