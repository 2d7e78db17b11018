// C4C Task JSON ↔ NormalizedTask: the normalization (codes, zones, body and reference entries, links, removed
// tasks) and the write payloads (deep insert with the reference entry, updates that never write links).
import { importanceOfPriority, keyOfReferenceText, priorityOfImportance, progressOfStatus, recordStatusOf, statusOfProgress } from '../../../src/server/domain/c4c-task-fields.js';
import { fullTaskPatch, toC4cTaskCancel, toC4cTaskCreate, toC4cTaskUpdate } from '../../../src/server/domain/c4c-task-payloads.js';
import { normalizeC4cTask, removedTask } from '../../../src/server/domain/normalize-c4c-task.js';
import { emptyTask, type NormalizedTask } from '../../../src/server/domain/task-item.js';

const ms = (iso: string): string => `/Date(${Date.parse(iso)})/`;
const ETAG = `W/"datetimeoffset'2026-11-21T10%3A00%3A00.1234560Z'"`;

const taskJson = {
  __metadata: { etag: ETAG },
  ObjectID: 'TASK1',
  ID: '30042',
  Subject: ' Send the offer\r\n',
  Status: '2',
  PriorityCode: '1',
  StartDateTime: ms('2026-12-01T08:00:00Z'),
  StartDatetimeZoneCode: 'UTC',
  DueDateTime: ms('2026-12-03T16:00:00Z'),
  DueDatetimeZoneCode: 'CET',
  CompletionDateTime: null,
  MainAccountPartyID: '1000007',
  MainContactPartyID: '',
  ProcessorPartyID: '8000000001',
  ProcessorEmailURI: 'Ava.Adams@Contoso.example',
  EntityLastChangedOn: ms('2026-11-21T10:00:00.250Z'),
  TasksTextCollection: {
    results: [
      { ObjectID: 'T1', TypeCode: '10011', Text: 'Microsoft To Do reference: AAMkAD=' },
      { ObjectID: 'T2', TypeCode: '10002', Text: 'Line one\r\nLine two ' },
    ],
  },
  TasksBTDReference: { results: [{ ID: '60001', TypeCode: '72' }, { ID: '9', TypeCode: '999' }] },
};

const task = (overrides: Partial<NormalizedTask> = {}): NormalizedTask => ({
  ...emptyTask(),
  title: 'Send the offer',
  body: 'Line one',
  startUtc: '2026-12-01T08:00:00Z',
  dueUtc: '2026-12-03T16:00:00Z',
  timeZone: 'Europe/Berlin',
  ...overrides,
});

describe('C4C task codes', () => {
  it('maps priority, status and the reference text both ways', () => {
    expect(['1', '2', '3', '7', null, 'x'].map(importanceOfPriority)).toEqual(['high', 'high', 'normal', 'low', 'normal', 'normal']);
    expect((['high', 'normal', 'low'] as const).map(priorityOfImportance)).toEqual(['2', '3', '7']);
    expect(['1', '2', '3', '4', null].map(progressOfStatus)).toEqual(['notStarted', 'inProgress', 'completed', 'notStarted', 'notStarted']);
    expect(['1', '2', '3', '4'].map(recordStatusOf)).toEqual(['open', 'open', 'completed', 'cancelled']);
    expect((['notStarted', 'inProgress', 'completed'] as const).map(statusOfProgress)).toEqual(['1', '2', '3']);
    expect([keyOfReferenceText('Microsoft To Do reference: k'), keyOfReferenceText('microsoft to do reference: k'), keyOfReferenceText('Microsoft To Do reference: '), keyOfReferenceText(null)]).toEqual(['k', null, null, null]);
  });
});

