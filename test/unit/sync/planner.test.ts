import type { Action } from '../../../src/server/domain/actions.js';
import { withDefaults } from '../../../src/server/domain/settings.js';
import { crmPairId, outlookPairId } from '../../../src/server/sync/plan/pair-ids.js';
import { APPT, ERROR_CAT, baseDigest, crmActivity, fields, input, mailbox, outlookItem, syncedPair, planActions } from './fixtures.js';

const types = (actions: readonly Action[]): string[] => actions.map((a) => a.type);
function only<T extends Action['type']>(actions: readonly Action[], type: T): Extract<Action, { type: T }> {
  const found = actions.filter((a) => a.type === type);
  expect(found).toHaveLength(1);
  return found[0] as Extract<Action, { type: T }>;
}

describe('planner: new items', () => {
  it('creates a C4C activity for a newly tagged Outlook item, keyed by its iCalUId (R1)', () => {
    const item = outlookItem('A');
    const { actions, held, warnings } = planActions(input({ outlookItems: [item] }));
    expect(types(actions)).toEqual(['createCrm', 'recordState']);
    expect(held).toEqual([]);
    expect(warnings).toEqual([]);
    const create = only(actions, 'createCrm');
    expect(create).toMatchObject({ kind: 'appointment', groupwareItemId: 'ical-A', ownerPartyId: 'E-AVA', pairId: outlookPairId(mailbox.mailboxId, 'appointment', item) });
    expect(only(actions, 'recordState').pair).toMatchObject({ origin: 'outlook', outlookId: 'A', outlookVersion: 'A-v1', status: 'synced' });
  });

  it('ignores untagged items and uses the Visit kind for the Visit category', () => {
    expect(planActions(input({ outlookItems: [outlookItem('A', { categories: ['Blue'] })] })).actions).toEqual([]);
    const { actions } = planActions(input({ outlookItems: [outlookItem('A', { categories: ['Visit'] })] }));
    expect(only(actions, 'createCrm').kind).toBe('visit');
  });

  it('R4: marks an all-day event longer than 24 h with the error category, once', () => {
    const item = outlookItem('A', { fields: fields({ isAllDay: true, startUtc: '2026-11-23T00:00:00Z', endUtc: '2026-11-26T00:00:00Z' }) });
    const first = planActions(input({ outlookItems: [item] }));
    expect(types(first.actions)).toEqual(['markError', 'recordState']);
    expect(only(first.actions, 'markError')).toMatchObject({ error: { code: 'allDayTooLong' }, categoryEdit: { add: [ERROR_CAT], remove: [] } });
    const row = only(first.actions, 'recordState').pair;
    expect(row).toMatchObject({ status: 'error', crmObjectId: null, errorSince: expect.any(String) });
    // Next session: same error already recorded and the category is on the item → nothing to do.
    const again = planActions(input({ pairs: [row], outlookItems: [{ ...item, version: 'A-v2', categories: [APPT, ERROR_CAT] }] }));
    expect(again.actions).toEqual([]);
  });

  it('R7: a C4C-created appointment lands in the organizer mailbox only', () => {
    const activity = crmActivity('C1');
    const { actions } = planActions(input({ crmActivities: [activity] }));
    expect(types(actions)).toEqual(['createOutlook', 'recordState']);
    expect(only(actions, 'createOutlook')).toMatchObject({ transactionId: crmPairId(mailbox.mailboxId, 'C1'), categories: [APPT] });
    expect(planActions(input({ crmActivities: [crmActivity('C2', { organizerPartyId: 'E-BEN', organizerEmail: 'ben@contoso.example' })] })).actions).toEqual([]);
  });

  it('does not recreate a groupware-originated activity whose Outlook item this mailbox lacks', () => {
    const { actions, warnings } = planActions(input({ crmActivities: [crmActivity('C1', { groupwareItemId: 'ical-zzz' })] }));
    expect(actions).toEqual([]);
    expect(warnings.map((w) => w.code)).toEqual(['unpairedGroupwareActivity']);
  });

  it('adopts both halves after a crash instead of creating duplicates', () => {
    const activity = crmActivity('C1');
    const created = outlookItem('A', { transactionId: crmPairId(mailbox.mailboxId, 'C1') });
    const { actions } = planActions(input({ outlookItems: [created], crmActivities: [activity] }));
    expect(types(actions)).toEqual(['recordState']);
    expect(only(actions, 'recordState').pair).toMatchObject({ origin: 'crm', outlookId: 'A', crmObjectId: 'C1', status: 'synced' });
    const fromOutlook = outlookItem('B');
    const itsActivity = crmActivity('C2', { groupwareItemId: 'ical-B' });
    expect(types(planActions(input({ outlookItems: [fromOutlook], crmActivities: [itsActivity] })).actions)).toEqual(['recordState']);
  });
});

