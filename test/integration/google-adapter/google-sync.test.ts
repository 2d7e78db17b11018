// R10 end to end over real HTTP on both store drivers: a Google Workspace mailbox (the Google sandbox, Google's own
// client) and C4C (the C4C sandbox) kept in step by the one engine. One stack per driver, shared by the file's tests.
import type { calendar_v3 } from '@googleapis/calendar';
import { googleEventIdFor } from '../../../src/server/domain/google-event.js';
import { createGoogleChannelKeeper } from '../../../src/server/jobs/google-channel-keeper.js';
import { googleChannelToken, registerGoogleWebhook } from '../../../src/server/http/google-webhook.js';
import Fastify from 'fastify';
import pino from 'pino';
import { syncWindowAround } from '../../../src/server/domain/sync-window.js';
import { TEST_DRIVERS, stopTestDatabases } from '../../support/test-database.js';
import { APPOINTMENTS, VISITS, c4cAppointmentBody, dayIso, uniqueSubject } from '../sync/fixtures.js';
import { SqlGoogleChannels } from '../../../src/server/adapters/store/index.js';
import { DAN, googleMailbox, startGoogleSyncHarness, type GoogleSyncHarness } from './harness.js';

afterAll(stopTestDatabases);

const mailbox = googleMailbox(DAN);

function timed(summary: string, days: number, hour = 10): calendar_v3.Schema$Event {
  const hh = String(hour).padStart(2, '0');
  return { summary, start: { dateTime: `${dayIso(days)}T${hh}:00:00Z`, timeZone: 'UTC' }, end: { dateTime: `${dayIso(days)}T${String(hour + 1).padStart(2, '0')}:00:00Z`, timeZone: 'UTC' } };
}

