// End to end over real HTTP on both store drivers: the less common paths — an attendee who tags their own copy
// of a meeting (one C4C activity, owner kept; their delete drops only their party), occurrence exceptions (R6),
// switching to the other kind (R2: carried over, the old activity cancelled), fields that travel from C4C to Outlook (times, all-day, body, privacy, links).
import { AVA, BEN, CHLOE, startSyncHarness, type SyncHarness } from '../../support/sync-harness.js';
import { CECP_ID, linksProperty, type Json } from '../../support/sync-harness-http.js';
import { TEST_DRIVERS, stopTestDatabases } from '../../support/test-database.js';
import { parseLinksFromCustomProperties } from '../../../src/shared/crm-links.js';
import { APPOINTMENT, APPOINTMENTS, ERROR_CATEGORY, VISIT, VISITS, activitiesFor, activityFor, c4cAppointmentBody, children, dayIso, eventBody, odataMs, pairOf, uniqueSubject, weeklySeriesBody } from './fixtures.js';

afterAll(stopTestDatabases);

const linksOf = (event: Json | null): unknown[] =>
  parseLinksFromCustomProperties(((event?.singleValueExtendedProperties ?? []) as Json[]).find((p) => String(p.id).toLowerCase() === CECP_ID.toLowerCase())?.value as string | undefined);

