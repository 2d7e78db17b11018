// Tasks over real HTTP: code lists, the seeded tasks, deep insert of texts and BTD references, the text entries'
// own collection (filter by TypeCode and Text, PATCH, POST through the navigation), ETags restamped by child
// changes and checked with If-Match, $batch change sets, outbound notifications (one per task and request), and
// the /_sandbox/tasks helpers that change tasks as a C4C user would.
import Fastify, { type FastifyInstance } from 'fastify';
import { DEMO_USERS } from '../../../src/sandbox/common/demo-tenant.js';
import { json, startHarness, type Feed, type Harness, type SapError, type Single } from './harness.js';

let h: Harness;
let receiver: FastifyInstance;
let receiverUrl = '';
/** The event notifications the sandbox sent: object id and event name (`Task.Root.Created`, …). */
const received: { businessObjectId: string; event: string }[] = [];
beforeAll(async () => {
  h = await startHarness();
  receiver = Fastify();
  receiver.post('/hook', async (req) => {
    const { businessObjectId, event } = req.body as (typeof received)[number];
    received.push({ businessObjectId, event });
    return {};
  });
  receiverUrl = await receiver.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await h.close();
  await receiver.close();
});

const employee = DEMO_USERS[0];
const q = (filter: string) => encodeURIComponent(filter);
const codes = async (set: string) => (await json<Feed>(await h.call('GET', `${set}?$format=json`))).d.results.map((r) => [r['Code'], r['Description']]);
const readTask = async (id: string, query = '$expand=TasksTextCollection,TasksBTDReference') => {
  const res = await h.call('GET', `TasksCollection('${id}')?${query}`);
  return { status: res.status, etag: res.headers.get('etag') ?? '', body: res.status === 200 ? await json<Single>(res) : undefined };
};
const newTask = async (extra: Record<string, unknown> = {}) => {
  const res = await h.call('POST', 'TasksCollection', { body: { Subject: 'Call back', ProcessorPartyID: employee?.c4cEmployeeId, ...extra } });
  expect(res.status).toBe(201);
  return json<Single>(res);
};
const texts = (task: Single | undefined) => (task?.d['TasksTextCollection'] as { results: Record<string, unknown>[] }).results;
const waitFor = async (predicate: () => boolean) => {
  for (let i = 0; i < 100 && !predicate(); i += 1) await new Promise((r) => setTimeout(r, 20));
};

describe('C4C sandbox Tasks: code lists and seed', () => {
  it('serves the status, priority, CreatedBySSI and text type code lists', async () => {
    expect(await codes('TasksStatusCollection')).toEqual([['1', 'Open'], ['2', 'In Process'], ['3', 'Completed'], ['4', 'Canceled']]);
    expect((await codes('TasksPriorityCodeCollection')).map(([c]) => c)).toEqual(['1', '2', '3', '7']);
    expect(await codes('TasksCreatedBySSICollection')).toEqual([['1', 'Created by Server-Side Integration']]);
    expect((await codes('TasksTextCollectionTypeCodeCollection')).map(([c]) => c)).toEqual(['10002', '10011']);
  });

  it('seeds five tasks per demo employee: open, in process, one completed, all linked to an account', async () => {
    const feed = await json<Feed>(await h.call('GET', `TasksCollection?$filter=${q(`ProcessorPartyID eq '${employee?.c4cEmployeeId}'`)}&$expand=TasksTextCollection,TasksBTDReference`));
    const tasks = feed.d.results;
    expect(tasks).toHaveLength(5);
    expect(tasks.map((t) => t['Status']).sort()).toEqual(['1', '1', '1', '2', '3']);
    const completed = tasks.find((t) => t['Status'] === '3');
    expect(completed?.['CompletionDateTime']).toMatch(/^\/Date\(\d+\)\/$/);
    expect(tasks.every((t) => typeof t['MainAccountPartyID'] === 'string' && typeof t['Account'] === 'string' && t['Account'] !== '')).toBe(true);
    expect(tasks.every((t) => t['ProcessorEmailURI'] === employee?.mail && t['Processor'] === employee?.displayName)).toBe(true);
    expect(tasks.filter((t) => texts({ d: t } as Single).some((x) => x['TypeCode'] === '10002'))).toHaveLength(3);
    expect(tasks.filter((t) => (t['TasksBTDReference'] as { results: unknown[] }).results.length === 1)).toHaveLength(1);
  });

  it('seeds the same tasks for the same seed', async () => {
    const subjects = async () => (await json<Feed>(await h.call('GET', 'TasksCollection?$select=Subject,Status,MainAccountPartyID&$orderby=ID asc'))).d.results.map((t) => [t['Subject'], t['Status'], t['MainAccountPartyID']]);
    await h.control('POST', 'reset');
    const first = await subjects();
    await h.control('POST', 'reset');
    expect(await subjects()).toEqual(first);
    expect(first).toHaveLength(5 * DEMO_USERS.length);
  });
});

