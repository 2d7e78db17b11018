// The contact family's binding to the sync list (sync/contact-sync.ts), with in-memory fakes: who a changed record
// concerns, which records a session reads (only entries without a live copy, each once per process), which live
// copies it drops, and the list changes after a commit (a deleted copy leaves the list, a contact made in Outlook
// joins it).
import { emptyContact, type ContactKind, type CrmContactRecord } from '../../../src/server/domain/contact-item.js';
import type { SyncPair } from '../../../src/server/domain/sync-pair.js';
import type { SyncList, SyncListEntry, SyncListEntryRef } from '../../../src/server/ports/sync-list.js';
import { contactSync, type ContactCrm } from '../../../src/server/sync/contact-sync.js';
import type { SyncListRule } from '../../../src/server/sync/sync-list-rule.js';
import { mailbox } from './fixtures.js';

const record = (kind: ContactKind, objectId: string, c4cId: string): CrmContactRecord => ({
  objectId,
  kind,
  version: 'v1',
  groupwareItemId: null,
  status: 'open',
  removed: false,
  lastChangedOn: '2026-11-21T12:00:00Z',
  writable: kind !== 'employee',
  fields: { ...emptyContact(), surname: c4cId, crmRef: { kind, objectId, c4cId } },
});

const pair = (objectId: string, status: SyncPair['status'] = 'synced'): SyncPair<object, string> => ({
  pairId: `p-${objectId}`,
  mailboxId: mailbox.mailboxId,
  family: 'contacts',
  kind: 'contact',
  origin: 'crm',
  outlookId: `o-${objectId}`,
  outlookVersion: 'ov',
  outlookHash: 'h',
  crmObjectId: objectId,
  crmVersion: 'v1',
  crmHash: 'h',
  base: null,
  status,
  lastError: null,
  errorSince: null,
  updatedAt: '2026-11-21T12:00:00Z',
});

function world() {
  const records = [record('contact', 'OBJ1', '2000001'), record('contact', 'OBJ2', '2000002'), record('employee', 'EMP1', '8000000001')];
  const entries = new Map<string, SyncListEntry>();
  const key = (ref: SyncListEntryRef) => `${ref.type}:${ref.c4cId}`;
  const syncList: SyncList = {
    list: async () => [...entries.values()],
    add: async (_m, ref, source) => {
      const entry = { ...ref, source, addedAt: '2026-11-21T12:00:00Z' };
      const added = !entries.has(key(ref));
      if (added) entries.set(key(ref), entry);
      return { outcome: 'ok', entry, added };
    },
    remove: async (_m, ref) => entries.delete(key(ref)),
    holders: async (ref) => (entries.has(key(ref)) ? [mailbox.mailboxId] : []),
    applyRule: async () => ({ added: 0, removed: 0 }),
  };
  const reads: string[][] = [];
  const crm = {
    getByC4cIds: async (kind: ContactKind, ids: readonly string[]) => {
      reads.push([...ids]);
      return new Map(records.filter((r) => r.kind === kind && ids.includes(r.fields.crmRef?.c4cId ?? '')).map((r) => [r.fields.crmRef?.c4cId ?? '', r]));
    },
    getByIds: async (_t: string, refs: readonly { kind: ContactKind; objectId: string }[]) => records.filter((r) => refs.some((ref) => ref.objectId === r.objectId)),
  } as unknown as ContactCrm;
  const sync = contactSync({ contacts: {} as never, crm, syncList });
  return { sync, syncList, reads, records };
}

describe('contactSync', () => {
  it('files a changed record under the mailboxes whose list holds it', async () => {
    const { sync, syncList, records } = world();
    expect(await sync.audienceOf?.(records[0] as CrmContactRecord)).toEqual([]);
    await syncList.add(mailbox.mailboxId, { type: 'contact', c4cId: '2000001' }, 'user');
    expect(await sync.audienceOf?.(records[0] as CrmContactRecord)).toEqual([mailbox.mailboxId]);
  });

  it('reads only entries without a live copy, each once, and drops the live copies of records off the list', async () => {
    const { sync, syncList, reads } = world();
    await syncList.add(mailbox.mailboxId, { type: 'contact', c4cId: '2000001' }, 'user');
    await syncList.add(mailbox.mailboxId, { type: 'contact', c4cId: 'GONE' }, 'user');
    const first = await sync.wanted?.(mailbox, []);
    expect(first?.records.map((r) => r.objectId)).toEqual(['OBJ1']);
    expect(first?.dropped).toEqual([]);
    expect(reads).toEqual([['2000001', 'GONE']]);

    // The copy exists now: nothing is read again (nor the id C4C does not have).
    const second = await sync.wanted?.(mailbox, [pair('OBJ1')]);
    expect(second).toEqual({ records: [], dropped: [], reopened: [] });
    expect(reads).toHaveLength(1);

    // Off the list: the live copy gets a removed stand-in; a closed pair is left alone.
    await syncList.remove(mailbox.mailboxId, { type: 'contact', c4cId: '2000001' });
    const third = await sync.wanted?.(mailbox, [pair('OBJ1'), pair('OBJ2', 'closed')]);
    expect(third?.dropped).toMatchObject([{ objectId: 'OBJ1', kind: 'contact', removed: true }]);

    // Back on the list after its copy was deleted (the pair closed): read again, and the closed pair reopened.
    await syncList.add(mailbox.mailboxId, { type: 'contact', c4cId: '2000002' }, 'user');
    const fourth = await sync.wanted?.(mailbox, [pair('OBJ2', 'closed')]);
    expect(fourth).toMatchObject({ records: [{ objectId: 'OBJ2' }], reopened: ['p-OBJ2'] });
  });

  it('after a commit, a deleted copy takes its record off the list and a contact made in Outlook joins it', async () => {
    const { sync, syncList, records } = world();
    await syncList.add(mailbox.mailboxId, { type: 'contact', c4cId: '2000002' }, 'user');
    // The record's readable id is not known yet (no session read it in this process): it is read by ObjectID.
    await sync.selectionChanged?.(mailbox, { copiesRemoved: [{ kind: 'contact', objectId: 'OBJ2' }], createdFromGroupware: [records[0] as CrmContactRecord] });
    expect((await syncList.list(mailbox.mailboxId)).map((e) => `${e.type}:${e.c4cId}:${e.source}`)).toEqual(['contact:2000001:user']);
  });

  it("an admin's dry run (readOnly) reads the list as stored without running the rule, and says so while a rule is on", async () => {
    const { syncList } = world();
    const refreshed: string[] = [];
    const rule = (active: boolean): SyncListRule => ({ active, refresh: async (m) => (refreshed.push(m.mailboxId), { added: 0, removed: 0 }) });
    const crm = { getByC4cIds: async () => new Map() } as unknown as ContactCrm;
    const on = contactSync({ contacts: {} as never, crm, syncList, rule: rule(true) });
    await on.wanted?.(mailbox, [], { readOnly: true });
    expect(refreshed).toEqual([]);
    expect(on.dryRunNotes?.()).toEqual([expect.stringContaining('sync list rule is evaluated by the session')]);
    // A session runs it first.
    await on.wanted?.(mailbox, []);
    expect(refreshed).toEqual([mailbox.mailboxId]);
    expect(contactSync({ contacts: {} as never, crm, syncList, rule: rule(false) }).dryRunNotes?.()).toEqual([]);
  });
});
