// R8 for untagged copies (Siebel: an invitee who deletes or declines the meeting leaves it, whatever the categories
// say): a copy of a meeting its user attends is followed by an unlinked pair, and deleting it takes its user off the
// activity. An untagged copy never cancels anything (R2), and nothing of it is mirrored.
import type { Action } from '../../../src/server/domain/actions.js';
import { calendarFamily } from '../../../src/server/domain/calendar-family.js';
import { sharedCopiesToFind } from '../../../src/server/sync/run/shared-copies.js';
import { crmActivity, fields, input, mailbox, outlookItem, planActions, syncedPair } from './fixtures.js';
import { outlookPairId } from '../../../src/server/sync/plan/pair-ids.js';

const types = (actions: readonly Action[]): string[] => actions.map((a) => a.type);
function only<T extends Action['type']>(actions: readonly Action[], type: T): Extract<Action, { type: T }> {
  const found = actions.filter((a) => a.type === type);
  expect(found).toHaveLength(1);
  return found[0] as Extract<Action, { type: T }>;
}

const BEN = 'ben@contoso.example';
const attendee = (email: string) => ({ email, name: '', type: 'required' as const, response: 'none' as const });
/** Ben's meeting in C4C; Ava (this mailbox) and Chloe attend. */
const meeting = crmActivity('C1', {
  groupwareItemId: 'ical-A',
  ownerPartyId: 'E-BEN', ownerEmail: BEN, organizerPartyId: 'E-BEN', organizerEmail: BEN,
  fields: fields({ organizerEmail: BEN, attendees: [attendee(mailbox.email), attendee('chloe@contoso.example')] }),
});
/** Ava's copy: untagged. */
const copy = outlookItem('A', { isOrganizer: false, categories: [], fields: fields({ organizerEmail: BEN }) });

describe('planner: untagged copies of attended meetings (R8)', () => {
  it('follows the copy of a meeting its user attends with an unlinked pair; nothing is written', () => {
    const { actions } = planActions(input({ outlookItems: [copy], crmActivities: [meeting] }));
    expect(types(actions)).toEqual(['recordState']);
    expect(only(actions, 'recordState').pair).toMatchObject({ pairId: outlookPairId(mailbox.mailboxId, 'appointment', copy), status: 'unlinked', outlookId: 'A', crmObjectId: 'C1', crmVersion: 'C1-e1' });
    // Not for a meeting the user does not attend, nor for their own meeting's copy.
    const notInvited = { ...meeting, fields: fields({ organizerEmail: BEN, attendees: [attendee('chloe@contoso.example')] }) };
    expect(planActions(input({ outlookItems: [copy], crmActivities: [notInvited] })).actions).toEqual([]);
    expect(planActions(input({ outlookItems: [{ ...copy, isOrganizer: true }], crmActivities: [meeting] })).actions).toEqual([]);
  });

  it('deleting (or declining) the followed copy takes its user off the activity, without cancelling it', () => {
    const followed = syncedPair('p1', copy, meeting, { status: 'unlinked' });
    const { actions } = planActions(input({ pairs: [followed], outlookItems: [{ removed: true, id: 'A' }], crmActivities: [meeting] }));
    expect(types(actions)).toEqual(['updateCrm', 'recordState']);
    expect(only(actions, 'updateCrm')).toMatchObject({ crmObjectId: 'C1', ifMatch: 'C1-e1' });
    expect(only(actions, 'updateCrm').patch.attendees?.map((a) => a.email)).toEqual(['chloe@contoso.example']);
    expect(only(actions, 'recordState').pair.status).toBe('closed');
  });

  it('an untagged copy never cancels: the organizer’s own, or one whose user is no longer on the activity, just closes', () => {
    const mine = crmActivity('C2', { groupwareItemId: 'ical-B' });
    const ownCopy = syncedPair('p2', outlookItem('B'), mine, { status: 'unlinked' });
    const own = planActions(input({ pairs: [ownCopy], outlookItems: [{ removed: true, id: 'B' }], crmActivities: [mine] }));
    expect(types(own.actions)).toEqual(['recordState']);
    expect(only(own.actions, 'recordState').pair.status).toBe('closed');
    const left = { ...meeting, fields: fields({ organizerEmail: BEN, attendees: [attendee('chloe@contoso.example')] }) };
    const followed = syncedPair('p1', copy, left, { status: 'unlinked' });
    expect(types(planActions(input({ pairs: [followed], outlookItems: [{ removed: true, id: 'A' }], crmActivities: [left] })).actions)).toEqual(['recordState']);
  });

  it('a tagged attendee copy removed leaves the activity even when C4C names the organizer only by party id', () => {
    const byPartyId = { ...meeting, organizerEmail: null, fields: { ...meeting.fields, organizerEmail: null } };
    const tagged = syncedPair('p1', { ...copy, categories: ['SAP Cloud for Customer'] }, byPartyId);
    const { actions } = planActions(input({ pairs: [tagged], outlookItems: [{ removed: true, id: 'A' }], crmActivities: [byPartyId] }));
    expect(actions.filter((a) => a.type === 'cancelCrm')).toEqual([]);
    expect(only(actions, 'updateCrm').patch.attendees?.map((a) => a.email)).toEqual(['chloe@contoso.example']);
  });

  it('records the activity’s new versions on a followed copy, so the tenant poll does not file them again', () => {
    const followed = syncedPair('p1', copy, meeting, { status: 'unlinked' });
    const changed = { ...meeting, version: 'C1-e2', fields: { ...meeting.fields, subject: 'Moved' } };
    const { actions } = planActions(input({ pairs: [followed], crmActivities: [changed] }));
    expect(types(actions)).toEqual(['recordState']);
    expect(only(actions, 'recordState').pair).toMatchObject({ status: 'unlinked', crmVersion: 'C1-e2' });
  });
});

describe('sharedCopiesToFind', () => {
  const find = (...args: Parameters<typeof sharedCopiesToFind> extends [unknown, unknown, ...infer Rest] ? Rest : never) => sharedCopiesToFind({ family: calendarFamily }, mailbox, ...args);
  it('looks up the copy of an attended meeting that has no pair here and was not read, around when it happens', () => {
    expect(find([], [], [meeting])).toEqual([{ shareKey: 'ical-A', startUtc: meeting.fields.startUtc, endUtc: meeting.fields.endUtc }]);
    expect(find([], [copy], [meeting])).toEqual([]);
    expect(find([syncedPair('p1', copy, meeting, { status: 'unlinked' })], [], [meeting])).toEqual([]);
    expect(find([], [], [{ ...meeting, status: 'cancelled' }])).toEqual([]);
    expect(find([], [], [{ ...meeting, groupwareItemId: null }])).toEqual([]);
  });
});
