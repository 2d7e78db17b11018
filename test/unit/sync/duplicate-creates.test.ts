// Known contact bug 11: a create the CRM answered with a record another pair of the mailbox holds (the duplicate check
// took it) is released, not linked; the first holder keeps the record (run/duplicate-creates.ts).
import { contactFamily } from '../../../src/server/domain/contact-family.js';
import { calendarFamily } from '../../../src/server/domain/calendar-family.js';
import { duplicateCreates } from '../../../src/server/sync/run/duplicate-creates.js';
import type { CrmContactRecord, OutlookContactPresent } from '../../../src/server/domain/contact-item.js';
import type { GroupOutcome } from '../../../src/server/sync/run/apply.js';

type ContactOutcome = GroupOutcome<OutlookContactPresent, CrmContactRecord>;

/** An outcome of a group whose planned row holds `crmObjectId`, and whose applied create answered `created`. */
function outcome(pairId: string, crmObjectId: string | null, created?: string): ContactOutcome {
  const applied = created ? [{ action: { type: 'createCrm', pairId }, result: { id: created, version: 'v1' } }] : [];
  return { group: { pairId, steps: [], record: { type: 'recordState', pairId, pair: { pairId, crmObjectId }, intended: null } }, applied, failure: null } as unknown as ContactOutcome;
}

describe('duplicateCreates', () => {
  it('releases a create that took the record of a pair the mailbox has, whatever its status', () => {
    expect([...duplicateCreates(contactFamily, [{ pairId: 'c-1', crmObjectId: 'CT1' }], [outcome('o-1', null, 'CT1')])]).toEqual(['o-1']);
  });

  it("releases a create that took the record of a copy this session made, and the later of two creates taking one record", () => {
    expect([...duplicateCreates(contactFamily, [], [outcome('c-1', 'CT1'), outcome('o-1', null, 'CT1')])]).toEqual(['o-1']);
    expect([...duplicateCreates(contactFamily, [], [outcome('o-1', null, 'CT1'), outcome('o-2', null, 'CT1')])]).toEqual(['o-2']);
  });

  it("keeps a create that took its own pair's record (a lost create retried) and any create of a family without the rule", () => {
    expect([...duplicateCreates(contactFamily, [{ pairId: 'o-1', crmObjectId: 'CT1' }], [outcome('o-1', 'CT1', 'CT1')])]).toEqual([]);
    expect([...duplicateCreates(calendarFamily as unknown as typeof contactFamily, [{ pairId: 'c-1', crmObjectId: 'A1' }], [outcome('o-1', null, 'A1')])]).toEqual([]);
  });
});
