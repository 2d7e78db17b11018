// normalize-todo: todoTask JSON → NormalizedTask (dates, status, body, linked-resource scheme) and back to
// POST/PATCH bodies; the linked resources written for a task read back as the same crmRef and links.
import { desiredLinkedResources, normalizeTodoFields, normalizeTodoTask, parseLinkedResource, toTodoCreatePayload, toTodoPatchPayload, type GraphTodoTask } from '../../../src/server/domain/normalize-todo.js';
import { emptyTask, type NormalizedTask } from '../../../src/server/domain/task-item.js';

const url = (kind: string, id: string) => `https://c4c.example/${kind}/${id}`;
const SAP = 'SAP Cloud for Customer';

describe('normalizeTodoFields', () => {
  it('reads dates in any zone as UTC instants without fractions, and maps status to progress', () => {
    const task: GraphTodoTask = {
      id: 't1', title: '  Send quote ', status: 'waitingOnOthers', importance: 'high',
      body: { contentType: 'html', content: '<p>Line one</p><p>Line&nbsp;two</p>' },
      dueDateTime: { dateTime: '2026-12-10T17:00:00.0000000', timeZone: 'W. Europe Standard Time' },
      startDateTime: { dateTime: '2026-12-08T08:00:00.0000000', timeZone: 'UTC' },
      completedDateTime: { dateTime: '2026-12-09T00:00:00.0000000', timeZone: 'UTC' },
    };
    const f = normalizeTodoFields(task);
    expect(f).toEqual(expect.objectContaining({ title: 'Send quote', body: 'Line one\nLine two', dueUtc: '2026-12-10T16:00:00Z', startUtc: '2026-12-08T08:00:00Z', importance: 'high', progress: 'inProgress', completedUtc: null, timeZone: 'Europe/Berlin' }));
    expect(normalizeTodoFields({ id: 'x', status: 'deferred' }).progress).toBe('notStarted');
    expect(normalizeTodoFields({ id: 'x', status: 'completed', completedDateTime: { dateTime: '2026-12-09T00:00:00.0000000', timeZone: 'UTC' } }).completedUtc).toBe('2026-12-09T00:00:00Z');
    expect(normalizeTodoFields({ id: 'x' })).toEqual(emptyTask());
  });

  it('takes crmRef and links from the service linked resources and ignores other applications', () => {
    const f = normalizeTodoFields({
      id: 't', linkedResources: [
        { applicationName: 'Outlook', externalId: 'AAMk-mail', displayName: 'Flagged mail' },
        { applicationName: SAP, externalId: '00163E0A1B2C1EDF', displayName: 'SAP Cloud for Customer task 4711' },
        { applicationName: SAP, externalId: 'account:1001:primary', displayName: 'Fabrikam' },
        { applicationName: SAP, externalId: 'opportunity:55', displayName: 'Opportunity 55' },
        { applicationName: SAP, externalId: 'spaceship:1' },
      ],
    });
    expect(f.crmRef).toEqual({ objectId: '00163E0A1B2C1EDF', displayId: '4711' });
    expect(f.links).toEqual([{ type: 'account', id: '1001', name: 'Fabrikam', primary: true }, { type: 'opportunity', id: '55' }]);
    expect(parseLinkedResource({ applicationName: SAP, externalId: 'task:ABC' })).toEqual({ crmRef: { objectId: 'ABC', displayId: null } });
  });

  it('reports version = @odata.etag, no transactionId, and @removed as removed', () => {
    const present = normalizeTodoTask({ id: 't', '@odata.etag': 'W/"abc"', categories: [SAP] }, { listId: 'L', id: 'L/t', inServiceList: true });
    expect(present).toEqual(expect.objectContaining({ removed: false, id: 'L/t', version: 'W/"abc"', transactionId: null, categories: [SAP], listId: 'L', inServiceList: true }));
    expect(normalizeTodoTask({ id: 't', '@removed': { reason: 'deleted' } }, { listId: 'L', id: 'L/t', inServiceList: false })).toEqual({ removed: true, id: 'L/t' });
  });
});

describe('todoTask payloads', () => {
  const fields: NormalizedTask = {
    ...emptyTask(), title: 'Call back', body: 'Notes', dueUtc: '2026-12-10T16:00:00Z', importance: 'low', progress: 'completed', completedUtc: '2026-12-09T00:00:00Z',
    crmRef: { objectId: 'OBJ1', displayId: '42' }, links: [{ type: 'contact', id: '7', primary: true }, { type: 'opportunity', id: '9', name: 'Big deal' }],
  };

  it('creates with dates in UTC, status, categories and the linked resources inline', () => {
    const body = toTodoCreatePayload(fields, [SAP], url);
    expect(body).toEqual({
      title: 'Call back', body: { content: 'Notes', contentType: 'text' }, dueDateTime: { dateTime: '2026-12-10T16:00:00', timeZone: 'UTC' },
      importance: 'low', status: 'completed', completedDateTime: { dateTime: '2026-12-09T00:00:00', timeZone: 'UTC' }, categories: [SAP],
      linkedResources: desiredLinkedResources(fields, url),
    });
    expect(body.startDateTime).toBeUndefined();
  });

  it('round-trips the linked resources to the same crmRef and links', () => {
    const resources = desiredLinkedResources(fields, url);
    expect(resources[0]).toEqual({ applicationName: SAP, externalId: 'OBJ1', displayName: 'SAP Cloud for Customer task 42', webUrl: 'https://c4c.example/task/42' }); // C4C's deep link opens a task by the ID users see
    const back = normalizeTodoFields({ id: 't', linkedResources: resources });
    expect(back.crmRef).toEqual(fields.crmRef);
    expect(back.links).toEqual(fields.links);
  });

  it('patches only what changed; clearing a date sends null', () => {
    expect(toTodoPatchPayload({ dueUtc: null, progress: 'inProgress' })).toEqual({ dueDateTime: null, status: 'inProgress' });
    expect(toTodoPatchPayload({}, ['A', 'A', 'B'])).toEqual({ categories: ['A', 'B'] });
  });
});
