// End to end over real HTTP on both store drivers: meeting attendees as involved parties (R8), a session killed
// between its remote writes and its state commit (no duplicate on either side when it runs again), and the
// delete guard (too many cancels in one session are held for an administrator).
import { calendarSync } from '../../../src/server/sync/family-sync.js';
import { AVA, BEN, CHLOE, DAN, TENANT_ID, startSyncHarness, type SyncHarness } from '../../support/sync-harness.js';
import type { Json } from '../../support/sync-harness-http.js';
import { crashingAt, crashingBeforeCommit } from '../../support/crashing-store.js';
import { runSession } from '../../../src/server/sync/run/session.js';
import { pollTenant } from '../../../src/server/sync/tenant/poll.js';
import { TEST_DRIVERS, stopTestDatabases } from '../../support/test-database.js';
import { APPOINTMENT, APPOINTMENTS, VISIT, VISITS, activitiesFor, activityFor, c4cAppointmentBody, children, dayIso, eventBody, pairOf, uniqueSubject } from './fixtures.js';
import { TEST_SEALER } from '../../support/test-sealer.js';

afterAll(stopTestDatabases);

const organizerParties = (activity: Json): string[] =>
  children(activity, 'AppointmentInvolvedParties')
    .filter((p) => p.RoleCode === '35')
    .map((p) => String(p.PartyID));

const attendeeParties = (activity: Json): string[] =>
  children(activity, 'AppointmentInvolvedParties')
    .filter((p) => p.RoleCode === '55')
    .map((p) => String(p.PartyID))
    .sort();

