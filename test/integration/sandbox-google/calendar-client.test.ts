// The Google sandbox driven by Google's own client (@googleapis/calendar + google-auth-library's JWT-bearer grant):
// calendars, events CRUD with etags and If-Match, client-supplied ids, all-day and recurring events, paging,
// incremental sync and its errors, extended-property filters. One sandbox for the file.
import type { calendar_v3 } from '@googleapis/calendar';
import { DAN, EVE, failure, startGoogleHarness, type GoogleHarness } from './harness.js';

let h: GoogleHarness;
let dan: calendar_v3.Calendar;
let calendarId: string;

beforeAll(async () => {
  h = await startGoogleHarness();
  dan = h.client(DAN);
  calendarId = (await dan.calendars.insert({ requestBody: { summary: 'SAP Appointments', timeZone: 'Europe/Madrid' } })).data.id ?? '';
});
afterAll(() => h.close());

const timed = (summary: string, startIso: string, endIso: string, extra: calendar_v3.Schema$Event = {}): calendar_v3.Schema$Event => ({
  summary, start: { dateTime: startIso }, end: { dateTime: endIso }, ...extra,
});

describe('calendars', () => {
  it('creates a calendar with a group id and lists it beside the primary calendar', async () => {
    expect(calendarId).toMatch(/^[0-9a-f]+@group\.calendar\.google\.com$/);
    const got = await dan.calendars.get({ calendarId });
    expect(got.data).toMatchObject({ kind: 'calendar#calendar', id: calendarId, summary: 'SAP Appointments', timeZone: 'Europe/Madrid' });
    const list = await dan.calendarList.list();
    expect(list.data.items?.map((c) => c.id)).toEqual([DAN, calendarId]);
    expect(list.data.items?.[0]).toMatchObject({ primary: true, accessRole: 'owner' });
  });

  it('deletes a secondary calendar but not the primary one', async () => {
    const extra = (await dan.calendars.insert({ requestBody: { summary: 'Scratch' } })).data.id ?? '';
    await dan.calendars.delete({ calendarId: extra });
    expect((await failure(dan.calendars.get({ calendarId: extra }))).status).toBe(404);
    const primary = await failure(dan.calendars.delete({ calendarId: 'primary' }));
    expect(primary.status).toBe(400);
  });

  it('renames a calendar with calendars.patch and .update: a new etag each time, If-Match honoured (412), 404 for an unknown calendar', async () => {
    const made = (await dan.calendars.insert({ requestBody: { summary: 'Old name', description: 'kept by patch', timeZone: 'Europe/Madrid' } })).data;
    const patched = (await dan.calendars.patch({ calendarId: made.id ?? '', requestBody: { summary: 'New name' } }, { headers: { 'If-Match': made.etag ?? '' } })).data;
    expect(patched).toMatchObject({ id: made.id, summary: 'New name', description: 'kept by patch', timeZone: 'Europe/Madrid' });
    expect(patched.etag).not.toBe(made.etag);
    const stale = await failure(dan.calendars.patch({ calendarId: made.id ?? '', requestBody: { summary: 'Lost' } }, { headers: { 'If-Match': made.etag ?? '' } }));
    expect(stale).toEqual({ status: 412, body: { error: { code: 412, message: 'Precondition Failed', errors: [{ domain: 'global', reason: 'conditionNotMet', message: 'Precondition Failed', locationType: 'header', location: 'If-Match' }], status: 'FAILED_PRECONDITION' } } });
    // update replaces the metadata: the description left out is gone; the list shows the new name.
    const updated = (await dan.calendars.update({ calendarId: made.id ?? '', requestBody: { summary: 'Updated name' } }, { headers: { 'If-Match': patched.etag ?? '' } })).data;
    expect(updated).toMatchObject({ summary: 'Updated name', timeZone: 'Europe/Madrid' });
    expect(updated.description).toBeUndefined();
    expect((await dan.calendarList.get({ calendarId: made.id ?? '' })).data.summary).toBe('Updated name');
    expect((await failure(dan.calendars.update({ calendarId: made.id ?? '', requestBody: {} }))).status).toBe(400);
    const unknown = await failure(dan.calendars.patch({ calendarId: 'nobody0123@group.calendar.google.com', requestBody: { summary: 'x' } }));
    expect(unknown).toEqual({ status: 404, body: { error: { code: 404, message: 'Not Found', errors: [{ domain: 'global', reason: 'notFound', message: 'Not Found' }], status: 'NOT_FOUND' } } });
    await dan.calendars.delete({ calendarId: made.id ?? '' });
  });

  it('refuses a calendar without a title with Google\'s error body', async () => {
    const { status, body } = await failure(dan.calendars.insert({ requestBody: {} }));
    expect(status).toBe(400);
    expect(body).toEqual({ error: { code: 400, message: 'Missing title.', errors: [{ domain: 'global', reason: 'required', message: 'Missing title.' }], status: 'INVALID_ARGUMENT' } });
  });
});