describe('planner: existing pairs', () => {
  const item = outlookItem('A');
  const activity = crmActivity('C1', { groupwareItemId: 'ical-A' });
  const pair = syncedPair('p1', item, activity);

  it('mirrors a one-sided Outlook change and records the new hashes (R2)', () => {
    const changed = { ...item, version: 'A-v2', fields: fields({ subject: 'Renamed' }) };
    // The runner reads the unchanged side too (run/other-sides.ts): the base keeps digests, not values.
    const { actions } = planActions(input({ pairs: [pair], outlookItems: [changed], crmActivities: [activity] }));
    expect(types(actions)).toEqual(['updateCrm', 'recordState']);
    expect(only(actions, 'updateCrm')).toMatchObject({ crmObjectId: 'C1', ifMatch: 'C1-e1', patch: { subject: 'Renamed' } });
    const row = only(actions, 'recordState').pair;
    expect(row.outlookVersion).toBe('A-v2');
    expect(row.base?.digests.subject).toBe(baseDigest(changed.fields, 'subject'));
    expect(JSON.stringify(row.base)).not.toContain('Renamed');
  });

  it('mirrors a one-sided C4C change to Outlook', () => {
    const changed = { ...activity, version: 'C1-e2', fields: fields({ location: 'Room 7' }) };
    const { actions } = planActions(input({ pairs: [pair], crmActivities: [changed], outlookItems: [item] }));
    expect(types(actions)).toEqual(['updateOutlook', 'recordState']);
    expect(only(actions, 'updateOutlook')).toMatchObject({ outlookId: 'A', ifMatch: 'A-v1', patch: { location: 'Room 7' }, categoryEdit: null });
  });

  it('suppresses echoes: a new version with the same hash only records the version', () => {
    const { actions } = planActions(input({ pairs: [pair], outlookItems: [{ ...item, version: 'A-v9' }], crmActivities: [{ ...activity, version: 'C1-e9' }] }));
    expect(types(actions)).toEqual(['recordState']);
    expect(only(actions, 'recordState').pair).toMatchObject({ outlookVersion: 'A-v9', crmVersion: 'C1-e9' });
    expect(planActions(input({ pairs: [pair], outlookItems: [item], crmActivities: [activity] })).actions).toEqual([]);
  });

  it('R12: merges fields changed on different sides and warns about true conflicts', () => {
    const o = { ...item, version: 'A-v2', fields: fields({ subject: 'From Outlook', body: 'o' }) };
    const c = { ...activity, version: 'C1-e2', fields: fields({ location: 'From C4C', body: 'c' }) };
    const { actions, warnings } = planActions(input({ pairs: [pair], outlookItems: [o], crmActivities: [c] }));
    expect(only(actions, 'updateCrm').patch).toEqual({ subject: 'From Outlook', body: 'o' });
    expect(only(actions, 'updateOutlook').patch).toEqual({ location: 'From C4C' });
    expect(warnings.map((w) => w.code)).toEqual(['conflict']);
    const crmWins = planActions(input({ settings: withDefaults({ conflictWinner: 'crm' }), pairs: [pair], outlookItems: [o], crmActivities: [c] }));
    expect(only(crmWins.actions, 'updateOutlook').patch).toEqual({ location: 'From C4C', body: 'c' });
  });

  it('R2: removing the category unlinks the pair and keeps the C4C activity', () => {
    const { actions } = planActions(input({ pairs: [pair], outlookItems: [{ ...item, version: 'A-v2', categories: [] }] }));
    expect(types(actions)).toEqual(['unlink', 'recordState']);
    const row = only(actions, 'recordState').pair;
    expect(row.status).toBe('unlinked');
    // Later C4C changes no longer mirror (their version is only followed, R8: plan-pair.ts).
    const later = planActions(input({ pairs: [row], crmActivities: [{ ...activity, version: 'C1-e5', fields: fields({ subject: 'x' }) }] })).actions;
    expect(types(later)).toEqual(['recordState']);
    expect(only(later, 'recordState').pair).toMatchObject({ status: 'unlinked', crmVersion: 'C1-e5' });
    // Retagging pushes Outlook's state again.
    const retag = planActions(input({ pairs: [row], outlookItems: [{ ...item, version: 'A-v3' }] }));
    expect(types(retag.actions)).toEqual(['updateCrm', 'recordState']);
  });

  it('R11: deleting the Outlook item cancels the C4C activity; an attendee copy only drops the attendee (R8)', () => {
    // The runner reads the activity of a removed item (run/other-sides.ts): it says whose the meeting is.
    const { actions } = planActions(input({ pairs: [pair], outlookItems: [{ removed: true, id: 'A' }], crmActivities: [activity] }));
    expect(types(actions)).toEqual(['cancelCrm', 'recordState']);
    expect(only(actions, 'recordState').pair.status).toBe('closed');
    const meeting = { ...activity, organizerPartyId: 'E-BEN', organizerEmail: 'ben@contoso.example', fields: fields({ organizerEmail: 'ben@contoso.example', attendees: [
      { email: 'ava@contoso.example', name: '', type: 'required', response: 'accepted' },
      { email: 'cy@contoso.example', name: '', type: 'required', response: 'accepted' },
    ] }) };
    const attendeeCopy = syncedPair('p2', outlookItem('A', { fields: meeting.fields }), meeting);
    const copy = planActions(input({ pairs: [attendeeCopy], outlookItems: [{ removed: true, id: 'A' }], crmActivities: [meeting] }));
    expect(types(copy.actions)).toEqual(['updateCrm', 'recordState']);
    expect(only(copy.actions, 'updateCrm').patch.attendees?.map((a) => a.email)).toEqual(['cy@contoso.example']);
    // Not read: the pair is retried with the activity read, nothing is cancelled blind.
    const unread = planActions(input({ pairs: [attendeeCopy], outlookItems: [{ removed: true, id: 'A' }] }));
    expect(types(unread.actions)).toEqual(['recordState']);
    expect(only(unread.actions, 'recordState').pair).toMatchObject({ status: 'error', lastError: { code: 'conflictRetry' } });
  });

  it('R11: an Outlook delete cancels an activity whose create succeeded in a group that then failed (no version recorded)', () => {
    // The create landed, the group's next write failed: the error row knows the activity but no version of it.
    const failed = { ...pair, status: 'error' as const, crmVersion: null, crmHash: null, outlookVersion: null, outlookHash: null, lastError: { code: 'notFound' as const, message: 'gone' } };
    const withRead = planActions(input({ pairs: [failed], outlookItems: [{ removed: true, id: 'A' }], crmActivities: [activity] }));
    expect(types(withRead.actions)).toEqual(['cancelCrm', 'recordState']);
    expect(only(withRead.actions, 'cancelCrm').ifMatch).toBe(activity.version);
    // Without a read of the activity there is nothing to match: the pair stays in error (re-read next time), not closed.
    const unread = planActions(input({ pairs: [failed], outlookItems: [{ removed: true, id: 'A' }] }));
    expect(types(unread.actions)).toEqual(['recordState']);
    expect(only(unread.actions, 'recordState').pair).toMatchObject({ status: 'error', crmObjectId: pair.crmObjectId });
  });

  it('R11: a C4C cancel deletes a C4C-originated item but only untags an Outlook-originated one', () => {
    const cancelled = { ...activity, version: 'C1-e2', status: 'cancelled' as const };
    const fromCrm = planActions(input({ pairs: [{ ...pair, origin: 'crm' }], crmActivities: [cancelled] }));
    expect(types(fromCrm.actions)).toEqual(['deleteOutlook', 'recordState']);
    const fromOutlook = planActions(input({ pairs: [pair], crmActivities: [cancelled] }));
    expect(types(fromOutlook.actions)).toEqual(['removeCategoryAndNotify', 'recordState']);
    expect(only(fromOutlook.actions, 'removeCategoryAndNotify').categoryEdit.remove).toContain(APPT);
  });

  it('R11: an untag after a C4C cancel closes the pair, so a later retag never writes to the cancelled activity', () => {
    // The R11 untag landed but its result was lost (the pair is in error); the next session sees the item untagged.
    const cancelled = { ...activity, version: 'C1-e2', status: 'cancelled' as const };
    const failed = { ...pair, status: 'error' as const, lastError: { code: 'temporary' as const, message: 'x' }, errorSince: '2026-11-21T00:00:00Z' };
    const untagged = { ...item, version: 'A-v2', categories: [ERROR_CAT] };
    const { actions } = planActions(input({ pairs: [failed], outlookItems: [untagged], crmActivities: [cancelled] }));
    expect(types(actions)).toEqual(['clearError', 'recordState']);
    const row = only(actions, 'recordState').pair;
    expect(row.status).toBe('closed');
    const retag = planActions(input({ pairs: [row], outlookItems: [{ ...item, version: 'A-v3', categories: [APPT] }] }));
    expect(retag.actions.filter((a) => a.type === 'updateCrm' || a.type === 'createCrm')).toEqual([]);
  });

  it('R8: an attendee write to C4C that landed unrecorded is undone when the Outlook side no longer has him', () => {
    // C4C holds Ben (a lost write added him); Outlook's recorded state has no attendees. C4C's hash omits attendees,
    // so only its new version reveals the drift.
    const drifted = { ...activity, version: 'C1-e9', fields: fields({ attendees: [{ email: 'ben@contoso.example', name: '', type: 'required', response: 'none' }] }) };
    const { actions } = planActions(input({ pairs: [pair], crmActivities: [drifted], outlookItems: [item] }));
    expect(types(actions)).toEqual(['updateCrm', 'recordState']);
    expect(only(actions, 'updateCrm')).toMatchObject({ ifMatch: 'C1-e9', patch: { attendees: [] } });
    // A C4C change that keeps to Outlook's attendees writes nothing back.
    const plain = planActions(input({ pairs: [pair], crmActivities: [{ ...activity, version: 'C1-e9' }], outlookItems: [item] }));
    expect(types(plain.actions)).toEqual(['recordState']);
  });

  it('R9: retries a pair in error and clears the error category when it syncs', () => {
    const failed = { ...pair, status: 'error' as const, lastError: { code: 'temporary' as const, message: 'x' }, errorSince: '2026-11-21T00:00:00Z' };
    const changed = { ...item, version: 'A-v3', categories: [APPT, ERROR_CAT], fields: fields({ subject: 'Pending' }) };
    const { actions } = planActions(input({ pairs: [failed], outlookItems: [changed], crmActivities: [activity] }));
    expect(types(actions)).toEqual(['updateCrm', 'clearError', 'recordState']);
    expect(only(actions, 'clearError').categoryEdit).toEqual({ add: [], remove: [ERROR_CAT] });
    expect(only(actions, 'recordState').pair).toMatchObject({ status: 'synced', lastError: null, errorSince: null });
  });

  it('holds cancels and deletes above the guard limit for an admin', () => {
    const items = ['A', 'B', 'C'].map((id) => outlookItem(id));
    const records = items.map((_, i) => crmActivity(`C${i}`));
    const pairs = items.map((o, i) => syncedPair(`p${i}`, o, records[i]!));
    const result = planActions(input({ settings: withDefaults({ deleteGuardLimit: 2 }), pairs, outlookItems: items.map((o) => ({ removed: true as const, id: o.id })), crmActivities: records }));
    expect(result.actions).toEqual([]);
    expect(types(result.held)).toEqual(['cancelCrm', 'recordState', 'cancelCrm', 'recordState', 'cancelCrm', 'recordState']);
    expect(result.warnings.map((w) => w.code)).toEqual(['deleteGuard']);
  });

  it('holds mass changes that reach the share of synced items even below the limit, e.g. C4C activities vanished', () => {
    // 12 synced meetings; the C4C activities of 11 vanish at once (a restored or swapped tenant): 11 category removals.
    const items = Array.from({ length: 12 }, (_, i) => outlookItem(`O${i}`));
    const records = items.map((_, i) => crmActivity(`C${i}`));
    const pairs = items.map((o, i) => syncedPair(`p${i}`, o, records[i]!));
    const vanished = records.slice(0, 11).map((r) => ({ ...r, removed: true }));
    const result = planActions(input({ pairs, outlookItems: items, crmActivities: vanished }));
    expect(result.actions).toEqual([]);
    expect(types(result.held).filter((t) => t !== 'recordState')).toEqual(Array(11).fill('removeCategoryAndNotify'));
    expect(result.warnings.map((w) => w.message).join()).toMatch(/11 mass changes \(11 removeCategoryAndNotify\) touch 92 % of the 12 synced items/);
    // The same with the share rule off: under the limit of 25, they apply.
    expect(types(planActions(input({ settings: withDefaults({ massChangeShare: 0 }), pairs, outlookItems: items, crmActivities: vanished })).actions)).toContain('removeCategoryAndNotify');
    // A few of many is a normal day: 9 is below the rule's minimum of 10.
    const few = planActions(input({ pairs, outlookItems: items, crmActivities: vanished.slice(0, 9) }));
    expect(few.held).toEqual([]);
  });

  it('applies the groups of a released hold, and still holds other mass changes', () => {
    const items = ['A', 'B', 'C', 'D'].map((id) => outlookItem(id));
    const records = items.map((_, i) => crmActivity(`C${i}`));
    const pairs = items.map((o, i) => syncedPair(`p${i}`, o, records[i]!));
    const removed = items.map((o) => ({ removed: true as const, id: o.id }));
    const settings = withDefaults({ deleteGuardLimit: 0 });
    const result = planActions(input({ settings, pairs, outlookItems: removed, crmActivities: records, released: new Set(['p0', 'p1', 'p2']) }));
    expect(types(result.actions).filter((t) => t === 'cancelCrm')).toHaveLength(3);
    // p3 was not in the hold: over the limit of 0, it is held.
    expect(result.held.filter((a) => a.type === 'cancelCrm').map((a) => a.pairId)).toEqual(['p3']);
    const without = planActions(input({ settings, pairs, outlookItems: removed, crmActivities: records }));
    expect(types(without.held).filter((t) => t === 'cancelCrm')).toHaveLength(4);
  });

  it('counts an error category put on many items as a mass change, not a create or an update', () => {
    const items = ['A', 'B'].map((id) => outlookItem(id, { fields: fields({ isAllDay: true, startUtc: '2026-11-23T00:00:00Z', endUtc: '2026-11-26T00:00:00Z' }) }));
    const result = planActions(input({ settings: withDefaults({ deleteGuardLimit: 1 }), outlookItems: items }));
    const marks = types(result.held).filter((t) => t === 'markError');
    expect(marks.length + types(result.actions).filter((t) => t === 'markError').length).toBe(2);
    expect(marks).toHaveLength(2);
  });

  it('is deterministic regardless of input order', () => {
    const items = ['B', 'A', 'C'].map((id) => outlookItem(id));
    const a = planActions(input({ outlookItems: items }));
    const b = planActions(input({ outlookItems: [...items].reverse() }));
    expect(a).toEqual(b);
  });
});

