// Privacy (docs/privacy.md): bases stored before the sync state kept digests held the items' values. The start-up
// step seals them in place: the values are hashed into digests and dropped, the unkeyed whole-item hashes keyed,
// and the next session merges against them exactly as against the values (no resync). A scan of every table shows
// the content gone.
import { createStateStore, sealLegacyBases, type Database } from '../../../src/server/adapters/store/index.js';
import { calendarFamily } from '../../../src/server/domain/calendar-family.js';
import { emptyCalendarItem, type NormalizedCalendarItem } from '../../../src/server/domain/calendar-item.js';
import { hashItem } from '../../../src/server/domain/hash.js';
import { legacyBaseSealer, pairBaseOf } from '../../../src/server/domain/pair-base.js';
import { scanForContent } from '../../support/content-scan.js';
import { aMailbox, aPair } from '../../support/state-fixtures.js';
import { TEST_DRIVERS, openTestDatabase, stopTestDatabases } from '../../support/test-database.js';
import { TEST_SEALER } from '../../support/test-sealer.js';

const legacy: NormalizedCalendarItem = {
  ...emptyCalendarItem(),
  subject: 'Merger talks with Fabrikam',
  location: 'Boardroom 7',
  body: 'Confidential agenda',
  startUtc: '2026-11-23T09:00:00Z',
  endUtc: '2026-11-23T10:00:00Z',
  attendees: [{ email: 'ceo@fabrikam.example', name: 'CEO', type: 'required', response: 'accepted' }],
};
const NEEDLES = ['Merger talks', 'Boardroom 7', 'Confidential agenda', 'ceo@fabrikam.example'];

describe.each(TEST_DRIVERS)('sealing bases stored with values, on %s', (driver) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(driver);
    const store = createStateStore(db, { ownsDatabase: false });
    await store.transaction(async (tx) => {
      await tx.upsertMailbox(aMailbox());
      await tx.upsertPairs([aPair({ pairId: 'sealed-already' }), aPair({ pairId: 'closed-no-base', base: null, status: 'closed', crmObjectId: '00163E0000000002', outlookId: 'AAMkAD-2' })]);
    });
    // A row as an older version wrote it: the base is the item's values, the hashes the family's unkeyed ones.
    await db.query(
      `INSERT INTO sync_pairs (pair_id, mailbox_id, family, kind, origin, outlook_id, outlook_hash, crm_hash, status, base, updated_at)
       VALUES ('legacy', $1, 'calendar', 'appointment', 'outlook', 'AAMk-legacy', $2, $3, 'synced', $4::jsonb, now())`,
      [aMailbox().mailboxId, hashItem(legacy, 'outlook', 'appointment'), hashItem(legacy, 'crm', 'appointment'), JSON.stringify(legacy)],
    );
  });
  afterAll(async () => {
    await db.close();
    await stopTestDatabases();
  });

  it('finds the values before, seals them into the digests a session computes, and finds nothing after', async () => {
    const before = await scanForContent(db, NEEDLES);
    expect(before.hits.map((h) => h.table)).toEqual(['public.sync_pairs']);

    const seal = legacyBaseSealer([calendarFamily as never], TEST_SEALER);
    expect(await sealLegacyBases(db, seal)).toBe(1);
    const after = await scanForContent(db, NEEDLES);
    console.log(`content scan after sealing: ${after.rowsRead} rows of ${after.tables} tables read`);
    expect(after.hits).toEqual([]);

    const [pair] = (await createStateStore(db, { ownsDatabase: false }).loadPairs(aMailbox().mailboxId)).filter((p) => p.pairId === 'legacy');
    const tenantSeal = TEST_SEALER(aMailbox().tenantId);
    expect(pair?.base).toEqual(pairBaseOf(calendarFamily, tenantSeal, legacy));
    expect(pair?.base?.span).toEqual({ startUtc: '2026-11-23T00:00:00.000Z', endUtc: '2026-11-24T00:00:00.000Z' });
    // The hashes are keyed as a session keys them, so an unchanged item at a new version is no change.
    expect(pair?.outlookHash).toBe(tenantSeal.item(calendarFamily.hash(legacy, 'outlook', 'appointment')));
    expect(pair?.crmHash).toBe(tenantSeal.item(calendarFamily.hash(legacy, 'crm', 'appointment')));
    // Idempotent: sealed rows (and the row sealed before) are left alone.
    expect(await sealLegacyBases(db, seal)).toBe(0);
  });
});
