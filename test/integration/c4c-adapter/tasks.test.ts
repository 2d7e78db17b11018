// The tasks adapter (C4cCrmTasks) against the C4C sandbox: the change query (first poll bounded by the window,
// inclusive mark, paging past 1,000), reads by id (missing → removed), idempotent creates keyed by the To Do
// reference entry, look-up by that key (quotes, case, wildcards), updates of header, body and zoned dates,
// cancel, conflicts on stale ETags, notFound, per-request results in one batch, and a C4C user's edit read back.
import { pino } from 'pino';
import { C4cCrmTasks } from '../../../src/server/adapters/c4c/index.js';
import { emptyTask, type NormalizedTask } from '../../../src/server/domain/task-item.js';
import { toIsoUtc } from '../../../src/server/domain/time.js';
import type { TaskWriteRequest } from '../../../src/server/adapters/c4c/task-writer.js';
import { FAST_RETRY, startAdapterHarness, TENANT, type AdapterHarness } from './harness.js';
import { ok, sleep, syncWindow } from './fixtures.js';

let h: AdapterHarness;
let tasks: C4cCrmTasks;
let processor = '';
beforeAll(async () => {
  h = await startAdapterHarness();
  tasks = new C4cCrmTasks({ baseUrl: h.svc, ...h.info.technicalUser, logger: pino({ level: 'silent' }), timeoutMs: 10_000, retry: FAST_RETRY });
  processor = h.info.employees[1]?.partyId ?? '';
});
afterAll(async () => {
  await h.close();
});

const DAY = 86_400_000;
const fields = (overrides: Partial<NormalizedTask> = {}): NormalizedTask => {
  const day = Math.floor(Date.now() / DAY) * DAY;
  return { ...emptyTask(), title: 'Prepare the offer', body: 'Prices for 2027', startUtc: toIsoUtc(day + DAY + 8 * 3_600_000), dueUtc: toIsoUtc(day + 3 * DAY + 16 * 3_600_000), timeZone: 'Europe/Berlin', ...overrides };
};
const create = (key: string, overrides: Partial<NormalizedTask> = {}): TaskWriteRequest => ({ op: 'create', kind: 'task', groupwareItemId: key, fields: fields(overrides), ownerPartyId: processor, parties: [] });
const raw = async (objectId: string) => {
  const res = await fetch(`${h.svc}TasksCollection('${objectId}')?$format=json&$expand=TasksTextCollection`, { headers: { authorization: `Basic ${Buffer.from(`${h.info.technicalUser.user}:${h.info.technicalUser.password}`).toString('base64')}` } });
  return ((await res.json()) as { d: Record<string, unknown> & { TasksTextCollection: { results: Record<string, unknown>[] } } }).d;
};
const one = async (objectId: string) => (await tasks.getByIds(TENANT, [{ kind: 'task', objectId }]))[0];

