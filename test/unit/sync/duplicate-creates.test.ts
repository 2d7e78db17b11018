// Known contact bug 11: a create the CRM answered with a record another pair of the mailbox holds (the duplicate check
// took it) is released, not linked; the first holder keeps the record (run/duplicate-creates.ts). The release's write
// takes the record's name and the sync categories off the contact and says why on it (run/groupware-links.ts).
import { contactFamily } from '../../../src/server/domain/contact-family.js';
import { calendarFamily } from '../../../src/server/domain/calendar-family.js';
import { duplicateCreates, releaseEdit } from '../../../src/server/sync/run/duplicate-creates.js';
import { linkGroupwareToCrm } from '../../../src/server/sync/run/groupware-links.js';
import { emptyContact } from '../../../src/server/domain/contact-item.js';
import { withDefaults } from '../../../src/server/domain/settings.js';
import type { Mailbox } from '../../../src/server/domain/mailbox.js';
import type { GroupwareWriteRequest } from '../../../src/server/ports/groupware-port.js';
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

describe('the release of a create that took a mirrored record', () => {
  it("writes no record name, takes the sync categories off and gives the reason naming the record's copy; it links nothing", async () => {
    const fields = { ...emptyContact(), givenName: 'Typed', surname: 'Twice', emails: ['ada@engines.example'] };
    const created = { ...outcome('o-1', null, 'CT1'), applied: [{ action: { type: 'createCrm', pairId: 'o-1', kind: 'contact', fields }, result: { id: 'CT1', version: 'v1' } }] };
    (created.group.record.pair as { outlookId: string }).outlookId = 'contact-9';
    const record = { objectId: 'CT1', kind: 'contact', version: 'v1', removed: false, fields: { ...emptyContact(), givenName: 'Ada', surname: 'Lovelace' } };
    const writes: GroupwareWriteRequest<typeof fields, 'contact'>[] = [];
    const deps = {
      family: contactFamily,
      groupware: { write: async (_m: Mailbox, requests: readonly GroupwareWriteRequest<typeof fields, 'contact'>[]) => (writes.push(...requests), requests.map(() => ({ ok: true as const, id: 'contact-9', version: 'v2' }))) },
      crm: { getByIds: async () => [record as unknown as CrmContactRecord] },
    };
    const edit = releaseEdit(contactFamily, withDefaults());
    const result = await linkGroupwareToCrm(deps, {} as Mailbox, [created as unknown as ContactOutcome], { pairIds: new Set(['o-1']), edit });
    expect(writes).toEqual([
      {
        op: 'update',
        id: 'contact-9',
        ifMatch: '*',
        patch: { crmRef: null },
        after: { ...fields, crmRef: null },
        categoryEdit: edit,
        notice: 'Ada Lovelace in this folder is already the copy of this C4C contact; copy what you need over to it and delete this one.',
      },
    ]);
    expect(result).toEqual({ warnings: [], unlinked: [], records: [], unmerged: [] });
  });
});