describe.each(TEST_DRIVERS)('a Google mailbox synced with C4C on %s', (driver) => {
  let h: GoogleSyncHarness;
  let cal: calendar_v3.Calendar;
  let calendars: { appointment: string; visit: string };

  beforeAll(async () => {
    h = await startGoogleSyncHarness(driver, [mailbox]);
    cal = h.user(DAN.mail);
    calendars = await h.source.ensureCalendars(mailbox);
    await h.settle(mailbox);
  }, 90_000);
  afterAll(async () => {
    await h?.close();
  });

  const sapCalendars = async () => ((await cal.calendarList.list()).data.items ?? []).filter((c) => /crm-sync:/.test(c.description ?? ''));

  it('R10: provisioning creates "SAP Appointments" and "SAP Visits" once; a restart finds them by stored id, and by marker when the id is lost', async () => {
    const listed = await sapCalendars();
    expect(listed.map((c) => c.summary).sort()).toEqual(['SAP Appointments', 'SAP Visits']);
    expect(await h.newSource().ensureCalendars(mailbox)).toEqual(calendars);
    await h.db.query('DELETE FROM google_calendars WHERE mailbox_id = $1', [mailbox.mailboxId]);
    expect(await h.newSource().ensureCalendars(mailbox)).toEqual(calendars);
    expect((await h.store.getMailbox(mailbox.mailboxId))?.provider).toBe('google');
    expect(await sapCalendars()).toHaveLength(2);
    const { rows } = await h.db.query<{ appointment_id: string }>('SELECT appointment_id FROM google_calendars WHERE mailbox_id = $1', [mailbox.mailboxId]);
    expect(rows[0]?.appointment_id).toBe(calendars.appointment);
  });

  it('an event created in "SAP Visits" becomes a C4C Visit; a change in C4C reaches the Google event', async () => {
    const subject = uniqueSubject('Google visit');
    const created = (await cal.events.insert({ calendarId: calendars.visit, requestBody: timed(subject, 3) })).data;
    await h.cycle(mailbox);
    const [visit, ...more] = await h.c4c.bySubject(VISITS, subject);
    expect(more).toEqual([]);
    expect(visit?.GroupwareItemID).toBeTruthy();
    expect(await h.c4c.bySubject(APPOINTMENTS, subject)).toEqual([]);

    const renamed = `${subject} (moved to 14:00)`;
    await h.c4c.patch(VISITS, visit?.ObjectID as string, { Subject: renamed });
    await h.cycle(mailbox);
    const event = (await cal.events.get({ calendarId: calendars.visit, eventId: created.id as string })).data;
    expect(event.summary).toBe(renamed);
  });

  it('an activity created in C4C lands in the calendar of its kind, with the id from its pair (R7)', async () => {
    const subject = uniqueSubject('C4C appointment');
    await h.c4c.create(APPOINTMENTS, c4cAppointmentBody(subject, 4, DAN.c4cEmployeeId));
    await h.cycle(mailbox);
    const found = (await cal.events.list({ calendarId: calendars.appointment, q: subject })).data.items ?? [];
    expect(found.map((e) => e.summary)).toEqual([subject]);
    expect(found[0]?.extendedProperties?.private?.crmPairId).toBeTruthy();
    expect(found[0]?.id).toBe(googleEventIdFor(found[0]?.extendedProperties?.private?.crmPairId as string));
    expect((await cal.events.list({ calendarId: calendars.visit, q: subject })).data.items ?? []).toEqual([]);
  });

  it('moving an event from "SAP Appointments" to "SAP Visits" switches its kind as a retag does (R2): a Visit is created, the Appointment cancelled', async () => {
    const subject = uniqueSubject('Google switch');
    const created = (await cal.events.insert({ calendarId: calendars.appointment, requestBody: timed(subject, 5) })).data;
    await h.cycle(mailbox);
    expect(await h.c4c.bySubject(APPOINTMENTS, subject)).toHaveLength(1);
    await cal.events.move({ calendarId: calendars.appointment, eventId: created.id as string, destination: calendars.visit });
    await h.cycle(mailbox);
    expect(await h.c4c.bySubject(VISITS, subject)).toHaveLength(1);
    const [appointment] = await h.c4c.bySubject(APPOINTMENTS, subject);
    // C4C cannot change an activity's type: the old record is cancelled, never deleted, and the event lives on.
    expect(appointment?.LifeCycleStatusCode).toBe('4');
    const moved = (await cal.events.get({ calendarId: calendars.visit, eventId: created.id as string })).data;
    expect(moved.status).toBe('confirmed');
  });

  it('an expired sync token (410) turns into a full read that duplicates nothing', async () => {
    const subject = uniqueSubject('Google full read');
    await cal.events.insert({ calendarId: calendars.appointment, requestBody: timed(subject, 6) });
    expect((await h.google.control('POST', '/_sandbox/sync/expire')).status).toBeLessThan(300);
    const reports = await h.cycle(mailbox);
    expect(reports.find((r) => r.mailboxId === mailbox.mailboxId)?.fullRead).toBe(true);
    expect(await h.c4c.bySubject(APPOINTMENTS, subject)).toHaveLength(1);
    await h.settle(mailbox);
    expect(await h.c4c.bySubject(APPOINTMENTS, subject)).toHaveLength(1);
  });

  it('a retried insert (its first answer lost) reads the event it made instead of making a second', async () => {
    const subject = uniqueSubject('Google retried insert');
    const now = new Date();
    const fields = {
      subject, startUtc: `${dayIso(7)}T08:00:00Z`, endUtc: `${dayIso(7)}T09:00:00Z`, isAllDay: false, timeZone: 'UTC', location: '', body: '', sensitivity: 'normal' as const,
      showAs: 'busy' as const, organizerEmail: DAN.mail, attendees: [], links: [], seriesId: null, occurrenceDate: null,
    };
    const request = { op: 'create' as const, transactionId: `p-retry-${now.getTime()}`, kind: 'appointment' as const, fields, categories: [] };
    const [first] = await h.source.write(mailbox, [request]);
    const [again] = await h.newSource().write(mailbox, [request]);
    expect(first).toMatchObject({ ok: true });
    expect(again).toEqual(first);
    expect(((await cal.events.list({ calendarId: calendars.appointment, q: subject })).data.items ?? []).length).toBe(1);
  });

  it("an update with a stale etag is refused (412) as a conflict, and the engine's next session merges both edits", async () => {
    const subject = uniqueSubject('Google conflict');
    const created = (await cal.events.insert({ calendarId: calendars.appointment, requestBody: { ...timed(subject, 8), location: 'Room 1' } })).data;
    await h.cycle(mailbox);
    const [item] = await h.source.getItems(mailbox, [created.id as string]);
    expect(item?.removed).toBe(false);
    await cal.events.patch({ calendarId: calendars.appointment, eventId: created.id as string, requestBody: { location: 'Room 2' } });
    if (!item || item.removed) throw new Error('unreachable');
    const [stale] = await h.source.write(mailbox, [{ op: 'update', id: item.id, ifMatch: item.version, patch: { subject: `${subject}!` }, after: { ...item.fields, subject: `${subject}!` } }]);
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // Both sides changed since the last session: C4C's subject and Google's location both survive (R12 merge).
    const [activity] = await h.c4c.bySubject(APPOINTMENTS, subject);
    await h.c4c.patch(APPOINTMENTS, activity?.ObjectID as string, { Subject: `${subject} (C4C)` });
    await h.settle(mailbox);
    const event = (await cal.events.get({ calendarId: calendars.appointment, eventId: created.id as string })).data;
    expect(event.summary).toBe(`${subject} (C4C)`);
    expect(event.location).toBe('Room 2');
    const [after] = await h.c4c.bySubject(APPOINTMENTS, `${subject} (C4C)`);
    expect(after?.LocationName ?? after?.Location).toBe('Room 2');
  });

  it('reads stay incremental when nothing changed: one events.list per calendar', async () => {
    await h.settle(mailbox);
    await h.google.control('DELETE', '/_sandbox/counters');
    const window = syncWindowAround(new Date());
    const cursor = await h.store.getCursor({ kind: 'graphDelta', scopeId: mailbox.mailboxId });
    const changes = await h.source.readChanges(mailbox, cursor, window);
    expect(changes).toMatchObject({ items: [], full: false });
    const counters = (await h.google.control('GET', '/_sandbox/counters')).body;
    expect(counters.byRoute).toEqual({ 'GET /calendar/v3/calendars/:calendarId/events': 2 });
  });

  it('push channels (events.watch) on both calendars ask for an insta session on a change, are kept for a restarted process, and are renewed before they end', async () => {
    const sessions: string[] = [];
    const receiver = Fastify();
    registerGoogleWebhook(receiver, { channelSecret: 'channel-secret-0123456789', queue: { enqueueMailboxSession: async (id, reason) => void sessions.push(`${id}:${reason}`) }, store: h.store });
    const address = `${await receiver.listen({ host: '127.0.0.1', port: 0 })}/webhooks/google`;
    let skewMs = 0;
    const keeperOf = () =>
      createGoogleChannelKeeper({
        api: h.source, store: h.store, channels: new SqlGoogleChannels(h.db), address, clock: { now: () => new Date(Date.now() + skewMs) }, logger: pino({ level: 'silent' }),
        tokenFor: (id, mailboxId) => googleChannelToken('channel-secret-0123456789', id, mailboxId),
      });
    const keeper = keeperOf();
    try {
      expect(await keeper.tick()).toEqual({ opened: 2, failed: 0 });
      expect(await keeper.tick()).toEqual({ opened: 0, failed: 0 });
      // A restarted process (or a second worker) finds the channels in the database: it opens none beside them.
      expect(await keeperOf().tick()).toEqual({ opened: 0, failed: 0 });
      const first = (await keeper.channelsOf(mailbox.mailboxId)).map((c) => c.id);
      const openInGoogle = ((await h.google.control('GET', '/_sandbox/channels')).body.value as { id: string; expired: boolean }[]).filter((c) => !c.expired);
      expect(openInGoogle.map((c) => c.id).sort()).toEqual([...first].sort());
      await cal.events.insert({ calendarId: calendars.visit, requestBody: timed(uniqueSubject('Google push'), 9) });
      for (let i = 0; i < 100 && sessions.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(sessions[0]).toBe(`${mailbox.mailboxId}:insta`);
      // Google never renews a channel: half an hour before the day it was opened for ends, it is replaced and stopped.
      skewMs = 86_400_000 - 30 * 60_000;
      expect(await keeper.tick()).toEqual({ opened: 2, failed: 0 });
      const live = ((await h.google.control('GET', '/_sandbox/channels')).body.value as { id: string; expired: boolean }[]).filter((c) => !c.expired).map((c) => c.id);
      expect(live.sort()).toEqual((await keeper.channelsOf(mailbox.mailboxId)).map((c) => c.id).sort());
      expect(live.some((id) => first.includes(id))).toBe(false);
    } finally {
      await receiver.close();
    }
  });
});
