// The admin's "sync this mailbox now" report (POST /api/admin/mailboxes/{id}/sync, `npm run sync`) shows the R12
// conflicts the session logged: pair, fields and winner, apart from the writes it counts and the failures it lists.
import type { ConflictRecord } from '../../../src/server/domain/conflict-record.js';
import type { SyncLogEntry } from '../../../src/server/domain/sync-log.js';
import { formatRemote } from '../../../src/server/cli/remote.js';
import { syncNow } from '../../../src/server/jobs/sync-now.js';
import { aLogEntry, aMailbox } from '../../support/state-fixtures.js';

const record = (winner: 'outlook' | 'crm'): ConflictRecord => ({
  fields: ['subject'],
  bothChanged: true,
  winner,
  outlook: { version: 'ck-2', digests: { subject: 'd-o' } },
  crm: { version: 'etag-2', digests: { subject: 'd-c' } },
});

function reportFor(log: SyncLogEntry[]) {
  const asked = '2026-12-06T10:00:00.000Z';
  return syncNow(
    {
      store: {
        getMailboxStatus: async () => ({ mailboxId: 'mbx-1', health: 'ok', lastSessionAt: '2026-12-06T10:00:01.000Z', lastSuccessAt: null, lastErrorCode: null, lastErrorMessage: null, pairsInError: 0 }),
        listLog: async () => log,
        listHolds: async () => [],
      },
      queue: { enqueueMailboxSession: async () => undefined },
      clock: { now: () => new Date(asked) },
    },
    aMailbox(),
  );
}

describe('sync now: conflicts in the report', () => {
  it('lists the conflicts the session logged, oldest first, and keeps them out of the applied writes and the failures', async () => {
    const at = '2026-12-06T10:00:00.500Z';
    // listLog answers newest first.
    const report = await reportFor([
      aLogEntry({ at, pairId: 'p2', event: 'updateOutlook', outcome: 'error', code: 'temporary', message: 'Graph unavailable' }),
      aLogEntry({ at, pairId: 'p2', event: 'conflict', outcome: 'error', message: 'Changed on both sides: subject; C4C won (R12).', conflict: record('crm') }),
      aLogEntry({ at, pairId: 'p1', event: 'updateCrm' }),
      aLogEntry({ at, pairId: 'p1', event: 'conflict', message: 'Changed on both sides: subject; Outlook won (R12).', conflict: record('outlook') }),
    ]);
    expect(report.conflicts).toEqual([
      { pairId: 'p1', fields: ['subject'], winner: 'outlook', applied: true },
      { pairId: 'p2', fields: ['subject'], winner: 'crm', applied: false },
    ]);
    expect(report.applied).toEqual({ updateCrm: 1 });
    expect(report.failed).toEqual([{ pairId: 'p2', code: 'temporary', message: 'Graph unavailable' }]);
    expect(formatRemote(report)).toContain('Conflicts (changed on both sides, R12): 2\n  - p1: subject: Outlook won\n  - p2: subject: C4C won (not written yet; decided again next session)');
  });

  it("leaves the worker's session summary lines out of the writes and failures it counts", async () => {
    const at = '2026-12-06T10:00:00.500Z';
    const summary = { reason: 'manual', fullRead: false, read: { outlook: 1, crm: 0 }, applied: { updateCrm: 1 }, failed: 0, held: 0, durationMs: 120 };
    const report = await reportFor([
      aLogEntry({ at, pairId: null, event: 'session', outcome: 'error', code: 'temporary', message: 'C4C unavailable', session: summary }),
      aLogEntry({ at, pairId: null, event: 'session', session: summary }),
      aLogEntry({ at, pairId: 'p1', event: 'updateCrm' }),
    ]);
    expect(report.applied).toEqual({ updateCrm: 1 });
    expect(report.failed).toEqual([]);
  });

  it('refuses a paused mailbox at once instead of waiting for a session that would be skipped', async () => {
    let asked = 0;
    const paused = { ...aMailbox(), paused: true as const };
    const deps = { store: { getMailboxStatus: async () => null, listLog: async () => [], listHolds: async () => [] }, queue: { enqueueMailboxSession: async () => void (asked += 1) }, clock: { now: () => new Date() } };
    await expect(syncNow(deps, paused)).rejects.toThrow(/is paused: resume it first/);
    expect(asked).toBe(0);
  });
});
