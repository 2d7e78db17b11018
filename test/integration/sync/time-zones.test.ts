// End to end over real HTTP on both store drivers: time zones beyond the old 15-code table. An Outlook mailbox in
// "Arabian Standard Time" (Windows → Asia/Dubai through CLDR → the tenant's SAP code UTC+4), a C4C user in New
// Zealand and Israel (codes NZST and ISRAEL from the tenant's list), and a zone code the service cannot map, which
// is reported on the item (R9) rather than read as UTC.
import { AVA, startSyncHarness, type SyncHarness } from '../../support/sync-harness.js';
import type { Json } from '../../support/sync-harness-http.js';
import { TEST_DRIVERS, stopTestDatabases } from '../../support/test-database.js';
import { wallClockToInstantMs } from '../../../src/shared/time-zones.js';
import { SAP_TIME_ZONES } from '../../../src/sandbox/c4c/sap-time-zones.js';
import { APPOINTMENT, APPOINTMENTS, ERROR_CATEGORY, activityFor, c4cAppointmentBody, dayIso, odataMs, pairOf, uniqueSubject } from './fixtures.js';

afterAll(stopTestDatabases);

const HOUR = 3_600_000;
const ARABIAN = 'Arabian Standard Time';
const nextDay = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) + 24 * HOUR).toISOString().slice(0, 10);
const midnightIn = (date: string, zone: string): string => new Date(wallClockToInstantMs(Date.parse(`${date}T00:00:00Z`), zone)).toISOString();

