// R12 conflicts are recorded, not only warned about: the planner attaches a record (fields, each side's version and
// keyed digests of its values, the winner) to the pair's group, and the session logs it with the group's outcome.
// Nothing of the values is in it (docs/privacy.md).
import { conflictRecordOf } from '../../../src/server/domain/conflict-record.js';
import { withDefaults } from '../../../src/server/domain/settings.js';
import { plan } from '../../../src/server/sync/plan/planner.js';
import { writeIntentsOf } from '../../../src/server/sync/plan/write-intents.js';
import { leftoverConflictEntries, logEntries } from '../../../src/server/sync/run/log-entries.js';
import { TEST_SEAL } from '../../support/test-sealer.js';
import { baseDigest, crmActivity, fields, input, outlookItem, syncedPair } from './fixtures.js';

const item = outlookItem('A');
const activity = crmActivity('C1', { groupwareItemId: 'ical-A' });
const pair = syncedPair('p1', item, activity);

function planBoth(outlookFields: ReturnType<typeof fields>, crmFields: ReturnType<typeof fields>, winner: 'outlook' | 'crm' = 'outlook') {
  const o = { ...item, version: 'A-v2', fields: outlookFields };
  const c = { ...activity, version: 'C1-e2', fields: crmFields };
  const out = plan(input({ settings: withDefaults({ conflictWinner: winner }), pairs: [pair], outlookItems: [o], crmActivities: [c] }));
  expect(out.groups).toHaveLength(1);
  return out.groups[0]!;
}

describe('R12: the conflict record of a pair', () => {
  it.each(['outlook', 'crm'] as const)('names the fields both sides changed, both edits and the winner (%s)', (winner) => {
    const outlookFields = fields({ subject: 'Subject from Outlook', body: 'only Outlook changed this' });
    const crmFields = fields({ subject: 'Subject from C4C', location: 'only C4C changed this' });
    const group = planBoth(outlookFields, crmFields, winner);
    expect(group.conflict).toEqual({
      fields: ['subject'],
      bothChanged: true,
      winner,
      outlook: { version: 'A-v2', digests: { subject: baseDigest(outlookFields, 'subject') } },
      crm: { version: 'C1-e2', digests: { subject: baseDigest(crmFields, 'subject') } },
    });
    // Field names, versions and keyed digests only: no value of either side.
    const text = JSON.stringify(group.conflict);
    for (const value of ['Subject from', 'only Outlook', 'only C4C', 'Review']) expect(text).not.toContain(value);
  });

  it('records start, end and all-day together, as the one unit they merge as', () => {
    const group = planBoth(fields({ startUtc: '2026-11-23T08:00:00Z' }), fields({ endUtc: '2026-11-23T11:00:00Z' }));
    expect(group.conflict?.fields).toEqual(['startUtc', 'endUtc', 'isAllDay']);
    expect(Object.keys(group.conflict?.outlook.digests ?? {}).sort()).toEqual(['endUtc', 'isAllDay', 'startUtc']);
  });

  it('makes no record when the sides changed different fields, or one side only', () => {
    expect(planBoth(fields({ subject: 'New' }), fields({ location: 'Room 7' })).conflict).toBeUndefined();
    const oneSide = plan(input({ pairs: [pair], outlookItems: [{ ...item, version: 'A-v2', fields: fields({ subject: 'New' }) }], crmActivities: [activity] }));
    expect(oneSide.groups[0]?.conflict).toBeUndefined();
  });

  it('digests list entries under their list name, as the base does', () => {
    const canonical = (f: { list: string[] }) => Object.fromEntries(f.list.map((v, i) => [`emails#${i}`, v]));
    const record = conflictRecordOf(TEST_SEAL, canonical, { fields: ['emails'], winner: 'crm' }, { version: 'o', fields: { list: ['a@x'] } }, { version: null, fields: { list: ['b@x', 'c@x'] } });
    expect(record.outlook.digests).toEqual({ 'emails#0': TEST_SEAL.field('emails#', 'a@x') });
    expect(Object.keys(record.crm.digests)).toEqual(['emails#0', 'emails#1']);
    expect(record.crm.version).toBeNull();
  });
});

describe('R12: the sync log line of a conflict', () => {
  const group = planBoth(fields({ subject: 'O' }), fields({ subject: 'C' }));

  it('is logged first among the group\'s lines, ok when its writes were applied', () => {
    const [first, ...rest] = logEntries({ group, applied: [], failure: null }, 's1', 'mb-ava', '2026-11-21T12:00:00Z');
    expect(first).toEqual({
      at: '2026-11-21T12:00:00Z',
      sessionId: 's1',
      mailboxId: 'mb-ava',
      pairId: 'p1',
      event: 'conflict',
      outcome: 'ok',
      code: null,
      message: 'Changed on both sides: subject; Outlook won (R12).',
      conflict: group.conflict,
    });
    expect(rest.every((e) => e.event !== 'conflict')).toBe(true);
  });

  it('is an error line when the group failed (the winner was not written; the next session decides again)', () => {
    const update = group.steps.find((s) => s.type === 'updateCrm')!;
    const entries = logEntries({ group, applied: [], failure: { action: update, error: { code: 'temporary', message: 'C4C unavailable' }, side: 'crm' } }, 's1', 'mb-ava', 'now');
    expect(entries.map((e) => [e.event, e.outcome])).toEqual([['conflict', 'error'], ['updateCrm', 'error']]);
  });
});

describe('R12: a conflict whose session died before its commit', () => {
  const group = planBoth(fields({ subject: 'O' }), fields({ subject: 'C' }));
  const conflict = group.conflict!;

  it('travels in the write intent committed before the writes', () => {
    const [intent] = writeIntentsOf('mb-ava', ['subject', 'body'], [group]);
    expect(intent).toMatchObject({ pairId: 'p1', crmFields: ['subject'], conflict });
  });

  it('is logged by the next session that clears the intent, unless that session decides the conflict again', () => {
    const leftovers = [{ pairId: 'p1', conflict }, { pairId: 'p2' }, { pairId: 'p3', conflict }];
    const entries = leftoverConflictEntries(leftovers, ['p1', 'p2'], [], 's2', 'mb-ava', 'later');
    expect(entries).toEqual([
      { at: 'later', sessionId: 's2', mailboxId: 'mb-ava', pairId: 'p1', event: 'conflict', outcome: 'ok', code: null, message: expect.stringContaining('Logged after a restart'), conflict },
    ]);
    // Decided again (the writes did not land): the group's own line is the record, not the leftover.
    expect(leftoverConflictEntries(leftovers, ['p1'], [{ pairId: 'p1', conflict }], 's2', 'mb-ava', 'later')).toEqual([]);
  });
});
