// End to end over real HTTP (Graph + C4C sandboxes, real adapters, real store on both drivers): items tagged in
// Outlook reach C4C (R1), edits mirror both ways and untagging unlinks (R2), R4 and R5 blockers, recurring series
// (R6), links, and a quiet cycle writes nothing (no echo) and costs an idle session 3 database round trips. A setting changed through the admin console applies to
// the next session.
import { countRoundTrips, type CountedDatabase } from '../../../bench/lib/db-round-trips.js';
import { SqlAdminConsole } from '../../../src/server/adapters/store/index.js';
import { withDefaults } from '../../../src/server/domain/settings.js';
import { ADMIN_ROLE, buildTestApp } from '../../support/http-app-fakes.js';
import { AVA, BEN, CHLOE, startSyncHarness, TENANT_ID, type SyncHarness } from '../../support/sync-harness.js';
import { linksProperty } from '../../support/sync-harness-http.js';
import { TEST_DRIVERS, stopTestDatabases } from '../../support/test-database.js';
import {
  APPOINTMENT,
  APPOINTMENTS,
  ERROR_CATEGORY,
  VISIT,
  VISITS,
  activitiesFor,
  activityFor,
  allDayBody,
  children,
  eventBody,
  odataMs,
  pairOf,
  uniqueSubject,
  weeklySeriesBody,
} from './fixtures.js';

afterAll(stopTestDatabases);