describe('C4C task normalization', () => {
  it('reads a task: fields, due zone, body entry, reference key, links, processor, version', () => {
    const crm = normalizeC4cTask(taskJson);
    expect(crm).toMatchObject({
      objectId: 'TASK1',
      displayId: '30042',
      kind: 'task',
      version: ETAG,
      groupwareItemId: 'AAMkAD=',
      status: 'open',
      removed: false,
      processorPartyId: '8000000001',
      processorEmail: 'ava.adams@contoso.example',
      lastChangedOn: '2026-11-21T10:00:00.250Z',
    });
    expect(crm.fields).toEqual({
      title: 'Send the offer',
      body: 'Line one\nLine two',
      startUtc: '2026-12-01T08:00:00Z',
      dueUtc: '2026-12-03T16:00:00Z',
      timeZone: 'Europe/Berlin',
      importance: 'high',
      progress: 'inProgress',
      completedUtc: null,
      links: [{ type: 'account', id: '1000007', primary: true }, { type: 'opportunity', id: '60001' }],
      crmRef: { objectId: 'TASK1', displayId: '30042' },
    });
  });

  it('takes the start zone without a due date, UTC without either, and the body from a non-reference entry', () => {
    const startOnly = normalizeC4cTask({ ...taskJson, DueDateTime: null, DueDatetimeZoneCode: '', StartDatetimeZoneCode: 'EST', TasksTextCollection: [{ TypeCode: '10011', Text: 'Microsoft To Do reference: k' }, { TypeCode: '10004', Text: 'A note' }] });
    expect([startOnly.fields.dueUtc, startOnly.fields.timeZone, startOnly.fields.body, startOnly.groupwareItemId]).toEqual([null, 'America/New_York', 'A note', 'k']);
    const bare = normalizeC4cTask({ ObjectID: 'T', Status: '4' });
    expect(bare).toMatchObject({ status: 'cancelled', groupwareItemId: null, version: '', displayId: null });
    expect(bare.fields).toMatchObject({ title: '', body: '', startUtc: null, dueUtc: null, timeZone: 'UTC', importance: 'normal', progress: 'notStarted', links: [] });
    const completed = normalizeC4cTask({ ObjectID: 'T', Status: '3', CompletionDateTime: ms('2026-12-02T11:30:00.900Z'), TasksTextCollection: [{ TypeCode: '10011', Text: 'unrelated comment' }] });
    expect([completed.status, completed.fields.progress, completed.fields.completedUtc, completed.groupwareItemId, completed.fields.body]).toEqual(['completed', 'completed', '2026-12-02T11:30:00Z', null, '']);
  });

  it('reports a removed task with empty fields', () => {
    expect(removedTask('GONE')).toMatchObject({ objectId: 'GONE', kind: 'task', removed: true, status: 'cancelled', fields: emptyTask() });
  });
});

describe('C4C task payloads', () => {
  it('creates with the reference and body entries, processor, CreatedBySSI and zone codes, and no links', () => {
    const body = toC4cTaskCreate(task({ importance: 'high', links: [{ type: 'account', id: '1', primary: true }] }), { groupwareItemId: 'AAMk/x=', ownerPartyId: '8000000002' });
    expect(body).toEqual({
      Subject: 'Send the offer',
      StartDateTime: ms('2026-12-01T08:00:00Z'),
      StartDatetimeZoneCode: 'CET',
      DueDateTime: ms('2026-12-03T16:00:00Z'),
      DueDatetimeZoneCode: 'CET',
      PriorityCode: '2',
      Status: '1',
      CompletionDateTime: null,
      CreatedBySSI: '1',
      ProcessorPartyID: '8000000002',
      TasksTextCollection: [
        { Text: 'Microsoft To Do reference: AAMk/x=', TypeCode: '10011', LanguageCode: 'EN' },
        { Text: 'Line one', TypeCode: '10002', LanguageCode: 'EN' },
      ],
    });
    const bare = toC4cTaskCreate(task({ body: '', startUtc: null, dueUtc: null, timeZone: 'Pacific/Nowhere' }), { groupwareItemId: 'k', ownerPartyId: null });
    expect(bare).toMatchObject({ StartDateTime: null, StartDatetimeZoneCode: null, DueDateTime: null, DueDatetimeZoneCode: null });
    expect(bare).not.toHaveProperty('ProcessorPartyID');
    expect((bare['TasksTextCollection'] as unknown[]).length).toBe(1);
  });

  it('updates only what changed: dates travel with their zones, progress with its completion, body apart, links never', () => {
    const after = task({ dueUtc: '2026-12-04T09:00:00Z', timeZone: 'America/New_York', progress: 'completed', completedUtc: '2026-12-02T10:00:00Z' });
    expect(toC4cTaskUpdate({ dueUtc: after.dueUtc }, after)).toEqual({
      header: { StartDateTime: ms('2026-12-01T08:00:00Z'), StartDatetimeZoneCode: 'EST', DueDateTime: ms('2026-12-04T09:00:00Z'), DueDatetimeZoneCode: 'EST' },
    });
    expect(toC4cTaskUpdate({ progress: 'completed' }, after)).toEqual({ header: { Status: '3', CompletionDateTime: ms('2026-12-02T10:00:00Z') } });
    expect(toC4cTaskUpdate({ title: 'T', importance: 'low', body: 'New', links: [{ type: 'account', id: '1' }], crmRef: null }, after)).toEqual({ header: { Subject: 'T', PriorityCode: '7' }, bodyText: 'New' });
    expect(toC4cTaskUpdate(fullTaskPatch(after), after).header).toMatchObject({ Subject: 'Send the offer', Status: '3', PriorityCode: '3', DueDatetimeZoneCode: 'EST' });
    expect(toC4cTaskCancel()).toEqual({ Status: '4' });
  });
});