describe('C4C tasks adapter: change query and reads', () => {
  it('reads the seeded tasks on a first poll, with processors, versions and links, and marks the newest second', async () => {
    const changes = await tasks.changedSince(TENANT, null, syncWindow());
    expect(changes.activities.length).toBe(5 * h.info.employees.length);
    expect(new Set(changes.activities.map((t) => t.objectId)).size).toBe(changes.activities.length);
    const emails = new Set(h.info.employees.map((e) => e.email.toLowerCase()));
    for (const task of changes.activities) {
      expect(task).toMatchObject({ kind: 'task', removed: false, groupwareItemId: null });
      expect(emails.has(task.processorEmail ?? '')).toBe(true);
      expect(task.version).toMatch(/^W\/"datetimeoffset'/);
      expect(task.fields.links.some((l) => l.type === 'account' && l.primary)).toBe(true);
    }
    expect(changes.activities.filter((t) => t.status === 'completed' && t.fields.completedUtc !== null)).toHaveLength(h.info.employees.length);
    expect(changes.activities.filter((t) => t.fields.links.some((l) => l.type === 'opportunity'))).toHaveLength(h.info.employees.length);
    expect(changes.activities.some((t) => t.fields.timeZone === 'Europe/Berlin' && t.fields.importance === 'low')).toBe(true);
    const newest = Math.max(...changes.activities.map((t) => Date.parse(t.lastChangedOn)));
    expect(Date.parse(changes.nextHighWater)).toBe(Math.floor(newest / 1000) * 1000);
  });

  it('bounds the first poll by the window start, not by the tasks dates', async () => {
    const future = { startUtc: toIsoUtc(Date.now() + DAY), endUtc: toIsoUtc(Date.now() + 200 * DAY) };
    const none = await tasks.changedSince(TENANT, null, future);
    expect(none.activities).toEqual([]);
    expect(Date.parse(none.nextHighWater)).toBeLessThan(Date.now());
    await expect(tasks.changedSince(TENANT, 'yesterday', syncWindow())).rejects.toMatchObject({ error: { code: 'cursor' } });
  });

  it('returns tasks changed at or after the mark (inclusive) and keeps the mark when nothing changed', async () => {
    await sleep(1100);
    const first = ok((await tasks.write(TENANT, [create('hw-1')]))[0]);
    const mark = (await tasks.changedSince(TENANT, null, syncWindow())).nextHighWater;
    const again = await tasks.changedSince(TENANT, mark, syncWindow());
    expect(again.activities.map((t) => t.objectId)).toContain(first.id);
    await sleep(1100);
    const second = ok((await tasks.write(TENANT, [create('hw-2')]))[0]);
    const fromMark = await tasks.changedSince(TENANT, mark, syncWindow());
    expect(fromMark.activities.map((t) => t.objectId).sort()).toEqual([first.id, second.id].sort());
    await sleep(1100);
    const later = new Date().toISOString();
    const none = await tasks.changedSince(TENANT, later, syncWindow());
    expect(none).toEqual({ activities: [], nextHighWater: later });
  });

  it('reports a missing task as removed, next to a present one, and treats a quote in an id as data', async () => {
    const created = ok((await tasks.write(TENANT, [create('by-id')]))[0]);
    const [present, missing, quoted] = await tasks.getByIds(TENANT, [
      { kind: 'task', objectId: created.id },
      { kind: 'task', objectId: '00163E03A0701EE0FFFFFFFFFFFFFFFF' },
      { kind: 'task', objectId: "x' or ObjectID ne 'x" },
    ]);
    expect(present).toMatchObject({ objectId: created.id, removed: false, version: created.version, groupwareItemId: 'by-id' });
    expect(missing).toMatchObject({ objectId: '00163E03A0701EE0FFFFFFFFFFFFFFFF', removed: true });
    expect(quoted).toMatchObject({ removed: true });
    expect(await tasks.resolveParties(TENANT, ['a@b.example'])).toEqual([]);
  });
});

describe('C4C tasks adapter: creates and look-ups', () => {
  it('creates a task with the reference entry, processor and CreatedBySSI, and a retry updates the same task', async () => {
    const key = "AAMkAD'quote/+=";
    const [first] = await tasks.write(TENANT, [create(key)]);
    const created = ok(first);
    const stored = await raw(created.id);
    expect(stored).toMatchObject({ Subject: 'Prepare the offer', ProcessorPartyID: processor, CreatedBySSI: '1', StartDatetimeZoneCode: 'CET', DueDatetimeZoneCode: 'CET', Status: '1', PriorityCode: '3' });
    expect(stored.TasksTextCollection.results.map((t) => [t['TypeCode'], t['Text']])).toEqual([
      ['10011', `Microsoft To Do reference: ${key}`],
      ['10002', 'Prices for 2027'],
    ]);
    const retry = ok((await tasks.write(TENANT, [create(key, { title: 'Prepare the offer (v2)', body: 'Prices for 2028' })]))[0]);
    expect(retry.id).toBe(created.id);
    const found = await tasks.findByGroupwareItemId(TENANT, 'task', key);
    expect(found).toMatchObject({ objectId: created.id, groupwareItemId: key, processorPartyId: processor, version: retry.version });
    expect(found?.fields).toMatchObject({ title: 'Prepare the offer (v2)', body: 'Prices for 2028', timeZone: 'Europe/Berlin' });
    expect((await raw(created.id)).TasksTextCollection.results).toHaveLength(2);
  });

  it('matches keys exactly: case, quotes and wildcards', async () => {
    const created = ok((await tasks.write(TENANT, [create('CaseKey')]))[0]);
    expect((await tasks.findByGroupwareItemId(TENANT, 'task', 'CaseKey'))?.objectId).toBe(created.id);
    expect(await tasks.findByGroupwareItemId(TENANT, 'task', 'casekey')).toBeNull();
    expect(await tasks.findByGroupwareItemId(TENANT, 'task', "CaseKey' or Text ne 'x")).toBeNull();
    await expect(tasks.findByGroupwareItemId(TENANT, 'task', 'Case*')).rejects.toMatchObject({ error: { code: 'invalid' } });
    const [tooLong, wildcard] = await tasks.write(TENANT, [create('k'.repeat(65)), create('a*')]);
    expect([tooLong, wildcard]).toEqual([expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'invalid' }) }), expect.objectContaining({ ok: false })]);
  });
});