describe('planner: recurring items and attendee copies', () => {
  it('ignores series masters (R6: occurrences sync one by one)', () => {
    expect(planActions(input({ outlookItems: [outlookItem('M', { type: 'seriesMaster' })] })).actions).toEqual([]);
    const occurrence = outlookItem('O1', { type: 'occurrence', fields: fields({ seriesId: 'M', occurrenceDate: '2026-11-23' }) });
    expect(only(planActions(input({ outlookItems: [occurrence] })).actions, 'createCrm').fields).toMatchObject({ seriesId: 'M', occurrenceDate: '2026-11-23' });
  });

  it('R5: private occurrences wait for the tenant setting', () => {
    const privateOccurrence = outlookItem('O1', { type: 'occurrence', fields: fields({ sensitivity: 'private', seriesId: 'M', occurrenceDate: '2026-11-23' }) });
    expect(only(planActions(input({ outlookItems: [privateOccurrence] })).actions, 'markError').error.code).toBe('privateRecurringNotAllowed');
    expect(types(planActions(input({ settings: withDefaults({ syncPrivateRecurring: true }), outlookItems: [privateOccurrence] })).actions)).toEqual(['createCrm', 'recordState']);
  });

  it("an attendee's copy does not claim ownership of the activity", () => {
    const copy = outlookItem('A', { isOrganizer: false, fields: fields({ organizerEmail: 'ben@contoso.example' }) });
    expect(only(planActions(input({ outlookItems: [copy] })).actions, 'createCrm').ownerPartyId).toBeNull();
  });

  it('switching the category to Visit creates a Visit, then cancels the Appointment (R2)', () => {
    const item = outlookItem('A');
    const pair = syncedPair('p1', item, crmActivity('C1'));
    const { actions } = planActions(input({ pairs: [pair], outlookItems: [{ ...item, version: 'A-v2', categories: ['Visit'] }] }));
    expect(types(actions)).toEqual(['createCrm', 'recordState', 'cancelCrm', 'recordState']);
    expect(only(actions, 'createCrm').kind).toBe('visit');
    expect(only(actions, 'cancelCrm')).toMatchObject({ kind: 'appointment', crmObjectId: 'C1' });
  });

  it('our copy of a C4C Visit retagged as Appointment before its pair was recorded: an Appointment is created, the Visit cancelled', () => {
    const visit = crmActivity('V1', { kind: 'visit' });
    const visitPairId = crmPairId(mailbox.mailboxId, 'V1');
    const copy = outlookItem('A', { transactionId: visitPairId, categories: [APPT] });
    const { actions } = planActions(input({ outlookItems: [copy], crmActivities: [visit] }));
    expect(actions.filter((a) => a.type === 'createOutlook')).toEqual([]);
    expect(actions.filter((a) => a.pairId === visitPairId).map((a) => a.type)).toEqual(['cancelCrm', 'recordState']);
    const create = only(actions, 'createCrm');
    expect(create).toMatchObject({ kind: 'appointment', pairId: outlookPairId(mailbox.mailboxId, 'appointment', copy) });
  });
});