describe.each(TEST_DRIVERS)('meetings, crashes and the delete guard on %s', (driver) => {
  let h: SyncHarness;
  beforeAll(async () => {
    h = await startSyncHarness(driver, { users: [AVA, BEN, CHLOE] });
    await h.settle();
  }, 90_000);
  afterAll(async () => {
    await h?.close();
  });

  it('R8: attendees become involved parties (employees and contacts, unknown ones left out); a decline removes the party', async () => {
    const contact = (await h.c4c.request('GET', 'ContactCollection?$top=1&$select=ContactID,Email')).body.d.results[0] as Json;
    const subject = uniqueSubject('R8 meeting');
    const meeting = await h.graph.createEvent(
      AVA.id,
      eventBody(subject, 4, {
        categories: [APPOINTMENT],
        attendees: [
          { emailAddress: { address: BEN.mail, name: BEN.displayName }, type: 'required' },
          { emailAddress: { address: String(contact.Email), name: 'Customer contact' }, type: 'required' },
          { emailAddress: { address: 'stranger@unknown.example', name: 'Stranger' }, type: 'optional' },
        ],
      }),
    );
    await h.cycle(AVA.id);
    const activity = await activityFor(h, APPOINTMENTS, meeting);
    expect(attendeeParties(activity)).toEqual([BEN.c4cEmployeeId, String(contact.ContactID)].sort());
    expect(JSON.stringify(activity)).not.toContain('stranger@unknown.example');
    // The organizer: OrganizerPartyID, and an involved party in the organizer role (not an attendee).
    expect(activity).toMatchObject({ OrganizerPartyID: AVA.c4cEmployeeId, OwnerPartyID: AVA.c4cEmployeeId });
    expect(organizerParties(activity)).toEqual([AVA.c4cEmployeeId]);

    const [bensCopy] = await h.graph.eventsBySubject(BEN.id, subject);
    await h.graph.respond(BEN.id, String(bensCopy?.id), 'decline');
    await h.cycle(AVA.id);
    const after = await activityFor(h, APPOINTMENTS, meeting);
    expect(attendeeParties(after)).toEqual([String(contact.ContactID)]);
    // Attendee updates leave the organizer's role alone.
    expect(after.OrganizerPartyID).toBe(AVA.c4cEmployeeId);
    expect(organizerParties(after)).toEqual([AVA.c4cEmployeeId]);
  });

  it('R8: a Visit made in Outlook names its organizer too', async () => {
    const visit = await h.graph.createEvent(AVA.id, eventBody(uniqueSubject('R8 visit organizer'), 4, { categories: [VISIT] }, 15));
    await h.cycle(AVA.id);
    const created = await activityFor(h, VISITS, visit);
    expect(created.OrganizerPartyID).toBe(AVA.c4cEmployeeId);
    expect(children(created, 'VisitParty').filter((p) => p.RoleCode === '35').map((p) => p.PartyID)).toEqual([AVA.c4cEmployeeId]);
  });

  it('R8: an invitee who deletes their untagged copy leaves the activity (as Siebel does); it stays, and nothing is written to their mailbox', async () => {
    // Dan organizes without syncing; Chloe tags her copy, so the meeting reaches C4C with Ben and Chloe as attendees.
    const subject = uniqueSubject('R8 untagged copy');
    const meeting = await h.graph.createEvent(DAN.id, eventBody(subject, 5, { attendees: [BEN, CHLOE].map((u) => ({ emailAddress: { address: u.mail, name: u.displayName }, type: 'required' })) }, 16));
    const [chloesCopy] = await h.graph.eventsBySubject(CHLOE.id, subject);
    await h.graph.patchEvent(CHLOE.id, String(chloesCopy?.id), { categories: [APPOINTMENT] });
    await h.cycle(CHLOE.id);
    await h.cycle(CHLOE.id); // the tenant poll files the new activity for Ben, who attends: his session follows his copy
    const activity = await activityFor(h, APPOINTMENTS, meeting);
    expect(attendeeParties(activity)).toEqual([BEN.c4cEmployeeId, CHLOE.c4cEmployeeId].sort());
    const [bensCopy] = await h.graph.eventsBySubject(BEN.id, subject);
    expect(bensCopy?.categories).toEqual([]);
    expect(await pairOf(h, BEN.id, String(bensCopy?.id))).toMatchObject({ status: 'unlinked', crmObjectId: activity.ObjectID });

    await h.resetCounters();
    await h.graph.deleteEvent(BEN.id, String(bensCopy?.id));
    await h.cycle(BEN.id);
    const after = await h.c4c.activity(APPOINTMENTS, String(activity.ObjectID));
    expect(after?.LifeCycleStatusCode).toBe('1');
    expect(attendeeParties(after ?? {})).toEqual([CHLOE.c4cEmployeeId]);
    expect(after?.Subject).toBe(subject);
    expect((await h.counters()).graphWrites).toEqual({ 'DELETE /v1.0/users/:userId/events/:eventId': 1 }); // the user's own delete
  });

  it('R11: an organizer who deletes a meeting no session saw yet still cancels it, through the attendee copy that made the activity', async () => {
    // Found by the fault soak: Ava's copy is deleted before any session of hers saw it, after Ben's tagged copy made
    // the activity. Exchange leaves Ben's copy, marked cancelled: that is what cancels the activity.
    const subject = uniqueSubject('R11 cancelled meeting');
    const meeting = await h.graph.createEvent(AVA.id, eventBody(subject, 6, { categories: [APPOINTMENT], attendees: [{ emailAddress: { address: BEN.mail, name: BEN.displayName }, type: 'required' }] }, 11));
    const [bensCopy] = await h.graph.eventsBySubject(BEN.id, subject);
    await h.graph.patchEvent(BEN.id, String(bensCopy?.id), { categories: [APPOINTMENT] });
    await h.cycle(BEN.id);
    const activity = await activityFor(h, APPOINTMENTS, meeting);
    expect(activity.LifeCycleStatusCode).toBe('1');

    await h.graph.deleteEvent(AVA.id, String(meeting.id));
    await h.cycle(AVA.id);
    await h.cycle(BEN.id);
    expect((await h.c4c.activity(APPOINTMENTS, String(activity.ObjectID)))?.LifeCycleStatusCode).toBe('4');
    // Ben's copy is his to remove: still there, marked cancelled, with his category.
    expect(await h.graph.getEvent(BEN.id, String(bensCopy?.id))).toMatchObject({ isCancelled: true, categories: [APPOINTMENT], subject: `Canceled: ${subject}` });
    expect(await pairOf(h, BEN.id, String(bensCopy?.id))).toMatchObject({ status: 'closed' });
  });

  it('a session killed between the C4C create and the state commit creates no duplicate when it runs again', async () => {
    const event = await h.graph.createEvent(AVA.id, eventBody(uniqueSubject('crash outlook'), 5, { categories: [APPOINTMENT] }));
    const crashing = crashingBeforeCommit(h.store);
    await expect(runSession({ store: crashing, families: [calendarSync(h)], clock: h.clock, sealer: TEST_SEALER }, AVA.id)).rejects.toThrow('simulated crash');
    expect(crashing.crashes).toBe(1);
    const [written, ...duplicates] = await activitiesFor(h, APPOINTMENTS, event);
    expect(written).toBeDefined();
    expect(duplicates).toEqual([]);
    expect(await h.store.findPairByOutlookId(AVA.id, String(event.id))).toBeNull();

    await h.cycle(AVA.id);
    await h.cycle(AVA.id);
    const after = await activitiesFor(h, APPOINTMENTS, event);
    expect(after.map((a) => a.ObjectID)).toEqual([written?.ObjectID]);
    expect(await pairOf(h, AVA.id, String(event.id))).toMatchObject({ status: 'synced', crmObjectId: written?.ObjectID });
  });

  it('a C4C edit made after the create of a session killed before its commit is kept (no replay over it), and an Outlook edit still reaches C4C', async () => {
    // Found by the fault soak's conflict check: the next session sent the create again, which found the activity by
    // GroupwareItemID and wrote the item over it, losing the C4C user's edit with no conflict logged.
    const subject = uniqueSubject('crash then C4C edit');
    const event = await h.graph.createEvent(AVA.id, eventBody(subject, 6, { categories: [APPOINTMENT] }, 13));
    const crashing = crashingBeforeCommit(h.store);
    await expect(runSession({ store: crashing, families: [calendarSync(h)], clock: h.clock, sealer: TEST_SEALER }, AVA.id)).rejects.toThrow('simulated crash');
    const [written] = await activitiesFor(h, APPOINTMENTS, event);
    await h.c4c.patch(APPOINTMENTS, String(written?.ObjectID), { Subject: `${subject} (C4C)` });
    await h.graph.patchEvent(AVA.id, String(event.id), { location: { displayName: 'Room 7' } });

    await h.cycle(AVA.id);
    await h.cycle(AVA.id);
    const after = await h.c4c.activity(APPOINTMENTS, String(written?.ObjectID));
    expect(after).toMatchObject({ Subject: `${subject} (C4C)`, Location: 'Room 7' });
    expect(await h.graph.getEvent(AVA.id, String(event.id))).toMatchObject({ subject: `${subject} (C4C)` });
    expect(await pairOf(h, AVA.id, String(event.id))).toMatchObject({ status: 'synced', crmObjectId: written?.ObjectID });
  });

  it('R12: a conflict decided by a session killed before its commit is still logged, by the session after it', async () => {
    const event = await h.graph.createEvent(AVA.id, eventBody(uniqueSubject('crash conflict'), 7, { categories: [APPOINTMENT] }));
    await h.cycle(AVA.id);
    const objectId = String((await activityFor(h, APPOINTMENTS, event)).ObjectID);
    const { pairId } = await pairOf(h, AVA.id, String(event.id));
    await h.graph.patchEvent(AVA.id, String(event.id), { subject: 'crash conflict: Outlook' });
    await h.c4c.patch(APPOINTMENTS, objectId, { Subject: 'crash conflict: C4C' });
    await pollTenant({ store: h.store, families: [calendarSync(h)], clock: h.clock }, TENANT_ID);
    const crashing = crashingBeforeCommit(h.store);
    await expect(runSession({ store: crashing, families: [calendarSync(h)], clock: h.clock, sealer: TEST_SEALER }, AVA.id)).rejects.toThrow('simulated crash');
    // The winner's value landed in C4C; the log line did not.
    expect((await h.c4c.activity(APPOINTMENTS, objectId))?.Subject).toBe('crash conflict: Outlook');
    expect((await h.store.listLog({ pairId, limit: 50 })).filter((e) => e.event === 'conflict')).toEqual([]);

    await h.cycle(AVA.id);
    const [logged, ...more] = (await h.store.listLog({ pairId, limit: 50 })).filter((e) => e.event === 'conflict');
    expect(more).toEqual([]);
    expect(logged).toMatchObject({ outcome: 'ok', conflict: { fields: ['subject'], bothChanged: true, winner: 'outlook' } });
    expect(logged?.message).toContain('after a restart');
    expect(await h.store.listWriteIntents(AVA.id)).toEqual([]);
  });

  it('a session killed after the C4C create, whose Outlook item is then deleted, cancels the activity (R11), never orphans it', async () => {
    const event = await h.graph.createEvent(AVA.id, eventBody(uniqueSubject('crash then delete'), 5, { categories: [APPOINTMENT] }));
    const crashing = crashingBeforeCommit(h.store);
    await expect(runSession({ store: crashing, families: [calendarSync(h)], clock: h.clock, sealer: TEST_SEALER }, AVA.id)).rejects.toThrow('simulated crash');
    const [written] = await activitiesFor(h, APPOINTMENTS, event);
    expect(written?.LifeCycleStatusCode).not.toBe('4');
    // The pair was never recorded; the user deletes the item before the next session.
    await h.graph.deleteEvent(AVA.id, String(event.id));
    await h.cycle(AVA.id);
    const [after, ...duplicates] = await activitiesFor(h, APPOINTMENTS, event);
    expect(duplicates).toEqual([]);
    expect(after?.ObjectID).toBe(written?.ObjectID);
    expect(after?.LifeCycleStatusCode).toBe('4');
    expect(await h.store.listPendingCreates(AVA.id)).toEqual([]);
  });

  it('a session killed between the Outlook create and the state commit creates no duplicate event', async () => {
    const subject = uniqueSubject('crash c4c');
    await h.c4c.create(APPOINTMENTS, c4cAppointmentBody(subject, 6, AVA.c4cEmployeeId, AVA.c4cEmployeeId, 8));
    await pollTenant({ store: h.store, families: [calendarSync(h)], clock: h.clock }, TENANT_ID);
    const crashing = crashingBeforeCommit(h.store);
    await expect(runSession({ store: crashing, families: [calendarSync(h)], clock: h.clock, sealer: TEST_SEALER }, AVA.id)).rejects.toThrow('simulated crash');
    expect(await h.graph.eventsBySubject(AVA.id, subject)).toHaveLength(1);

    await h.cycle(AVA.id);
    await h.cycle(AVA.id);
    const events = await h.graph.eventsBySubject(AVA.id, subject);
    expect(events).toHaveLength(1);
    expect((await pairOf(h, AVA.id, String(events[0]?.id))).status).toBe('synced');
  });

  it('a session killed after the Outlook create, whose item the user then deletes, cancels the activity (R11) and does not bring the item back', async () => {
    const subject = uniqueSubject('crash then delete in Outlook');
    const created = await h.c4c.create(APPOINTMENTS, c4cAppointmentBody(subject, 6, AVA.c4cEmployeeId, AVA.c4cEmployeeId, 10));
    await pollTenant({ store: h.store, families: [calendarSync(h)], clock: h.clock }, TENANT_ID);
    const crashing = crashingBeforeCommit(h.store);
    await expect(runSession({ store: crashing, families: [calendarSync(h)], clock: h.clock, sealer: TEST_SEALER }, AVA.id)).rejects.toThrow('simulated crash');
    expect(crashing.crashes).toBe(1);
    const [copy] = await h.graph.eventsBySubject(AVA.id, subject);
    await h.graph.deleteEvent(AVA.id, String(copy?.id));
    await h.cycle(AVA.id);
    await h.cycle(AVA.id);
    expect(await h.graph.eventsBySubject(AVA.id, subject)).toEqual([]);
    expect((await h.c4c.activity(APPOINTMENTS, String(created.ObjectID)))?.LifeCycleStatusCode).toBe('4');
  });

  it('killed during the Outlook create (Graph made the item, the service never learned its id), the item the user then deletes stays deleted and the activity is cancelled (R11)', async () => {
    const subject = uniqueSubject('killed during create, then deleted');
    const created = await h.c4c.create(APPOINTMENTS, c4cAppointmentBody(subject, 6, AVA.c4cEmployeeId, AVA.c4cEmployeeId, 11));
    await pollTenant({ store: h.store, families: [calendarSync(h)], clock: h.clock }, TENANT_ID);
    const crashing = crashingAt(h.store, 'upsertPairs');
    await expect(runSession({ store: crashing, families: [calendarSync(h)], clock: h.clock, sealer: TEST_SEALER }, AVA.id)).rejects.toThrow('simulated crash');
    expect(crashing.crashes).toBe(1);
    const [copy] = await h.graph.eventsBySubject(AVA.id, subject);
    expect(await h.store.loadPairs(AVA.id)).not.toContainEqual(expect.objectContaining({ outlookId: copy?.id }));
    await h.graph.deleteEvent(AVA.id, String(copy?.id));
    await h.cycle(AVA.id);
    await h.cycle(AVA.id);
    expect(await h.graph.eventsBySubject(AVA.id, subject)).toEqual([]);
    expect((await h.c4c.activity(APPOINTMENTS, String(created.ObjectID)))?.LifeCycleStatusCode).toBe('4');
    expect(await h.store.listWriteIntents(AVA.id)).toEqual([]);
  });

  it('our Outlook write that landed before a crash does not outvote a C4C edit of the same field made before the replay', async () => {
    const subject = uniqueSubject('crash after our write');
    const event = await h.graph.createEvent(AVA.id, eventBody(subject, 13, { categories: [APPOINTMENT] }));
    await h.cycle(AVA.id);
    const objectId = String((await activityFor(h, APPOINTMENTS, event)).ObjectID);
    await h.c4c.patch(APPOINTMENTS, objectId, { Subject: `${subject} (C4C 1)` });
    await pollTenant({ store: h.store, families: [calendarSync(h)], clock: h.clock }, TENANT_ID);
    const crashing = crashingBeforeCommit(h.store);
    await expect(runSession({ store: crashing, families: [calendarSync(h)], clock: h.clock, sealer: TEST_SEALER }, AVA.id)).rejects.toThrow('simulated crash');
    // Our write reached Outlook, but the session that made it recorded nothing.
    expect((await h.graph.getEvent(AVA.id, String(event.id)))?.subject).toBe(`${subject} (C4C 1)`);
    // The C4C user edits again before the service is back: the newest edit must win, not "Outlook" as in R12.
    await h.c4c.patch(APPOINTMENTS, objectId, { Subject: `${subject} (C4C 2)` });
    await h.cycle(AVA.id);
    await h.cycle(AVA.id);
    expect((await h.graph.getEvent(AVA.id, String(event.id)))?.subject).toBe(`${subject} (C4C 2)`);
    expect((await h.c4c.activity(APPOINTMENTS, objectId))?.Subject).toBe(`${subject} (C4C 2)`);
    expect(await h.store.listWriteIntents(AVA.id)).toEqual([]);
  });

  it('delete guard: more cancels than deleteGuardLimit in one session are held, and a hold is recorded', async () => {
    await h.saveSettings({ deleteGuardLimit: 2 });
    try {
      const events = await Promise.all([1, 2, 3].map((n) => h.graph.createEvent(AVA.id, eventBody(uniqueSubject(`guard ${n}`), 7, { categories: [APPOINTMENT] }, 8 + n))));
      await h.cycle(AVA.id);
      const objectIds = await Promise.all(events.map(async (e) => String((await activityFor(h, APPOINTMENTS, e)).ObjectID)));
      for (const e of events) await h.graph.deleteEvent(AVA.id, String(e.id));

      const { sessions } = await h.cycle(AVA.id);
      const report = sessions.find((s) => s.mailboxId === AVA.id);
      expect(report?.held).toBeGreaterThan(0);
      expect(report?.warnings.join(' ')).toMatch(/deleteGuard/);
      for (const objectId of objectIds) expect((await h.c4c.activity(APPOINTMENTS, objectId))?.LifeCycleStatusCode).toBe('1');
      const holds = await h.store.listHolds({ mailboxId: AVA.id, status: 'held' });
      expect(holds).toHaveLength(1);
      expect(holds[0]?.actions.filter((a) => a.type === 'cancelCrm')).toHaveLength(3);
      expect((await h.store.getMailboxStatus(AVA.id))?.health).toBe('held');
    } finally {
      await h.saveSettings({ deleteGuardLimit: 25 });
    }
  });
  it('flaky services (a quarter of requests fail on both sides): once they recover, one copy per item and no error left', async () => {
    const events = [];
    for (let i = 0; i < 8; i += 1) events.push(await h.graph.createEvent(AVA.id, eventBody(uniqueSubject(`flaky ${i}`), 3 + i, { categories: [APPOINTMENT] }, 7)));
    const fromC4c = [];
    for (let i = 0; i < 4; i += 1) {
      const subject = uniqueSubject(`flaky c4c ${i}`);
      fromC4c.push(subject);
      await h.c4c.create(APPOINTMENTS, {
        Subject: subject,
        StartDate: `${dayIso(4 + i)}T16:00:00Z`,
        EndDate: `${dayIso(4 + i)}T17:00:00Z`,
        StartDatetimeZoneCode: 'UTC',
        EnddatetimeZoneCode: 'UTC',
        LifeCycleStatusCode: '1',
        OwnerPartyID: AVA.c4cEmployeeId,
        OrganizerPartyID: AVA.c4cEmployeeId,
      });
    }
    await h.graphControl('PUT', '/faults', { rate: 0.25, kinds: ['unavailable', 'reset', 'throttle'], retryAfterSeconds: 0 });
    await h.c4cControl('PUT', '/faults', { rate: 0.25, kinds: ['unavailable', 'reset'], retryAfterSeconds: 0 });
    try {
      // A cycle may fail as a whole (the job queue would retry it); its work is replayed, never lost or doubled.
      for (let i = 0; i < 4; i += 1) await h.cycle(AVA.id).catch(() => undefined);
    } finally {
      await h.graphControl('DELETE', '/faults');
      await h.c4cControl('DELETE', '/faults');
    }
    await h.settle();
    for (const event of events) {
      expect(await activitiesFor(h, APPOINTMENTS, event)).toHaveLength(1);
      expect((await h.graph.getEvent(AVA.id, String(event.id)))?.categories).toEqual([APPOINTMENT]);
    }
    for (const subject of fromC4c) expect(await h.graph.eventsBySubject(AVA.id, subject)).toHaveLength(1);
  }, 60_000);
});
