// The session's combined reads and its idle commit (adapters/store/sql-session-reads.ts) on both drivers: each
// returns exactly what the single reads return, in one round trip, and the idle commit writes its cursors and the
// mailbox's status together or not at all.
import { jest } from '@jest/globals';
import { countRoundTrips, type CountedDatabase } from '../../../bench/lib/db-round-trips.js';
import { createSessionStore, UnknownMailboxError, type SqlSessionStore } from '../../../src/server/adapters/store/index.js';
import { DEFAULT_SYNC_SETTINGS } from '../../../src/server/domain/settings.js';
import type { MailboxStatusUpdate } from '../../../src/server/ports/state-store.js';
import { aCalendarItem, aHold, aMailbox, aPair } from '../../support/state-fixtures.js';
import { TEST_DRIVERS, openTestDatabase, stopTestDatabases } from '../../support/test-database.js';

jest.setTimeout(60_000);
afterAll(stopTestDatabases);

const idleStatus = (mailboxId: string): MailboxStatusUpdate => ({
  mailboxId,
  health: 'ok',
  lastSessionAt: '2026-12-07T02:00:00.000Z',
  lastSuccessAt: '2026-12-07T02:00:00.000Z',
  lastErrorCode: null,
  lastErrorMessage: null,
  pairsInError: 'count',
});

