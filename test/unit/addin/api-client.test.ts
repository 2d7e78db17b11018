import { ApiError } from '../../../src/addin/api/errors.js';
import { createApiClient } from '../../../src/addin/api/client.js';
import { NotSignedInError } from '../../../src/addin/auth/errors.js';

type Handler = (url: string, init: RequestInit) => Promise<Response>;

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

const status = { itemId: 'R1', state: 'pending', kind: 'appointment', c4cObjectId: null, c4cId: null, c4cUrl: null, syncedAt: null, error: null };

function client(handler: Handler, extra: Partial<Parameters<typeof createApiClient>[0]> = {}) {
  const calls: { url: string; init: RequestInit }[] = [];
  const api = createApiClient({
    baseUrl: 'https://svc.example',
    getToken: async () => 'tok',
    fetch: (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return handler(url, init);
    }) as unknown as typeof fetch,
    ...extra,
  });
  return { api, calls };
}

describe('API client', () => {
  it('sends the bearer token to the encoded path and validates the answer', async () => {
    const { api, calls } = client(async () => json(200, status));
    expect(await api.itemStatus('A/B')).toEqual(status);
    expect(calls[0]!.url).toBe('https://svc.example/api/items/A%2FB/status');
    expect((calls[0]!.init.headers as Record<string, string>).authorization).toBe('Bearer tok');
  });

  it("reads, adds to and removes from the user's sync list; a removal answers 204 and an unknown entry is notFound", async () => {
    const entry = { type: 'contact', c4cId: '2000001', source: 'user', addedAt: '2026-12-01T10:00:00.000Z' };
    const answers = [json(200, { entries: [entry] }), json(201, { entry, added: true }), new Response(null, { status: 204 }), json(404, { error: { code: 'not_found', message: 'The record is not on your sync list.' } })];
    const { api, calls } = client(async () => answers.shift() as Response);
    expect(await api.syncList()).toEqual({ entries: [entry] });
    expect(await api.addToSyncList({ type: 'contact', c4cId: '2000001' })).toEqual({ entry, added: true });
    await expect(api.removeFromSyncList({ type: 'contact', c4cId: '2000001' })).resolves.toBeUndefined();
    await expect(api.removeFromSyncList({ type: 'account', c4cId: 'A.1' })).rejects.toMatchObject({ kind: 'notFound', status: 404 });
    expect(calls.map((c) => `${c.init.method} ${c.url}`)).toEqual([
      'GET https://svc.example/api/sync-list',
      'POST https://svc.example/api/sync-list',
      'DELETE https://svc.example/api/sync-list/contact/2000001',
      'DELETE https://svc.example/api/sync-list/account/A.1',
    ]);
    expect(calls[1]!.init.body).toBe('{"type":"contact","c4cId":"2000001"}');
  });

  it('posts JSON bodies for category changes', async () => {
    const { api, calls } = client(async () => json(200, { kind: null, categories: ['Personal'] }));
    expect(await api.setItemCategory('R1', null)).toEqual({ kind: null, categories: ['Personal'] });
    expect(calls[0]!.init.method).toBe('POST');
    expect(calls[0]!.init.body).toBe('{"kind":null}');
  });

  it('rejects answers that break the contract', async () => {
    const { api } = client(async () => json(200, { ...status, state: 'weird' }));
    await expect(api.itemStatus('R1')).rejects.toMatchObject({ kind: 'badResponse' });
  });

  it('maps error statuses and keeps the service code and message', async () => {
    const { api } = client(async () => json(403, { error: { code: 'forbidden', message: 'mailbox not enabled' } }));
    await expect(api.me()).rejects.toMatchObject({ kind: 'forbidden', status: 403, code: 'forbidden', message: 'mailbox not enabled' });
    const { api: down } = client(async () => new Response('bad gateway', { status: 502 }));
    await expect(down.me()).rejects.toMatchObject({ kind: 'server', status: 502, message: 'HTTP 502' });
  });

  it('retries a 401 once with a fresh token, then reports not signed in', async () => {
    let invalidated = 0;
    const { api, calls } = client(async () => json(401, { error: { code: 'unauthorized', message: 'expired' } }), { invalidateToken: () => (invalidated += 1) });
    await expect(api.me()).rejects.toMatchObject({ kind: 'notSignedIn' });
    expect(calls).toHaveLength(2);
    expect(invalidated).toBe(1);
  });

  it('reports not signed in when no token can be had, without calling the service', async () => {
    const { api, calls } = client(async () => json(200, {}), { getToken: async () => { throw new NotSignedInError('sign-in required'); } });
    await expect(api.me()).rejects.toMatchObject({ kind: 'notSignedIn' });
    expect(calls).toHaveLength(0);
  });

  it('tells unreachable, timeout and cancelled apart', async () => {
    const { api } = client(async () => { throw new TypeError('Failed to fetch'); });
    await expect(api.me()).rejects.toMatchObject({ kind: 'unreachable' });

    const hang: Handler = (_url, init) => new Promise((_resolve, reject) => init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    const { api: slow } = client(hang, { timeoutMs: 20 });
    await expect(slow.me()).rejects.toMatchObject({ kind: 'timeout' });

    const { api: cancellable } = client(hang);
    const controller = new AbortController();
    const pending = cancellable.searchCrm({ q: 'por' }, controller.signal);
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).kind).toBe('aborted');
  });
});
