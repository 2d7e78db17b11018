// To Do writes through JSON $batch against the Graph sandbox over HTTP, in the style of contact-batch.test.ts: a
// session's step of task writes goes 20 members to a round trip, each member's outcome its single request's: a stale
// If-Match fails that update alone (`conflict`), a throttled member is sent again after its Retry-After, a delete of a
// task already gone is done. The C4C link written back to tasks made in Outlook (If-Match `*`) reads the tasks, makes
// their linked resources and reads their final etags in one batched round each. A lone write goes out as itself.
import { GraphTaskSource } from '../../../src/server/adapters/graph/index.js';
import { parseTaskKey, taskPath } from '../../../src/server/adapters/graph/todo-reads.js';
import type { TaskWriteRequest } from '../../../src/server/adapters/graph/todo-writer.js';
import { emptyTask, type NormalizedTask, type TodoTaskPresent } from '../../../src/server/domain/task-item.js';
import type { WriteResult, WriteSuccess } from '../../../src/server/ports/write-results.js';
import { BEN, mailboxOf, startAdapterHarness, type AdapterHarness, type Json } from './support.js';

let h: AdapterHarness;
beforeAll(async () => {
  h = await startAdapterHarness();
});
afterAll(async () => h.close());
beforeEach(async () => {
  await h.control('DELETE', '/faults');
  await h.control('DELETE', '/counters');
});

const SAP = 'SAP Cloud for Customer';
const LIST = 'C4C tasks (batched)';
const mailbox = mailboxOf(BEN);
const crmWebUrl = (kind: string, id: string) => `https://c4c.example/${kind}/${id}`;
const source = (retry: { maxAttempts?: number; maxRetryAfterSeconds?: number } = {}) => new GraphTaskSource(h.adapter({ retry }).http, { crmWebUrl });
const fields = (title: string): NormalizedTask => ({ ...emptyTask(), title, dueUtc: '2026-12-10T16:00:00Z' });
const creates = (prefix: string, n: number): TaskWriteRequest[] =>
  Array.from({ length: n }, (_, i) => ({ op: 'create' as const, transactionId: `${prefix}-${i}`, kind: 'task' as const, fields: fields(`${prefix} ${i}`), categories: [SAP] }));
const renames = (made: readonly WriteSuccess[], prefix: string): TaskWriteRequest[] =>
  made.map((m, i) => ({ op: 'update' as const, id: m.id, ifMatch: m.version ?? '', patch: { title: `${prefix} ${i}` }, after: fields(`${prefix} ${i}`) }));
/** Graph API requests by route (not the token endpoint a new adapter calls first). */
const routes = async () => Object.fromEntries(Object.entries((await h.counters()).byRoute).filter(([route]) => route.includes(' /v1.0/')));
const TASK = '/v1.0/users/:userId/todo/lists/:listId/tasks/:taskId';
const graphPath = (id: string) => `/v1.0${taskPath(BEN.id, parseTaskKey(id)!)}`;
const read = async (id: string) => (await h.graph('GET', graphPath(id).slice('/v1.0'.length))).body;

function successes(results: readonly WriteResult[]): WriteSuccess[] {
  return results.map((r, i) => {
    if (!r.ok) throw new Error(`write ${i} failed: ${JSON.stringify(r)}`);
    return r;
  });
}

/** Makes `n` tasks in the service list and resets the counters, so a test counts its own writes only. */
async function made(prefix: string, n: number): Promise<WriteSuccess[]> {
  const tasks = source();
  await tasks.ensureServiceList(mailbox, LIST);
  const out = successes(await tasks.write(mailbox, creates(prefix, n)));
  await h.control('DELETE', '/counters');
  return out;
}