describe('events', () => {
  it('inserts, reads, patches, updates and deletes with quoted numeric etags and If-Match', async () => {
    const created = (await dan.events.insert({
      calendarId,
      requestBody: timed('Visit: Northwind', '2026-12-10T09:00:00+01:00', '2026-12-10T10:00:00+01:00', {
        visibility: 'private',
        colorId: '11',
        attendees: [{ email: 'buyer@northwind.example', displayName: 'Nora' }, { email: EVE, optional: true }],
        extendedProperties: { private: { crmPair: 'p-1', kind: 'visit' } },
      }),
    })).data;
    expect(created.etag).toMatch(/^"\d+"$/);
    expect(created.id).toMatch(/^[a-v0-9]{5,1024}$/);
    expect(created).toMatchObject({
      status: 'confirmed', visibility: 'private', colorId: '11',
      start: { dateTime: '2026-12-10T09:00:00+01:00' }, end: { dateTime: '2026-12-10T10:00:00+01:00' },
      organizer: { email: calendarId, self: true },
      attendees: [{ email: 'buyer@northwind.example', displayName: 'Nora', responseStatus: 'needsAction' }, { email: EVE, optional: true, responseStatus: 'needsAction' }],
      extendedProperties: { private: { crmPair: 'p-1', kind: 'visit' } },
    });

    const patched = (await dan.events.patch({ calendarId, eventId: created.id ?? '', requestBody: { summary: 'Visit: Northwind Traders', extendedProperties: { private: { kind: 'appointment' } } } }, { headers: { 'If-Match': created.etag ?? '' } })).data;
    expect(patched.summary).toBe('Visit: Northwind Traders');
    // Patch semantics: objects merge, so the other private property stays.
    expect(patched.extendedProperties?.private).toEqual({ crmPair: 'p-1', kind: 'appointment' });
    expect(patched.visibility).toBe('private');
    expect(Number(JSON.parse(patched.etag ?? '0'))).toBeGreaterThan(Number(JSON.parse(created.etag ?? '0')));

    const stale = await failure(dan.events.patch({ calendarId, eventId: created.id ?? '', requestBody: { summary: 'late' } }, { headers: { 'If-Match': created.etag ?? '' } }));
    expect(stale.status).toBe(412);
    expect(stale.body.error.errors[0]).toMatchObject({ domain: 'global', reason: 'conditionNotMet', message: 'Precondition Failed', locationType: 'header', location: 'If-Match' });

    // Update replaces the whole resource: what it leaves out is gone.
    const updated = (await dan.events.update({ calendarId, eventId: created.id ?? '', requestBody: timed('Replaced', '2026-12-10T11:00:00+01:00', '2026-12-10T12:00:00+01:00') }, { headers: { 'If-Match': patched.etag ?? '' } })).data;
    expect(updated.summary).toBe('Replaced');
    expect(updated.visibility).toBeUndefined();
    expect(updated.extendedProperties).toBeUndefined();
    expect(updated.sequence).toBe(1);

    expect((await failure(dan.events.delete({ calendarId, eventId: created.id ?? '' }, { headers: { 'If-Match': patched.etag ?? '' } }))).status).toBe(412);
    await dan.events.delete({ calendarId, eventId: created.id ?? '' }, { headers: { 'If-Match': updated.etag ?? '' } });
    expect((await dan.events.get({ calendarId, eventId: created.id ?? '' })).data.status).toBe('cancelled');
    const again = await failure(dan.events.delete({ calendarId, eventId: created.id ?? '' }));
    expect(again.status).toBe(410);
  });

  it('takes a client-supplied base32hex id once (a retried insert gets 409 duplicate) and refuses other ids', async () => {
    const id = 'c4c0pair0000000001';
    const first = await dan.events.insert({ calendarId, requestBody: { id, ...timed('Idempotent', '2026-12-11T09:00:00Z', '2026-12-11T09:30:00Z') } });
    expect(first.data.id).toBe(id);
    const retry = await failure(dan.events.insert({ calendarId, requestBody: { id, ...timed('Idempotent', '2026-12-11T09:00:00Z', '2026-12-11T09:30:00Z') } }));
    expect(retry.status).toBe(409);
    expect(retry.body.error.errors[0]).toMatchObject({ reason: 'duplicate' });
    for (const bad of ['abc', 'has-dash-00', 'wxyz00000']) {
      expect((await failure(dan.events.insert({ calendarId, requestBody: { id: bad, ...timed('x', '2026-12-11T09:00:00Z', '2026-12-11T09:30:00Z') } }))).status).toBe(400);
    }
  });

  it('keeps all-day events as dates with an exclusive end, and refuses an empty time range', async () => {
    const fair = (await dan.events.insert({ calendarId, requestBody: { summary: 'Fair', start: { date: '2026-12-14' }, end: { date: '2026-12-16' } } })).data;
    expect(fair.start).toEqual({ date: '2026-12-14' });
    expect(fair.end).toEqual({ date: '2026-12-16' });
    const inside = await dan.events.list({ calendarId, timeMin: '2026-12-15T12:00:00Z', timeMax: '2026-12-15T13:00:00Z' });
    expect(inside.data.items?.map((e) => e.id)).toContain(fair.id);
    // The end date is exclusive: nothing of the event on the 16th.
    const after = await dan.events.list({ calendarId, timeMin: '2026-12-16T02:00:00Z', timeMax: '2026-12-16T20:00:00Z' });
    expect(after.data.items?.map((e) => e.id)).not.toContain(fair.id);
    const empty = await failure(dan.events.insert({ calendarId, requestBody: timed('Backwards', '2026-12-11T10:00:00Z', '2026-12-11T09:00:00Z') }));
    expect(empty.status).toBe(400);
    expect(empty.body.error.errors[0].reason).toBe('timeRangeEmpty');
  });

  it('expands a weekly series into instances and keeps an edited occurrence as an exception', async () => {
    const series = (await dan.events.insert({
      calendarId,
      requestBody: {
        summary: 'Weekly review',
        start: { dateTime: '2027-03-01T10:00:00', timeZone: 'Europe/Madrid' },
        end: { dateTime: '2027-03-01T11:00:00', timeZone: 'Europe/Madrid' },
        recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=5'],
      },
    })).data;
    const instances = (await dan.events.instances({ calendarId, eventId: series.id ?? '' })).data.items ?? [];
    expect(instances).toHaveLength(5);
    // Across the change to summer time (28 March) the wall-clock time stays 10:00 in Madrid.
    expect(instances.map((i) => i.start?.dateTime)).toEqual(['2027-03-01T10:00:00+01:00', '2027-03-08T10:00:00+01:00', '2027-03-15T10:00:00+01:00', '2027-03-22T10:00:00+01:00', '2027-03-29T10:00:00+02:00']);
    expect(instances[1]).toMatchObject({ id: `${series.id}_20270308T090000Z`, recurringEventId: series.id, originalStartTime: { dateTime: '2027-03-08T10:00:00+01:00', timeZone: 'Europe/Madrid' } });

    const moved = (await dan.events.patch({ calendarId, eventId: instances[1]?.id ?? '', requestBody: { summary: 'Weekly review (moved)', start: { dateTime: '2027-03-09T15:00:00+01:00' }, end: { dateTime: '2027-03-09T16:00:00+01:00' } } })).data;
    expect(moved).toMatchObject({ id: `${series.id}_20270308T090000Z`, recurringEventId: series.id, originalStartTime: { dateTime: '2027-03-08T10:00:00+01:00' } });
    await dan.events.delete({ calendarId, eventId: `${series.id}_20270315T090000Z` });

    const single = (await dan.events.list({ calendarId, singleEvents: true, orderBy: 'startTime', timeMin: '2027-03-01T00:00:00Z', timeMax: '2027-04-01T00:00:00Z' })).data.items ?? [];
    expect(single.map((e) => e.summary)).toEqual(['Weekly review', 'Weekly review (moved)', 'Weekly review', 'Weekly review']);
    // Without singleEvents: the series and its exceptions, the deleted occurrence as a cancelled instance.
    const raw = (await dan.events.list({ calendarId, timeMin: '2027-03-01T00:00:00Z', timeMax: '2027-04-01T00:00:00Z' })).data.items ?? [];
    expect(raw.find((e) => e.id === series.id)?.recurrence).toEqual(['RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=5']);
    expect(raw.find((e) => e.id === moved.id)?.summary).toBe('Weekly review (moved)');
    expect(raw.find((e) => e.id === `${series.id}_20270315T090000Z`)).toMatchObject({ status: 'cancelled', recurringEventId: series.id });
    // …also with showDeleted=false spelled out: Google lists cancelled instances unless singleEvents or showDeleted is true.
    const explicit = (await dan.events.list({ calendarId, showDeleted: false, timeMin: '2027-03-01T00:00:00Z', timeMax: '2027-04-01T00:00:00Z' })).data.items ?? [];
    expect(explicit.find((e) => e.id === `${series.id}_20270315T090000Z`)?.status).toBe('cancelled');
    const expanded = (await dan.events.list({ calendarId, singleEvents: true, showDeleted: true, timeMin: '2027-03-01T00:00:00Z', timeMax: '2027-04-01T00:00:00Z' })).data.items ?? [];
    expect(expanded.filter((e) => e.recurringEventId === series.id).map((e) => e.status)).toEqual(['confirmed', 'confirmed', 'cancelled', 'confirmed', 'confirmed']);
  });

  it('moves an event to another calendar under the same id, cancelled in the one it left', async () => {
    const visits = (await dan.calendars.insert({ requestBody: { summary: 'Moves' } })).data.id ?? '';
    const event = (await dan.events.insert({ calendarId, requestBody: timed('To move', '2026-12-21T09:00:00Z', '2026-12-21T10:00:00Z') })).data;
    const token = (await dan.events.list({ calendarId, maxResults: 2500 })).data.nextSyncToken ?? '';
    const moved = (await dan.events.move({ calendarId, eventId: event.id ?? '', destination: visits })).data;
    expect(moved).toMatchObject({ id: event.id, summary: 'To move', organizer: { email: visits } });
    expect((await dan.events.get({ calendarId: visits, eventId: event.id ?? '' })).data.status).toBe('confirmed');
    const left = (await dan.events.list({ calendarId, syncToken: token })).data.items ?? [];
    expect(left.map((e) => [e.id, e.status])).toEqual([[event.id, 'cancelled']]);
  });

  it('filters on private extended properties (every constraint must match)', async () => {
    await dan.events.insert({ calendarId, requestBody: timed('Tagged A', '2026-12-20T09:00:00Z', '2026-12-20T10:00:00Z', { extendedProperties: { private: { crmId: 'A1', family: 'cal' } } }) });
    await dan.events.insert({ calendarId, requestBody: timed('Tagged B', '2026-12-20T11:00:00Z', '2026-12-20T12:00:00Z', { extendedProperties: { private: { crmId: 'B2', family: 'cal' } } }) });
    const one = await dan.events.list({ calendarId, privateExtendedProperty: ['crmId=A1'] });
    expect(one.data.items?.map((e) => e.summary)).toEqual(['Tagged A']);
    const both = await dan.events.list({ calendarId, privateExtendedProperty: ['family=cal'] });
    expect(both.data.items?.map((e) => e.summary).sort()).toEqual(['Tagged A', 'Tagged B']);
    const none = await dan.events.list({ calendarId, privateExtendedProperty: ['family=cal', 'crmId=C3'] });
    expect(none.data.items).toEqual([]);
  });
});

