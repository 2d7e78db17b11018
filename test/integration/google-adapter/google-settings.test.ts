// R10's calendar names are tenant settings: an admin changes them over HTTP (PUT /api/admin/settings, audited) and
// the next session of each Google mailbox renames its two calendars in place (calendars.patch, same ids, no second
// pair), sync going on; a new Google user gets the new names; a user's own rename is left alone until the setting
// changes again. Real HTTP to the Google and C4C sandboxes, the admin routes over the same store, on PGlite.
import type { calendar_v3 } from '@googleapis/calendar';
import { SqlAdminConsole } from '../../../src/server/adapters/store/index.js';
import { withDefaults } from '../../../src/server/domain/settings.js';
import { ADMIN_ROLE, buildTestApp } from '../../support/http-app-fakes.js';
import { stopTestDatabases } from '../../support/test-database.js';
import { VISITS, dayIso, uniqueSubject } from '../sync/fixtures.js';
import { DAN, TENANT_ID, googleMailbox, startGoogleSyncHarness, type GoogleSyncHarness } from './harness.js';
import { DEMO_USERS, type DemoUser } from '../../../src/sandbox/common/demo-tenant.js';

afterAll(stopTestDatabases);

const EVE = DEMO_USERS.find((u) => u.mail === 'eve.evans@contoso.example') as DemoUser;
const dan = googleMailbox(DAN);
const eve = googleMailbox(EVE);

describe('Google calendar names changed at run time (PGlite)', () => {
  let h: GoogleSyncHarness;
  let app: Awaited<ReturnType<typeof buildTestApp>>;
  let calendars: { appointment: string; visit: string };

  beforeAll(async () => {
    h = await startGoogleSyncHarness('pglite', [dan]);
    const environment = { settings: withDefaults({}), setInEnvironment: [] };
    app = await buildTestApp({ items: {}, admin: { console: { tenantId: TENANT_ID, store: new SqlAdminConsole(h.db), environment } } });
    calendars = await h.source.ensureCalendars(dan);
    await h.settle(dan);
  }, 90_000);
  afterAll(async () => {
    await app?.app.close();
    await h?.close();
  });

  const put = async (settings: Record<string, string>) =>
    app.app.inject({ method: 'PUT', url: '/api/admin/settings', payload: { settings }, headers: { authorization: `Bearer ${await app.mint({ oid: 'admin-9', roles: [ADMIN_ROLE] })}` } });
  const sapCalendars = async (cal: calendar_v3.Calendar) =>
    ((await cal.calendarList.list()).data.items ?? []).filter((c) => /crm-sync:/.test(c.description ?? '')).map((c) => ({ id: c.id, summary: c.summary }));
  const patches = async () => ((await h.google.control('GET', '/_sandbox/counters')).body.byRoute as Record<string, number>)['PATCH /calendar/v3/calendars/:calendarId'] ?? 0;

  it('an admin renames both calendars: the next session renames them in place, once, and sync goes on', async () => {
    const answer = await put({ GOOGLE_CALENDAR_APPOINTMENTS: 'Kundentermine', GOOGLE_CALENDAR_VISITS: 'Kundenbesuche' });
    expect(answer.statusCode).toBe(200);
    expect(answer.json().changes).toEqual([
      { setting: 'GOOGLE_CALENDAR_APPOINTMENTS', from: 'SAP Appointments', to: 'Kundentermine' },
      { setting: 'GOOGLE_CALENDAR_VISITS', from: 'SAP Visits', to: 'Kundenbesuche' },
    ]);
    expect(answer.json().settings).toContainEqual({ name: 'GOOGLE_CALENDAR_VISITS', value: 'Kundenbesuche', effect: 'session', environment: null, environmentDiffers: false });

    await h.google.control('DELETE', '/_sandbox/counters');
    await h.cycle(dan);
    const cal = h.user(DAN.mail);
    expect((await sapCalendars(cal)).sort((a, b) => String(a.id).localeCompare(String(b.id)))).toEqual(
      [{ id: calendars.appointment, summary: 'Kundentermine' }, { id: calendars.visit, summary: 'Kundenbesuche' }].sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(await patches()).toBe(2);
    // A restarted process reads the names it gave from the store: nothing to rename again.
    expect(await h.newSource().ensureCalendars(dan)).toEqual(calendars);
    await h.cycle(dan);
    expect(await patches()).toBe(2);

    const subject = uniqueSubject('Renamed calendar visit');
    await cal.events.insert({ calendarId: calendars.visit, requestBody: { summary: subject, start: { dateTime: `${dayIso(4)}T09:00:00Z` }, end: { dateTime: `${dayIso(4)}T10:00:00Z` } } });
    await h.cycle(dan);
    expect(await h.c4c.bySubject(VISITS, subject)).toHaveLength(1);
  });

  it('a new Google user gets the calendars under the new names', async () => {
    await h.store.transaction((tx) => tx.upsertMailbox(eve));
    await h.source.ensureCalendars(eve);
    expect((await sapCalendars(h.user(EVE.mail))).map((c) => c.summary).sort()).toEqual(['Kundenbesuche', 'Kundentermine']);
  });

  it("a user's own name for a calendar stays until the setting changes again", async () => {
    const cal = h.user(DAN.mail);
    await cal.calendars.patch({ calendarId: calendars.visit, requestBody: { summary: 'Meine Besuche' } });
    await h.cycle(dan);
    expect((await cal.calendars.get({ calendarId: calendars.visit })).data.summary).toBe('Meine Besuche');
    expect((await put({ GOOGLE_CALENDAR_VISITS: 'Besuche (SAP)' })).statusCode).toBe(200);
    await h.cycle(dan);
    expect((await cal.calendars.get({ calendarId: calendars.visit })).data.summary).toBe('Besuche (SAP)');
    expect(await sapCalendars(cal)).toHaveLength(2);
  });

  it('refuses two calendars of one name, by the environment rule, and saves nothing', async () => {
    const refused = await put({ GOOGLE_CALENDAR_VISITS: 'kundentermine' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toBe('GOOGLE_CALENDAR_VISITS: must differ from GOOGLE_CALENDAR_APPOINTMENTS');
    expect(withDefaults((await h.store.getSettings(TENANT_ID)) ?? {}).google.calendarNames.visit).toBe('Besuche (SAP)');
  });
});
