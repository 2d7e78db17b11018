import type { CrmActivity } from '../../../src/server/domain/snapshots.js';
import type { SyncPair } from '../../../src/server/domain/sync-pair.js';
import type { CrmDeleteHint } from '../../../src/server/ports/crm-delete-notes.js';
import { HINT_WAIT_MS, kindOfEntitySet, settleCrmDeleteHints } from '../../../src/server/sync/tenant/delete-notes.js';
import { crmActivity, outlookItem, syncedPair } from './fixtures.js';

const NOW = new Date('2026-11-22T12:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();

function deps(hints: CrmDeleteHint[], pairs: SyncPair[], current: (ids: string[]) => CrmActivity[]) {
  return {
    store: {
      listCrmDeleteHints: async () => hints,
      findPairsByCrmObjectId: async (id: string) => pairs.filter((p) => p.crmObjectId === id),
    },
    crm: { getByIds: async (_t: string, refs: readonly { objectId: string }[]) => current(refs.map((r) => r.objectId)) },
  };
}
const hint = (objectId: string, notedAt: string): CrmDeleteHint => ({ tenantId: 't1', kind: 'appointment', objectId, notedAt });
const gone = (objectId: string): CrmActivity => ({ ...crmActivity(objectId), removed: true, status: 'cancelled', lastChangedOn: '1970-01-01T00:00:00Z' });

/** The tenant poll hands each family its own notes; here every note is an Appointment's. */
const settle = async (d: ReturnType<typeof deps>, tenantId: string, now: Date) => settleCrmDeleteHints(d, tenantId, await d.store.listCrmDeleteHints(), now);

describe('C4C delete notes', () => {
  it('files a confirmed delete for every mailbox that mirrors it, as of now, and drops the note', async () => {
    const pairA = syncedPair('p1', outlookItem('A'), crmActivity('C1'));
    const pairB = { ...syncedPair('p2', outlookItem('B'), crmActivity('C1')), mailboxId: 'mb-ben' };
    const result = await settle(deps([hint('C1', ago(1000))], [pairA, pairB], (ids) => ids.map(gone)), 't1', NOW);
    expect(result.entries.map((e) => e.mailboxId).sort()).toEqual(['mb-ava', 'mb-ben']);
    expect(result.entries[0]?.activity).toMatchObject({ objectId: 'C1', removed: true, lastChangedOn: NOW.toISOString() });
    expect(result).toMatchObject({ drop: ['C1'], failure: null });
  });

  it('drops a note for an activity C4C still has, without filing anything (a forged or stale notification)', async () => {
    const pair = syncedPair('p1', outlookItem('A'), crmActivity('C1'));
    const result = await settle(deps([hint('C1', ago(1000))], [pair], (ids) => ids.map((id) => crmActivity(id))), 't1', NOW);
    expect(result).toEqual({ entries: [], drop: ['C1'], failure: null, waiting: 0 });
  });

  it('keeps a note without a live pair until it has waited too long, and ignores closed pairs', async () => {
    const closed = { ...syncedPair('p1', outlookItem('A'), crmActivity('C2')), status: 'closed' as const };
    let asked = false;
    const result = await settle(
      deps([hint('C1', ago(HINT_WAIT_MS - 1000)), hint('C2', ago(HINT_WAIT_MS + 1000))], [closed], () => ((asked = true), [])),
      't1',
      NOW,
    );
    expect(result).toEqual({ entries: [], drop: ['C2'], failure: null, waiting: 1 });
    expect(asked).toBe(false);
  });

  it('keeps the notes when C4C cannot be asked, and says why', async () => {
    const pair = syncedPair('p1', outlookItem('A'), crmActivity('C1'));
    const failing = deps([hint('C1', ago(1000))], [pair], () => {
      throw new Error('C4C unavailable');
    });
    expect(await settle(failing, 't1', NOW)).toEqual({ entries: [], drop: [], failure: 'C4C unavailable', waiting: 1 });
  });

  it('knows the entity sets of synced activities only', () => {
    expect(kindOfEntitySet('AppointmentCollection')).toBe('appointment');
    expect(kindOfEntitySet('VisitCollection')).toBe('visit');
    expect(kindOfEntitySet('TaskCollection')).toBeNull();
  });
});
