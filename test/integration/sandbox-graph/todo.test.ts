// Microsoft To Do in the Graph sandbox over real HTTP: lists, tasks CRUD, If-Match (412), status ↔
// completedDateTime, linked resources (inline on create and through the navigation property; each write versions
// the task), $filter/$expand/paging, permissions and the seeded data.
import { AVA, BEN, expectGraphError, startHarness, type Harness, type Json } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

const SAP = 'SAP Cloud for Customer';
const defaultList = async (user = AVA.id): Promise<Json> => {
  const res = await h.graph('GET', `/users/${user}/todo/lists`);
  expect(res.status).toBe(200);
  return (res.body.value as Json[]).find((l) => l.wellknownListName === 'defaultList') as Json;
};

describe('To Do lists', () => {
  it('every user has a default list "Tasks"; lists can be created, renamed, read and deleted', async () => {
    const def = await defaultList();
    expect(def).toEqual(expect.objectContaining({ displayName: 'Tasks', isOwner: true, isShared: false, wellknownListName: 'defaultList', '@odata.etag': expect.stringMatching(/^W\/"/) }));
    const created = await h.graph('POST', `/users/${AVA.mail}/todo/lists`, { body: { displayName: 'C4C tasks' } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual(expect.objectContaining({ displayName: 'C4C tasks', wellknownListName: 'none', isOwner: true }));
    const renamed = await h.graph('PATCH', `/users/${AVA.id}/todo/lists/${created.body.id}`, { body: { displayName: 'C4C' } });
    expect(renamed.body.displayName).toBe('C4C');
    expect((await h.graph('GET', `/users/${AVA.id}/todo/lists/${created.body.id}`)).body.displayName).toBe('C4C');
    expect((await h.graph('DELETE', `/users/${AVA.id}/todo/lists/${created.body.id}`)).status).toBe(204);
    const gone = await h.graph('GET', `/users/${AVA.id}/todo/lists/${created.body.id}`);
    expect(gone.status).toBe(404);
    expectGraphError(gone.body, 'ErrorItemNotFound');
    expect((await h.graph('DELETE', `/users/${AVA.id}/todo/lists/${def.id}`)).status).toBe(400);
  });

  it('lists are paged with $top and nextLink', async () => {
    for (const name of ['L1', 'L2', 'L3']) await h.graph('POST', `/users/${BEN.id}/todo/lists`, { body: { displayName: name } });
    const first = await h.graph('GET', `/users/${BEN.id}/todo/lists?$top=2`);
    expect(first.body.value).toHaveLength(2);
    const next = await fetch(first.body['@odata.nextLink'] as string, { headers: { authorization: `Bearer ${h.appToken}` } });
    expect(((await next.json()) as Json).value).toHaveLength(2);
  });
});

describe('To Do tasks', () => {
  it('has seeded tasks in the default list, some tagged for C4C, filterable by category', async () => {
    const def = await defaultList();
    const all = await h.graph('GET', `/users/${AVA.id}/todo/lists/${def.id}/tasks?$top=50`);
    expect(all.body.value.length).toBeGreaterThanOrEqual(4);
    const tagged = await h.graph('GET', `/users/${AVA.id}/todo/lists/${def.id}/tasks?$filter=${encodeURIComponent(`categories/any(c:c eq '${SAP}')`)}&$top=50`);
    expect(tagged.status).toBe(200);
    expect(tagged.body.value.length).toBeGreaterThan(0);
    expect(tagged.body.value.length).toBeLessThan(all.body.value.length);
    for (const t of tagged.body.value as Json[]) expect(t.categories).toContain(SAP);
  });

  it('creates, reads, patches (partial) and deletes a task; If-Match with a stale etag is 412', async () => {
    const def = await defaultList();
    const base = `/users/${AVA.id}/todo/lists/${def.id}/tasks`;
    const created = await h.graph('POST', base, {
      body: { title: 'Send quote', body: { content: 'Draft attached', contentType: 'text' }, importance: 'high', categories: [SAP], dueDateTime: { dateTime: '2026-12-10T17:00:00', timeZone: 'W. Europe Standard Time' } },
    });
    expect(created.status).toBe(201);
    const task = created.body;
    expect(task).toEqual(expect.objectContaining({ title: 'Send quote', importance: 'high', status: 'notStarted', categories: [SAP], isReminderOn: false }));
    // Stored with its zone, reported in UTC by default.
    expect(task.dueDateTime).toEqual({ dateTime: '2026-12-10T16:00:00.0000000', timeZone: 'UTC' });
    expect(task.startDateTime).toBeUndefined();
    expect(task.linkedResources).toBeUndefined();
    const zoned = await h.graph('GET', `${base}/${task.id}`, { headers: { prefer: 'outlook.timezone="Pacific Standard Time"' } });
    expect(zoned.body.dueDateTime).toEqual({ dateTime: '2026-12-10T08:00:00.0000000', timeZone: 'Pacific Standard Time' });

    const patched = await h.graph('PATCH', `${base}/${task.id}`, { body: { title: 'Send revised quote' }, headers: { 'if-match': task['@odata.etag'] } });
    expect(patched.status).toBe(200);
    expect(patched.body).toEqual(expect.objectContaining({ title: 'Send revised quote', importance: 'high', categories: [SAP] }));
    expect(patched.body['@odata.etag']).not.toBe(task['@odata.etag']);
    const stale = await h.graph('PATCH', `${base}/${task.id}`, { body: { title: 'lost' }, headers: { 'if-match': task['@odata.etag'] } });
    expect(stale.status).toBe(412);
    expectGraphError(stale.body);
    const staleDelete = await h.graph('DELETE', `${base}/${task.id}`, { headers: { 'if-match': task['@odata.etag'] } });
    expect(staleDelete.status).toBe(412);

    expect((await h.graph('DELETE', `${base}/${task.id}`, { headers: { 'if-match': patched.body['@odata.etag'] } })).status).toBe(204);
    const gone = await h.graph('GET', `${base}/${task.id}`);
    expect(gone.status).toBe(404);
    expectGraphError(gone.body, 'ErrorItemNotFound');
    expect((await h.graph('DELETE', `${base}/${task.id}`)).status).toBe(404);
  });

  it('completing a task stamps completedDateTime; reopening clears it', async () => {
    const def = await defaultList();
    const base = `/users/${AVA.id}/todo/lists/${def.id}/tasks`;
    const task = (await h.graph('POST', base, { body: { title: 'Complete me' } })).body;
    const done = (await h.graph('PATCH', `${base}/${task.id}`, { body: { status: 'completed' } })).body;
    expect(done.completedDateTime).toEqual({ dateTime: `${new Date().toISOString().slice(0, 10)}T00:00:00.0000000`, timeZone: 'UTC' });
    const reopened = (await h.graph('PATCH', `${base}/${task.id}`, { body: { status: 'inProgress' } })).body;
    expect(reopened.completedDateTime).toBeUndefined();
  });

  it('rejects unknown properties, bad enums and unknown zones with Graph errors', async () => {
    const def = await defaultList();
    const base = `/users/${AVA.id}/todo/lists/${def.id}/tasks`;
    const unknown = await h.graph('POST', base, { body: { title: 'x', subject: 'event field' } });
    expect(unknown.status).toBe(400);
    expectGraphError(unknown.body, 'RequestBodyRead');
    expect((await h.graph('POST', base, { body: { title: 'x', status: 'done' } })).status).toBe(400);
    expect((await h.graph('POST', base, { body: { title: 'x', dueDateTime: { dateTime: '2026-12-10T00:00:00', timeZone: 'Mars/Olympus' } } })).status).toBe(400);
    expect((await h.graph('GET', `${base}?$expand=checklistItems`)).status).toBe(400);
  });
});

describe('linked resources', () => {
  it('come inline on create, are listed, added, patched and deleted, and every change versions the task', async () => {
    const def = await defaultList();
    const base = `/users/${AVA.id}/todo/lists/${def.id}/tasks`;
    const created = (await h.graph('POST', base, {
      body: { title: 'Linked', linkedResources: [{ webUrl: 'https://c4c.example/task/1', applicationName: SAP, displayName: 'SAP Cloud for Customer task 1', externalId: 'OBJ1' }] },
    })).body;
    expect(created.linkedResources).toEqual([expect.objectContaining({ id: expect.any(String), externalId: 'OBJ1', applicationName: SAP })]);
    const links = `${base}/${created.id}/linkedResources`;
    expect((await h.graph('GET', links)).body.value).toHaveLength(1);

    const added = await h.graph('POST', links, { body: { applicationName: SAP, displayName: 'Account 1001', externalId: 'account:1001', webUrl: 'https://c4c.example/account/1001' } });
    expect(added.status).toBe(201);
    const afterAdd = (await h.graph('GET', `${base}/${created.id}?$expand=linkedResources`)).body;
    expect(afterAdd['@odata.etag']).not.toBe(created['@odata.etag']);
    expect(afterAdd.linkedResources.map((r: Json) => r.externalId)).toEqual(['OBJ1', 'account:1001']);

    const patched = await h.graph('PATCH', `${links}/${added.body.id}`, { body: { displayName: 'Account 1001 (Fabrikam)' } });
    expect(patched.body.displayName).toBe('Account 1001 (Fabrikam)');
    const afterPatch = (await h.graph('GET', `${base}/${created.id}`)).body;
    expect(afterPatch['@odata.etag']).not.toBe(afterAdd['@odata.etag']);

    expect((await h.graph('DELETE', `${links}/${added.body.id}`)).status).toBe(204);
    expect((await h.graph('GET', `${links}/${added.body.id}`)).status).toBe(404);
    const listed = (await h.graph('GET', `${base}?$expand=linkedResources&$top=100`)).body.value as Json[];
    expect(listed.find((t) => t.id === created.id)?.linkedResources).toHaveLength(1);
    // A PATCH of the task cannot replace them (Graph: use the navigation property).
    expect((await h.graph('PATCH', `${base}/${created.id}`, { body: { linkedResources: [] } })).status).toBe(400);
  });
});

describe('To Do permissions', () => {
  it('needs a Tasks permission and, for delegated tokens, the own mailbox', async () => {
    const def = await defaultList();
    const noTasks = await (await fetch(`${h.url}/_sandbox/token?user=${AVA.id}&scp=Calendars.ReadWrite`)).json() as Json;
    const denied = await h.graph('GET', `/me/todo/lists`, { token: noTasks.access_token as string });
    expect(denied.status).toBe(403);
    expectGraphError(denied.body, 'ErrorAccessDenied');
    const readOnly = await (await fetch(`${h.url}/_sandbox/token?user=${AVA.id}&scp=Tasks.Read`)).json() as Json;
    expect((await h.graph('GET', `/me/todo/lists/${def.id}/tasks`, { token: readOnly.access_token as string })).status).toBe(200);
    expect((await h.graph('POST', `/me/todo/lists/${def.id}/tasks`, { token: readOnly.access_token as string, body: { title: 'x' } })).status).toBe(403);

    const ava = await h.userToken(AVA.id);
    expect((await h.graph('GET', '/me/todo/lists', { token: ava })).status).toBe(200);
    const other = await h.graph('GET', `/users/${BEN.id}/todo/lists`, { token: ava });
    expect(other.status).toBe(403);
    expectGraphError(other.body, 'ErrorAccessDenied');
  });
});
