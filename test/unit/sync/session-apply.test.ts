import { calendarFamily } from '../../../src/server/domain/calendar-family.js';
import { plan } from '../../../src/server/sync/plan/planner.js';
import { applyGroups, type GroupOutcome } from '../../../src/server/sync/run/apply.js';
import type { WriteResult } from '../../../src/server/ports/write-results.js';
import { crmActivity, input, mailbox, outlookItem, syncedPair } from './fixtures.js';

describe('applying a plan', () => {
  it('commits the pairs of new Outlook items as soon as Graph answers, while C4C writes are still running', async () => {
    // One group creates an Outlook item from a new C4C activity; another writes an Outlook edit to C4C.
    const item = outlookItem('A');
    const activity = crmActivity('C1');
    const edited = { ...item, version: 'A-v2', fields: { ...item.fields, subject: 'Edited in Outlook' } };
    const groups = plan(input({ pairs: [syncedPair('p1', item, activity)], outlookItems: [edited], crmActivities: [activity, crmActivity('C2', { fields: { ...activity.fields, subject: 'New in C4C' } })] })).groups;
    expect(groups.map((g) => g.steps[0]?.type).sort()).toEqual(['createOutlook', 'updateCrm']);

    const events: string[] = [];
    let releaseCrm: () => void = () => undefined;
    const crmHeld = new Promise<void>((resolve) => (releaseCrm = resolve));
    const deps = {
      family: calendarFamily,
      groupware: {
        write: async (): Promise<WriteResult[]> => [{ ok: true, id: 'evt-new', version: 'ck1' }],
        getItems: async () => [],
      },
      crm: {
        // C4C is slow: it answers only after the new Outlook item's pair was committed.
        write: async (): Promise<WriteResult[]> => {
          await crmHeld;
          events.push('c4c answered');
          return [{ ok: true, id: 'C1', version: 'C1-v2' }];
        },
        getByIds: async () => [],
      },
    };
    const onCreated = async (done: readonly GroupOutcome[]) => {
      events.push(`committed ${done.map((o) => o.applied[0]?.result.id).join()}`);
      releaseCrm();
    };
    const outcomes = await applyGroups(deps, mailbox, groups, new Map(), onCreated);
    expect(events).toEqual(['committed evt-new', 'c4c answered']);
    expect(outcomes.every((o) => o.failure === null && o.applied.length === 1)).toBe(true);
  });
});
