// Volume: a large mailbox's first session records 10,000 pairs in one transaction, on both drivers. Prints timings
// (machine-dependent; the assertion is on correctness, with a generous bound that catches row-at-a-time regressions).
import { jest } from '@jest/globals';
import { createStateStore } from '../../../src/server/adapters/store/index.js';
import type { SyncPair } from '../../../src/server/domain/sync-pair.js';
import type { StateStore } from '../../../src/server/ports/state-store.js';
import { aMailbox, aPair } from '../../support/state-fixtures.js';
import { TEST_DRIVERS, openTestDatabase, stopTestDatabases } from '../../support/test-database.js';

jest.setTimeout(180_000);
afterAll(stopTestDatabases);

const COUNT = 10_000;
const pairs = (version: string): SyncPair[] =>
  Array.from({ length: COUNT }, (_, i) =>
    aPair({ pairId: `pair-${i}`, outlookId: `AAMkAD-${i}`, crmObjectId: `00163E${String(i).padStart(10, '0')}`, outlookVersion: version }),
  );

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await fn();
  return [result, Math.round(performance.now() - started)];
}

describe.each(TEST_DRIVERS)('%s with 10,000 pairs', (driver) => {
  let store: StateStore;
  beforeAll(async () => {
    store = createStateStore(await openTestDatabase(driver));
    await store.transaction((tx) => tx.upsertMailbox(aMailbox()));
  });
  afterAll(async () => {
    await store.close();
  });

  it('inserts, reloads and updates them in one transaction each', async () => {
    const [, insertMs] = await timed(() => store.transaction((tx) => tx.upsertPairs(pairs('v1'))));
    const [loaded, loadMs] = await timed(() => store.loadPairs('mbx-1'));
    const [, updateMs] = await timed(() =>
      store.transaction(async (tx) => {
        await tx.upsertPairs(pairs('v2'));
        await tx.setCursor({ kind: 'graphDelta', scopeId: 'mbx-1' }, 'after-10k');
      }),
    );
    const [one, findMs] = await timed(() => store.findPairByOutlookId('mbx-1', 'AAMkAD-9999'));
    console.log(
      `${driver}: upsert ${COUNT} new pairs ${insertMs} ms, loadPairs ${loadMs} ms, upsert ${COUNT} changed pairs + cursor ${updateMs} ms, ` +
        `findPairByOutlookId ${findMs} ms`,
    );
    expect(loaded).toHaveLength(COUNT);
    expect(loaded.find((p) => p.pairId === 'pair-1234')).toEqual(pairs('v1')[1234]);
    expect(one?.outlookVersion).toBe('v2');
    expect(insertMs).toBeLessThan(60_000);
  });
});
