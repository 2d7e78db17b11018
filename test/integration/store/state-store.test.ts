// The StateStore port on both drivers: rows read back exactly as written, and a transaction's pairs, cursors and
// log entries commit together or not at all (DESIGN §3 "Cursors").
import { jest } from '@jest/globals';
import { createStateStore, TransactionMisuseError, UnknownMailboxError } from '../../../src/server/adapters/store/index.js';
import { DEFAULT_SYNC_SETTINGS } from '../../../src/server/domain/settings.js';
import type { CursorKey, StateStore } from '../../../src/server/ports/state-store.js';
import { aHold, aLogEntry, aMailbox, aPair } from '../../support/state-fixtures.js';
import { TEST_DRIVERS, openTestDatabase, stopTestDatabases } from '../../support/test-database.js';

jest.setTimeout(60_000);
afterAll(stopTestDatabases);

const delta: CursorKey = { kind: 'graphDelta', scopeId: 'mbx-1' };

describe.each(TEST_DRIVERS)('StateStore on %s', (driver) => {
  let store: StateStore;
  beforeEach(async () => {
    store = createStateStore(await openTestDatabase(driver));
    await store.transaction(async (tx) => {
      await tx.upsertMailbox(aMailbox());
      await tx.upsertMailbox(aMailbox({ mailboxId: 'mbx-2', email: 'ben@contoso.example', displayName: 'Ben' }));
    });
  });
  afterEach(async () => {
    await store.close();
  });

  describe('mailboxes', () => {
    it('reads back what was registered, and lists by tenant and enabled', async () => {
      await store.transaction((tx) =>
        tx.upsertMailbox(aMailbox({ mailboxId: 'mbx-3', tenantId: 'tenant-2', provider: 'google', enabled: false, employeePartyId: null })),
      );
      expect(await store.getMailbox('mbx-1')).toEqual(aMailbox());
      expect(await store.getMailbox('nobody')).toBeNull();
      expect((await store.listMailboxes()).map((m) => m.mailboxId)).toEqual(['mbx-1', 'mbx-2', 'mbx-3']);
      expect((await store.listMailboxes({ tenantId: 'tenant-1' })).map((m) => m.mailboxId)).toEqual(['mbx-1', 'mbx-2']);
      expect((await store.listMailboxes({ enabledOnly: true })).map((m) => m.mailboxId)).toEqual(['mbx-1', 'mbx-2']);
      expect(await store.listMailboxes({ tenantId: 'tenant-2' })).toEqual([
        aMailbox({ mailboxId: 'mbx-3', tenantId: 'tenant-2', provider: 'google', enabled: false, employeePartyId: null }),
      ]);
    });

    it('keeps the session status apart from the registration', async () => {
      expect(await store.getMailboxStatus('mbx-1')).toEqual({
        mailboxId: 'mbx-1',
        health: 'never',
        lastSessionAt: null,
        lastSuccessAt: null,
        lastErrorCode: null,
        lastErrorMessage: null,
        pairsInError: 0,
      });
      const status = {
        mailboxId: 'mbx-1',
        health: 'error' as const,
        lastSessionAt: '2026-11-21T08:30:00.000Z',
        lastSuccessAt: '2026-11-21T08:00:00.000Z',
        lastErrorCode: 'authFailed',
        lastErrorMessage: 'token rejected',
        pairsInError: 3,
      };
      await store.transaction((tx) => tx.setMailboxStatus(status));
      await store.transaction((tx) => tx.upsertMailbox(aMailbox({ displayName: 'Anna Smith' })));
      expect(await store.getMailboxStatus('mbx-1')).toEqual(status);
      expect((await store.getMailbox('mbx-1'))?.displayName).toBe('Anna Smith');
      expect(await store.getMailboxStatus('nobody')).toBeNull();
    });

    it('refuses a status for an unknown mailbox', async () => {
      const status = { mailboxId: 'ghost', health: 'ok' as const, lastSessionAt: null, lastSuccessAt: null, lastErrorCode: null, lastErrorMessage: null, pairsInError: 0 };
      await expect(store.transaction((tx) => tx.setMailboxStatus(status))).rejects.toThrow(UnknownMailboxError);
      await expect(store.transaction((tx) => tx.setMailboxStatus({ ...status, pairsInError: 'count' }))).rejects.toThrow(UnknownMailboxError);
    });

    it('counts the pairs in error itself when a session commits', async () => {
      const inError = (pairId: string, outlookId: string) => aPair({ pairId, outlookId, crmObjectId: `crm-${pairId}`, status: 'error', lastError: { code: 'crmRejected', message: 'refused' } });
      await store.transaction((tx) => tx.upsertPairs([inError('p-1', 'o-1'), inError('p-2', 'o-2'), aPair({ pairId: 'p-3', outlookId: 'o-3', crmObjectId: 'crm-p-3' })]));
      const status = { mailboxId: 'mbx-1', health: 'ok' as const, lastSessionAt: null, lastSuccessAt: null, lastErrorCode: null, lastErrorMessage: null };
      await store.transaction((tx) => tx.setMailboxStatus({ ...status, pairsInError: 'count' }));
      expect((await store.getMailboxStatus('mbx-1'))?.pairsInError).toBe(2);
    });
  });

  describe('pairs', () => {
    it('reads a pair back exactly as written, base document included', async () => {
      const pair = aPair();
      const failed = aPair({
        pairId: 'pair-2',
        outlookId: 'AAMkAD-2',
        crmObjectId: null,
        crmVersion: null,
        crmHash: null,
        base: null,
        status: 'error',
        lastError: { code: 'crmRejected', message: 'Subject too long' },
        errorSince: '2026-11-21T07:00:00Z',
      });
      await store.transaction((tx) => tx.upsertPairs([pair, failed]));
      const loaded = await store.loadPairs('mbx-1');
      expect(loaded.sort((a, b) => a.pairId.localeCompare(b.pairId))).toEqual([pair, failed]);
      expect(await store.loadPairs('mbx-2')).toEqual([]);
    });

    it('replaces the whole row on upsert; the last copy of a pair in one batch wins', async () => {
      await store.transaction((tx) => tx.upsertPairs([aPair()]));
      const changed = aPair({ outlookVersion: 'ck-2', outlookHash: 'h-out-2', base: null, status: 'unlinked', updatedAt: '2026-11-21T09:00:00.000Z' });
      await store.transaction((tx) => tx.upsertPairs([aPair({ outlookVersion: 'ignored' }), changed]));
      expect(await store.loadPairs('mbx-1')).toEqual([changed]);
    });

    it('finds a pair by Outlook id and all pairs of a C4C activity across mailboxes', async () => {
      const inAnna = aPair();
      const inBen = aPair({ pairId: 'pair-b', mailboxId: 'mbx-2', outlookId: 'AAMkAD-ben', origin: 'crm' });
      await store.transaction((tx) => tx.upsertPairs([inAnna, inBen]));
      expect(await store.findPairByOutlookId('mbx-1', 'AAMkAD-1')).toEqual(inAnna);
      expect(await store.findPairByOutlookId('mbx-2', 'AAMkAD-1')).toBeNull();
      expect(await store.findPairsByCrmObjectId('00163E0000000001')).toEqual([inAnna, inBen]);
      expect(await store.findPairsByCrmObjectId('unknown')).toEqual([]);
      const other = aPair({ pairId: 'pair-c', outlookId: 'AAMkAD-2', crmObjectId: '00163E0000000002' });
      await store.transaction((tx) => tx.upsertPairs([other]));
      expect(await store.findPairsByCrmObjectIds(['00163E0000000002', 'unknown', '00163E0000000001'])).toEqual([inAnna, inBen, other]);
      expect(await store.findPairsByCrmObjectIds([])).toEqual([]);
    });

    it('deletes pairs by id', async () => {
      await store.transaction((tx) => tx.upsertPairs([aPair(), aPair({ pairId: 'pair-2', outlookId: 'x', crmObjectId: 'y' })]));
      await store.transaction((tx) => tx.deletePairs(['pair-1', 'not-there']));
      expect((await store.loadPairs('mbx-1')).map((p) => p.pairId)).toEqual(['pair-2']);
    });

    it('allows one pair per C4C activity in a mailbox, and a live pair beside tombstones per Outlook item', async () => {
      await store.transaction((tx) => tx.upsertPairs([aPair({ status: 'unlinked' })]));
      // Retagged as the other kind: the old pair stays as a tombstone and a new pair mirrors the item.
      const retagged = aPair({ pairId: 'retagged', kind: 'visit', crmObjectId: 'other', updatedAt: '2026-11-21T07:00:00.000Z' });
      await store.transaction((tx) => tx.upsertPairs([retagged]));
      expect(await store.findPairByOutlookId('mbx-1', 'AAMkAD-1')).toEqual(retagged);
      await expect(store.transaction((tx) => tx.upsertPairs([aPair({ pairId: 'dup-crm', outlookId: 'other' })]))).rejects.toThrow();
      // Pending pairs (the other side not created yet) may share a NULL id.
      await store.transaction((tx) =>
        tx.upsertPairs([aPair({ pairId: 'p-a', outlookId: null, crmObjectId: 'c-a' }), aPair({ pairId: 'p-b', outlookId: null, crmObjectId: 'c-b' })]),
      );
      expect((await store.loadPairs('mbx-1')).length).toBe(4);
    });

    it('refuses pairs of an unregistered mailbox', async () => {
      await expect(store.transaction((tx) => tx.upsertPairs([aPair({ mailboxId: 'ghost' })]))).rejects.toThrow();
    });
  });

  describe('cursors and transactions', () => {
    it('has no cursor until one is set; set, overwrite and delete work per kind and scope', async () => {
      expect(await store.getCursor(delta)).toBeNull();
      await store.transaction((tx) => tx.setCursor(delta, 'https://graph/delta?token=1'));
      await store.transaction((tx) => tx.setCursor({ kind: 'crmHighWater', scopeId: 'mbx-1' }, '2026-11-21T08:00:00Z'));
      await store.transaction((tx) => tx.setCursor(delta, 'https://graph/delta?token=2'));
      expect(await store.getCursor(delta)).toBe('https://graph/delta?token=2');
      expect(await store.getCursor({ kind: 'crmHighWater', scopeId: 'mbx-1' })).toBe('2026-11-21T08:00:00Z');
      expect(await store.getCursor({ kind: 'graphDelta', scopeId: 'mbx-2' })).toBeNull();
      await store.transaction((tx) => tx.deleteCursor(delta));
      expect(await store.getCursor(delta)).toBeNull();
    });

    it('commits a batch of pairs, log entries and its cursor together', async () => {
      await store.transaction(async (tx) => {
        await tx.upsertPairs([aPair()]);
        await tx.appendLog([aLogEntry()]);
        await tx.setCursor(delta, 'link-after-batch');
        // Reads through tx see the transaction's own writes.
        expect(await tx.getCursor(delta)).toBe('link-after-batch');
        expect((await tx.loadPairs('mbx-1')).length).toBe(1);
      });
      expect(await store.getCursor(delta)).toBe('link-after-batch');
      expect(await store.loadPairs('mbx-1')).toEqual([aPair()]);
      expect(await store.listLog({ mailboxId: 'mbx-1', limit: 10 })).toEqual([aLogEntry()]);
    });

    it('never advances a cursor past work that failed to record: a crash replays, it never loses', async () => {
      await store.transaction((tx) => tx.setCursor(delta, 'link-0'));
      await expect(
        store.transaction(async (tx) => {
          await tx.upsertPairs([aPair()]);
          await tx.appendLog([aLogEntry()]);
          await tx.setCursor(delta, 'link-1');
          throw new Error('crash before commit');
        }),
      ).rejects.toThrow('crash before commit');
      expect(await store.getCursor(delta)).toBe('link-0');
      expect(await store.loadPairs('mbx-1')).toEqual([]);
      expect(await store.listLog({ limit: 10 })).toEqual([]);
    });

    it('rolls back the cursor when a database write of the batch fails', async () => {
      await expect(
        store.transaction(async (tx) => {
          await tx.setCursor(delta, 'link-1');
          await tx.upsertPairs([aPair({ mailboxId: 'ghost' })]);
        }),
      ).rejects.toThrow();
      expect(await store.getCursor(delta)).toBeNull();
    });

    it('refuses the store’s own reads inside a transaction (they would run outside it)', async () => {
      await expect(store.transaction(() => store.loadPairs('mbx-1'))).rejects.toThrow(TransactionMisuseError);
    });

    it('runs concurrent transactions of different mailboxes without losing any', async () => {
      const mailboxes = ['c-1', 'c-2', 'c-3', 'c-4', 'c-5'];
      await store.transaction(async (tx) => {
        for (const id of mailboxes) await tx.upsertMailbox(aMailbox({ mailboxId: id, email: `${id}@contoso.example` }));
      });
      await Promise.all(
        mailboxes.map((id) =>
          store.transaction(async (tx) => {
            const pairs = Array.from({ length: 20 }, (_, i) => aPair({ pairId: `${id}-${i}`, mailboxId: id, outlookId: `o-${i}`, crmObjectId: `c-${i}` }));
            await tx.upsertPairs(pairs);
            await tx.setCursor({ kind: 'graphDelta', scopeId: id }, `${id}-done`);
          }),
        ),
      );
      for (const id of mailboxes) {
        expect((await store.loadPairs(id)).length).toBe(20);
        expect(await store.getCursor({ kind: 'graphDelta', scopeId: id })).toBe(`${id}-done`);
      }
      expect((await store.findPairsByCrmObjectId('c-7')).map((p) => p.mailboxId)).toEqual(mailboxes);
    });
  });

  describe('log, holds, settings', () => {
    it('lists the log newest first, filtered and limited', async () => {
      await store.transaction((tx) =>
        tx.appendLog([
          aLogEntry({ event: 'session.start', pairId: null }),
          aLogEntry({ event: 'createCrm', pairId: 'pair-1' }),
          aLogEntry({ event: 'updateOutlook', pairId: 'pair-2', outcome: 'error', code: 'throttled', message: '429' }),
          aLogEntry({ event: 'session.start', pairId: null, mailboxId: 'mbx-2' }),
        ]),
      );
      expect((await store.listLog({ mailboxId: 'mbx-1', limit: 10 })).map((e) => e.event)).toEqual(['updateOutlook', 'createCrm', 'session.start']);
      expect((await store.listLog({ mailboxId: 'mbx-1', limit: 2 })).map((e) => e.event)).toEqual(['updateOutlook', 'createCrm']);
      expect(await store.listLog({ pairId: 'pair-2', limit: 10 })).toEqual([
        aLogEntry({ event: 'updateOutlook', pairId: 'pair-2', outcome: 'error', code: 'throttled', message: '429' }),
      ]);
      expect((await store.listLog({ limit: 10 })).length).toBe(4);
    });

    it('keeps a conflict record with its log line (R12), and no record on other lines', async () => {
      const conflict = { fields: ['startUtc', 'endUtc', 'isAllDay'], bothChanged: true as const, winner: 'crm' as const, outlook: { version: 'ck-2', digests: { startUtc: 'd1', endUtc: 'd2', isAllDay: 'd3' } }, crm: { version: null, digests: { startUtc: 'd4', endUtc: 'd5', isAllDay: 'd6' } } };
      await store.transaction((tx) => tx.appendLog([aLogEntry({ event: 'conflict', message: 'Changed on both sides', conflict }), aLogEntry({ event: 'updateOutlook' })]));
      const [update, logged] = await store.listLog({ pairId: 'pair-1', limit: 10 });
      expect(logged).toEqual(aLogEntry({ event: 'conflict', message: 'Changed on both sides', conflict }));
      expect(update).toStrictEqual(aLogEntry({ event: 'updateOutlook' }));
    });

    it('keeps guard holds and their decisions', async () => {
      await store.transaction((tx) => tx.putHold(aHold()));
      await store.transaction((tx) => tx.putHold(aHold({ holdId: 'hold-2', createdAt: '2026-11-21T09:00:00.000Z' })));
      const released = aHold({ status: 'released', decidedAt: '2026-11-21T10:00:00.000Z', decidedBy: 'admin@contoso.example' });
      await store.transaction((tx) => tx.putHold(released));
      expect(await store.listHolds({ mailboxId: 'mbx-1' })).toEqual([released, aHold({ holdId: 'hold-2', createdAt: '2026-11-21T09:00:00.000Z' })]);
      expect((await store.listHolds({ status: 'held' })).map((h) => h.holdId)).toEqual(['hold-2']);
      expect(await store.listHolds({ mailboxId: 'mbx-2' })).toEqual([]);
    });

    it('stores tenant settings, null until saved', async () => {
      expect(await store.getSettings('tenant-1')).toBeNull();
      const settings = { ...DEFAULT_SYNC_SETTINGS, conflictWinner: 'crm' as const, window: { daysBack: 7, daysAhead: 60 } };
      await store.transaction((tx) => tx.saveSettings('tenant-1', settings));
      expect(await store.getSettings('tenant-1')).toEqual(settings);
      await store.transaction((tx) => tx.saveSettings('tenant-new', DEFAULT_SYNC_SETTINGS));
      expect(await store.getSettings('tenant-new')).toEqual(DEFAULT_SYNC_SETTINGS);
    });
  });
});
