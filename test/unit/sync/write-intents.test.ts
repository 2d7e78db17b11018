import { TWO_WAY_FIELDS } from '../../../src/server/domain/calendar-item.js';
import { plan } from '../../../src/server/sync/plan/planner.js';
import { writeIntentsOf } from '../../../src/server/sync/plan/write-intents.js';
import { crmPairId } from '../../../src/server/sync/plan/pair-ids.js';
import { crmActivity, input, mailbox, outlookItem, syncedPair } from './fixtures.js';

describe('write intents of a plan', () => {
  it('names, per pair that updates a side, the two-way fields written to each side and the item both should hold', () => {
    const item = outlookItem('A');
    const activity = crmActivity('C1');
    const pairs = [syncedPair('p1', item, activity), syncedPair('p2', outlookItem('B'), crmActivity('C2'))];
    const edited = { ...item, version: 'A-v2', fields: { ...item.fields, subject: 'From Outlook' } };
    const renamed = { ...crmActivity('C2'), version: 'C2-v2', fields: { ...crmActivity('C2').fields, location: 'From C4C' } };
    const groups = plan(input({ pairs, outlookItems: [edited, outlookItem('B')], crmActivities: [activity, renamed, crmActivity('C3')] })).groups;
    const intents = writeIntentsOf(mailbox.mailboxId, TWO_WAY_FIELDS, groups);
    expect(intents.map((i) => [i.pairId, i.outlookFields, i.crmFields, i.intended.subject, i.intended.location])).toEqual([
      ['p1', [], ['subject'], 'From Outlook', item.fields.location],
      ['p2', ['location'], [], outlookItem('B').fields.subject, 'From C4C'],
      [crmPairId(mailbox.mailboxId, 'C3'), [...TWO_WAY_FIELDS], [], crmActivity('C3').fields.subject, crmActivity('C3').fields.location],
    ]);
  });

  it('a create in Outlook from a C4C record leaves its intent (a replay after a crash looks for the item the user may have deleted)', () => {
    const groups = plan(input({ crmActivities: [crmActivity('C9')] })).groups;
    const [intent, ...others] = writeIntentsOf(mailbox.mailboxId, TWO_WAY_FIELDS, groups);
    expect(others).toEqual([]);
    expect(intent).toMatchObject({ pairId: crmPairId(mailbox.mailboxId, 'C9'), outlookFields: [...TWO_WAY_FIELDS], crmFields: [] });
  });

  it('a create of a C4C record: every two-way field on both sides, the item as both should hold it (a replay after a crash adopts by it)', () => {
    const item = { ...outlookItem('N'), fields: { ...outlookItem('N').fields, subject: 'New in Outlook' } };
    const groups = plan(input({ outlookItems: [item] })).groups;
    const [intent, ...others] = writeIntentsOf(mailbox.mailboxId, TWO_WAY_FIELDS, groups);
    expect(others).toEqual([]);
    expect(intent).toMatchObject({ outlookFields: [...TWO_WAY_FIELDS], crmFields: [...TWO_WAY_FIELDS] });
    expect(intent?.intended.subject).toBe('New in Outlook');
  });
});
