// The replay of a create from C4C whose item the user deleted before the service learned its id (run/deleted-creates.ts).
import type { Mailbox } from '../../../src/server/domain/mailbox.js';
import type { ReplayedCreate } from '../../../src/server/ports/groupware-port.js';
import { plan } from '../../../src/server/sync/plan/planner.js';
import { crmPairId } from '../../../src/server/sync/plan/pair-ids.js';
import { deletedCreatesOf, withDeletedCreates } from '../../../src/server/sync/run/deleted-creates.js';
import { crmActivity, input, mailbox } from './fixtures.js';

describe('a replayed create whose item was deleted', () => {
  const records = [crmActivity('C1'), crmActivity('C2')];
  const replayed = crmPairId(mailbox.mailboxId, 'C1');

  it('asks the groupware side only about creates an earlier session left an intent for', async () => {
    const asked: string[][] = [];
    const groupware = { findDeletedCreates: (_m: Mailbox, creates: readonly ReplayedCreate<object>[]) => (asked.push(creates.map((c) => c.pairId)), Promise.resolve(new Map([[replayed, 'deleted-1']]))) };
    const groups = plan(input({ crmActivities: records })).groups;
    expect((await deletedCreatesOf({ groupware } as never, mailbox, groups, new Set())).deleted).toEqual(new Map());
    expect(asked).toEqual([]);
    expect(await deletedCreatesOf({ groupware } as never, mailbox, groups, new Set([replayed]))).toEqual({ deleted: new Map([[replayed, 'deleted-1']]), warning: null });
    expect(asked).toEqual([[replayed]]);
  });

  it('a look-up that fails is a warning, not a failed session: the create goes ahead as it did before', async () => {
    const groupware = { findDeletedCreates: () => Promise.reject(new Error('Graph 400 ErrorInvalidProperty')) };
    const groups = plan(input({ crmActivities: records })).groups;
    const result = await deletedCreatesOf({ groupware } as never, mailbox, groups, new Set([replayed]));
    expect(result.deleted).toEqual(new Map());
    expect(result.warning).toMatch(/^deletedCreatesUnchecked: 1 replayed creates .*Graph 400/);
  });

  it('planned again as a pair whose item was removed: R11 cancels the activity instead of creating the item again', () => {
    const planInput = input({ crmActivities: records });
    const first = plan(planInput).groups;
    const again = plan({ ...planInput, ...withDeletedCreates(first, new Map([[replayed, 'deleted-1']]), planInput) }).groups;
    const steps = (pairId: string) => again.find((g) => g.pairId === pairId)?.steps.map((s) => s.type);
    expect(steps(replayed)).toEqual(['cancelCrm']);
    expect(again.find((g) => g.pairId === replayed)?.record.pair).toMatchObject({ status: 'closed', crmObjectId: 'C1' });
    expect(steps(crmPairId(mailbox.mailboxId, 'C2'))).toContain('createOutlook');
  });
});