describe.each(TEST_DRIVERS)('Outlook → C4C on %s', (driver) => {
  let h: SyncHarness;
  let db: CountedDatabase | undefined;
  beforeAll(async () => {
    h = await startSyncHarness(driver, { users: [AVA, BEN, CHLOE], wrapDatabase: (opened) => (db = countRoundTrips(opened)).db });
    await h.settle();
  }, 90_000);
  afterAll(async () => {
    await h?.close();
  });
  afterEach(async () => {
    await h.saveSettings({ syncPrivateRecurring: false });
  });

  it('an expired delta link (410 SyncStateNotFound): the next session reads the whole window and syncs every change made before, once', async () => {
    const [kept, edited, deleted] = await Promise.all(['kept', 'edited', 'deleted'].map((n, i) => h.graph.createEvent(BEN.id, eventBody(uniqueSubject(`expired delta ${n}`), 4 + i, { categories: [APPOINTMENT] }))));
    await h.cycle(BEN.id);
    const editedId = String((await activityFor(h, APPOINTMENTS, edited!)).ObjectID);
    const deletedId = String((await activityFor(h, APPOINTMENTS, deleted!)).ObjectID);
    await h.graph.patchEvent(BEN.id, String(edited?.id), { subject: `${String(edited?.subject)} (edited)` });
    await h.graph.deleteEvent(BEN.id, String(deleted?.id));
    const added = await h.graph.createEvent(BEN.id, eventBody(uniqueSubject('expired delta added'), 8, { categories: [APPOINTMENT] }));
    expect((await h.graphControl('POST', '/delta/expire')).status).toBe(204);

    const { sessions } = await h.cycle(BEN.id);
    expect(sessions.find((s) => s.mailboxId === BEN.id)?.fullRead).toBe(true);
    for (const event of [kept, edited, added]) expect(await activitiesFor(h, APPOINTMENTS, event!)).toHaveLength(1);
    expect((await h.c4c.activity(APPOINTMENTS, editedId))?.Subject).toBe(`${String(edited?.subject)} (edited)`);
    expect((await h.c4c.activity(APPOINTMENTS, deletedId))?.LifeCycleStatusCode).toBe('4');
  });

  it('R1: a tagged Appointment becomes a C4C Appointment with its fields; a Visit a Visit; untagged items stay out', async () => {
    const subject = uniqueSubject('R1 appointment');
    const appointment = await h.graph.createEvent(
      AVA.id,
      eventBody(subject, 3, { categories: [APPOINTMENT], location: { displayName: 'Room 1' }, body: { contentType: 'text', content: 'Agenda: pricing' } }),
    );
    const visit = await h.graph.createEvent(AVA.id, eventBody(uniqueSubject('R1 visit'), 4, { categories: [VISIT], location: { displayName: 'Customer site' } }));
    const untaggedSubject = uniqueSubject('R1 untagged');
    await h.graph.createEvent(AVA.id, eventBody(untaggedSubject, 5, { categories: ['Blue category'] }));

    const { sessions } = await h.cycle(AVA.id);
    expect(sessions.find((s) => s.mailboxId === AVA.id)?.failed).toEqual([]);

    const created = await activityFor(h, APPOINTMENTS, appointment);
    expect(created).toMatchObject({ Subject: subject, Location: 'Room 1', OwnerPartyID: AVA.c4cEmployeeId, LifeCycleStatusCode: '1' });
    expect(odataMs(created.StartDate)).toBe(Date.parse(`${String(appointment.start.dateTime).slice(0, 19)}Z`));
    expect(odataMs(created.EndDate) - odataMs(created.StartDate)).toBe(3_600_000);
    expect(children(created, 'AppointmentTextCollection').map((t) => t.Text)).toEqual(['Agenda: pricing']);
    expect(await activitiesFor(h, VISITS, appointment)).toEqual([]);

    const createdVisit = await activityFor(h, VISITS, visit);
    expect(createdVisit).toMatchObject({ Subject: visit.subject, Location: 'Customer site', OwnerPartyID: AVA.c4cEmployeeId });
    expect(await activitiesFor(h, APPOINTMENTS, visit)).toEqual([]);

    expect(await h.c4c.bySubject(APPOINTMENTS, untaggedSubject)).toEqual([]);
    expect(await h.c4c.bySubject(VISITS, untaggedSubject)).toEqual([]);
    expect((await pairOf(h, AVA.id, String(appointment.id))).status).toBe('synced');
  });

  it('R1 through the admin console: a category renamed by PUT /api/admin/settings is the one the next session syncs, without a restart', async () => {
    const { app, mint } = await buildTestApp({ items: {}, admin: { console: { tenantId: TENANT_ID, store: new SqlAdminConsole(h.db), environment: { settings: withDefaults(), setInEnvironment: [] } } } });
    try {
      const renamed = await h.graph.createEvent(AVA.id, eventBody(uniqueSubject('R1 renamed category'), 6, { categories: ['CRM-Termin'] }));
      await h.cycle(AVA.id);
      expect(await activitiesFor(h, APPOINTMENTS, renamed)).toEqual([]);

      const put = await app.inject({ method: 'PUT', url: '/api/admin/settings', headers: { authorization: `Bearer ${await mint({ oid: 'admin-1', roles: [ADMIN_ROLE] })}` }, payload: { settings: { CATEGORY_APPOINTMENT: 'CRM-Termin' } } });
      expect(put.statusCode).toBe(200);
      await h.cycle(AVA.id);
      expect(await activityFor(h, APPOINTMENTS, renamed)).toMatchObject({ Subject: renamed.subject });
    } finally {
      await app.close();
      // The harness keeps settings across tests (afterEach resets only what it names).
      await h.saveSettings({ categories: withDefaults().categories });
    }
  });

  it('R2: edits in Outlook and in C4C mirror; removing the category unlinks and keeps the C4C record', async () => {
    const event = await h.graph.createEvent(AVA.id, eventBody(uniqueSubject('R2'), 6, { categories: [APPOINTMENT] }));
    await h.cycle(AVA.id);
    const objectId = String((await activityFor(h, APPOINTMENTS, event)).ObjectID);

    await h.graph.patchEvent(AVA.id, String(event.id), { subject: 'R2 renamed in Outlook', location: { displayName: 'Room 7' } });
    await h.cycle(AVA.id);
    expect(await h.c4c.activity(APPOINTMENTS, objectId)).toMatchObject({ Subject: 'R2 renamed in Outlook', Location: 'Room 7' });

    await h.c4c.patch(APPOINTMENTS, objectId, { Subject: 'R2 renamed in C4C' });
    await h.cycle(AVA.id);
    expect(await h.graph.getEvent(AVA.id, String(event.id))).toMatchObject({ subject: 'R2 renamed in C4C', location: { displayName: 'Room 7' } });

    await h.graph.patchEvent(AVA.id, String(event.id), { categories: [] });
    await h.cycle(AVA.id);
    expect((await pairOf(h, AVA.id, String(event.id))).status).toBe('unlinked');
    await h.graph.patchEvent(AVA.id, String(event.id), { subject: 'R2 after unlink' });
    await h.cycle(AVA.id);
    const kept = await h.c4c.activity(APPOINTMENTS, objectId);
    expect(kept).toMatchObject({ Subject: 'R2 renamed in C4C', LifeCycleStatusCode: '1' });
  });

  it('R4: an all-day event over 24 h gets the error category and reason; fixed, it syncs and the category goes', async () => {
    const event = await h.graph.createEvent(AVA.id, allDayBody(uniqueSubject('R4'), 8, 3, { categories: [APPOINTMENT] }));
    await h.cycle(AVA.id);
    expect((await h.graph.getEvent(AVA.id, String(event.id)))?.categories).toEqual([APPOINTMENT, ERROR_CATEGORY]);
    const pair = await pairOf(h, AVA.id, String(event.id));
    expect(pair).toMatchObject({ status: 'error', lastError: { code: 'allDayTooLong' } });
    expect(pair.lastError?.message).toMatch(/longer than 24 hours/);
    expect(await activitiesFor(h, APPOINTMENTS, event)).toEqual([]);

    await h.cycle(AVA.id); // the delta reports the error-category write: still blocked, nothing is created
    expect(await activitiesFor(h, APPOINTMENTS, event)).toEqual([]);
    await h.resetCounters();
    await h.cycle(AVA.id); // idle: the item is not re-read, since only an edit can clear R4
    const graphRoutes = Object.keys((await h.counters()).graph.byRoute);
    expect(graphRoutes.filter((route) => !/delta|oauth2/.test(route))).toEqual([]);

    await h.graph.patchEvent(AVA.id, String(event.id), allDayBody(String(event.subject), 8, 1));
    await h.cycle(AVA.id);
    expect((await h.graph.getEvent(AVA.id, String(event.id)))?.categories).toEqual([APPOINTMENT]);
    expect(await activityFor(h, APPOINTMENTS, event)).toMatchObject({ FullDayIndicator: true });
    expect(await pairOf(h, AVA.id, String(event.id))).toMatchObject({ status: 'synced', lastError: null });
  });

  it('R5: a private item sets InformationSensitivityCode; private recurring items sync only with the setting', async () => {
    const single = await h.graph.createEvent(AVA.id, eventBody(uniqueSubject('R5 private'), 9, { categories: [APPOINTMENT], sensitivity: 'private' }));
    const normal = await h.graph.createEvent(AVA.id, eventBody(uniqueSubject('R5 normal'), 9, { categories: [APPOINTMENT] }, 13));
    const seriesSubject = uniqueSubject('R5 private series');
    const series = await h.graph.createEvent(AVA.id, weeklySeriesBody(seriesSubject, 10, 2, { categories: [APPOINTMENT], sensitivity: 'private' }));
    await h.cycle(AVA.id);
    expect((await activityFor(h, APPOINTMENTS, single)).InformationSensitivityCode).toBe('2');
    expect((await activityFor(h, APPOINTMENTS, normal)).InformationSensitivityCode).toBe('0');
    expect(await h.c4c.query(APPOINTMENTS, `RecurrenceActGroupwareID eq '${String(series.id)}'`)).toEqual([]);
    const seriesPairs = (await h.store.loadPairs(AVA.id)).filter((p) => p.lastError?.code === 'privateRecurringNotAllowed');
    expect(seriesPairs).toHaveLength(2);

    await h.saveSettings({ syncPrivateRecurring: true });
    await h.cycle(AVA.id);
    const occurrences = await h.c4c.query(APPOINTMENTS, `RecurrenceActGroupwareID eq '${String(series.id)}'`);
    expect(occurrences).toHaveLength(2);
    expect(occurrences.map((o) => o.InformationSensitivityCode)).toEqual(['2', '2']);
  });

  it('R5: a private item tagged as a Visit stays out of C4C (Visits cannot be private) with the error and its reason; as an Appointment it syncs, private', async () => {
    const event = await h.graph.createEvent(AVA.id, eventBody(uniqueSubject('R5 private visit'), 9, { categories: [VISIT], sensitivity: 'private' }, 15));
    await h.cycle(AVA.id);
    expect(await activitiesFor(h, VISITS, event)).toEqual([]);
    expect((await h.graph.getEvent(AVA.id, String(event.id)))?.categories).toEqual([VISIT, ERROR_CATEGORY]);
    expect((await pairOf(h, AVA.id, String(event.id))).lastError).toMatchObject({ code: 'privateVisit', message: expect.stringMatching(/cannot be marked private/) });

    await h.graph.patchEvent(AVA.id, String(event.id), { categories: [APPOINTMENT, ERROR_CATEGORY] });
    await h.cycle(AVA.id);
    expect((await activityFor(h, APPOINTMENTS, event)).InformationSensitivityCode).toBe('2');
    expect(await activitiesFor(h, VISITS, event)).toEqual([]);
    expect((await h.graph.getEvent(AVA.id, String(event.id)))?.categories).toEqual([APPOINTMENT]);
  });

  it('R6: each occurrence of a series in the window is its own C4C activity with series id and occurrence date', async () => {
    const subject = uniqueSubject('R6 weekly');
    const series = await h.graph.createEvent(AVA.id, weeklySeriesBody(subject, 2, 3, { categories: [APPOINTMENT] }));
    await h.cycle(AVA.id);
    const occurrences = await h.c4c.query(APPOINTMENTS, `RecurrenceActGroupwareID eq '${String(series.id)}'`);
    expect(occurrences).toHaveLength(3);
    const dates = occurrences.map((o) => new Date(odataMs(o.OccurrenceDate)).toISOString().slice(0, 10)).sort();
    const expected = [0, 7, 14].map((d) => new Date(Date.parse(`${String(series.start.dateTime).slice(0, 10)}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10));
    expect(dates).toEqual(expected);
    expect(new Set(occurrences.map((o) => o.GroupwareItemID)).size).toBe(3);
    expect(occurrences.every((o) => o.Subject === subject)).toBe(true);
  });

  it('links: account → MainAccountPartyID, contact → MainContactPartyID, opportunity → BTD reference', async () => {
    const accountId = await h.c4c.firstId('CorporateAccountCollection', 'AccountID');
    const contactId = await h.c4c.firstId('ContactCollection', 'ContactID');
    const opportunityId = await h.c4c.firstId('OpportunityCollection', 'ID');
    const links = [
      { type: 'account' as const, id: accountId, primary: true },
      { type: 'contact' as const, id: contactId, primary: true },
      { type: 'opportunity' as const, id: opportunityId },
    ];
    const event = await h.graph.createEvent(AVA.id, eventBody(uniqueSubject('links'), 11, { categories: [APPOINTMENT], singleValueExtendedProperties: linksProperty(links) }));
    await h.cycle(AVA.id);
    const created = await activityFor(h, APPOINTMENTS, event);
    expect(created).toMatchObject({ MainAccountPartyID: accountId, MainContactPartyID: contactId });
    expect(children(created, 'AppointmentBTDReference').map((r) => ({ ID: r.ID, TypeCode: r.TypeCode }))).toEqual([{ ID: opportunityId, TypeCode: '72' }]);

    // Unlinking the opportunity in the task pane (the property changes) removes the reference in C4C.
    await h.graph.patchEvent(AVA.id, String(event.id), { singleValueExtendedProperties: linksProperty(links.slice(0, 2)) });
    await h.cycle(AVA.id);
    expect(children((await activityFor(h, APPOINTMENTS, event)), 'AppointmentBTDReference')).toEqual([]);
  });

  it('no echo: a cycle right after a settled cycle writes nothing on either side', async () => {
    const event = await h.graph.createEvent(AVA.id, eventBody(uniqueSubject('echo'), 12, { categories: [APPOINTMENT] }));
    await h.cycle(AVA.id);
    await h.c4c.patch(APPOINTMENTS, String((await activityFor(h, APPOINTMENTS, event)).ObjectID), { Subject: 'echo changed in C4C' });
    await h.resetCounters();
    await h.cycle(AVA.id);
    // The counters do see writes: mirroring the C4C edit patched the Outlook event.
    expect(Object.keys((await h.counters()).graphWrites).some((route) => route.startsWith('PATCH /v1.0/users/:userId/events'))).toBe(true);
    // Everything the earlier tests left (unlinked, blocked, private series, links) settles too.
    await h.settle();
    await h.resetCounters();
    const sessions = [];
    for (const user of [AVA, BEN, CHLOE]) {
      const { poll, sessions: ran } = await h.cycle(user.id);
      // Activities the change query returns again (inclusive bound) start no session where they are recorded.
      expect(poll.mailboxIds).toEqual([]);
      sessions.push(...ran);
    }
    const counters = await h.counters();
    expect(counters.graphWrites).toEqual({});
    expect(counters.c4cWrites).toEqual({});
    expect(counters.graph.total).toBeGreaterThan(0);
    expect(sessions.flatMap((s) => Object.keys(s.applied))).toEqual([]);
  });

  it('an idle session costs 3 database round trips: its mailbox with settings, the rest of its state, and its commit as one statement', async () => {
    await h.settle();
    await h.session(AVA.id);
    db?.reset();
    const report = await h.session(AVA.id);
    expect(report.applied).toEqual({});
    // Was 12: 8 reads, and a transaction of cursor and status (BEGIN, 2 statements, COMMIT).
    expect(db?.count()).toBe(3);
  });
});
