// R11 for activities deleted (not cancelled) in C4C, through the notes of C4C's `deleted` notifications
// (sync/crm-deletes.ts): a note is confirmed with C4C before anything is deleted, waits for a pair that is not
// committed yet, and survives a poll that fails.
import { calendarSync } from '../../../src/server/sync/family-sync.js';
import { pollTenant } from '../../../src/server/sync/tenant/poll.js';
import { CHLOE, TENANT_ID, startSyncHarness, type SyncHarness } from '../../support/sync-harness.js';
import { TEST_DRIVERS, stopTestDatabases } from '../../support/test-database.js';
import { APPOINTMENTS, c4cAppointmentBody, uniqueSubject } from './fixtures.js';

afterAll(stopTestDatabases);

describe.each(TEST_DRIVERS)('C4C delete notifications on %s', (driver) => {
  let h: SyncHarness;
  const poll = () => pollTenant({ store: h.store, families: [calendarSync(h)], clock: h.clock }, TENANT_ID);

  beforeAll(async () => {
    h = await startSyncHarness(driver, { users: [CHLOE] });
    await h.settle();
  }, 90_000);
  afterAll(async () => {
    await h?.close();
  });
  afterEach(async () => {
    await h.c4cControl('DELETE', '/faults');
  });

  async function c4cAppointment(what: string): Promise<{ objectId: string; subject: string }> {
    const subject = uniqueSubject(what);
    const created = await h.c4c.create(APPOINTMENTS, c4cAppointmentBody(subject, 9, CHLOE.c4cEmployeeId));
    return { objectId: String(created.ObjectID), subject };
  }

  it('a note that overtakes the pair waits for it, then removes the Outlook copy once C4C confirms the delete', async () => {
    const { objectId, subject } = await c4cAppointment('Delete overtakes');
    await h.store.noteCrmDelete(TENANT_ID, 'appointment', objectId);
    // No pair mirrors it yet (and C4C still has it): the note waits.
    const first = await h.cycle(CHLOE.id);
    expect(first.poll.deletes).toMatchObject({ filed: 0, waiting: 1 });
    const [copy] = await h.graph.eventsBySubject(CHLOE.id, subject);
    expect(copy).toBeDefined();
    // Now the pair exists and C4C still has the activity: a stale note is dropped, nothing is deleted.
    const second = await h.cycle(CHLOE.id);
    expect(second.poll.deletes).toMatchObject({ filed: 0, waiting: 0 });
    expect(await h.graph.getEvent(CHLOE.id, String(copy?.id))).not.toBeNull();

    await h.c4c.remove(APPOINTMENTS, objectId);
    await h.store.noteCrmDelete(TENANT_ID, 'appointment', objectId);
    const third = await h.cycle(CHLOE.id);
    expect(third.poll.deletes).toMatchObject({ filed: 1, waiting: 0 });
    expect(await h.graph.getEvent(CHLOE.id, String(copy?.id))).toBeNull();
  });

  it('a note survives a poll that cannot reach C4C and is settled by the next one', async () => {
    const { objectId, subject } = await c4cAppointment('Delete while C4C fails');
    await h.cycle(CHLOE.id);
    const [copy] = await h.graph.eventsBySubject(CHLOE.id, subject);
    await h.c4c.remove(APPOINTMENTS, objectId);
    await h.store.noteCrmDelete(TENANT_ID, 'appointment', objectId);
    await h.c4cControl('PUT', '/faults', { count: 50, kinds: ['unavailable'], retryAfterSeconds: 0 });
    await expect(poll()).rejects.toThrow();
    expect((await h.store.listCrmDeleteHints(TENANT_ID)).map((n) => n.objectId)).toEqual([objectId]);
    await h.c4cControl('DELETE', '/faults');
    const next = await h.cycle(CHLOE.id);
    expect(next.poll.deletes).toMatchObject({ filed: 1, waiting: 0 });
    expect(await h.graph.getEvent(CHLOE.id, String(copy?.id))).toBeNull();
  });
});
