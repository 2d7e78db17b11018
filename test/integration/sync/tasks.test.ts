// End to end over real HTTP (Graph's To Do and C4C's Tasks in the sandboxes, the real adapters, the real store on
// both drivers): the task family (R13). A tagged To Do task becomes a C4C task the user processes, with its link
// written back; C4C tasks of a synced user land in the service list; edits mirror both ways (Siebel's scenario: the
// description changed in C4C reaches To Do); deletes follow R11 for tasks; the list scope; and no echo.
import { DEFAULT_CATEGORIES } from '../../../src/shared/categories.js';
import { AVA, BEN, CHLOE, startSyncHarness, type SyncHarness } from '../../support/sync-harness.js';
import type { Json } from '../../support/sync-harness-http.js';
import { TEST_DRIVERS, stopTestDatabases } from '../../support/test-database.js';
import { children, dayIso, odataMs, uniqueSubject } from './fixtures.js';

afterAll(stopTestDatabases);

const TAG = DEFAULT_CATEGORIES.task;
const TASKS = 'TasksCollection';

describe.each(TEST_DRIVERS)('Tasks (R13) on %s', (driver) => {
  let h: SyncHarness;
  const graphOk = async (method: string, path: string, body?: Json): Promise<Json> => {
    const res = await h.graph.request(method, path, body);
    if (res.status >= 300) throw new Error(`Graph ${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const lists = async (userId: string): Promise<Json[]> => (await graphOk('GET', `/users/${userId}/todo/lists`)).value as Json[];
  const listId = async (userId: string, name: string): Promise<string> => {
    const list = (await lists(userId)).find((l) => l.displayName === name);
    if (!list) throw new Error(`no To Do list "${name}" for ${userId}`);
    return String(list.id);
  };
  const defaultList = async (userId: string): Promise<string> => String((await lists(userId)).find((l) => l.wellknownListName === 'defaultList')?.id);
  const createTodo = (userId: string, list: string, body: Json): Promise<Json> => graphOk('POST', `/users/${userId}/todo/lists/${list}/tasks`, body);
  const getTodo = async (userId: string, list: string, id: string): Promise<Json | null> => {
    const res = await h.graph.request('GET', `/users/${userId}/todo/lists/${list}/tasks/${id}?$expand=linkedResources`);
    return res.status === 404 ? null : (res.body as Json);
  };
  const todosTitled = async (userId: string, title: string): Promise<Json[]> => {
    const found: Json[] = [];
    for (const list of await lists(userId)) {
      const page = await graphOk('GET', `/users/${userId}/todo/lists/${String(list.id)}/tasks?$top=500&$expand=linkedResources`);
      for (const t of page.value as Json[]) if (t.title === title) found.push({ ...t, listId: list.id });
    }
    return found;
  };
  const crmTask = async (subject: string): Promise<Json> => {
    const [found, ...more] = await h.c4c.bySubject(TASKS, subject);
    if (!found || more.length > 0) throw new Error(`expected one C4C task "${subject}", found ${more.length + (found ? 1 : 0)}`);
    return (await h.c4c.activity(TASKS, String(found.ObjectID))) as Json;
  };
  const texts = (task: Json, typeCode: string): string[] => children(task, 'TasksTextCollection').filter((t) => t.TypeCode === typeCode).map((t) => String(t.Text));
  const cycle = async (mailboxId = AVA.id) => {
    const { sessions } = await h.cycle(mailboxId);
    for (const s of sessions) expect({ failed: s.failed, warnings: s.warnings.filter((w) => !w.startsWith('conflict:')) }).toEqual({ failed: [], warnings: [] });
    return sessions;
  };

  beforeAll(async () => {
    h = await startSyncHarness(driver, { users: [AVA, BEN], families: ['tasks'] });
    await h.settle();
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });
  afterEach(async () => {
    await h.saveSettings({ tasks: { scope: 'tagged', listName: 'SAP Cloud for Customer' } });
  });

  // To Do reports a task's dates in UTC (the service asks for UTC, and the zone a date was entered in is not kept):
  // C4C gets the right instants, in UTC. A C4C task's zone reaches To Do with its dates.
  it('a tagged To Do task becomes a C4C task the user processes, mapped field by field, with the C4C link written back', async () => {
    const title = uniqueSubject('Call back Porter');
    const list = await defaultList(AVA.id);
    const todo = await createTodo(AVA.id, list, {
      title,
      body: { contentType: 'text', content: 'Ask about the renewal' },
      importance: 'high',
      status: 'inProgress',
      startDateTime: { dateTime: `${dayIso(3)}T08:00:00.0000000`, timeZone: 'W. Europe Standard Time' },
      dueDateTime: { dateTime: `${dayIso(5)}T00:00:00.0000000`, timeZone: 'W. Europe Standard Time' },
      categories: [TAG],
    });
    const untagged = uniqueSubject('Private errand');
    await createTodo(AVA.id, list, { title: untagged });
    await cycle();

    const created = await crmTask(title);
    expect(created).toMatchObject({ ProcessorPartyID: AVA.c4cEmployeeId, PriorityCode: '2', Status: '2', CreatedBySSI: '1', StartDatetimeZoneCode: 'UTC', DueDatetimeZoneCode: 'UTC' });
    // 08:00 in Berlin is 07:00 UTC in winter, 06:00 in summer: the instant, not the wall clock, is what C4C gets.
    const start = new Date(`${dayIso(3)}T08:00:00Z`);
    const berlinOffsetHours = Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Berlin', hour: 'numeric', hourCycle: 'h23' }).format(start)) - 8;
    expect(odataMs(created.StartDateTime)).toBe(start.getTime() - berlinOffsetHours * 3_600_000);
    expect(texts(created, '10002')).toEqual(['Ask about the renewal']);
    expect(await h.c4c.bySubject(TASKS, untagged)).toEqual([]);

    const linked = (await getTodo(AVA.id, list, String(todo.id))) as Json;
    const [resource] = (linked.linkedResources as Json[]).filter((r) => r.applicationName === 'SAP Cloud for Customer');
    expect(resource).toMatchObject({ externalId: created.ObjectID, displayName: `SAP Cloud for Customer task ${created.ID}` });
    const url = new URL(String(resource?.webUrl));
    expect(url.searchParams.get('param.InternalID')).toBe(created.ID);
    expect(url.searchParams.get('param.Type')).toBe('COD_TASK');
  });

  it('a tagged task in a list of its own syncs too (a new list is found at the next listing of lists)', async () => {
    const projects = String((await graphOk('POST', `/users/${AVA.id}/todo/lists`, { displayName: uniqueSubject('Projects') })).id);
    const title = uniqueSubject('Prepare the offer');
    await createTodo(AVA.id, projects, { title, categories: [TAG] });
    await cycle();
    expect((await crmTask(title)).ProcessorPartyID).toBe(AVA.c4cEmployeeId);
  });

  it("Siebel's scenario: a C4C task of the user lands in the service list; its description changed in C4C follows to To Do", async () => {
    const subject = uniqueSubject('Send the contract');
    const account = await h.c4c.firstId('CorporateAccountCollection', 'AccountID');
    const made = await h.c4c.create(TASKS, { Subject: subject, Status: '1', PriorityCode: '3', ProcessorPartyID: AVA.c4cEmployeeId, MainAccountPartyID: account, DueDateTime: `${dayIso(6)}T09:00:00Z`, DueDatetimeZoneCode: 'UTC', TasksTextCollection: [{ Text: 'Draft attached', TypeCode: '10002', LanguageCode: 'EN' }] });
    const someoneElse = uniqueSubject("Chloe's follow-up");
    await h.c4c.create(TASKS, { Subject: someoneElse, Status: '1', ProcessorPartyID: CHLOE.c4cEmployeeId });
    await cycle();

    const service = await listId(AVA.id, 'SAP Cloud for Customer');
    const [copy, ...extra] = await todosTitled(AVA.id, subject);
    expect(extra).toEqual([]);
    expect(copy).toMatchObject({ listId: service, categories: [TAG], status: 'notStarted', importance: 'normal' });
    expect(copy?.body?.content).toBe('Draft attached');
    const resources = (copy?.linkedResources ?? []) as Json[];
    expect(resources.map((r) => r.externalId).sort()).toEqual([`account:${account}:primary`, String(made.ObjectID)].sort());
    expect(new URL(String(resources.find((r) => String(r.externalId).startsWith('account:'))?.webUrl)).searchParams.get('param.Type')).toBe('COD_ACCOUNT_TT');
    expect(await todosTitled(AVA.id, someoneElse)).toEqual([]);
    expect(await todosTitled(BEN.id, someoneElse)).toEqual([]);

    const full = (await h.c4c.activity(TASKS, String(made.ObjectID))) as Json;
    const [bodyText] = children(full, 'TasksTextCollection').filter((t) => t.TypeCode === '10002');
    await h.c4c.request('PATCH', `TasksTextCollectionCollection('${String(bodyText?.ObjectID)}')`, { Text: 'Draft attached; signed copy due Friday' });
    await cycle();
    expect((await getTodo(AVA.id, service, String(copy?.id)))?.body?.content).toBe('Draft attached; signed copy due Friday');

    // And back: the user completes it and renames it in To Do.
    const renamed = `${subject} (sent)`;
    await graphOk('PATCH', `/users/${AVA.id}/todo/lists/${service}/tasks/${String(copy?.id)}`, { title: renamed, status: 'completed' });
    await cycle();
    const after = (await h.c4c.activity(TASKS, String(made.ObjectID))) as Json;
    expect(after).toMatchObject({ Subject: renamed, Status: '3' });
    expect(after.CompletionDateTime).toBeTruthy();
  });

  it('R11 for tasks: a To Do delete cancels the C4C task (never deletes it); a C4C cancel removes only the copy the service made', async () => {
    const list = await defaultList(AVA.id);
    const mine = uniqueSubject('Mine, deleted in To Do');
    const todo = await createTodo(AVA.id, list, { title: mine, categories: [TAG] });
    const kept = uniqueSubject('Mine, cancelled in C4C');
    const keptTodo = await createTodo(AVA.id, list, { title: kept, categories: [TAG, 'Red category'] });
    const fromC4c = uniqueSubject('From C4C, cancelled there');
    await h.c4c.create(TASKS, { Subject: fromC4c, Status: '1', ProcessorPartyID: AVA.c4cEmployeeId });
    await cycle();
    const [copy] = await todosTitled(AVA.id, fromC4c);
    expect(copy).toBeDefined();

    await graphOk('DELETE', `/users/${AVA.id}/todo/lists/${list}/tasks/${String(todo.id)}`);
    await h.c4c.cancel(TASKS, String((await crmTask(kept)).ObjectID));
    await h.c4c.cancel(TASKS, String((await crmTask(fromC4c)).ObjectID));
    await cycle();

    expect((await crmTask(mine)).Status).toBe('4');
    const stays = await getTodo(AVA.id, list, String(keptTodo.id));
    expect(stays?.categories).toEqual(['Red category']);
    expect(await todosTitled(AVA.id, fromC4c)).toEqual([]);
    const log = await h.store.listLog({ mailboxId: AVA.id, limit: 200 });
    expect(log.some((e) => e.event === 'removeCategoryAndNotify' && (e.message ?? '').includes('cancelled or deleted in SAP Cloud for Customer'))).toBe(true);
  });

  it('R11 for tasks: deleting the To Do copy of a C4C task, or a task completed before, cancels the C4C task and nothing comes back', async () => {
    const fromC4c = uniqueSubject('From C4C, deleted in To Do');
    const made = await h.c4c.create(TASKS, { Subject: fromC4c, Status: '1', ProcessorPartyID: AVA.c4cEmployeeId });
    const list = await defaultList(AVA.id);
    const done = uniqueSubject('Mine, completed then deleted');
    const todo = await createTodo(AVA.id, list, { title: done, categories: [TAG] });
    await cycle();
    await graphOk('PATCH', `/users/${AVA.id}/todo/lists/${list}/tasks/${String(todo.id)}`, { status: 'completed' });
    await cycle();
    expect((await crmTask(done)).Status).toBe('3');
    const [copy] = await todosTitled(AVA.id, fromC4c);
    await graphOk('DELETE', `/users/${AVA.id}/todo/lists/${String(copy?.listId)}/tasks/${String(copy?.id)}`);
    await graphOk('DELETE', `/users/${AVA.id}/todo/lists/${list}/tasks/${String(todo.id)}`);
    await cycle();
    await cycle();
    expect((await h.c4c.activity(TASKS, String(made.ObjectID)))?.Status).toBe('4');
    expect((await crmTask(done)).Status).toBe('4');
    expect(await todosTitled(AVA.id, fromC4c)).toEqual([]);
    expect(await todosTitled(AVA.id, done)).toEqual([]);
  });

  it('R11 for tasks: a task deleted (not cancelled) in C4C removes the copy the service made once C4C confirms it', async () => {
    const subject = uniqueSubject('From C4C, deleted there');
    const made = await h.c4c.create(TASKS, { Subject: subject, Status: '1', ProcessorPartyID: AVA.c4cEmployeeId });
    await cycle();
    expect(await todosTitled(AVA.id, subject)).toHaveLength(1);
    await h.c4c.remove(TASKS, String(made.ObjectID));
    // What the web process does with C4C's `deleted` notification (webhooks): a note the next poll confirms.
    await h.store.noteCrmDelete((await h.store.getMailbox(AVA.id))?.tenantId ?? '', 'task', String(made.ObjectID));
    await cycle();
    expect(await todosTitled(AVA.id, subject)).toEqual([]);
  });

  it('with TASK_SYNC_SCOPE=list every task of the service list syncs, tagged or not', async () => {
    await h.saveSettings({ tasks: { scope: 'list', listName: 'SAP Cloud for Customer' } });
    const service = await listId(AVA.id, 'SAP Cloud for Customer');
    const title = uniqueSubject('Untagged, in the service list');
    await createTodo(AVA.id, service, { title });
    const outside = uniqueSubject('Untagged, elsewhere');
    await createTodo(AVA.id, await defaultList(AVA.id), { title: outside });
    await cycle();
    expect((await crmTask(title)).ProcessorPartyID).toBe(AVA.c4cEmployeeId);
    expect(await h.c4c.bySubject(TASKS, outside)).toEqual([]);
  });

  it('no echo: a cycle right after a settled cycle writes nothing on either side', async () => {
    await h.settle();
    await h.resetCounters();
    await cycle();
    await cycle(BEN.id);
    const counters = await h.counters();
    expect(counters.graphWrites).toEqual({});
    expect(counters.c4cWrites).toEqual({});
  });
});
