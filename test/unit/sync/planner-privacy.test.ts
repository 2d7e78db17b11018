// The planner keeps private items private (R5): a private Appointment carries its sensitivity to C4C; a private item
// tagged as a Visit never reaches C4C (the Visit entity cannot be marked private) and says why on the item (R9).
import type { Action } from '../../../src/server/domain/actions.js';
import { APPT, ERROR_CAT, crmActivity, fields, input, outlookItem, planActions, syncedPair } from './fixtures.js';

function only<T extends Action['type']>(actions: readonly Action[], type: T): Extract<Action, { type: T }> {
  const found = actions.filter((a) => a.type === type);
  expect(found).toHaveLength(1);
  return found[0] as Extract<Action, { type: T }>;
}

describe('planner: private items', () => {
  const privately = fields({ sensitivity: 'private' });

  it('a private Appointment is created private', () => {
    const { actions } = planActions(input({ outlookItems: [outlookItem('A', { fields: privately })] }));
    expect(only(actions, 'createCrm').fields.sensitivity).toBe('private');
  });

  it('a private item tagged as a Visit is not created; it gets the error category and the reason', () => {
    const { actions } = planActions(input({ outlookItems: [outlookItem('A', { categories: ['Visit'], fields: privately })] }));
    expect(actions.filter((a) => a.type === 'createCrm')).toEqual([]);
    expect(only(actions, 'markError')).toMatchObject({ error: { code: 'privateVisit' }, categoryEdit: { add: [ERROR_CAT], remove: [] } });
    expect(only(actions, 'markError').error.message).toMatch(/Appointment/);
  });

  it('a synced Visit made private stops syncing: nothing more of it reaches C4C, and the item says why', () => {
    const visit = crmActivity('V1', { kind: 'visit', groupwareItemId: 'ical-A' });
    const item = outlookItem('A', { categories: ['Visit'] });
    const pair = syncedPair('p1', item, visit);
    const madePrivate = { ...item, version: 'A-v2', fields: fields({ sensitivity: 'private', subject: 'Doctor' }) };
    const { actions } = planActions(input({ pairs: [pair], outlookItems: [madePrivate], crmActivities: [visit] }));
    expect(actions.filter((a) => a.type === 'updateCrm')).toEqual([]);
    expect(only(actions, 'markError').error.code).toBe('privateVisit');
    // Retagged as an Appointment, it syncs as a private Appointment.
    const retagged = { ...madePrivate, version: 'A-v3', categories: [APPT, ERROR_CAT] };
    const again = planActions(input({ pairs: [pair], outlookItems: [retagged], crmActivities: [visit] }));
    expect(only(again.actions, 'createCrm')).toMatchObject({ kind: 'appointment', fields: { sensitivity: 'private' } });
  });
});
