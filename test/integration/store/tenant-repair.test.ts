// Re-pairing a tenant with another C4C system (restart safety) on both drivers: the old system's pairs are forgotten,
// and the names of its records are kept, per tenant, so that an Outlook item still naming one is not taken for the
// copy of a deleted record (sync/run/named-records.ts).
import { jest } from '@jest/globals';
import { SqlTenantPairings, createStateStore } from '../../../src/server/adapters/store/index.js';
import type { StateStore } from '../../../src/server/ports/state-store.js';
import type { TenantPairing } from '../../../src/server/ports/tenant-pairing.js';
import { aMailbox, aPair } from '../../support/state-fixtures.js';
import { TEST_DRIVERS, openTestDatabase, stopTestDatabases } from '../../support/test-database.js';

jest.setTimeout(60_000);
afterAll(stopTestDatabases);

const pairing = (tenantId: string, systemId: string): TenantPairing => ({
  tenantId,
  graphTenantId: null,
  serviceRoot: 'https://my000000.crm.ondemand.com/sap/c4c/odata/v1/c4codataapi/',
  systemId,
  pairedAt: '2026-12-07T08:00:00.000Z',
  pairedBy: null,
});

describe.each(TEST_DRIVERS)('re-pairing a tenant on %s', (driver) => {
  let store: StateStore;
  let pairings: SqlTenantPairings;
  beforeEach(async () => {
    const db = await openTestDatabase(driver);
    store = createStateStore(db);
    pairings = new SqlTenantPairings(db);
    await store.transaction(async (tx) => {
      await tx.upsertMailbox(aMailbox());
      await tx.upsertMailbox(aMailbox({ mailboxId: 'mbx-other', tenantId: 'tenant-2', email: 'zoe@fabrikam.example' }));
      await tx.upsertPairs([
        aPair({ pairId: 'p-1', crmObjectId: 'OLD-1' }),
        aPair({ pairId: 'p-2', crmObjectId: 'OLD-2', kind: 'visit' }),
        aPair({ pairId: 'p-3', crmObjectId: null }),
        aPair({ pairId: 'p-other', mailboxId: 'mbx-other', crmObjectId: 'OTHER-1' }),
      ]);
    });
    await pairings.pairIfNew(pairing('tenant-1', 'system-a'));
  });
  afterEach(async () => {
    await store.close();
  });

  it('forgets the pairs and keeps the names of their records, for that tenant only', async () => {
    expect(await store.forgottenCrmObjectIds('tenant-1', ['OLD-1', 'OLD-2'])).toEqual(new Set());

    expect(await pairings.repair(pairing('tenant-1', 'system-b'))).toEqual({ pairsForgotten: 3 });

    expect(await store.loadPairs('mbx-1')).toEqual([]);
    expect(await store.forgottenCrmObjectIds('tenant-1', ['OLD-1', 'OLD-2', 'NEW-1', 'OTHER-1'])).toEqual(new Set(['OLD-1', 'OLD-2']));
    expect(await store.forgottenCrmObjectIds('tenant-2', ['OLD-1', 'OTHER-1'])).toEqual(new Set());
    expect(await store.forgottenCrmObjectIds('tenant-1', [])).toEqual(new Set());
    // Another tenant's sync state is untouched.
    expect((await store.loadPairs('mbx-other')).map((p) => p.pairId)).toEqual(['p-other']);
  });

  it('keeps the names across a second re-pair, and knows a system’s names again when re-paired back to it', async () => {
    await pairings.repair(pairing('tenant-1', 'system-b'));
    await store.transaction((tx) => tx.upsertPairs([aPair({ pairId: 'p-4', crmObjectId: 'B-1' })]));
    await pairings.repair(pairing('tenant-1', 'system-c'));
    expect(await store.forgottenCrmObjectIds('tenant-1', ['OLD-1', 'OLD-2', 'B-1'])).toEqual(new Set(['OLD-1', 'OLD-2', 'B-1']));

    await pairings.repair(pairing('tenant-1', 'system-a'));
    expect(await store.forgottenCrmObjectIds('tenant-1', ['OLD-1', 'OLD-2', 'B-1'])).toEqual(new Set(['B-1']));
  });
});
