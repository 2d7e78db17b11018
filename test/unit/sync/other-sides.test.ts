// The unchanged side of a changed pair is read (the base keeps digests, not values: run/other-sides.ts); our own
// writes' echoes, untagged items and closed pairs cost no read.
import { calendarFamily } from '../../../src/server/domain/calendar-family.js';
import { DEFAULT_SYNC_SETTINGS } from '../../../src/server/domain/settings.js';
import { otherSidesToRead, outlookIdsForInbox } from '../../../src/server/sync/run/other-sides.js';
import { crmActivity, outlookItem, syncedPair } from './fixtures.js';

const toRead = (...args: Parameters<typeof otherSidesToRead> extends [unknown, unknown, ...infer Rest] ? Rest : never) =>
  otherSidesToRead({ family: calendarFamily }, DEFAULT_SYNC_SETTINGS, ...args);

describe('otherSidesToRead', () => {
  const item = outlookItem('A');
  const activity = crmActivity('C1');
  const pair = syncedPair('p1', item, activity);

  it('reads the C4C record of an Outlook change and the Outlook item of a C4C change', () => {
    expect(toRead([pair], [{ ...item, version: 'A-v2' }], [])).toEqual({ outlookIds: [], crmRefs: [{ kind: 'appointment', objectId: 'C1' }] });
    expect(toRead([pair], [], [{ ...activity, version: 'C1-e2' }])).toEqual({ outlookIds: ['A'], crmRefs: [] });
  });

  it('reads nothing for echoes of our writes, both sides read, untagged items, closed pairs or a cancelled record', () => {
    const none = { outlookIds: [], crmRefs: [] };
    expect(toRead([pair], [item], [])).toEqual(none);
    expect(toRead([pair], [], [activity])).toEqual(none);
    expect(toRead([pair], [{ ...item, version: 'A-v2' }], [{ ...activity, version: 'C1-e2' }])).toEqual(none);
    expect(toRead([pair], [{ ...item, version: 'A-v2', categories: [] }], [])).toEqual(none);
    expect(toRead([{ ...pair, status: 'closed' }], [{ ...item, version: 'A-v2' }], [])).toEqual(none);
    expect(toRead([pair], [], [{ ...activity, version: 'C1-e2', status: 'cancelled' }])).toEqual(none);
  });

  it('reads the record of a removed Outlook item (R8: whose meeting it is decides cancel or leave)', () => {
    expect(toRead([pair], [{ removed: true, id: 'A' }], [])).toEqual({ outlookIds: [], crmRefs: [{ kind: 'appointment', objectId: 'C1' }] });
    // Untagged too: an attendee who deletes their untagged copy leaves the activity all the same.
    expect(toRead([{ ...pair, status: 'unlinked' }], [{ removed: true, id: 'A' }], [])).toEqual({ outlookIds: [], crmRefs: [{ kind: 'appointment', objectId: 'C1' }] });
  });
});

describe('outlookIdsForInbox', () => {
  const item = outlookItem('A');
  const activity = crmActivity('C1');
  const pair = syncedPair('p1', item, activity);
  it('names the groupware items of live pairs whose record the inbox holds in a new version', () => {
    expect(outlookIdsForInbox([pair], [{ activity: { ...activity, version: 'C1-e2' } }])).toEqual(['A']);
    expect(outlookIdsForInbox([pair], [{ activity }])).toEqual([]); // our own write's echo
    expect(outlookIdsForInbox([{ ...pair, status: 'unlinked' }], [{ activity: { ...activity, version: 'C1-e2' } }])).toEqual([]);
    expect(outlookIdsForInbox([pair], [{ activity: crmActivity('C9') }])).toEqual([]); // no pair yet: a create
  });
});