describe.each(TEST_DRIVERS)('round trips on %s', (driver) => {
  let h: SyncHarness;
  beforeAll(async () => {
    h = await startSyncHarness(driver, { users: [AVA, BEN, CHLOE] });
    await h.settle();
  }, 90_000);
  afterAll(async () => {
    await h?.close();
  });

  it("an attendee who tags their copy shares the organizer's activity; their delete removes only their party", async () => {
    const subject = uniqueSubject('shared meeting');
    const meeting = await h.graph.createEvent(
      AVA.id,
      eventBody(subject, 3, { categories: [APPOINTMENT], attendees: [{ emailAddress: { address: BEN.mail, name: BEN.displayName }, type: 'required' }, { emailAddress: { address: CHLOE.mail, name: CHLOE.displayName }, type: 'required' }] }),
    );
    await h.cycle(AVA.id);
    const [bensCopy] = await h.graph.eventsBySubject(BEN.id, subject);
    await h.graph.patchEvent(BEN.id, String(bensCopy?.id), { categories: [APPOINTMENT] });
    await h.cycle(BEN.id);
    await h.cycle(AVA.id);
    const [only, ...duplicates] = await activitiesFor(h, APPOINTMENTS, meeting);
    expect(duplicates).toEqual([]);
    expect(only?.OwnerPartyID).toBe(AVA.c4cEmployeeId);
    expect((await pairOf(h, BEN.id, String(bensCopy?.id))).crmObjectId).toBe(only?.ObjectID);

    await h.graph.deleteEvent(BEN.id, String(bensCopy?.id));
    await h.cycle(BEN.id);
    const after = await h.c4c.activity(APPOINTMENTS, String(only?.ObjectID));
    expect(after?.LifeCycleStatusCode).toBe('1');
    const parties = children(after ?? {}, 'AppointmentInvolvedParties').filter((p) => p.RoleCode === '55').map((p) => p.PartyID);
    expect(parties).toEqual([CHLOE.c4cEmployeeId]);
  });

  it("R8: an attendee who tags their copy of a meeting with links keeps the organizer's links, on both sides; their copy adds only them", async () => {
    const accountId = await h.c4c.firstId('CorporateAccountCollection', 'AccountID');
    const opportunityId = await h.c4c.firstId('OpportunityCollection', 'ID');
    const links = [
      { type: 'account' as const, id: accountId, primary: true },
      { type: 'opportunity' as const, id: opportunityId },
    ];
    const subject = uniqueSubject('linked meeting');
    const meeting = await h.graph.createEvent(
      AVA.id,
      eventBody(subject, 6, { categories: [APPOINTMENT], singleValueExtendedProperties: linksProperty(links), attendees: [{ emailAddress: { address: BEN.mail, name: BEN.displayName }, type: 'required' }] }, 14),
    );
    await h.cycle(AVA.id);
    const objectId = String((await activityFor(h, APPOINTMENTS, meeting)).ObjectID);
    const linked = (activity: Json | null) => ({
      account: activity?.MainAccountPartyID,
      documents: children(activity ?? {}, 'AppointmentBTDReference').map((r) => `${String(r.TypeCode)}:${String(r.ID)}`),
    });
    const before = linked(await h.c4c.activity(APPOINTMENTS, objectId));
    expect(before).toEqual({ account: accountId, documents: [`72:${opportunityId}`] });

    // Ben's copy carries no links (custom properties stay with the organizer's item) and a local edit of his own.
    const [bensCopy] = await h.graph.eventsBySubject(BEN.id, subject);
    expect(linksOf(await h.graph.getEvent(BEN.id, String(bensCopy?.id)))).toEqual([]);
    await h.graph.patchEvent(BEN.id, String(bensCopy?.id), { categories: [APPOINTMENT], location: { displayName: "Ben's desk" } });
    await h.cycle(BEN.id);
    await h.cycle(AVA.id);
    await h.cycle(BEN.id);

    const after = await h.c4c.activity(APPOINTMENTS, objectId);
    expect(await activitiesFor(h, APPOINTMENTS, meeting)).toHaveLength(1);
    expect(linked(after)).toEqual(before);
    expect(after).toMatchObject({ OwnerPartyID: AVA.c4cEmployeeId, OrganizerPartyID: AVA.c4cEmployeeId, Location: '' });
    expect(children(after ?? {}, 'AppointmentInvolvedParties').filter((p) => p.RoleCode === '55').map((p) => p.PartyID)).toEqual([BEN.c4cEmployeeId]);
    // The organizer's item keeps its links, and Ben's copy is mirrored (synced to the one activity) without being rewritten.
    expect(linksOf(await h.graph.getEvent(AVA.id, String(meeting.id)))).toEqual(expect.arrayContaining([expect.objectContaining({ id: accountId }), expect.objectContaining({ id: opportunityId })]));
    expect(await pairOf(h, BEN.id, String(bensCopy?.id))).toMatchObject({ status: 'synced', crmObjectId: objectId });
    expect((await h.graph.getEvent(BEN.id, String(bensCopy?.id)))?.location).toMatchObject({ displayName: "Ben's desk" });

    // The organizer's later edits still reach C4C; Ben's copy is not written over.
    await h.graph.patchEvent(AVA.id, String(meeting.id), { subject: `${subject} (moved)` });
    await h.cycle(AVA.id);
    await h.cycle(BEN.id);
    expect(linked(await h.c4c.activity(APPOINTMENTS, objectId))).toEqual(before);
    expect((await h.c4c.activity(APPOINTMENTS, objectId))?.Subject).toBe(`${subject} (moved)`);
  });

  it('R6: an edited occurrence updates only its activity; a deleted occurrence cancels only its activity', async () => {
    const series = await h.graph.createEvent(AVA.id, weeklySeriesBody(uniqueSubject('R6 exceptions'), 2, 3, { categories: [APPOINTMENT] }));
    await h.cycle(AVA.id);
    const from = `${dayIso(1)}T00:00:00Z`;
    const to = `${dayIso(30)}T00:00:00Z`;
    const [first, second, third] = (await h.graph.instances(AVA.id, String(series.id), from, to)).sort((a, b) => String(a.start.dateTime).localeCompare(String(b.start.dateTime)));
    await h.graph.patchEvent(AVA.id, String(second?.id), { subject: 'R6 moved exception', location: { displayName: 'Elsewhere' } });
    await h.graph.deleteEvent(AVA.id, String(third?.id));
    await h.cycle(AVA.id);
    const byDate = new Map(
      (await h.c4c.query(APPOINTMENTS, `RecurrenceActGroupwareID eq '${String(series.id)}'`)).map((a) => [new Date(odataMs(a.OccurrenceDate)).toISOString().slice(0, 10), a]),
    );
    const dateOf = (e: Json | undefined) => String(e?.start.dateTime).slice(0, 10);
    expect(byDate.size).toBe(3);
    expect(byDate.get(dateOf(first))).toMatchObject({ Subject: series.subject, LifeCycleStatusCode: '1' });
    expect(byDate.get(dateOf(second))).toMatchObject({ Subject: 'R6 moved exception', Location: 'Elsewhere', LifeCycleStatusCode: '1' });
    expect(byDate.get(dateOf(third))).toMatchObject({ LifeCycleStatusCode: '4' });
  });

  it('R2: switching Appointment → Visit carries the activity over: one open activity, a Visit with the links; the Appointment cancelled; switching back makes a new Appointment', async () => {
    const accountId = await h.c4c.firstId('CorporateAccountCollection', 'AccountID');
    const links = [{ type: 'account' as const, id: accountId, primary: true }];
    const event = await h.graph.createEvent(AVA.id, eventBody(uniqueSubject('retag'), 5, { categories: [APPOINTMENT], singleValueExtendedProperties: linksProperty(links) }));
    await h.cycle(AVA.id);
    const appointmentId = String((await activityFor(h, APPOINTMENTS, event)).ObjectID);
    await h.graph.patchEvent(AVA.id, String(event.id), { categories: [VISIT] });
    await h.cycle(AVA.id);
    const open = async () => [
      ...(await activitiesFor(h, APPOINTMENTS, event)).filter((a) => a.LifeCycleStatusCode !== '4'),
      ...(await activitiesFor(h, VISITS, event)).filter((a) => a.Status !== '4'),
    ];
    const [visit, ...others] = await open();
    expect(others).toEqual([]);
    expect(await h.c4c.activity(VISITS, String(visit?.ObjectID))).toMatchObject({ Subject: event.subject, MainAccountPartyID: accountId });
    expect((await h.c4c.activity(APPOINTMENTS, appointmentId))?.LifeCycleStatusCode).toBe('4');
    // The item keeps its links and its new tag; the next session writes nothing more.
    const item = await h.graph.getEvent(AVA.id, String(event.id));
    expect(linksOf(item)).toMatchObject(links);
    expect(item?.categories).toEqual([VISIT]);
    await h.resetCounters();
    await h.cycle(AVA.id);
    expect((await h.counters()).c4cWrites).toEqual({});

    await h.graph.patchEvent(AVA.id, String(event.id), { categories: [APPOINTMENT], subject: 'retag: back to an Appointment' });
    await h.cycle(AVA.id);
    const [back, ...rest] = await open();
    expect(rest).toEqual([]);
    expect(back?.ObjectID).not.toBe(appointmentId);
    expect(await h.c4c.activity(APPOINTMENTS, String(back?.ObjectID))).toMatchObject({ Subject: 'retag: back to an Appointment', MainAccountPartyID: accountId });
    expect((await h.c4c.activity(VISITS, String(visit?.ObjectID)))?.Status).toBe('4');
  });

  it('C4C edits of times, all-day, body, privacy and links reach Outlook', async () => {
    const accountId = await h.c4c.firstId('CorporateAccountCollection', 'AccountID');
    const event = await h.graph.createEvent(AVA.id, eventBody(uniqueSubject('from C4C fields'), 6, { categories: [APPOINTMENT], body: { contentType: 'text', content: 'first note' } }));
    await h.cycle(AVA.id);
    const objectId = String((await activityFor(h, APPOINTMENTS, event)).ObjectID);
    await h.c4c.patch(APPOINTMENTS, objectId, {
      StartDate: `${dayIso(7)}T13:30:00Z`,
      EndDate: `${dayIso(7)}T15:00:00Z`,
      InformationSensitivityCode: '2',
      MainAccountPartyID: accountId,
    });
    await h.cycle(AVA.id);
    const moved = await h.graph.getEvent(AVA.id, String(event.id));
    expect(Date.parse(`${String(moved?.start.dateTime).slice(0, 19)}Z`)).toBe(Date.parse(`${dayIso(7)}T13:30:00Z`));
    expect(Date.parse(`${String(moved?.end.dateTime).slice(0, 19)}Z`)).toBe(Date.parse(`${dayIso(7)}T15:00:00Z`));
    expect(moved?.sensitivity).toBe('private');
    expect(linksOf(moved)).toEqual([{ type: 'account', id: accountId, primary: true }]);

    await h.c4c.patch(APPOINTMENTS, objectId, { StartDate: `${dayIso(8)}T00:00:00Z`, EndDate: `${dayIso(9)}T00:00:00Z`, FullDayIndicator: true });
    await h.cycle(AVA.id);
    const allDay = await h.graph.getEvent(AVA.id, String(event.id));
    expect(allDay).toMatchObject({ isAllDay: true });
    expect(String(allDay?.start.dateTime).slice(0, 10)).toBe(dayIso(8));
    expect(linksOf(allDay)).toEqual([{ type: 'account', id: accountId, primary: true }]);
  });

  it('links set in Outlook survive a C4C edit of another field, and a changed body in C4C reaches Outlook', async () => {
    const opportunityId = await h.c4c.firstId('OpportunityCollection', 'ID');
    const event = await h.graph.createEvent(
      AVA.id,
      eventBody(uniqueSubject('links kept'), 10, { categories: [APPOINTMENT], singleValueExtendedProperties: linksProperty([{ type: 'opportunity', id: opportunityId }]) }),
    );
    await h.cycle(AVA.id);
    const activity = await activityFor(h, APPOINTMENTS, event);
    const [note] = children(activity, 'AppointmentTextCollection');
    expect(note).toBeUndefined();
    await h.c4c.patch(APPOINTMENTS, String(activity.ObjectID), { Location: 'Set in C4C' });
    await h.c4c.request('POST', `AppointmentCollection('${String(activity.ObjectID)}')/AppointmentTextCollection`, { Text: 'Note written in C4C', TypeCode: '10002', LanguageCode: 'EN' });
    await h.cycle(AVA.id);
    const after = await h.graph.getEvent(AVA.id, String(event.id));
    expect(after).toMatchObject({ location: { displayName: 'Set in C4C' } });
    expect(String(after?.body?.content)).toContain('Note written in C4C');
    expect(linksOf(after)).toEqual([{ type: 'opportunity', id: opportunityId }]);
  });
  it('R11: a C4C-created item deleted in Outlook is cancelled in C4C, not deleted', async () => {
    const subject = uniqueSubject('R11 c4c item deleted in Outlook');
    const created = await h.c4c.create(APPOINTMENTS, c4cAppointmentBody(subject, 12, AVA.c4cEmployeeId));
    await h.cycle(AVA.id);
    const [inOutlook, ...more] = await h.graph.eventsBySubject(AVA.id, subject);
    expect(more).toEqual([]);
    await h.graph.deleteEvent(AVA.id, String(inOutlook?.id));
    await h.cycle(AVA.id);
    expect(await h.c4c.activity(APPOINTMENTS, String(created.ObjectID))).toMatchObject({ LifeCycleStatusCode: '4', Subject: subject });
    expect(await h.graph.eventsBySubject(AVA.id, subject)).toEqual([]);
  });

  it('R2: untagging then tagging again pushes the Outlook state to the same C4C activity', async () => {
    const event = await h.graph.createEvent(AVA.id, eventBody(uniqueSubject('retag same kind'), 13, { categories: [APPOINTMENT] }));
    await h.cycle(AVA.id);
    const objectId = String((await activityFor(h, APPOINTMENTS, event)).ObjectID);
    await h.graph.patchEvent(AVA.id, String(event.id), { categories: [] });
    await h.cycle(AVA.id);
    await h.graph.patchEvent(AVA.id, String(event.id), { subject: 'retag same kind: edited while untagged' });
    await h.cycle(AVA.id);
    expect((await h.c4c.activity(APPOINTMENTS, objectId))?.Subject).toBe(event.subject);
    await h.graph.patchEvent(AVA.id, String(event.id), { categories: [APPOINTMENT] });
    await h.cycle(AVA.id);
    expect((await activitiesFor(h, APPOINTMENTS, event)).map((a) => a.ObjectID)).toEqual([objectId]);
    expect((await h.c4c.activity(APPOINTMENTS, objectId))?.Subject).toBe('retag same kind: edited while untagged');
    expect((await pairOf(h, AVA.id, String(event.id))).status).toBe('synced');
  });

  it('R9: an update C4C rejects marks the item; the next good edit clears it', async () => {
    const event = await h.graph.createEvent(AVA.id, eventBody(uniqueSubject('R9 update'), 14, { categories: [APPOINTMENT] }));
    await h.cycle(AVA.id);
    await h.graph.patchEvent(AVA.id, String(event.id), { location: { displayName: 'y'.repeat(600) } });
    await h.cycle(AVA.id);
    expect((await h.graph.getEvent(AVA.id, String(event.id)))?.categories).toEqual([APPOINTMENT, ERROR_CATEGORY]);
    expect((await pairOf(h, AVA.id, String(event.id))).status).toBe('error');
    await h.graph.patchEvent(AVA.id, String(event.id), { location: { displayName: 'Fine' } });
    await h.cycle(AVA.id);
    expect((await h.graph.getEvent(AVA.id, String(event.id)))?.categories).toEqual([APPOINTMENT]);
    expect((await activityFor(h, APPOINTMENTS, event)).Location).toBe('Fine');
  });
  it('R11: an activity deleted in C4C (not cancelled) is noticed at the next full read and followed like a cancel', async () => {
    const subject = uniqueSubject('R11 deleted in C4C');
    const created = await h.c4c.create(APPOINTMENTS, {
      Subject: subject,
      StartDate: `${dayIso(15)}T09:00:00Z`,
      EndDate: `${dayIso(15)}T10:00:00Z`,
      StartDatetimeZoneCode: 'UTC',
      EnddatetimeZoneCode: 'UTC',
      LifeCycleStatusCode: '1',
      OwnerPartyID: AVA.c4cEmployeeId,
      OrganizerPartyID: AVA.c4cEmployeeId,
    });
    const outlookEvent = await h.graph.createEvent(AVA.id, eventBody(uniqueSubject('R11 Outlook item deleted in C4C'), 15, { categories: [APPOINTMENT, 'Red category'] }, 14));
    await h.cycle(AVA.id);
    expect(await h.graph.eventsBySubject(AVA.id, subject)).toHaveLength(1);
    await h.c4c.remove(APPOINTMENTS, String(created.ObjectID));
    await h.c4c.remove(APPOINTMENTS, String((await activityFor(h, APPOINTMENTS, outlookEvent)).ObjectID));

    // The change query cannot see deletes; the next full read (here: the delta token expired) checks the pairs.
    await h.graphControl('POST', '/delta/expire');
    const { sessions } = await h.cycle(AVA.id);
    expect(sessions.find((s) => s.mailboxId === AVA.id)?.fullRead).toBe(true);
    expect(await h.graph.eventsBySubject(AVA.id, subject)).toEqual([]);
    expect((await h.graph.getEvent(AVA.id, String(outlookEvent.id)))?.categories).toEqual(['Red category']);
  });
  it("an attendee who tags their copy of a C4C-created meeting shares that activity (its GroupwareItemID is written back)", async () => {
    const subject = uniqueSubject('C4C meeting');
    const created = await h.c4c.create(APPOINTMENTS, {
      Subject: subject,
      StartDate: `${dayIso(16)}T09:00:00Z`,
      EndDate: `${dayIso(16)}T10:00:00Z`,
      StartDatetimeZoneCode: 'UTC',
      EnddatetimeZoneCode: 'UTC',
      LifeCycleStatusCode: '1',
      OwnerPartyID: AVA.c4cEmployeeId,
      OrganizerPartyID: AVA.c4cEmployeeId,
      AppointmentInvolvedParties: [{ PartyID: BEN.c4cEmployeeId, RoleCode: '55' }],
    });
    await h.cycle(AVA.id);
    const [organizerCopy] = await h.graph.eventsBySubject(AVA.id, subject);
    expect((await h.c4c.activity(APPOINTMENTS, String(created.ObjectID)))?.GroupwareItemID).toBe(organizerCopy?.iCalUId);

    const [bensCopy] = await h.graph.eventsBySubject(BEN.id, subject);
    await h.graph.patchEvent(BEN.id, String(bensCopy?.id), { categories: [APPOINTMENT] });
    await h.cycle(BEN.id);
    await h.cycle(AVA.id);
    expect((await h.c4c.bySubject(APPOINTMENTS, subject)).map((a) => a.ObjectID)).toEqual([created.ObjectID]);
    expect((await h.c4c.activity(APPOINTMENTS, String(created.ObjectID)))?.OwnerPartyID).toBe(AVA.c4cEmployeeId);
    expect((await pairOf(h, BEN.id, String(bensCopy?.id))).crmObjectId).toBe(created.ObjectID);
  });
});
