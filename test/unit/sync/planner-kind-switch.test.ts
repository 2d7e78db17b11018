// R2, a kind switch (Appointment ↔ Visit): C4C cannot change an activity's type, so the item's record is carried over
// (the new kind is created from the item, links and parties included) and the old one is cancelled in the same session,
// after the create. A session that dies before its commit is replayed and plans the same again.
import fc from 'fast-check';
import type { Action } from '../../../src/server/domain/actions.js';
import { outlookPairId } from '../../../src/server/sync/plan/pair-ids.js';
import { APPT, crmActivity, fields, input, mailbox, outlookItem, planActions, syncedPair } from './fixtures.js';

const LINKS = [{ type: 'account' as const, id: 'ACC-1', name: 'Contoso' }];
const types = (actions: readonly Action[]): string[] => actions.map((a) => a.type);

function switched(overrides: { isOrganizer?: boolean; sensitivity?: 'normal' | 'private'; crmVersion?: string | null } = {}) {
  const item = outlookItem('A', { isOrganizer: overrides.isOrganizer ?? true, fields: fields({ links: LINKS, sensitivity: overrides.sensitivity ?? 'normal' }) });
  const appt = crmActivity('C1', { fields: item.fields, groupwareItemId: 'ical-A' });
  const pair = syncedPair(outlookPairId(mailbox.mailboxId, 'appointment', item), item, appt, overrides.crmVersion === undefined ? {} : { crmVersion: overrides.crmVersion });
  const retagged = { ...item, version: 'A-v2', categories: ['Visit'] };
  return { item, appt, pair, retagged };
}