describe('C4C tasks adapter: updates, cancel, conflicts', () => {
  it('updates title, body (creating the body entry) and dates with their zone, returning the new ETag', async () => {
    const created = ok((await tasks.write(TENANT, [create('upd-1', { body: '' })]))[0]);
    const after = fields({ title: 'Call back', body: 'Ask about the rollout', dueUtc: '2027-01-15T17:00:00Z', timeZone: 'America/New_York', importance: 'high' });
    const updated = ok((await tasks.write(TENANT, [{ op: 'update', kind: 'task', objectId: created.id, ifMatch: created.version ?? '', patch: { title: after.title, body: after.body, dueUtc: after.dueUtc, timeZone: after.timeZone, importance: 'high' }, after }]))[0]);
    expect(updated.version).not.toBe(created.version);
    const read = await one(created.id);
    expect(read?.version).toBe(updated.version);
    expect(read?.fields).toMatchObject({ title: 'Call back', body: 'Ask about the rollout', dueUtc: '2027-01-15T17:00:00Z', timeZone: 'America/New_York', importance: 'high' });
    expect(await raw(created.id)).toMatchObject({ DueDatetimeZoneCode: 'EST', StartDatetimeZoneCode: 'EST', PriorityCode: '2' });

    const done = { ...after, body: 'Rollout agreed', progress: 'completed' as const, completedUtc: '2027-01-10T12:00:00Z' };
    ok((await tasks.write(TENANT, [{ op: 'update', kind: 'task', objectId: created.id, ifMatch: updated.version ?? '', patch: { body: done.body, progress: 'completed', completedUtc: done.completedUtc }, after: done }]))[0]);
    const texts = (await raw(created.id)).TasksTextCollection.results.filter((t) => t['TypeCode'] === '10002');
    expect(texts.map((t) => t['Text'])).toEqual(['Rollout agreed']);
    expect(await one(created.id)).toMatchObject({ status: 'completed', fields: { progress: 'completed', completedUtc: '2027-01-10T12:00:00Z' } });
  });

  it('cancels with If-Match, and answers conflict for a stale ETag and notFound for a missing task', async () => {
    const created = ok((await tasks.write(TENANT, [create('cancel-1')]))[0]);
    const edit = ok((await tasks.write(TENANT, [{ op: 'update', kind: 'task', objectId: created.id, ifMatch: created.version ?? '', patch: { title: 'Edited' }, after: fields({ title: 'Edited' }) }]))[0]);
    const stale = await tasks.write(TENANT, [
      { op: 'update', kind: 'task', objectId: created.id, ifMatch: created.version ?? '', patch: { title: 'Lost', body: 'Lost body' }, after: fields({ title: 'Lost', body: 'Lost body' }) },
      { op: 'cancel', kind: 'task', objectId: created.id, ifMatch: created.version ?? '' },
      { op: 'update', kind: 'task', objectId: '00163E03A0701EE0FFFFFFFFFFFFFFFF', ifMatch: '*', patch: { title: 'x' }, after: fields() },
      { op: 'update', kind: 'task', objectId: '00163E03A0701EE0FFFFFFFFFFFFFFFE', ifMatch: '*', patch: { body: 'x' }, after: fields() },
    ]);
    expect(stale.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['conflict', 'conflict', 'notFound', 'notFound']);
    expect((await one(created.id))?.fields).toMatchObject({ title: 'Edited', body: 'Prices for 2027' });
    const cancelled = ok((await tasks.write(TENANT, [{ op: 'cancel', kind: 'task', objectId: created.id, ifMatch: edit.version ?? '' }]))[0]);
    expect(await one(created.id)).toMatchObject({ status: 'cancelled', version: cancelled.version });
  });

  it('gives one result per request in order when one change set fails', async () => {
    const created = ok((await tasks.write(TENANT, [create('mixed-0')]))[0]);
    const results = await tasks.write(TENANT, [
      create('mixed-1'),
      { op: 'update', kind: 'task', objectId: created.id, ifMatch: 'W/"datetimeoffset\'2000-01-01T00%3A00%3A00.0000000Z\'"', patch: { title: 'x' }, after: fields({ title: 'x' }) },
      create('mixed-2', { title: 'Second' }),
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    expect((await tasks.findByGroupwareItemId(TENANT, 'task', 'mixed-2'))?.fields.title).toBe('Second');
  });

  it('reads a C4C user edit back, with its account and opportunity links', async () => {
    const mark = (await tasks.changedSince(TENANT, null, syncWindow())).nextHighWater;
    const made = await (await h.control('POST', 'tasks', { processorPartyId: processor, subject: 'From C4C', body: 'Bring the samples', dueUtc: '2027-02-01T09:00:00Z', timeZoneCode: 'CET', accountId: '1000001', opportunityId: '60001' })).json() as { objectId: string };
    await h.control('PATCH', `tasks/${made.objectId}`, { status: '2', priorityCode: '1' });
    const changes = await tasks.changedSince(TENANT, mark, syncWindow());
    const task = changes.activities.find((t) => t.objectId === made.objectId);
    expect(task?.fields).toMatchObject({ title: 'From C4C', body: 'Bring the samples', dueUtc: '2027-02-01T09:00:00Z', timeZone: 'Europe/Berlin', progress: 'inProgress', importance: 'high' });
    expect(task?.fields.links).toEqual([{ type: 'account', id: '1000001', primary: true }, { type: 'opportunity', id: '60001' }]);
  });
});

describe('C4C tasks adapter: change query past one page', () => {
  it('follows all pages for more than 1,000 changed tasks without losing or repeating one', async () => {
    const before = await tasks.changedSince(TENANT, null, syncWindow());
    const results = await tasks.write(TENANT, Array.from({ length: 1005 }, (_, i) => create(`bulk-${i}`, { title: `Bulk ${i}` })));
    const ids = results.map((r) => ok(r).id);
    expect(new Set(ids).size).toBe(1005);
    await h.control('DELETE', 'counters');
    const since = await tasks.changedSince(TENANT, before.nextHighWater, syncWindow());
    const seen = since.activities.map((t) => t.objectId);
    expect(new Set(seen).size).toBe(seen.length);
    expect(ids.every((id) => seen.includes(id))).toBe(true);
    const counters = await h.counters();
    expect(counters.byRoute['GET /sap/c4c/odata/v1/c4codataapi/TasksCollection*']).toBeGreaterThanOrEqual(2);
  }, 120_000);
});
