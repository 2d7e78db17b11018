// Left-over write-ahead records of CRM creates (a session died between the CRM create and its commit): once the
// groupware item is gone, the record the create made is cancelled (R11), whatever state it reached meanwhile.
import type { Mailbox } from '../../../src/server/domain/mailbox.js';
import type { GroupwareItem } from '../../../src/server/domain/snapshots.js';
import { emptyTask, type CrmTask, type TodoTaskPresent } from '../../../src/server/domain/task-item.js';
import type { CrmWriteRequestOf } from '../../../src/server/ports/crm-port.js';
import { settleOrphanedCreates } from '../../../src/server/sync/run/pending-creates.js';

const MAILBOX: Mailbox = { mailboxId: 'mbx', tenantId: 't', provider: 'graph', email: 'ava@contoso.example', displayName: 'Ava', employeePartyId: 'E1', enabled: true };

function record(status: CrmTask['status'], removed = false): CrmTask {
  return { objectId: 'OBJ', kind: 'task', version: 'v7', groupwareItemId: 'o-1', status, removed, lastChangedOn: '2026-12-06T00:00:00Z', fields: emptyTask(), processorPartyId: 'E1', processorEmail: null };
}

async function settle(found: CrmTask | null, itemGone = true) {
  const writes: CrmWriteRequestOf<CrmTask['fields'], 'task'>[] = [];
  const result = await settleOrphanedCreates<TodoTaskPresent, CrmTask>(
    {
      groupware: {
        getItems: async (_m, ids) =>
          ids.map((id): GroupwareItem<TodoTaskPresent> => (itemGone ? { removed: true, id } : { removed: false, id, version: 'x', transactionId: null, categories: [], fields: emptyTask(), listId: 'L', inServiceList: false })),
      },
      crm: {
        findByGroupwareItemId: async () => found,
        write: async (_t, requests) => {
          writes.push(...requests);
          return requests.map(() => ({ ok: true as const, id: 'OBJ', version: 'v8' }));
        },
      },
    },
    MAILBOX,
    [{ mailboxId: 'mbx', pairId: 'o-1', outlookId: 'L/T1', kind: 'task', groupwareItemId: 'o-1' }],
    [],
    [],
  );
  return { ...result, writes };
}

describe('settling the creates a crashed session left behind', () => {
  it('cancels the record when the item is gone, also one completed meanwhile (found by the soak: a completed task stayed)', async () => {
    for (const status of ['open', 'completed'] as const) {
      const { settled, writes } = await settle(record(status));
      expect(settled).toEqual(['o-1']);
      expect(writes).toEqual([{ op: 'cancel', kind: 'task', objectId: 'OBJ', ifMatch: 'v7' }]);
    }
  });

  it('leaves a cancelled or deleted record, and nothing found, as it is', async () => {
    for (const found of [record('cancelled'), record('open', true), null]) {
      const { settled, writes } = await settle(found);
      expect(settled).toEqual(['o-1']);
      expect(writes).toEqual([]);
    }
  });

  it('leaves the record to the planner while the item exists', async () => {
    const { settled, writes } = await settle(record('open'), false);
    expect(settled).toEqual([]);
    expect(writes).toEqual([]);
  });
});
