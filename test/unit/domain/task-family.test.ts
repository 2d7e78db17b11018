// The task family's own rules (R13): scope, blockers, routing, canonical forms and the merge.
import { withDefaults } from '../../../src/server/domain/settings.js';
import type { Mailbox } from '../../../src/server/domain/mailbox.js';
import { baseOfItem } from '../../../src/server/domain/three-way-merge.js';
import { hashTask, taskCanonicalFields, taskFieldEqual } from '../../../src/server/domain/task-canonical.js';
import { taskFamily } from '../../../src/server/domain/task-family.js';
import { emptyTask, type CrmTask, type NormalizedTask, type TodoTaskPresent } from '../../../src/server/domain/task-item.js';

const settings = withDefaults();
const mailbox: Mailbox = { mailboxId: 'mbx-1', tenantId: 't', provider: 'graph', email: 'ava@contoso.example', displayName: 'Ava', employeePartyId: '8000001', enabled: true };

function task(overrides: Partial<NormalizedTask> = {}): NormalizedTask {
  return { ...emptyTask(), title: 'Call back', dueUtc: '2026-12-10T00:00:00Z', ...overrides };
}

function todo(overrides: Partial<TodoTaskPresent> = {}): TodoTaskPresent {
  return { removed: false, id: 'list-1/t-1', version: 'v1', transactionId: null, categories: [], fields: task(), listId: 'list-1', inServiceList: false, ...overrides };
}

function crmTask(overrides: Partial<CrmTask> = {}): CrmTask {
  return { objectId: 'OBJ1', kind: 'task', version: 'e1', groupwareItemId: null, status: 'open', removed: false, lastChangedOn: '2026-12-01T00:00:00Z', fields: task({ crmRef: { objectId: 'OBJ1', displayId: '42' } }), processorPartyId: '8000001', processorEmail: null, ...overrides };
}

const equalRules = { equal: taskFieldEqual };

describe('task scope (R13)', () => {
  it('syncs tagged tasks wherever they are, and in list mode every task of the service list', () => {
    expect(taskFamily.scopeOf(todo({ categories: ['sap cloud for customer'] }), settings)).toBe('task');
    expect(taskFamily.scopeOf(todo(), settings)).toBeNull();
    expect(taskFamily.scopeOf(todo({ inServiceList: true }), settings)).toBeNull();
    const listMode = withDefaults({ tasks: { scope: 'list', listName: 'Tasks' } });
    expect(taskFamily.scopeOf(todo({ inServiceList: true }), listMode)).toBe('task');
    expect(taskFamily.scopeOf(todo({ inServiceList: false }), listMode)).toBeNull();
  });

  it('follows a renamed task category', () => {
    const renamed = withDefaults({ categories: { ...settings.categories, task: 'CRM task' } });
    expect(taskFamily.scopeOf(todo({ categories: ['CRM task'] }), renamed)).toBe('task');
    expect(taskFamily.scopeOf(todo({ categories: ['SAP Cloud for Customer'] }), renamed)).toBeNull();
    expect(taskFamily.syncCategories(renamed)).toEqual(['CRM task']);
  });
});

describe('task rules', () => {
  it('blocks a task that starts after it is due, and nothing else', () => {
    expect(taskFamily.blocker(task({ startUtc: '2026-12-11T00:00:00Z', dueUtc: '2026-12-10T00:00:00Z' }), settings, 'task')?.code).toBe('invalidItem');
    expect(taskFamily.blocker(task({ startUtc: '2026-12-09T00:00:00Z' }), settings, 'task')).toBeNull();
    expect(taskFamily.blocker(task({ dueUtc: null, startUtc: '2026-12-09T00:00:00Z' }), settings, 'task')).toBeNull();
  });

  it('lands a C4C task with its processor, by party id or e-mail', () => {
    expect(taskFamily.isTarget(crmTask(), mailbox, settings)).toBe(true);
    expect(taskFamily.isTarget(crmTask({ processorPartyId: '8000002' }), mailbox, settings)).toBe(false);
    expect(taskFamily.isTarget(crmTask({ processorPartyId: null, processorEmail: 'AVA@contoso.example' }), mailbox, settings)).toBe(true);
    expect(taskFamily.isTarget(crmTask({ processorPartyId: null, processorEmail: null }), mailbox, settings)).toBe(false);
  });

  it('names the C4C record on both sides', () => {
    expect(taskFamily.crmObjectIdOf?.(todo({ fields: task({ crmRef: { objectId: 'X', displayId: null } }) }))).toBe('X');
    expect(taskFamily.crmObjectIdOf?.(todo())).toBeNull();
    expect(taskFamily.groupwareLinkPatch?.(crmTask())).toEqual({ crmRef: { objectId: 'OBJ1', displayId: '42' }, links: [] });
    expect(taskFamily.crmCreateFields(task({ links: [{ type: 'account', id: '1' }], crmRef: { objectId: 'Y', displayId: null } }))).toMatchObject({ links: [], crmRef: null });
  });
});

