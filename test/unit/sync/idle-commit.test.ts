// Issue 18: a session whose families all find nothing to record writes their cursors and the mailbox's status in one
// idle commit after they all settled (one database statement), and writes a cursor only when it moved.
import type { Mailbox } from '../../../src/server/domain/mailbox.js';
import { withDefaults } from '../../../src/server/domain/settings.js';
import type { CalendarSource } from '../../../src/server/ports/calendar-source.js';
import type { IdleCommit } from '../../../src/server/ports/session-store.js';
import { calendarSync, type FamilySync } from '../../../src/server/sync/family-sync.js';
import { runSession } from '../../../src/server/sync/run/session.js';
import { MemorySessionStore } from '../../support/memory-session-store.js';
import { TEST_SEALER } from '../../support/test-sealer.js';

const ava: Mailbox = { mailboxId: 'ava', tenantId: 't1', provider: 'graph', email: 'ava.adams@contoso.example', displayName: 'Ava', employeePartyId: 'E1', enabled: true };

/** A calendar with nothing in it, whose delta cursor is `cursor()` at each read. */
function emptySource(cursor: () => string): CalendarSource {
  return { readChanges: async () => ({ items: [], nextCursor: cursor(), full: false }), getItems: async () => [], write: async () => [] };
}

const noCrm = { readChanges: async () => ({ records: [], nextCursor: 'c', full: true }) } as unknown as FamilySync['crm'];

it("writes the idle families' cursors and the status in one idle commit, and a cursor only when it moved", async () => {
  const clock = { now: () => new Date('2026-12-07T02:00:00Z') };
  const store = MemorySessionStore.create({ clock, mailboxes: [ava], settings: new Map([['t1', withDefaults({})]]) });
  const commits: IdleCommit[] = [];
  const record = store.recordIdleSession.bind(store);
  store.recordIdleSession = async (commit) => {
    commits.push(commit);
    await record(commit);
  };
  let todo = 0;
  const families = [
    calendarSync({ calendar: emptySource(() => 'graph-1'), crm: noCrm as never }) as unknown as FamilySync,
    { ...(calendarSync({ calendar: emptySource(() => `todo-${(todo += 1)}`), crm: noCrm as never }) as unknown as FamilySync), cursor: 'todoDelta' as const },
  ];
  const transaction = store.transaction.bind(store);
  let transactions = 0;
  store.transaction = (fn) => ((transactions += 1), transaction(fn));

  await runSession({ store, clock, families, sealer: TEST_SEALER }, 'ava');
  await runSession({ store, clock, families, sealer: TEST_SEALER }, 'ava');

  const status = { mailboxId: 'ava', health: 'ok', lastSessionAt: '2026-12-07T02:00:00.000Z', lastSuccessAt: '2026-12-07T02:00:00.000Z', lastErrorCode: null, lastErrorMessage: null, pairsInError: 'count' };
  expect(commits).toEqual([
    { families: [{ cursor: { key: { kind: 'graphDelta', scopeId: 'ava' }, value: 'graph-1' } }, { cursor: { key: { kind: 'todoDelta', scopeId: 'ava' }, value: 'todo-1' } }], status },
    // The calendar's cursor did not move: only To Do's is written again.
    { families: [{ cursor: null }, { cursor: { key: { kind: 'todoDelta', scopeId: 'ava' }, value: 'todo-2' } }], status },
  ]);
  // The in-memory store makes a transaction of each family's part (the fault model's count of state commits); the
  // session itself opened none.
  expect(transactions).toBe(4);
  expect(await store.getCursor({ kind: 'todoDelta', scopeId: 'ava' })).toBe('todo-2');
  expect(await store.getCursor({ kind: 'graphDelta', scopeId: 'ava' })).toBe('graph-1');
});
