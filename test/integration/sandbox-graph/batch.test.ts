// JSON batching: limits, dependsOn, 424 for failed dependencies, and throttled members inside a 200 batch.
import { AVA, expectGraphError, newEvent, startHarness, type Harness, type Json } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

const get = (id: string, url: string, extra: Json = {}) => ({ id, method: 'GET', url, ...extra });

describe('$batch', () => {
  it('runs up to 20 requests and refuses 21', async () => {
    const twenty = Array.from({ length: 20 }, (_, i) => get(String(i + 1), `/users/${AVA.id}/events?$top=1&$select=subject`));
    const ok = await h.graph('POST', '/$batch', { body: { requests: twenty } });
    expect(ok.status).toBe(200);
    expect(ok.body.responses).toHaveLength(20);
    for (const r of ok.body.responses) expect(r.status).toBe(200);
    const tooMany = await h.graph('POST', '/$batch', { body: { requests: [...twenty, get('21', '/me')] } });
    expect(tooMany.status).toBe(400);
    expectGraphError(tooMany.body, 'BadRequest');
    expect(tooMany.body.error.message).toBe('Number of requests inside batch exceeds the limit.');
    const dupIds = await h.graph('POST', '/$batch', { body: { requests: [get('1', '/users'), get('1', '/users')] } });
    expect(dupIds.status).toBe(400);
  });

  it('orders by dependsOn and fails dependents of a failed request with 424', async () => {
    const requests = [
      { id: '1', method: 'POST', url: `/users/${AVA.id}/events`, headers: { 'Content-Type': 'application/json' }, body: newEvent('Batch create') },
      get('2', `/users/${AVA.id}/events?$filter=subject eq 'Batch create'`, { dependsOn: ['1'] }),
      get('3', `/users/${AVA.id}/events/AAMkAGI2doesNotExist000000000000AAA=`),
      { id: '4', method: 'DELETE', url: `/users/${AVA.id}/events/AAMkAGI2doesNotExist000000000000AAA=`, dependsOn: ['3'] },
      { id: '5', method: 'POST', url: `/users/${AVA.id}/events`, body: newEvent('No content type') },
    ];
    const res = await h.graph('POST', '/$batch', { body: { requests } });
    expect(res.status).toBe(200);
    const byId = new Map<string, Json>(res.body.responses.map((r: Json) => [r.id, r]));
    expect(byId.get('1')?.status).toBe(201);
    expect(byId.get('1')?.body.subject).toBe('Batch create');
    expect(byId.get('2')?.status).toBe(200);
    expect(byId.get('2')?.body.value).toHaveLength(1);
    expect(byId.get('3')?.status).toBe(404);
    expect(byId.get('4')?.status).toBe(424);
    expectGraphError(byId.get('4')?.body, 'FailedDependency');
    expect(byId.get('5')?.status).toBe(400);
  });

  it('turns a dropped or hung backend connection into a 502 for that member only', async () => {
    for (const kind of ['reset', 'timeout']) {
      await h.control('PUT', '/faults', { count: 1, kinds: [kind], timeoutMs: 300, pathPrefix: `/v1.0/users/${AVA.id}/calendar` });
      const res = await h.graph('POST', '/$batch', { body: { requests: [get('1', `/users/${AVA.id}/calendar`), get('2', `/users/${AVA.id}/calendar`, { dependsOn: ['1'] }), get('3', '/users?$top=1')] } });
      expect(res.status).toBe(200);
      expect(res.body.responses.map((r: Json) => r.status)).toEqual([502, 424, 200]);
    }
    await h.control('DELETE', '/faults');
  });

  it('puts throttled members as 429 with Retry-After inside a 200 batch', async () => {
    await h.control('PUT', '/throttling', { requestsPerWindow: 3, windowSeconds: 60 });
    try {
      const requests = Array.from({ length: 6 }, (_, i) => get(String(i + 1), `/users/${AVA.id}/calendar`, i > 0 ? { dependsOn: [String(i)] } : {}));
      // Chain them so that the order is fixed: the first three pass, the fourth is throttled, the rest fail as dependents.
      const res = await h.graph('POST', '/$batch', { body: { requests } });
      expect(res.status).toBe(200);
      const statuses = res.body.responses.map((r: Json) => r.status);
      expect(statuses).toEqual([200, 200, 200, 429, 424, 424]);
      const throttled = res.body.responses[3];
      expect(Number(throttled.headers['Retry-After'])).toBeGreaterThan(0);
      expectGraphError(throttled.body, 'ApplicationThrottled');
    } finally {
      await h.control('DELETE', '/throttling');
    }
  });
});

