// Items that name their C4C record without a pair row (run/named-records.ts): the record is read so the planner pairs
// the copy with it, and a record that is gone reads as cancelled (R11). A name of a system the tenant was re-paired
// away from is not read at all: unknown to this system is not deleted.
import { jest } from '@jest/globals';
import type { Mailbox } from '../../../src/server/domain/mailbox.js';
import { withDefaults } from '../../../src/server/domain/settings.js';
import { taskFamily } from '../../../src/server/domain/task-family.js';
import { emptyTask, type CrmTask, type TodoTaskPresent } from '../../../src/server/domain/task-item.js';
import { withNamedRecords } from '../../../src/server/sync/run/named-records.js';

const settings = withDefaults();
const mailbox: Mailbox = { mailboxId: 'mbx-1', tenantId: 't', provider: 'graph', email: 'ava@contoso.example', displayName: 'Ava', employeePartyId: '8000001', enabled: true };

const todo = (id: string, named: string): TodoTaskPresent => ({
  removed: false,
  id,
  version: 'v1',
  transactionId: null,
  categories: [settings.categories.task],
  fields: { ...emptyTask(), title: id, crmRef: { objectId: named, displayId: null } },
  listId: 'list-1',
  inServiceList: false,
});

const gone = (objectId: string): CrmTask =>
  ({ objectId, kind: 'task', version: '', groupwareItemId: null, status: 'open', removed: true, lastChangedOn: null, fields: emptyTask(), processorPartyId: null, processorEmail: null }) as unknown as CrmTask;

function syncWith(getByIds: (refs: readonly { kind: 'task'; objectId: string }[]) => Promise<CrmTask[]>) {
  return { family: taskFamily, crm: { getByIds: (_tenant: string, refs: readonly { kind: 'task'; objectId: string }[]) => getByIds(refs) }, unwantedOf: undefined } as unknown as Parameters<typeof withNamedRecords<TodoTaskPresent, CrmTask>>[0];
}

describe('withNamedRecords', () => {
  it('reads the records unpaired items name; one that is gone reads as cancelled', async () => {
    const getByIds = jest.fn(async (refs: readonly { kind: 'task'; objectId: string }[]) => refs.map((r) => gone(r.objectId)));
    const forgotten = jest.fn(async () => new Set<string>());
    const records = await withNamedRecords(syncWith(getByIds), mailbox, settings, [], { outlook: [todo('t-1', 'NOW-1')], crm: [] }, new Set(), forgotten);
    expect(getByIds).toHaveBeenCalledWith([{ kind: 'task', objectId: 'NOW-1' }]);
    expect(records).toMatchObject([{ objectId: 'NOW-1', status: 'cancelled', removed: false }]);
  });

  it('passes over names of a system the tenant was re-paired away from: nothing is read, nothing reads as cancelled', async () => {
    const getByIds = jest.fn(async (refs: readonly { kind: 'task'; objectId: string }[]) => refs.map((r) => gone(r.objectId)));
    const forgotten = jest.fn(async (ids: readonly string[]) => new Set(ids.filter((id) => id.startsWith('OLD'))));
    const items = [todo('t-1', 'OLD-1'), todo('t-2', 'NOW-2')];
    const records = await withNamedRecords(syncWith(getByIds), mailbox, settings, [], { outlook: items, crm: [] }, new Set(), forgotten);
    expect(forgotten).toHaveBeenCalledWith(['OLD-1', 'NOW-2']);
    expect(getByIds).toHaveBeenCalledWith([{ kind: 'task', objectId: 'NOW-2' }]);
    expect(records.map((r) => r.objectId)).toEqual(['NOW-2']);
  });

  it('asks nothing when every named record was read in the session (its inbox)', async () => {
    const getByIds = jest.fn(async () => [] as CrmTask[]);
    const forgotten = jest.fn(async () => new Set<string>());
    const read = { ...gone('NOW-1'), removed: false, version: 'e1' };
    const records = await withNamedRecords(syncWith(getByIds), mailbox, settings, [], { outlook: [todo('t-1', 'NOW-1')], crm: [read] }, new Set(), forgotten);
    expect(forgotten).not.toHaveBeenCalled();
    expect(getByIds).not.toHaveBeenCalled();
    expect(records).toEqual([read]);
  });
});