describe('paging and incremental sync', () => {
  let syncCalendar: string;
  beforeAll(async () => {
    syncCalendar = (await dan.calendars.insert({ requestBody: { summary: 'SAP Visits' } })).data.id ?? '';
    for (let i = 0; i < 5; i += 1) await dan.events.insert({ calendarId: syncCalendar, requestBody: timed(`Item ${i}`, `2026-12-0${i + 1}T09:00:00Z`, `2026-12-0${i + 1}T10:00:00Z`) });
  });

  it('pages with pageToken and gives nextSyncToken on the last page only', async () => {
    const first = (await dan.events.list({ calendarId: syncCalendar, maxResults: 2 })).data;
    expect(first.items).toHaveLength(2);
    expect(first.nextPageToken).toBeTruthy();
    expect(first.nextSyncToken).toBeUndefined();
    const second = (await dan.events.list({ calendarId: syncCalendar, maxResults: 2, pageToken: first.nextPageToken ?? '' })).data;
    const third = (await dan.events.list({ calendarId: syncCalendar, maxResults: 2, pageToken: second.nextPageToken ?? '' })).data;
    expect(second.nextSyncToken).toBeUndefined();
    expect(third.nextPageToken).toBeUndefined();
    expect(third.nextSyncToken).toBeTruthy();
    expect([...(first.items ?? []), ...(second.items ?? []), ...(third.items ?? [])].map((e) => e.summary)).toEqual(['Item 0', 'Item 1', 'Item 2', 'Item 3', 'Item 4']);
  });

  it('returns only what changed since the sync token, deletions as cancelled', async () => {
    const full = (await dan.events.list({ calendarId: syncCalendar })).data;
    const [keep, drop] = full.items ?? [];
    await dan.events.patch({ calendarId: syncCalendar, eventId: keep?.id ?? '', requestBody: { summary: 'Item 0 (edited)' } });
    await dan.events.delete({ calendarId: syncCalendar, eventId: drop?.id ?? '' });
    const added = (await dan.events.insert({ calendarId: syncCalendar, requestBody: timed('Item 5', '2026-12-06T09:00:00Z', '2026-12-06T10:00:00Z') })).data;
    const delta = (await dan.events.list({ calendarId: syncCalendar, syncToken: full.nextSyncToken ?? '' })).data;
    expect(delta.items?.map((e) => [e.id, e.status, e.summary])).toEqual(
      expect.arrayContaining([[keep?.id, 'confirmed', 'Item 0 (edited)'], [drop?.id, 'cancelled', undefined], [added.id, 'confirmed', 'Item 5']]),
    );
    expect(delta.items).toHaveLength(3);
    const quiet = (await dan.events.list({ calendarId: syncCalendar, syncToken: delta.nextSyncToken ?? '' })).data;
    expect(quiet.items).toEqual([]);
    expect(quiet.nextSyncToken).toBeTruthy();
    // A deleted event is left out of a full list unless showDeleted.
    expect((await dan.events.list({ calendarId: syncCalendar })).data.items?.map((e) => e.id)).not.toContain(drop?.id);
    expect((await dan.events.list({ calendarId: syncCalendar, showDeleted: true })).data.items?.find((e) => e.id === drop?.id)?.status).toBe('cancelled');
  });

  it('refuses request restrictions beside a sync token (400) and an invalid or expired token (410)', async () => {
    const token = (await dan.events.list({ calendarId: syncCalendar })).data.nextSyncToken ?? '';
    for (const extra of [{ timeMin: '2026-12-01T00:00:00Z' }, { timeMax: '2027-01-01T00:00:00Z' }, { orderBy: 'updated' }, { privateExtendedProperty: ['a=b'] }, { showDeleted: false }]) {
      const refused = await failure(dan.events.list({ calendarId: syncCalendar, syncToken: token, ...extra }));
      expect(refused.status).toBe(400);
    }
    const forged = await failure(dan.events.list({ calendarId: syncCalendar, syncToken: 'not-a-token' }));
    expect(forged.status).toBe(410);
    expect(forged.body.error).toMatchObject({ code: 410, errors: [{ domain: 'global', reason: 'fullSyncRequired', message: 'Sync token is no longer valid, a full sync is required.' }] });
    // Another calendar's token is no token for this one.
    const other = (await dan.events.list({ calendarId: 'primary' })).data.nextSyncToken ?? '';
    expect((await failure(dan.events.list({ calendarId: syncCalendar, syncToken: other }))).status).toBe(410);
    expect((await h.control('POST', '/_sandbox/sync/expire')).status).toBe(204);
    expect((await failure(dan.events.list({ calendarId: syncCalendar, syncToken: token }))).status).toBe(410);
  });
});