describe('$batch with the writes the calendar and task adapters send', () => {
  const json = { 'Content-Type': 'application/json' };
  const answers = async (requests: Json[]) => {
    const res = await h.graph('POST', '/$batch', { body: { requests } });
    expect(res.status).toBe(200);
    return new Map<string, Json>(res.body.responses.map((r: Json) => [r.id, r]));
  };

  it('answers each event member as its single request: If-Match 412 for the stale one only, 204 for a delete, 404 ErrorItemNotFound', async () => {
    const made = await answers([1, 2, 3].map((i) => ({ id: String(i), method: 'POST', url: `/users/${AVA.id}/events`, headers: json, body: newEvent(`Member ${i}`) })));
    const [a, b, c] = ['1', '2', '3'].map((id) => made.get(id)?.body as Json);
    expect([a, b, c].map((e) => e?.subject)).toEqual(['Member 1', 'Member 2', 'Member 3']);
    const byId = await answers([
      { id: 'fresh', method: 'PATCH', url: `/users/${AVA.id}/events/${a!.id}`, headers: { ...json, 'If-Match': `W/"${a!.changeKey}"` }, body: { subject: 'Fresh' } },
      { id: 'stale', method: 'PATCH', url: `/users/${AVA.id}/events/${b!.id}`, headers: { ...json, 'If-Match': 'W/"old"' }, body: { subject: 'Stale' } },
      { id: 'delete', method: 'DELETE', url: `/users/${AVA.id}/events/${c!.id}`, headers: { 'If-Match': `W/"${c!.changeKey}"` } },
      { id: 'gone', method: 'DELETE', url: `/users/${AVA.id}/events/AAMkAGI2doesNotExist000000000000AAA=` },
    ]);
    expect(byId.get('fresh')).toMatchObject({ status: 200, body: { id: a!.id, subject: 'Fresh' } });
    expect(byId.get('fresh')?.body.changeKey).not.toBe(a!.changeKey);
    expect(byId.get('stale')?.status).toBe(412);
    expectGraphError(byId.get('stale')?.body, 'ErrorIrresolvableConflict');
    expect(byId.get('delete')?.status).toBe(204);
    expect(byId.get('delete')?.body).toBeUndefined();
    expect(byId.get('gone')?.status).toBe(404);
    expectGraphError(byId.get('gone')?.body, 'ErrorItemNotFound');
    expect((await h.graph('GET', `/users/${AVA.id}/events/${b!.id}`)).body.subject).toBe('Member 2');
  });

  it('answers each To Do member as its single request: If-Match 412 for the stale one only, linked resources, 204 for a delete', async () => {
    const listId = (await h.graph('POST', `/users/${AVA.id}/todo/lists`, { body: { displayName: 'Batched writes' } })).body.id as string;
    const tasks = `/users/${AVA.id}/todo/lists/${listId}/tasks`;
    const made = await answers([1, 2, 3].map((i) => ({ id: String(i), method: 'POST', url: tasks, headers: json, body: { title: `Task ${i}` } })));
    const [a, b, c] = ['1', '2', '3'].map((id) => made.get(id)?.body as Json);
    const byId = await answers([
      { id: 'fresh', method: 'PATCH', url: `${tasks}/${a!.id}`, headers: { ...json, 'If-Match': a!['@odata.etag'] }, body: { title: 'Fresh' } },
      { id: 'stale', method: 'PATCH', url: `${tasks}/${b!.id}`, headers: { ...json, 'If-Match': 'W/"old"' }, body: { title: 'Stale' } },
      { id: 'link', method: 'POST', url: `${tasks}/${b!.id}/linkedResources`, headers: json, body: { applicationName: 'SAP Cloud for Customer', externalId: 'OBJ-9', displayName: 'Task 9', webUrl: 'https://c4c.example/task/9' } },
      { id: 'delete', method: 'DELETE', url: `${tasks}/${c!.id}`, headers: { 'If-Match': c!['@odata.etag'] } },
    ]);
    expect(byId.get('fresh')).toMatchObject({ status: 200, body: { id: a!.id, title: 'Fresh' } });
    expect(byId.get('stale')?.status).toBe(412);
    expect(byId.get('link')).toMatchObject({ status: 201, body: { externalId: 'OBJ-9' } });
    expect(byId.get('delete')?.status).toBe(204);
    const after = (await h.graph('GET', `${tasks}/${b!.id}?$expand=linkedResources`)).body;
    expect(after).toMatchObject({ title: 'Task 2', linkedResources: [expect.objectContaining({ externalId: 'OBJ-9' })] });
  });
});
