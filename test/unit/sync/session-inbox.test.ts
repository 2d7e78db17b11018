import { readInboxActivities } from '../../../src/server/sync/run/inbox.js';
import { PortFailure } from '../../../src/server/ports/write-results.js';
import { crmActivity, mailbox } from './fixtures.js';

const entry = (objectId: string, subject: string) => ({ mailboxId: mailbox.mailboxId, activity: { ...crmActivity(objectId), fields: { ...crmActivity(objectId).fields, subject } } });

describe('the C4C side of a session', () => {
  it('reads the current state of the activities the inbox names, not the snapshots filed there', async () => {
    const inbox = [entry('C1', 'as the poll saw it'), entry('C2', 'deleted since')];
    const asked: string[] = [];
    const crm = {
      getByIds: async (_tenant: string, refs: readonly { objectId: string }[]) => {
        asked.push(...refs.map((r) => r.objectId));
        return [
          { ...crmActivity('C1'), version: 'C1-v9', fields: { ...crmActivity('C1').fields, subject: 'current' } },
          { ...crmActivity('C2'), removed: true, status: 'cancelled' as const },
        ];
      },
    };
    const read = await readInboxActivities(crm, mailbox, inbox);
    expect(asked).toEqual(['C1', 'C2']);
    expect(read.activities.map((a) => [a.objectId, a.removed, a.fields.subject])).toEqual([['C1', false, 'current'], ['C2', true, crmActivity('C2').fields.subject]]);
    expect(read.consumed).toEqual(inbox);
    expect(read.warning).toBeNull();
  });

  it('keeps the entries for the next session when C4C cannot be read', async () => {
    const crm = { getByIds: async () => Promise.reject(new PortFailure({ code: 'temporary', message: 'C4C answered 503' })) };
    const read = await readInboxActivities(crm, mailbox, [entry('C1', 'x')]);
    expect(read).toEqual({ activities: [], consumed: [], warning: expect.stringContaining('C4C answered 503') });
  });

  it('asks nothing when the inbox is empty', async () => {
    const crm = { getByIds: async () => Promise.reject(new Error('must not be called')) };
    expect(await readInboxActivities(crm, mailbox, [])).toEqual({ activities: [], consumed: [], warning: null });
  });
});