describe('task canonical forms and hash', () => {
  it('ignores whitespace, CRLF, link names, the reference and the completion time of day', () => {
    const a = task({ body: 'a\r\nb ', links: [{ type: 'account', id: '1', name: 'Acme' }], completedUtc: '2026-12-05T07:00:00Z', progress: 'completed' });
    const b = task({ body: 'a\nb', links: [{ type: 'account', id: '1' }], completedUtc: '2026-12-05T19:30:00Z', progress: 'completed', crmRef: { objectId: 'Z', displayId: null } });
    expect(hashTask(a)).toBe(hashTask(b));
    expect(taskCanonicalFields(a)).toEqual(taskCanonicalFields(b));
  });

  it('changes with every synced field', () => {
    const base = hashTask(task());
    for (const change of [{ title: 'x' }, { body: 'x' }, { startUtc: '2026-12-01T00:00:00Z' }, { dueUtc: null }, { importance: 'high' as const }, { progress: 'inProgress' as const }, { completedUtc: '2026-12-02T00:00:00Z' }, { links: [{ type: 'opportunity' as const, id: '9' }] }]) {
      expect(hashTask(task(change))).not.toBe(base);
    }
  });
});

describe('task merge (R12)', () => {
  const merge = (base: NormalizedTask | null, outlook: NormalizedTask, crm: NormalizedTask, winner: 'outlook' | 'crm' = 'outlook') =>
    taskFamily.merge({ base: base ? baseOfItem(equalRules, base) : null, outlook, crm, kind: 'task', winner, ours: null });

  it('takes a one-sided edit from the side that made it', () => {
    const base = task();
    expect(merge(base, task({ title: 'New' }), base)).toMatchObject({ crmPatch: { title: 'New' }, outlookPatch: {}, conflicts: [] });
    expect(merge(base, base, task({ body: 'from C4C' }))).toMatchObject({ outlookPatch: { body: 'from C4C' }, crmPatch: {}, conflicts: [] });
  });

  it('decides a two-sided edit by the winner, and keeps start and due together', () => {
    const base = task({ startUtc: '2026-12-01T00:00:00Z' });
    const outlook = task({ startUtc: '2026-12-02T00:00:00Z' });
    const crm = task({ startUtc: '2026-12-01T00:00:00Z', dueUtc: '2026-12-20T00:00:00Z' });
    const won = merge(base, outlook, crm, 'crm');
    expect(won.conflicts).toEqual(['startUtc', 'dueUtc']);
    expect(won.outlookPatch).toEqual({ startUtc: '2026-12-01T00:00:00Z', dueUtc: '2026-12-20T00:00:00Z' });
  });

  it('moves progress and completion date together', () => {
    const base = task();
    const done = task({ progress: 'completed', completedUtc: '2026-12-05T00:00:00Z' });
    expect(merge(base, done, base).crmPatch).toEqual({ progress: 'completed', completedUtc: '2026-12-05T00:00:00Z' });
  });

  it('sends links and the record reference to To Do only', () => {
    const base = task();
    const crm = task({ links: [{ type: 'account', id: '1' }], crmRef: { objectId: 'OBJ1', displayId: '42' } });
    const merged = merge(base, task({ links: [{ type: 'contact', id: '7' }] }), crm);
    expect(merged.outlookPatch).toEqual({ links: [{ type: 'account', id: '1' }], crmRef: { objectId: 'OBJ1', displayId: '42' } });
    expect(merged.crmPatch).toEqual({});
  });
});