describe.each(TEST_DRIVERS)('time zones on %s', (driver) => {
  let h: SyncHarness;
  beforeAll(async () => {
    h = await startSyncHarness(driver, { users: [AVA] });
    await h.settle();
  }, 90_000);
  afterAll(async () => {
    await h?.c4cControl('DELETE', '/code-lists/AppointmentStartDatetimeZoneCodeCollection');
    await h?.close();
  });

  it('an Outlook mailbox in Arabian Standard Time: C4C gets UTC+4 and the right instants and dates, and C4C edits come back', async () => {
    const subject = uniqueSubject('Dubai');
    const day = dayIso(4);
    const timed = await h.graph.createEvent(AVA.id, {
      subject,
      categories: [APPOINTMENT],
      start: { dateTime: `${day}T09:00:00`, timeZone: ARABIAN },
      end: { dateTime: `${day}T10:00:00`, timeZone: ARABIAN },
    });
    const allDay = await h.graph.createEvent(AVA.id, {
      subject: `${subject} all day`,
      categories: [APPOINTMENT],
      isAllDay: true,
      start: { dateTime: `${day}T00:00:00`, timeZone: ARABIAN },
      end: { dateTime: `${nextDay(day)}T00:00:00`, timeZone: ARABIAN },
    });
    await h.cycle(AVA.id);

    const activity = await activityFor(h, APPOINTMENTS, timed);
    expect(activity).toMatchObject({ StartDatetimeZoneCode: 'UTC+4', EnddatetimeZoneCode: 'UTC+4' });
    expect(new Date(odataMs(activity.StartDate)).toISOString()).toBe(`${day}T05:00:00.000Z`);
    const whole = await activityFor(h, APPOINTMENTS, allDay);
    expect(whole).toMatchObject({ FullDayIndicator: true, StartDatetimeZoneCode: 'UTC+4' });
    // Midnight in Dubai: 20:00 UTC the day before.
    expect(new Date(odataMs(whole.StartDate)).toISOString()).toBe(midnightIn(day, 'Asia/Dubai'));

    // C4C moves the meeting an hour later; Outlook follows, and nothing is in error.
    await h.c4c.patch(APPOINTMENTS, String(activity.ObjectID), { StartDate: `${day}T06:00:00Z`, EndDate: `${day}T07:00:00Z` });
    await h.cycle(AVA.id);
    const moved = (await h.graph.getEvent(AVA.id, String(timed.id))) as Json;
    expect(moved.start).toMatchObject({ dateTime: `${day}T06:00:00.0000000`, timeZone: 'UTC' });
    expect(moved.categories).toEqual([APPOINTMENT]);
    const stillWhole = (await h.graph.getEvent(AVA.id, String(allDay.id))) as Json;
    expect(stillWhole).toMatchObject({ isAllDay: true, start: { dateTime: `${day}T00:00:00.0000000` } });
    expect((await pairOf(h, AVA.id, String(timed.id))).status).toBe('synced');
  });

  it('a C4C user in New Zealand and in Israel (codes outside the old table): all-day dates and times land unchanged', async () => {
    const subject = uniqueSubject('Auckland');
    const day = dayIso(6);
    await h.c4c.create(APPOINTMENTS, {
      ...c4cAppointmentBody(subject, 6, AVA.c4cEmployeeId),
      StartDate: midnightIn(day, 'Pacific/Auckland'),
      EndDate: midnightIn(nextDay(day), 'Pacific/Auckland'),
      FullDayIndicator: true,
      StartDatetimeZoneCode: 'NZST',
      EnddatetimeZoneCode: 'NZST',
    });
    const telAviv = uniqueSubject('Tel Aviv');
    const nine = new Date(wallClockToInstantMs(Date.parse(`${day}T09:00:00Z`), 'Asia/Jerusalem')).toISOString();
    const ten = new Date(Date.parse(nine) + HOUR).toISOString();
    await h.c4c.create(APPOINTMENTS, { ...c4cAppointmentBody(telAviv, 6, AVA.c4cEmployeeId), StartDate: nine, EndDate: ten, StartDatetimeZoneCode: 'ISRAEL', EnddatetimeZoneCode: 'ISRAEL' });
    await h.cycle(AVA.id);

    const [landed] = await h.graph.eventsBySubject(AVA.id, subject);
    expect(landed).toMatchObject({ isAllDay: true, start: { dateTime: `${day}T00:00:00.0000000` }, end: { dateTime: `${nextDay(day)}T00:00:00.0000000` } });
    const [meeting] = await h.graph.eventsBySubject(AVA.id, telAviv);
    expect(meeting).toMatchObject({ originalStartTimeZone: 'Asia/Jerusalem', start: { dateTime: `${nine.slice(0, 19)}.0000000`, timeZone: 'UTC' } });
  });

  it('a zone code the service cannot map is reported on the item (R9), not read as UTC', async () => {
    const subject = uniqueSubject('Mars');
    const created = await h.c4c.create(APPOINTMENTS, c4cAppointmentBody(subject, 7, AVA.c4cEmployeeId));
    await h.cycle(AVA.id);
    const [item] = await h.graph.eventsBySubject(AVA.id, subject);
    expect(item?.categories).toEqual([APPOINTMENT]);

    // The tenant adds a code of its own, with a description naming no place; a user gives the activity that zone.
    await h.c4cControl('PUT', '/code-lists/AppointmentStartDatetimeZoneCodeCollection', { values: [...SAP_TIME_ZONES, { Code: 'ZMARS', Description: 'Mars base time' }] });
    await h.c4c.patch(APPOINTMENTS, String(created.ObjectID), { StartDatetimeZoneCode: 'ZMARS', Subject: `${subject} moved` });
    await h.cycle(AVA.id);

    const pair = await pairOf(h, AVA.id, String(item?.id));
    expect(pair).toMatchObject({ status: 'error', lastError: { code: 'unknownTimeZone', message: expect.stringContaining('"ZMARS"') } });
    const after = (await h.graph.getEvent(AVA.id, String(item?.id))) as Json;
    expect(after.categories).toEqual([APPOINTMENT, ERROR_CATEGORY]);
    // Nothing of the C4C edit reached Outlook.
    expect(after.subject).toBe(subject);
  });
});