describe('task writes through $batch', () => {
  it('creates 25 tasks in two round trips, each with the id and etag Graph answered, nothing read back', async () => {
    const tasks = source();
    const listId = await tasks.ensureServiceList(mailbox, LIST);
    await h.control('DELETE', '/counters');
    const results = successes(await tasks.write(mailbox, creates('many', 25)));
    const byRoute = await routes();
    expect(byRoute['POST /v1.0/$batch']).toBe(2);
    expect(byRoute['POST /v1.0/users/:userId/todo/lists/:listId/tasks']).toBe(25);
    expect(Object.keys(byRoute).filter((r) => r.startsWith('GET'))).toEqual([]);
    for (const [i, result] of results.entries()) {
      expect(result.id.startsWith(`${listId}/`)).toBe(true);
      expect(await read(result.id)).toMatchObject({ title: `many ${i}`, '@odata.etag': result.version });
    }
  });

  it('updates 22 tasks in two round trips; the one the user changed meanwhile is a conflict, the other 21 land', async () => {
    const tasks = await made('stale', 22);
    expect((await h.graph('PATCH', graphPath(tasks[5]!.id).slice('/v1.0'.length), { importance: 'high' })).status).toBe(200);
    await h.control('DELETE', '/counters');
    const results = await source().write(mailbox, renames(tasks, 'Renamed'));
    const byRoute = await routes();
    expect(byRoute['POST /v1.0/$batch']).toBe(2);
    expect(byRoute[`PATCH ${TASK}`]).toBe(22);
    expect(Object.keys(byRoute).filter((r) => r.startsWith('GET'))).toEqual([]);
    expect(results[5]).toEqual({ ok: false, error: expect.objectContaining({ code: 'conflict' }) });
    expect(await read(tasks[5]!.id)).toMatchObject({ title: 'stale 5', importance: 'high' });
    for (const [i, result] of results.entries()) {
      if (i === 5) continue;
      if (!result.ok) throw new Error(`update ${i} failed: ${JSON.stringify(result)}`);
      expect(await read(result.id)).toMatchObject({ title: `Renamed ${i}`, '@odata.etag': result.version });
    }
  });

  it('deletes in one batch, a task already gone counting as deleted; a stale delete is a conflict', async () => {
    const tasks = await made('deleted', 3);
    await h.graph('DELETE', graphPath(tasks[1]!.id).slice('/v1.0'.length));
    await h.graph('PATCH', graphPath(tasks[2]!.id).slice('/v1.0'.length), { title: 'Edited by the user' });
    await h.control('DELETE', '/counters');
    const results = await source().write(mailbox, tasks.map((t) => ({ op: 'delete' as const, id: t.id, ifMatch: t.version ?? '' })));
    expect(results).toEqual([
      { ok: true, id: tasks[0]!.id, version: null },
      { ok: true, id: tasks[1]!.id, version: null },
      { ok: false, error: expect.objectContaining({ code: 'conflict' }) },
    ]);
    expect(await routes()).toEqual({ 'POST /v1.0/$batch': 1, [`DELETE ${TASK}`]: 3 } satisfies Json);
  });

  it('writes the C4C link back to 21 tasks in batched rounds: read, linked resources made, final etags read', async () => {
    const tasks = await made('linked', 21);
    const results = successes(await source().write(mailbox, tasks.map((t, i) => {
      const crmRef = { objectId: `OBJ-${i}`, displayId: `${500 + i}` };
      return { op: 'update' as const, id: t.id, ifMatch: '*', patch: { crmRef }, after: { ...fields(`linked ${i}`), crmRef } };
    })));
    // Three rounds of two batches each (21 members = 20 + 1): the GETs, the linked-resource POSTs, the GETs again.
    expect(await routes()).toEqual({
      'POST /v1.0/$batch': 6,
      [`GET ${TASK}`]: 42,
      [`POST ${TASK}/linkedResources`]: 21,
    } satisfies Json);
    const [first] = (await source().getItems(mailbox, [results[0]!.id])) as TodoTaskPresent[];
    expect(first).toMatchObject({ version: results[0]!.version, fields: expect.objectContaining({ crmRef: { objectId: 'OBJ-0', displayId: '500' } }) });
  });

  it('sends a throttled member again after its Retry-After; past the limit it is `throttled` with the hint, alone', async () => {
    const tasks = await made('throttled', 3);
    await h.control('PUT', '/faults', { count: 1, kinds: ['throttle'], retryAfterSeconds: 1, pathPrefix: graphPath(tasks[1]!.id) });
    const started = Date.now();
    const results = successes(await source().write(mailbox, renames(tasks, 'After a wait')));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    // The first batch of three, then one with the throttled member only.
    expect(await routes()).toEqual({ 'POST /v1.0/$batch': 2, [`PATCH ${TASK}`]: 4 } satisfies Json);
    expect(await read(tasks[1]!.id)).toMatchObject({ title: 'After a wait 1', '@odata.etag': results[1]!.version });

    await h.control('PUT', '/faults', { count: 1, kinds: ['throttle'], retryAfterSeconds: 600, pathPrefix: graphPath(tasks[0]!.id) });
    const t0 = Date.now();
    const late = await source({ maxRetryAfterSeconds: 5 }).write(mailbox, renames(results, 'Too long'));
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(late[0]).toEqual({ ok: false, error: expect.objectContaining({ code: 'throttled', retryAfterSeconds: 600 }) });
    expect(late.slice(1).every((r) => r.ok)).toBe(true);
  });

  it('sends a lone write as itself, not as a batch of one (insta-sync writes one task)', async () => {
    const [task] = await made('lone', 1);
    expect(await routes()).toEqual({});
    const [renamed] = await source().write(mailbox, renames([task!], 'Alone'));
    expect(renamed).toMatchObject({ ok: true, id: task!.id });
    expect(await routes()).toEqual({ [`PATCH ${TASK}`]: 1 } satisfies Json);
  });
});
