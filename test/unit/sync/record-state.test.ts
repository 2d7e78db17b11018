import { calendarFamily } from '../../../src/server/domain/calendar-family.js';
import type { Action } from '../../../src/server/domain/actions.js';
import { DEFAULT_SYNC_SETTINGS } from '../../../src/server/domain/settings.js';
import { completeRecordedState, errorCategoryEdit, failedPairState, sideOf, updateLanded } from '../../../src/server/sync/run/outcomes.js';
import { withDefaults } from '../../../src/server/domain/settings.js';
import { baseDigest, crmActivity, digestsOfFields, input, outlookItem, syncedPair, planActions } from './fixtures.js';

describe('runner helpers', () => {
  it('groups a plan per pair, each with its recordState', () => {
    const a = outlookItem('A');
    const b = outlookItem('B');
    const { groups } = planActions(input({ outlookItems: [a, b] }));
    expect(groups).toHaveLength(2);
    expect(groups.every((g) => g.steps.every((s) => s.pairId === g.pairId) && g.record.pairId === g.pairId)).toBe(true);
    expect(groups.every((g) => g.steps.every((s) => s.type !== 'recordState'))).toBe(true);
  });

  it('fills ids and versions from successful writes (last write per side wins)', () => {
    const { groups } = planActions(input({ outlookItems: [outlookItem('A', { categories: ['SAP Cloud for Customer', DEFAULT_SYNC_SETTINGS.categories.error] })] }));
    const [group] = groups;
    if (!group) throw new Error('no group');
    expect(group.steps.map(sideOf)).toEqual(['crm', 'outlook']);
    const row = completeRecordedState(group.record.pair, [
      { action: group.steps[0] as Action, result: { ok: true, id: 'OBJ-9', version: 'etag-1' } },
      { action: group.steps[1] as Action, result: { ok: true, id: 'A', version: 'A-v2' } },
    ]);
    // The second step only removes the error category, read-modify-write without the plan's version: the
    // version it returns may include a user's edit made meanwhile, so the row keeps the version the plan read.
    expect(group.steps[1]?.type).toBe('clearError');
    expect(row).toMatchObject({ crmObjectId: 'OBJ-9', crmVersion: 'etag-1', outlookVersion: 'A-v1', status: 'synced' });
  });

  it('takes the version of a guarded Outlook update', () => {
    const item = outlookItem('A');
    const activity = crmActivity('C1');
    const previous = syncedPair('p1', item, activity);
    const renamed = { ...activity, version: 'C1-v2', fields: { ...activity.fields, subject: 'Renamed in C4C' } };
    const [group] = planActions(input({ pairs: [previous], crmActivities: [renamed], outlookItems: [item] })).groups;
    if (!group) throw new Error('no group');
    expect(group.steps.map((s) => s.type)).toEqual(['updateOutlook']);
    const row = completeRecordedState(group.record.pair, [{ action: group.steps[0] as Action, result: { ok: true, id: 'A', version: 'A-v2' } }]);
    expect(row).toMatchObject({ outlookVersion: 'A-v2', crmVersion: 'C1-v2' });
  });

  it('records failures as errors that keep the last synced state (R9)', () => {
    const item = outlookItem('A');
    const activity = crmActivity('C1');
    const previous = syncedPair('p1', item, activity);
    const changed = { ...item, version: 'A-v2', fields: { ...item.fields, subject: 'New' } };
    const [group] = planActions(input({ pairs: [previous], outlookItems: [changed] })).groups;
    if (!group) throw new Error('no group');
    const failed = failedPairState(previous, group.record.pair, [], { code: 'temporary', message: '503' }, '2026-11-21T13:00:00Z', group.steps, digestsOfFields);
    expect(failed).toMatchObject({ status: 'error', outlookHash: previous.outlookHash, outlookVersion: 'A-v1', errorSince: '2026-11-21T13:00:00Z' });
    // A new pair whose create succeeded keeps the new id and the planned base.
    const [createGroup] = planActions(input({ outlookItems: [outlookItem('B')] })).groups;
    if (!createGroup) throw new Error('no group');
    const partial = failedPairState(null, createGroup.record.pair, [{ action: createGroup.steps[0] as Action, result: { ok: true, id: 'OBJ-B', version: 'e' } }], { code: 'temporary', message: '' }, 'now', createGroup.steps, digestsOfFields);
    expect(partial).toMatchObject({ crmObjectId: 'OBJ-B', crmVersion: null, crmHash: null, status: 'error' });
    expect(partial.base).toEqual(createGroup.record.pair.base);
    expect(errorCategoryEdit(DEFAULT_SYNC_SETTINGS)).toEqual({ add: [DEFAULT_SYNC_SETTINGS.categories.error], remove: [] });
  });
});

describe('partial failures and unknown outcomes', () => {
  const item = outlookItem('A');
  const activity = crmActivity('C1');
  const previous = syncedPair('p1', item, activity);
  const o = { ...item, version: 'A-v2', fields: { ...item.fields, subject: 'From Outlook' } };
  const c = { ...activity, version: 'C1-e2', fields: { ...activity.fields, location: 'From C4C' } };

  it('after the C4C write landed but the Outlook write failed, the base owes only the Outlook write', () => {
    const [group] = planActions(input({ pairs: [previous], outlookItems: [o], crmActivities: [c] })).groups;
    if (!group) throw new Error('no group');
    expect(group.steps.map((s) => s.type)).toEqual(['updateCrm', 'updateOutlook']);
    const applied = [{ action: group.steps[0] as Action, result: { ok: true as const, id: 'C1', version: 'C1-e3' } }];
    const row = failedPairState(previous, group.record.pair, applied, { code: 'temporary', message: '' }, 'now', group.steps, digestsOfFields);
    expect(row.base?.digests.subject).toBe(baseDigest(o.fields, 'subject')); // written to C4C: now common
    expect(row.base?.digests.location).toBe(baseDigest(item.fields, 'location')); // still owed to Outlook
    // The retry: a new Outlook edit of the subject is a one-sided change, the location goes to Outlook.
    const retry = planActions(input({ pairs: [row], outlookItems: [{ ...o, version: 'A-v3', fields: { ...o.fields, subject: 'Newer' } }], crmActivities: [{ ...c, version: 'C1-e3', fields: { ...c.fields, subject: 'From Outlook' } }], settings: withDefaults({ conflictWinner: 'crm' }) }));
    const steps = retry.groups[0]?.steps ?? [];
    expect(steps.find((s) => s.type === 'updateCrm')).toMatchObject({ patch: { subject: 'Newer' } });
    expect(steps.find((s) => s.type === 'updateOutlook')).toMatchObject({ patch: { location: 'From C4C' } });
  });

  it('an update whose response was lost counts when the record now holds what it intended', () => {
    const [group] = planActions(input({ pairs: [previous], outlookItems: [o], crmActivities: [activity] })).groups;
    const update = group?.steps[0];
    if (!update || update.type !== 'updateCrm') throw new Error('expected updateCrm');
    expect(updateLanded(calendarFamily, update, { version: 'C1-e9', fields: update.after })).toEqual({ ok: true, id: 'C1', version: 'C1-e9' });
    expect(updateLanded(calendarFamily, update, { version: 'C1-e9', fields: activity.fields })).toBeNull();
    expect(updateLanded(calendarFamily, update, null)).toBeNull();
  });
});