describe('C4C sandbox Tasks: writes', () => {
  it('deep-inserts text entries and a BTD reference with the task, filling TaskID and the derived fields', async () => {
    const created = await newTask({
      CreatedBySSI: '1',
      DueDateTime: '/Date(1800000000000)/',
      DueDatetimeZoneCode: 'CET',
      TasksTextCollection: [{ Text: 'Body', TypeCode: '10002', LanguageCode: 'EN' }, { Text: 'Microsoft To Do reference: k1', TypeCode: '10011' }],
      TasksBTDReference: [{ ID: '60001', TypeCode: '72' }],
    });
    expect(created.d).toMatchObject({ CreatedBySSI: '1', CreatedBySSIText: 'Created by Server-Side Integration', ProcessorEmailURI: employee?.mail, DueDatetimeZoneCode: 'CET' });
    expect(created.d.__metadata.etag).toMatch(/^W\/"datetimeoffset'/);
    const read = await readTask(String(created.d['ObjectID']));
    expect(texts(read.body).map((t) => [t['TypeCode'], t['Text'], t['TaskID']])).toEqual([
      ['10002', 'Body', created.d['ID']],
      ['10011', 'Microsoft To Do reference: k1', created.d['ID']],
    ]);
    expect(read.etag).toBe(created.d.__metadata.etag);
  });

  it('finds a text entry by TypeCode and Text (quotes escaped) and expands its task', async () => {
    const created = await newTask({ TasksTextCollection: [{ Text: "Microsoft To Do reference: O'Brien=", TypeCode: '10011' }] });
    const filter = q("TypeCode eq '10011' and Text eq 'Microsoft To Do reference: O''Brien='");
    const feed = await json<Feed>(await h.call('GET', `TasksTextCollectionCollection?$filter=${filter}&$expand=Tasks`));
    expect(feed.d.results.map((r) => r['ParentObjectID'])).toEqual([created.d['ObjectID']]);
    expect((feed.d.results[0]?.['Tasks'] as Record<string, unknown>)['Subject']).toBe('Call back');
    const unbalanced = await h.call('GET', `TasksTextCollectionCollection?$filter=${q("Text eq 'O'Brien'")}`);
    expect(unbalanced.status).toBe(400);
  });

  it('restamps the task when a text entry changes or is added through the navigation, and checks If-Match', async () => {
    const created = await newTask({ TasksTextCollection: [{ Text: 'old', TypeCode: '10002' }] });
    const id = String(created.d['ObjectID']);
    const before = await readTask(id);
    const entry = texts(before.body)[0] ?? {};
    const patched = await h.call('PATCH', `TasksTextCollectionCollection('${String(entry['ObjectID'])}')`, { body: { Text: 'new' }, headers: { 'If-Match': String((entry['__metadata'] as { etag: string }).etag) } });
    expect(patched.status).toBe(204);
    const afterPatch = await readTask(id);
    expect(afterPatch.etag).not.toBe(before.etag);
    expect(afterPatch.body?.d['EntityLastChangedOn']).not.toBe(before.body?.d['EntityLastChangedOn']);
    const stale = await h.call('PATCH', `TasksCollection('${id}')`, { body: { Subject: 'x' }, headers: { 'If-Match': before.etag } });
    expect(stale.status).toBe(412);
    expect((await json<SapError>(stale)).error.code).toBe('PRECONDITION_FAILED');
    const added = await h.call('POST', `TasksCollection('${id}')/TasksTextCollection`, { body: { Text: 'second', TypeCode: '10011' } });
    expect(added.status).toBe(201);
    const afterAdd = await readTask(id);
    expect(afterAdd.etag).not.toBe(afterPatch.etag);
    expect(texts(afterAdd.body).map((t) => t['Text'])).toEqual(['new', 'second']);
  });

  it('updates with PATCH and MERGE, refuses CreatedBySSI changes, deletes with If-Match and its children', async () => {
    const created = await newTask({ CreatedBySSI: '1', TasksTextCollection: [{ Text: 'b', TypeCode: '10002' }] });
    const id = String(created.d['ObjectID']);
    const merge = await h.call('MERGE', `TasksCollection('${id}')`, { body: { Status: '2', PriorityCode: '2' }, headers: { 'If-Match': created.d.__metadata.etag ?? '' } });
    expect(merge.status).toBe(204);
    const etag = merge.headers.get('etag') ?? '';
    expect((await readTask(id)).body?.d).toMatchObject({ Status: '2', StatusText: 'In Process', PriorityCode: '2', PriorityCodeText: 'Urgent' });
    const ssi = await h.call('PATCH', `TasksCollection('${id}')`, { body: { CreatedBySSI: '' } });
    expect(ssi.status).toBe(400);
    const textId = String(texts((await readTask(id)).body)[0]?.['ObjectID']);
    expect((await h.call('DELETE', `TasksCollection('${id}')`, { headers: { 'If-Match': created.d.__metadata.etag ?? '' } })).status).toBe(412);
    expect((await h.call('DELETE', `TasksCollection('${id}')`, { headers: { 'If-Match': etag } })).status).toBe(204);
    expect((await readTask(id)).status).toBe(404);
    expect((await h.call('GET', `TasksTextCollectionCollection('${textId}')`)).status).toBe(404);
  });

  it('runs a task and its text in one $batch change set, and rolls the whole change set back on a failure', async () => {
    const CRLF = '\r\n';
    const part = (method: string, url: string, body: unknown, id: string) =>
      ['Content-Type: application/http', 'Content-Transfer-Encoding: binary', `Content-ID: ${id}`, '', `${method} ${url} HTTP/1.1`, 'Content-Type: application/json', '', JSON.stringify(body)].join(CRLF);
    const changeset = (parts: string[]) => ['Content-Type: multipart/mixed; boundary=cs', '', ...parts.map((p) => `--cs${CRLF}${p}`), '--cs--', ''].join(CRLF);
    const send = async (parts: string[]) => {
      const body = [`--b${CRLF}${changeset(parts)}`, '--b--', ''].join(CRLF);
      const res = await h.call('POST', '$batch', { body, headers: { 'content-type': 'multipart/mixed; boundary=b' } });
      expect(res.status).toBe(202);
      return [...(await res.text()).matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1]));
    };
    expect(await send([part('POST', 'TasksCollection', { Subject: 'Batched task' }, '1'), part('POST', '$1/TasksTextCollection', { Text: 'batched body', TypeCode: '10002' }, '2')])).toEqual([201, 201]);
    const found = await json<Feed>(await h.call('GET', `TasksCollection?$filter=${q("Subject eq 'Batched task'")}&$expand=TasksTextCollection`));
    expect(found.d.results.map((t) => texts({ d: t } as Single).map((x) => x['Text']))).toEqual([['batched body']]);
    expect(await send([part('POST', 'TasksCollection', { Subject: 'Rolled back' }, '1'), part('POST', '$1/TasksTextCollection', { Text: 'x', TypeCode: '123456' }, '2')])).toEqual([400]);
    expect((await json<Feed>(await h.call('GET', `TasksCollection?$filter=${q("Subject eq 'Rolled back'")}`))).d.results).toEqual([]);
  });
});

