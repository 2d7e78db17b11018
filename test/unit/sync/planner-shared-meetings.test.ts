// R8 in the planner: an attendee's copy of a meeting that another copy owns (the organizer is a synced user, or the
// activity is another user's) adds only its user's participation. It is never merged either way, so its link-less
// state cannot blank the organizer's activity, and its create joins the existing activity.
import type { Action } from '../../../src/server/domain/actions.js';
import { calendarFamily } from '../../../src/server/domain/calendar-family.js';
import { requestFor } from '../../../src/server/sync/run/requests.js';
import { APPT, crmActivity, fields, input, mailbox, outlookItem, planActions, syncedPair } from './fixtures.js';

const types = (actions: readonly Action[]): string[] => actions.map((a) => a.type);
function only<T extends Action['type']>(actions: readonly Action[], type: T): Extract<Action, { type: T }> {
  const found = actions.filter((a) => a.type === type);
  expect(found).toHaveLength(1);
  return found[0] as Extract<Action, { type: T }>;
}

const BEN = 'ben@contoso.example';
const peers = new Set([BEN]);
const links = [{ type: 'account' as const, id: '1001', primary: true }, { type: 'opportunity' as const, id: '77' }];
/** Ava's copy of Ben's meeting: no links (custom properties stay with Ben's item). */
const attendeeCopy = outlookItem('A', { isOrganizer: false, fields: fields({ organizerEmail: BEN }) });
/** Ben's activity, with his links. */
const bensActivity = crmActivity('C1', { groupwareItemId: 'ical-A', ownerPartyId: 'E-BEN', ownerEmail: BEN, organizerPartyId: 'E-BEN', organizerEmail: BEN, fields: fields({ organizerEmail: BEN, links }) });

