// When the sync list's admin rule runs and what it hands the store (sync/sync-list-rule.ts): once per refresh period
// per mailbox, nothing for a mailbox without a C4C employee or with the rule off (so the rule's entries go), ids the
// list cannot hold left out, and a failed C4C read reported and retried at the next session.
import { aMailbox } from '../../support/state-fixtures.js';
import { syncListRule } from '../../../src/server/sync/sync-list-rule.js';
import type { SyncListEntryRef } from '../../../src/server/ports/sync-list.js';

function setup(rule: 'off' | 'owned-account-contacts', found: () => Promise<string[]>) {
  let now = Date.parse('2026-12-01T10:00:00Z');
  const applied: SyncListEntryRef[][] = [];
  const asked: string[] = [];
  const errors: string[] = [];
  const deps = {
    rule,
    source: { contactsOfOwnedAccounts: (employee: string) => (asked.push(employee), found()) },
    syncList: { applyRule: async (_m: string, refs: readonly SyncListEntryRef[]) => (applied.push([...refs]), { added: refs.length, removed: 0 }) },
    clock: { now: () => new Date(now) },
    refreshMs: 60_000,
    onError: (mailboxId: string, error: unknown) => errors.push(`${mailboxId}: ${String(error)}`),
  };
  return { rule: syncListRule(deps), applied, asked, errors, advance: (ms: number) => (now += ms) };
}

describe('the sync list rule', () => {
  it('applies the contacts C4C names once per period per mailbox, leaving out ids a list cannot hold', async () => {
    const t = setup('owned-account-contacts', async () => ['2000001', "bad'id", '2000002']);
    const mailbox = aMailbox({ mailboxId: 'ava', employeePartyId: '8000000001' });
    expect(await t.rule.refresh(mailbox)).toEqual({ added: 2, removed: 0 });
    expect(t.applied).toEqual([[{ type: 'contact', c4cId: '2000001' }, { type: 'contact', c4cId: '2000002' }]]);
    expect(t.asked).toEqual(['8000000001']);
    t.advance(30_000);
    expect(await t.rule.refresh(mailbox)).toBeNull();
    await t.rule.refresh(aMailbox({ mailboxId: 'ben', employeePartyId: '8000000002' }));
    t.advance(31_000);
    await t.rule.refresh(mailbox);
    expect(t.asked).toEqual(['8000000001', '8000000002', '8000000001']);
  });

  it('hands the store an empty list with the rule off or without an employee, without asking C4C', async () => {
    const off = setup('off', async () => ['2000001']);
    await off.rule.refresh(aMailbox({ mailboxId: 'ava', employeePartyId: '8000000001' }));
    const noEmployee = setup('owned-account-contacts', async () => ['2000001']);
    await noEmployee.rule.refresh(aMailbox({ mailboxId: 'ava', employeePartyId: null }));
    expect([off.applied, noEmployee.applied]).toEqual([[[]], [[]]]);
    expect([...off.asked, ...noEmployee.asked]).toEqual([]);
  });

  it('reports a failed C4C read and tries again at the next session', async () => {
    let fail = true;
    const t = setup('owned-account-contacts', async () => {
      if (fail) throw new Error('C4C unreachable');
      return ['2000001'];
    });
    const mailbox = aMailbox({ mailboxId: 'ava', employeePartyId: '8000000001' });
    expect(await t.rule.refresh(mailbox)).toBeNull();
    expect(t.errors).toEqual(['ava: Error: C4C unreachable']);
    fail = false;
    expect(await t.rule.refresh(mailbox)).toEqual({ added: 1, removed: 0 });
  });
});