describe('C4C sandbox Tasks: notifications and user helpers', () => {
  beforeAll(async () => {
    await h.control('PUT', 'webhook', { url: `${receiverUrl}/hook`, user: 'u', password: 'p' });
  });
  afterAll(async () => {
    await h.control('DELETE', 'webhook');
  });

  it('sends one notification per task and request: created (deep insert), updated (a text child), deleted', async () => {
    received.length = 0;
    const created = await newTask({ TasksTextCollection: [{ Text: 'b', TypeCode: '10002' }] });
    const id = String(created.d['ObjectID']);
    const textId = String(texts((await readTask(id)).body)[0]?.['ObjectID']);
    await h.call('PATCH', `TasksTextCollectionCollection('${textId}')`, { body: { Text: 'c' } });
    await h.call('DELETE', `TasksCollection('${id}')`);
    await waitFor(() => received.length >= 3);
    await new Promise((r) => setTimeout(r, 50));
    expect(received).toEqual([
      { businessObjectId: id, event: 'Task.Root.Created' },
      { businessObjectId: id, event: 'Task.Root.Updated' },
      { businessObjectId: id, event: 'Task.Root.Deleted' },
    ]);
  });

  it('creates, edits, cancels and deletes a task as a C4C user, with new ETags and notifications', async () => {
    received.length = 0;
    const res = await h.control('POST', 'tasks', { processorPartyId: employee?.c4cEmployeeId, subject: 'From the UI', body: 'Remember the slides', dueUtc: '2026-12-10T16:00:00Z', timeZoneCode: 'CET', accountId: '1000001', opportunityId: '60001' });
    expect(res.status).toBe(201);
    const created = await json<{ objectId: string; id: string; etag: string; status: string }>(res);
    expect(created.status).toBe('1');
    const read = await readTask(created.objectId);
    expect(read.body?.d).toMatchObject({ Subject: 'From the UI', DueDateTime: `/Date(${Date.parse('2026-12-10T16:00:00Z')})/`, DueDatetimeZoneCode: 'CET', MainAccountPartyID: '1000001', ProcessorEmailURI: employee?.mail });
    expect(texts(read.body).map((t) => t['Text'])).toEqual(['Remember the slides']);

    const edited = await json<{ etag: string }>(await h.control('PATCH', `tasks/${created.objectId}`, { subject: 'From the UI (edited)', body: 'New body', status: '3' }));
    expect(edited.etag).not.toBe(created.etag);
    const after = await readTask(created.objectId);
    expect(after.body?.d).toMatchObject({ Subject: 'From the UI (edited)', Status: '3' });
    expect(after.body?.d['CompletionDateTime']).toMatch(/^\/Date\(\d+\)\/$/);
    expect(texts(after.body).map((t) => t['Text'])).toEqual(['New body']);

    const cancelled = await json<{ status: string }>(await h.control('POST', `tasks/${created.objectId}/cancel`));
    expect(cancelled.status).toBe('4');
    expect((await h.control('DELETE', `tasks/${created.objectId}`)).status).toBe(204);
    expect((await readTask(created.objectId)).status).toBe(404);
    expect((await h.control('DELETE', `tasks/${created.objectId}`)).status).toBe(404);
    expect((await h.control('PATCH', 'tasks/x', { unknown: 1 })).status).toBe(400);
    await waitFor(() => received.length >= 4);
    expect(received.map((r) => r.event)).toEqual(['Task.Root.Created', 'Task.Root.Updated', 'Task.Root.Updated', 'Task.Root.Deleted']);
  });
});
