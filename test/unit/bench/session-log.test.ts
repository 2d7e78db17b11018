// The scale-out bench's reading of the workers' logs (issue 18, goal 5): a session is the interval before its
// `session done` line; overlaps of one mailbox's sessions, sessions per worker, and the resumption of a killed
// worker's mailboxes are computed from those intervals.
import { countersDelta, type DatabaseCounters } from '../../../bench/lib/pg-watch.js';
import { parseSessionLine, resumedAfterKill, sessionOverlaps, spreadOver, type SessionRecord } from '../../../bench/lib/session-log.js';

const at = (s: number) => Date.UTC(2026, 11, 7, 5, 0, s);
const rec = (worker: number, mailboxId: string, startS: number, endS: number): SessionRecord => ({ worker, mailboxId, start: at(startS), end: at(endS) });

describe('session-log', () => {
  it('reads a `session done` line as the interval that ends at its time and lasted `ms`; other lines are null', () => {
    const line = JSON.stringify({ level: 'info', time: new Date(at(10)).toISOString(), mailboxId: 'mb-1', reason: 'change', ms: 2500, msg: 'session done' });
    expect(parseSessionLine(3, line)).toEqual({ worker: 3, mailboxId: 'mb-1', start: at(10) - 2500, end: at(10) });
    expect(parseSessionLine(0, JSON.stringify({ msg: 'session failed', mailboxId: 'mb-1', ms: 3 }))).toBeNull();
    expect(parseSessionLine(0, 'not json "session done"')).toBeNull();
  });

  it('counts an overlap only for one mailbox, including a session covered by an earlier long one', () => {
    const records = [
      rec(0, 'a', 0, 10), // long session
      rec(1, 'a', 11, 12), // after it: fine
      rec(1, 'b', 0, 10),
      rec(0, 'b', 3, 4), // inside b's first: an overlap across workers
      rec(2, 'b', 6, 7), // also inside it, though after the previous one ended
      rec(0, 'c', 0, 5),
      rec(1, 'd', 1, 4), // another mailbox at the same time: not an overlap
    ];
    const found = sessionOverlaps(records);
    expect(found.map((o) => [o.mailboxId, o.second.worker])).toEqual([
      ['b', 0],
      ['b', 2],
    ]);
    expect(sessionOverlaps([rec(0, 'a', 0, 5), rec(1, 'a', 5, 6)])).toEqual([]);
  });

  it('spreads the sessions that ended in the window over every worker, a worker with none counting 0', () => {
    const records = [rec(0, 'a', 0, 1), rec(0, 'b', 1, 2), rec(1, 'c', 1, 2), rec(0, 'a', 30, 31)];
    expect(spreadOver(records, 3, at(0), at(10))).toEqual({ perWorker: [2, 1, 0], max: 2, min: 0 });
  });

  it("times the killed worker's mailboxes until each finished a session started after the kill on another worker", () => {
    const killedAt = at(20);
    const records = [
      rec(1, 'a', 5, 25), // on the killed worker: never counts
      rec(0, 'a', 18, 22), // started before the kill: does not count
      rec(0, 'a', 40, 45),
      rec(2, 'b', 21, 30),
      rec(2, 'b', 50, 55), // a later one: the first counts
    ];
    expect(resumedAfterKill(records, ['a', 'b'], 1, killedAt)).toEqual({ mailboxes: 2, notResumed: [], allDoneMs: 25_000 });
    expect(resumedAfterKill(records, ['a', 'z'], 1, killedAt)).toEqual({ mailboxes: 2, notResumed: ['z'], allDoneMs: 25_000 });
  });
});

describe('pg-watch counters', () => {
  it('takes the change of each counter over the window, busiest tables first, a table new in the window from 0', () => {
    const table = (name: string, updates: number, inserts = 0) => ({ table: name, updates, hotUpdates: Math.floor(updates / 2), inserts, deletes: 0 });
    const before: DatabaseCounters = { xactCommit: 100, xactRollback: 1, deadlocks: 0, blksRead: 10, blksHit: 1000, tables: [table('public.sync_pairs', 10), table('pgboss.job', 5)] };
    const after: DatabaseCounters = { xactCommit: 160, xactRollback: 3, deadlocks: 0, blksRead: 12, blksHit: 1900, tables: [table('public.sync_pairs', 14), table('pgboss.job', 45), table('public.sync_log', 0, 7)] };
    const delta = countersDelta(before, after);
    expect({ commits: delta.xactCommit, rollbacks: delta.xactRollback, hit: delta.blksHit }).toEqual({ commits: 60, rollbacks: 2, hit: 900 });
    expect(delta.tables.map((t) => [t.table, t.updates, t.inserts])).toEqual([
      ['pgboss.job', 40, 0],
      ['public.sync_log', 0, 7],
      ['public.sync_pairs', 4, 0],
    ]);
  });
});