describe('planner: an attendee copy of a meeting another copy owns (R8)', () => {
  it('its create only joins: shared, and not as the owner', () => {
    const { actions } = planActions(input({ peers, outlookItems: [attendeeCopy] }));
    expect(only(actions, 'createCrm')).toMatchObject({ shared: true, ownerPartyId: null, ownerEmail: mailbox.email });
    // The organizer's own copy upserts in full.
    expect(only(planActions(input({ outlookItems: [outlookItem('B')] })).actions, 'createCrm').shared).toBe(false);
  });

  it('the join asks to add only its user', () => {
    const ava = { email: mailbox.email, partyId: 'E-AVA', partyType: 'employee' as const, name: 'Ava' };
    const ben = { email: BEN, partyId: 'E-BEN', partyType: 'employee' as const, name: 'Ben' };
    const create = only(planActions(input({ peers, outlookItems: [attendeeCopy] })).actions, 'createCrm');
    const side = requestFor(calendarFamily, create, new Map([[ava.email, ava], [ben.email, ben]]));
    expect(side).toMatchObject({ side: 'crm', request: { op: 'create', joinOnly: [ava] } });
  });

  it('found with the activity (its pair row lost), it joins instead of being merged into it', () => {
    const { actions } = planActions(input({ peers, outlookItems: [attendeeCopy], crmActivities: [bensActivity] }));
    expect(types(actions)).toEqual(['createCrm', 'recordState']);
    expect(only(actions, 'createCrm').shared).toBe(true);
  });

  it('is never merged: C4C changes stay out of the copy, the copy’s own edits stay out of C4C', () => {
    const pair = syncedPair('p1', attendeeCopy, bensActivity);
    const crmChanged = { ...bensActivity, version: 'C1-e2', fields: fields({ organizerEmail: BEN, links: [links[0]!], subject: 'Moved' }) };
    const outlookChanged = { ...attendeeCopy, version: 'A-v2', fields: fields({ organizerEmail: BEN, location: 'My desk' }) };
    const { actions } = planActions(input({ peers, pairs: [pair], outlookItems: [outlookChanged], crmActivities: [crmChanged] }));
    expect(types(actions)).toEqual(['recordState']);
    expect(only(actions, 'recordState').pair).toMatchObject({ status: 'synced', outlookVersion: 'A-v2', crmVersion: 'C1-e2' });
    // Nothing new: nothing at all.
    const settled = only(actions, 'recordState').pair;
    expect(planActions(input({ peers, pairs: [settled], outlookItems: [outlookChanged], crmActivities: [crmChanged] })).actions).toEqual([]);
  });

  it('an organizer who is not a synced user: the copy joins when another user owns the activity, and owns it when its user does', () => {
    const pair = syncedPair('p1', attendeeCopy, bensActivity);
    const outlookChanged = { ...attendeeCopy, version: 'A-v2', fields: fields({ organizerEmail: BEN, subject: 'Renamed by Ava' }) };
    expect(types(planActions(input({ pairs: [pair], outlookItems: [outlookChanged], crmActivities: [bensActivity] })).actions)).toEqual(['recordState']);
    const avasActivity = { ...bensActivity, ownerPartyId: 'E-AVA', ownerEmail: mailbox.email };
    const mine = syncedPair('p1', attendeeCopy, avasActivity);
    const { actions } = planActions(input({ pairs: [mine], outlookItems: [outlookChanged], crmActivities: [avasActivity] }));
    expect(only(actions, 'updateCrm').patch).toMatchObject({ subject: 'Renamed by Ava' });
  });

  it('tagged again after an untag, it joins again without pushing its state', () => {
    const unlinked = syncedPair('p1', attendeeCopy, bensActivity, { status: 'unlinked' });
    const retagged = { ...attendeeCopy, version: 'A-v3', categories: [APPT] };
    const { actions } = planActions(input({ peers, pairs: [unlinked], outlookItems: [retagged], crmActivities: [bensActivity] }));
    expect(types(actions)).toEqual(['recordState']);
    expect(only(actions, 'recordState').pair.status).toBe('synced');
  });

  // Found by the fault soak: the organizer deleted the meeting before any session saw their copy, so only the
  // attendee's tagged copy (which had created the activity) was left to tell C4C. Exchange marks it `isCancelled`.
  describe('the organizer cancelled the meeting (the copy is marked cancelled)', () => {
    const cancelled = { ...attendeeCopy, version: 'A-v2', isCancelled: true, fields: fields({ organizerEmail: BEN, subject: 'Canceled: Review' }) };

    it('a tagged copy cancels the activity and closes its pair, joined or not', () => {
      for (const withPeers of [peers, new Set<string>()]) {
        const pair = syncedPair('p1', attendeeCopy, bensActivity);
        const { actions } = planActions(input({ peers: withPeers, pairs: [pair], outlookItems: [cancelled], crmActivities: [bensActivity] }));
        expect(only(actions, 'cancelCrm')).toMatchObject({ crmObjectId: 'C1', ifMatch: bensActivity.version });
        expect(only(actions, 'recordState').pair.status).toBe('closed');
        expect(types(actions)).not.toContain('updateCrm');
      }
    });

    it('an untagged copy, or an activity already cancelled, only closes the pair', () => {
      const untagged = { ...cancelled, categories: [] };
      const unlinked = syncedPair('p1', attendeeCopy, bensActivity, { status: 'unlinked' });
      expect(types(planActions(input({ peers, pairs: [unlinked], outlookItems: [untagged], crmActivities: [bensActivity] })).actions)).toEqual(['recordState']);
      const gone = { ...bensActivity, status: 'cancelled' as const };
      const { actions } = planActions(input({ peers, pairs: [syncedPair('p1', attendeeCopy, bensActivity)], outlookItems: [cancelled], crmActivities: [gone] }));
      expect(types(actions)).toEqual(['recordState']);
      expect(only(actions, 'recordState').pair.status).toBe('closed');
    });

    it('a cancelled copy with no pair yet creates nothing, and the organizer’s own copy is never taken as cancelled', () => {
      expect(planActions(input({ peers, outlookItems: [cancelled] })).actions).toEqual([]);
      const own = outlookItem('B', { isCancelled: true });
      expect(only(planActions(input({ outlookItems: [own] })).actions, 'createCrm').shared).toBe(false);
    });
  });
});
