import type { Database } from '../../../src/server/adapters/store/index.js';
import { createSessionStore } from '../../../src/server/adapters/store/index.js';
import type { CrmActivity } from '../../../src/server/domain/snapshots.js';
import { aCalendarItem, aMailbox } from '../../support/state-fixtures.js';
import { TEST_DRIVERS, openTestDatabase, stopTestDatabases } from '../../support/test-database.js';

function activity(objectId: string, lastChangedOn: string, subject = 'Visit'): CrmActivity {
  return {
    objectId,
    kind: 'appointment',
    version: `v-${lastChangedOn}`,
    groupwareItemId: null,
    status: 'open',
    removed: false,
    ownerPartyId: '8000000001',
    ownerEmail: 'ava.adams@contoso.example',
    organizerPartyId: null,
    organizerEmail: null,
    lastChangedOn,
    fields: aCalendarItem({ subject }),
  };
}

describe.each(TEST_DRIVERS)('C4C inbox on %s', (driver) => {
  let db: Database;
  beforeEach(async () => {
    db = await openTestDatabase(driver);
  });
  afterEach(async () => db.close());
  afterAll(stopTestDatabases);

  it('files activities per mailbox, keeps the newest version, and acknowledges only consumed versions', async () => {
    const store = createSessionStore(db, { ownsDatabase: false });
    const ava = aMailbox({ mailboxId: 'ava' });
    const ben = aMailbox({ mailboxId: 'ben', email: 'ben@contoso.example' });
    await store.transaction(async (tx) => {
      await tx.upsertMailbox(ava);
      await tx.upsertMailbox(ben);
    });
    await store.transaction(async (tx) => {
      await tx.putInbox([
        { mailboxId: 'ava', activity: activity('A1', '2026-11-21T10:00:00Z', 'first') },
        { mailboxId: 'ben', activity: activity('A1', '2026-11-21T10:00:00Z', 'first') },
      ]);
      await tx.setCursor({ kind: 'crmHighWater', scopeId: 'tenant-1' }, '2026-11-21T10:00:00Z');
    });
    // An older version filed late never replaces a newer one.
    await store.transaction(async (tx) => tx.putInbox([{ mailboxId: 'ava', activity: activity('A1', '2026-11-21T09:00:00Z', 'stale') }]));
    const consumed = await store.listInbox('ava');
    expect(consumed.map((e) => (e.activity.fields as { subject: string }).subject)).toEqual(['first']);

    // A newer version arrives while the session works: acknowledging the consumed version keeps the new one.
    await store.transaction(async (tx) => tx.putInbox([{ mailboxId: 'ava', activity: activity('A1', '2026-11-21T11:00:00Z', 'second') }]));
    await store.transaction(async (tx) => tx.ackInbox('ava', consumed.map((e) => ({ objectId: e.activity.objectId, lastChangedOn: e.activity.lastChangedOn }))));
    expect((await store.listInbox('ava')).map((e) => (e.activity.fields as { subject: string }).subject)).toEqual(['second']);
    await store.transaction(async (tx) => tx.ackInbox('ava', [{ objectId: 'A1', lastChangedOn: '2026-11-21T11:00:00Z' }]));
    expect(await store.listInbox('ava')).toEqual([]);
    expect((await store.listInbox('ben')).length).toBe(1);
    expect(await store.getCursor({ kind: 'crmHighWater', scopeId: 'tenant-1' })).toBe('2026-11-21T10:00:00Z');
  });

  it('keeps a newer version from the same second when the older one is acknowledged', async () => {
    const store = createSessionStore(db, { ownsDatabase: false });
    await store.transaction(async (tx) => tx.upsertMailbox(aMailbox({ mailboxId: 'ava' })));
    await store.transaction(async (tx) => tx.putInbox([{ mailboxId: 'ava', activity: activity('A3', '2026-11-21T10:00:00.120Z', 'ours') }]));
    const consumed = await store.listInbox('ava');
    await store.transaction(async (tx) => tx.putInbox([{ mailboxId: 'ava', activity: activity('A3', '2026-11-21T10:00:00.870Z', 'user edit') }]));
    await store.transaction(async (tx) => tx.ackInbox('ava', consumed.map((e) => ({ objectId: e.activity.objectId, lastChangedOn: e.activity.lastChangedOn }))));
    expect((await store.listInbox('ava')).map((e) => (e.activity.fields as { subject: string }).subject)).toEqual(['user edit']);
  });

  it('keeps write intents across a failed session and clears them with the next commit', async () => {
    const store = createSessionStore(db, { ownsDatabase: false });
    await store.transaction(async (tx) => {
      await tx.upsertMailbox(aMailbox({ mailboxId: 'ava' }));
      await tx.upsertMailbox(aMailbox({ mailboxId: 'ben', email: 'ben@contoso.example' }));
    });
    const intent = (mailboxId: string, pairId: string, subject: string) => ({ mailboxId, pairId, intended: aCalendarItem({ subject }), outlookFields: ['subject' as const], crmFields: [] });
    await store.putWriteIntents([intent('ava', 'p1', 'first'), intent('ben', 'p9', 'other mailbox')]);
    // A later session of the same mailbox replaces its own intent for a pair.
    await store.putWriteIntents([intent('ava', 'p1', 'second'), intent('ava', 'p2', 'another pair')]);
    // The session's transaction fails: the intents are still there for the next one.
    await expect(store.transaction(async (tx) => {
      await tx.clearWriteIntents('ava', ['p1', 'p2']);
      throw new Error('crash before commit');
    })).rejects.toThrow('crash before commit');
    expect((await store.listWriteIntents('ava')).map((i) => [i.pairId, (i.intended as { subject: string }).subject, i.outlookFields])).toEqual([['p1', 'second', ['subject']], ['p2', 'another pair', ['subject']]]);
    await store.transaction(async (tx) => tx.clearWriteIntents('ava', ['p1', 'p2']));
    expect(await store.listWriteIntents('ava')).toEqual([]);
    expect((await store.listWriteIntents('ben')).map((i) => i.pairId)).toEqual(['p9']);
  });

  it('rolls the inbox back with the rest of a failed transaction', async () => {
    const store = createSessionStore(db, { ownsDatabase: false });
    await store.transaction(async (tx) => tx.upsertMailbox(aMailbox({ mailboxId: 'ava' })));
    await expect(
      store.transaction(async (tx) => {
        await tx.putInbox([{ mailboxId: 'ava', activity: activity('A2', '2026-11-21T10:00:00Z') }]);
        await tx.setCursor({ kind: 'crmHighWater', scopeId: 'tenant-1' }, '2026-11-21T10:00:00Z');
        throw new Error('crash before commit');
      }),
    ).rejects.toThrow('crash before commit');
    expect(await store.listInbox('ava')).toEqual([]);
    expect(await store.getCursor({ kind: 'crmHighWater', scopeId: 'tenant-1' })).toBeNull();
  });

  it('keeps C4C delete notes per tenant, the first time of a repeated one, until they are dropped', async () => {
    const store = createSessionStore(db, { ownsDatabase: false });
    await store.noteCrmDelete('tenant-1', 'appointment', 'A1');
    await store.noteCrmDelete('tenant-1', 'visit', 'V1');
    await store.noteCrmDelete('tenant-2', 'appointment', 'A9');
    const [first] = await store.listCrmDeleteHints('tenant-1');
    await store.noteCrmDelete('tenant-1', 'appointment', 'A1');
    const hints = await store.listCrmDeleteHints('tenant-1');
    expect(hints.map((h) => [h.objectId, h.kind])).toEqual([['A1', 'appointment'], ['V1', 'visit']]);
    expect(hints[0]?.notedAt).toBe(first?.notedAt);
    expect(Number.isNaN(Date.parse(hints[0]?.notedAt ?? ''))).toBe(false);
    await store.transaction((tx) => tx.dropCrmDeleteHints('tenant-1', ['A1']));
    expect((await store.listCrmDeleteHints('tenant-1')).map((h) => h.objectId)).toEqual(['V1']);
    expect((await store.listCrmDeleteHints('tenant-2')).map((h) => h.objectId)).toEqual(['A9']);
  });
});