describe.each(TEST_DRIVERS)('session reads and the idle commit on %s', (driver) => {
  let counted: CountedDatabase;
  let store: SqlSessionStore;
  beforeAll(async () => {
    counted = countRoundTrips(await openTestDatabase(driver));
    store = createSessionStore(counted.db);
    await store.transaction(async (tx) => {
      await tx.upsertMailbox(aMailbox());
      await tx.upsertMailbox(aMailbox({ mailboxId: 'mbx-2', email: 'ben@contoso.example', tenantId: 'tenant-2' }));
      await tx.saveSettings('tenant-1', { ...DEFAULT_SYNC_SETTINGS, deleteGuardLimit: 7 });
    });
  });
  afterAll(async () => {
    await store.close();
  });

  it('reads the mailbox with its tenant settings in one round trip', async () => {
    counted.reset();
    expect(await store.readSessionMailbox('mbx-1')).toEqual({ mailbox: aMailbox(), settings: { ...DEFAULT_SYNC_SETTINGS, deleteGuardLimit: 7 } });
    expect(await store.readSessionMailbox('mbx-2')).toEqual({ mailbox: aMailbox({ mailboxId: 'mbx-2', email: 'ben@contoso.example', tenantId: 'tenant-2' }), settings: null });
    expect(await store.readSessionMailbox('nobody')).toBeNull();
    expect(counted.count()).toBe(3);
    await counted.db.query("UPDATE mailboxes SET paused_at = '2026-12-07T01:00:00.000Z' WHERE mailbox_id = 'mbx-2'");
    expect((await store.readSessionMailbox('mbx-2'))?.mailbox.paused).toBe(true);
  });

  it('reads pairs, the asked cursors, inbox, pending creates, write intents and released holds as the single reads do, in one round trip', async () => {
    const activity = (objectId: string) => ({ objectId, kind: 'appointment', version: 'v1', groupwareItemId: null, status: 'open', removed: false, ownerPartyId: '1', ownerEmail: 'ava@contoso.example', organizerPartyId: null, organizerEmail: null, lastChangedOn: '2026-12-07T01:00:00Z', fields: aCalendarItem() }) as const;
    await store.transaction(async (tx) => {
      await tx.upsertPairs([aPair(), aPair({ pairId: 'pair-2', crmObjectId: '00163E0000000002', outlookId: 'AAMkAD-2', base: null, status: 'error', lastError: { code: 'crmRejected', message: 'no' }, errorSince: '2026-12-07T01:00:00.000Z' }), aPair({ pairId: 'pair-3', mailboxId: 'mbx-2', crmObjectId: '00163E0000000003' })]);
      await tx.setCursor({ kind: 'graphDelta', scopeId: 'mbx-1' }, 'delta-1');
      await tx.setCursor({ kind: 'contactDelta', scopeId: 'mbx-1' }, 'contacts-1');
      await tx.setCursor({ kind: 'graphDelta', scopeId: 'mbx-2' }, 'delta-of-another');
      await tx.putInbox([{ mailboxId: 'mbx-1', activity: activity('B2') }, { mailboxId: 'mbx-1', activity: activity('A1') }, { mailboxId: 'mbx-2', activity: activity('C3') }]);
      await tx.putHold(aHold({ status: 'released', holdId: 'hold-b', createdAt: '2026-12-07T01:00:00.000Z' }));
      await tx.putHold(aHold({ status: 'released', holdId: 'hold-a', createdAt: '2026-12-07T01:00:00.000Z' }));
      await tx.putHold(aHold({ status: 'held', holdId: 'hold-c' }));
    });
    await store.putPendingCreates([{ mailboxId: 'mbx-1', pairId: 'pair-9', outlookId: 'AAMk-9', kind: 'appointment', groupwareItemId: 'g-9' }, { mailboxId: 'mbx-1', pairId: 'pair-8', outlookId: 'AAMk-8', kind: 'visit', groupwareItemId: 'g-8' }]);
    await store.putWriteIntents([{ mailboxId: 'mbx-1', pairId: 'pair-2', intended: aCalendarItem({ subject: 'meant' }), outlookFields: ['subject'], crmFields: [] }]);

    counted.reset();
    const state = await store.readSessionState('mbx-1', ['graphDelta', 'todoDelta']);
    expect(counted.count()).toBe(1);
    const byId = (a: { pairId: string }, b: { pairId: string }) => a.pairId.localeCompare(b.pairId);
    expect(state.pairs.sort(byId)).toEqual((await store.loadPairs('mbx-1')).sort(byId));
    expect(state.pairs.map((p) => p.pairId)).toEqual(['pair-1', 'pair-2']);
    // The kinds asked for, of this mailbox; one never set is absent.
    expect([...state.cursors]).toEqual([['graphDelta', 'delta-1']]);
    expect(state.inbox).toEqual(await store.listInbox('mbx-1'));
    expect(state.inbox.map((e) => e.activity.objectId)).toEqual(['A1', 'B2']);
    expect(state.pendingCreates).toEqual(await store.listPendingCreates('mbx-1'));
    expect(state.pendingCreates.map((p) => p.pairId)).toEqual(['pair-8', 'pair-9']);
    expect(state.writeIntents).toEqual(await store.listWriteIntents('mbx-1'));
    expect(state.writeIntents).toHaveLength(1);
    expect(state.releasedHolds).toEqual(await store.listHolds({ mailboxId: 'mbx-1', status: 'released' }));
    expect(state.releasedHolds.map((h) => h.holdId)).toEqual(['hold-a', 'hold-b']);

    const empty = await store.readSessionState('nobody', ['graphDelta']);
    expect(empty).toEqual({ pairs: [], cursors: new Map(), inbox: [], pendingCreates: [], writeIntents: [], releasedHolds: [] });
  });

  it("records the idle families' commit in one round trip: the status, and the cursors that moved", async () => {
    const todo = { kind: 'todoDelta' as const, scopeId: 'mbx-1' };
    const contacts = { kind: 'contactDelta' as const, scopeId: 'mbx-1' };
    counted.reset();
    await store.recordIdleSession({ families: [{ cursor: { key: todo, value: 'todo-2' } }, { cursor: { key: contacts, value: 'contacts-2' } }, { cursor: null }], status: idleStatus('mbx-1') });
    expect(counted.count()).toBe(1);
    expect(await store.getCursor(todo)).toBe('todo-2');
    expect(await store.getCursor(contacts)).toBe('contacts-2');
    // pairs_in_error is counted as the commit's transaction counts it (pair-2 above is in error).
    expect(await store.getMailboxStatus('mbx-1')).toEqual({ ...idleStatus('mbx-1'), pairsInError: 1 });

    await store.recordIdleSession({ families: [{ cursor: null }], status: { ...idleStatus('mbx-1'), health: 'held', lastSessionAt: '2026-12-07T03:00:00.000Z' } });
    expect(await store.getCursor(todo)).toBe('todo-2');
    expect((await store.getMailboxStatus('mbx-1'))?.health).toBe('held');
  });

  it('writes nothing for a mailbox that is gone (the transaction it replaces rolled back)', async () => {
    const key = { kind: 'graphDelta' as const, scopeId: 'gone' };
    await expect(store.recordIdleSession({ families: [{ cursor: { key, value: 'delta-x' } }], status: idleStatus('gone') })).rejects.toThrow(UnknownMailboxError);
    expect(await store.getCursor(key)).toBeNull();
  });
});