describe('planner: kind switch (R2)', () => {
  it('creates the Visit from the item with its links, then cancels the Appointment and closes its pair', () => {
    const { pair, retagged } = switched();
    const { groups } = planActions(input({ pairs: [pair], outlookItems: [retagged] }));
    expect(groups.map((g) => g.steps.map((s) => s.type))).toEqual([['createCrm'], ['cancelCrm']]);
    const [create, cancel] = groups;
    expect(create?.steps[0]).toMatchObject({ kind: 'visit', groupwareItemId: 'ical-A', fields: { links: LINKS } });
    expect(create?.record.pair).toMatchObject({ kind: 'visit', status: 'synced', outlookId: 'A' });
    expect(cancel?.steps[0]).toMatchObject({ kind: 'appointment', crmObjectId: 'C1', ifMatch: 'C1-e1' });
    expect(cancel?.record.pair).toMatchObject({ pairId: pair.pairId, status: 'closed' });
  });

  it('restart-safe: a session replayed after dying between the create and the cancel plans the same writes', () => {
    const { pair, retagged } = switched();
    const first = planActions(input({ pairs: [pair], outlookItems: [retagged] }));
    // Nothing was committed: the replay reads the same item, and the Visit the create made (adopted, not created twice).
    const visit = crmActivity('V1', { kind: 'visit', groupwareItemId: 'ical-A', fields: retagged.fields });
    const replay = planActions(input({ pairs: [pair], outlookItems: [retagged], crmActivities: [visit] }));
    expect(types(replay.actions).filter((t) => t === 'cancelCrm')).toEqual(['cancelCrm']);
    expect(types(replay.actions).filter((t) => t === 'createCrm').length).toBeLessThanOrEqual(types(first.actions).filter((t) => t === 'createCrm').length);
    // After the commit: the closed Appointment pair stays closed, the Visit pair mirrors the item; nothing more is written.
    const rows = first.groups.map((g) => g.record.pair);
    const visitRow = { ...rows[0]!, crmObjectId: 'V1', crmVersion: 'V1-e1' };
    const after = planActions(input({ pairs: [visitRow, rows[1]!], outlookItems: [retagged], crmActivities: [{ ...crmActivity('C1'), status: 'cancelled' }] }));
    expect(types(after.actions).filter((t) => t === 'createCrm' || t === 'cancelCrm')).toEqual([]);
  });

  it('switching back creates an Appointment again (the cancelled one is never revived) and cancels the Visit', () => {
    const { pair, retagged } = switched();
    const rows = planActions(input({ pairs: [pair], outlookItems: [retagged] })).groups.map((g) => g.record.pair);
    const visitRow = { ...rows[0]!, crmObjectId: 'V1', crmVersion: 'V1-e1' };
    const back = { ...retagged, version: 'A-v3', categories: [APPT] };
    const { groups } = planActions(input({ pairs: [visitRow, rows[1]!], outlookItems: [back] }));
    expect(groups.map((g) => g.steps.map((s) => `${s.type}:${'kind' in s ? s.kind : ''}`))).toEqual([['createCrm:appointment'], ['cancelCrm:visit']]);
    expect(groups[0]?.record.pair).toMatchObject({ status: 'synced', crmObjectId: null });
  });

  it('is not carried over when the new kind refuses the item (R5: a private Visit), for an attendee copy, or without a C4C version', () => {
    for (const overrides of [{ sensitivity: 'private' as const }, { isOrganizer: false }, { crmVersion: null }]) {
      const { pair, retagged } = switched(overrides);
      const { actions } = planActions(input({ pairs: [pair], outlookItems: [retagged] }));
      expect(types(actions)).not.toContain('cancelCrm');
      expect(actions.find((a) => a.type === 'recordState' && a.pairId === pair.pairId)).toMatchObject({ pair: { status: 'unlinked' } });
    }
  });

  // The soak's [soak-365517-0116]: a Google event moved to "SAP Visits" while its Appointment's subject was edited in
  // C4C; the Appointment was cancelled with the edit, and the Visit made from the event alone.
  it('merges an edit the old record got meanwhile into the item first, and carries the merged item over next session', () => {
    const { appt, pair, retagged } = switched();
    const edited = { ...appt, version: 'C1-e2', fields: { ...appt.fields, subject: 'Edited in C4C' } };
    const first = planActions(input({ pairs: [pair], outlookItems: [retagged], crmActivities: [edited] }));
    expect(first.groups.map((g) => g.steps.map((s) => s.type))).toEqual([['updateOutlook']]);
    expect(first.groups[0]?.steps[0]).toMatchObject({ outlookId: 'A', ifMatch: 'A-v2', patch: { subject: 'Edited in C4C' } });
    // The update comes back as a change of the item: now it holds the edit, and the switch carries it over.
    const row = first.groups[0]!.record.pair;
    const updated = { ...retagged, version: 'A-v3', fields: { ...retagged.fields, subject: 'Edited in C4C' } };
    const second = planActions(input({ pairs: [row], outlookItems: [updated], crmActivities: [edited] }));
    expect(second.groups.map((g) => g.steps.map((s) => s.type))).toEqual([['createCrm'], ['cancelCrm']]);
    expect(second.groups[0]?.steps[0]).toMatchObject({ kind: 'visit', fields: { subject: 'Edited in C4C', links: LINKS } });
    expect(second.groups[1]?.steps[0]).toMatchObject({ crmObjectId: 'C1', ifMatch: 'C1-e2' });
  });

  it('switches at once when the item won a conflict with the edit (R12), and logs the conflict', () => {
    const { appt, pair, retagged } = switched();
    const edited = { ...appt, version: 'C1-e2', fields: { ...appt.fields, subject: 'Edited in C4C' } };
    const both = { ...retagged, fields: { ...retagged.fields, subject: 'Edited in Outlook' } };
    const { groups } = planActions(input({ pairs: [pair], outlookItems: [both], crmActivities: [edited] }));
    expect(groups.map((g) => g.steps.map((s) => s.type))).toEqual([['createCrm'], ['cancelCrm']]);
    expect(groups[0]?.steps[0]).toMatchObject({ kind: 'visit', fields: { subject: 'Edited in Outlook' } });
    expect(groups[1]?.conflict).toMatchObject({ fields: ['subject'], winner: 'outlook' });
  });

  it('once the new record exists (its session failed at the cancel), only cancels: the new pair alone writes the item', () => {
    const { appt, pair, retagged } = switched();
    // The cancel met a C4C edit (412): the old pair is in error, the Visit pair (made by that session) synced.
    const errored = { ...pair, status: 'error' as const, lastError: { code: 'conflictRetry' as const, message: 'conflict' } };
    const later = { ...appt, version: 'C1-e3', fields: { ...appt.fields, subject: 'Edited again' } };
    const item = { ...retagged, version: 'A-v3' };
    const visit = crmActivity('V1', { kind: 'visit', groupwareItemId: 'ical-A', fields: item.fields });
    const visitRow = syncedPair(outlookPairId(mailbox.mailboxId, 'visit', item), item, visit);
    const { groups } = planActions(input({ pairs: [visitRow, errored], outlookItems: [item], crmActivities: [later, visit] }));
    const oldPairSteps = groups.filter((g) => g.record.pair.pairId === pair.pairId).flatMap((g) => g.steps.map((s) => s.type));
    expect(oldPairSteps).toEqual(['cancelCrm']);
  });

  it('property: whatever the item holds, a switch creates exactly one record of the new kind before it cancels exactly the old one', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.string({ maxLength: 40 }), fc.array(fc.constantFrom('Blue', 'Red', 'Green'), { maxLength: 2 }), (toVisit, subject, extra) => {
        const from = toVisit ? 'appointment' : 'visit';
        const item = outlookItem('A', { categories: [toVisit ? APPT : 'Visit'], fields: fields({ subject, links: LINKS }) });
        const record = crmActivity('C1', { kind: from, fields: item.fields, groupwareItemId: 'ical-A' });
        const pair = syncedPair(outlookPairId(mailbox.mailboxId, from, item), item, record);
        const retagged = { ...item, version: 'A-v2', categories: [...extra, toVisit ? 'Visit' : APPT] };
        const actions = planActions(input({ pairs: [pair], outlookItems: [retagged] })).actions.filter((a) => a.type === 'createCrm' || a.type === 'cancelCrm');
        expect(actions.map((a) => `${a.type}:${a.kind}`)).toEqual([`createCrm:${toVisit ? 'visit' : 'appointment'}`, `cancelCrm:${from}`]);
        expect(actions[0]).toMatchObject({ fields: { subject, links: LINKS } });
      }),
      { numRuns: 100 },
    );
  });
});
