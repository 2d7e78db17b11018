import { DEFAULT_CATEGORIES } from '../../../src/shared/categories.js';
import { emptyCalendarItem, type NormalizedCalendarItem } from '../../../src/server/domain/calendar-item.js';
import { differingFields } from '../../../src/server/domain/canonical.js';
import { googleEventIdFor, pairIdOfEventId, type GoogleEvent } from '../../../src/server/domain/google-event.js';
import { googleInsertPayload, googlePatchPayload } from '../../../src/server/domain/google-payloads.js';
import { normalizeGoogleEvent, type GoogleNormalizeOptions } from '../../../src/server/domain/normalize-google.js';
import { syncBlocker } from '../../../src/server/domain/rules.js';
import { DEFAULT_SYNC_SETTINGS } from '../../../src/server/domain/settings.js';
import type { OutlookItemPresent } from '../../../src/server/domain/snapshots.js';
import { CALENDAR_ID, inserted, patched } from '../../support/google-echo.js';

const options: GoogleNormalizeOptions = { mailboxEmail: 'Ava@Contoso.example', categories: DEFAULT_CATEGORIES };
const pairId = 'c-0123456789abcdef0123456789abcdef';

function present(event: GoogleEvent, kind: 'appointment' | 'visit' = 'appointment'): OutlookItemPresent {
  const item = normalizeGoogleEvent(event, kind, options);
  if (item.removed) throw new Error('expected a present item');
  return item;
}

const item: NormalizedCalendarItem = {
  ...emptyCalendarItem(),
  subject: 'Review',
  startUtc: '2026-03-29T00:30:00Z',
  endUtc: '2026-03-29T01:30:00Z',
  timeZone: 'Europe/Berlin',
  location: 'HQ',
  body: 'Agenda\nsecond line',
  sensitivity: 'private',
  attendees: [
    { email: 'ben@contoso.example', name: 'Ben', type: 'required', response: 'accepted' },
    { email: 'cy@contoso.example', name: '', type: 'optional', response: 'declined' },
  ],
  links: [{ type: 'opportunity', id: '5001' }],
};

describe('Google event ids', () => {
  it('derive from the pair id in base32hex (a–v, 0–9, 5–1024 characters) and decode back', () => {
    const id = googleEventIdFor(pairId);
    expect(id).toMatch(/^[0-9a-v]{5,1024}$/);
    expect(googleEventIdFor(pairId)).toBe(id);
    expect(googleEventIdFor('o-0123456789abcdef0123456789abcdef')).not.toBe(id);
    expect(pairIdOfEventId(id)).toBe(pairId);
    // Ids Google makes, and instance ids (`<master>_<start>`), are not ours.
    expect(pairIdOfEventId('7kvq0ea3ep2m3rqk0lh9kq3ulb')).toBeNull();
    expect(pairIdOfEventId(`${id}_20260329T003000Z`)).toBeNull();
    // Base32hex of bytes that are not printable ASCII (here a NUL and a control character) is no pair id either.
    expect(pairIdOfEventId('00000000')).toBeNull();
  });
});

describe('normalizeGoogleEvent', () => {
  it('reads a timed event: instants from the offsets, zone, private visibility, attendees and the calendar kind', () => {
    const event: GoogleEvent = {
      id: 'ev1',
      etag: '"3181161784712000"',
      status: 'confirmed',
      summary: ' Review ',
      description: 'Agenda\r\nsecond line',
      location: 'HQ',
      start: { dateTime: '2026-03-29T01:30:00+01:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2026-03-29T03:30:00+02:00', timeZone: 'Europe/Berlin' },
      visibility: 'confidential',
      iCalUID: 'ev1@google.com',
      organizer: { email: CALENDAR_ID, self: true },
      attendees: [
        { email: 'Ben@Contoso.example', displayName: 'Ben', responseStatus: 'accepted' },
        { email: 'cy@contoso.example', optional: true, responseStatus: 'declined' },
        { email: 'room@resource.calendar.google.com', resource: true, responseStatus: 'needsAction' },
        { displayName: 'no address' },
      ],
    };
    const read = present(event, 'visit');
    expect(read).toMatchObject({ id: 'ev1', version: '"3181161784712000"', iCalUId: 'ev1@google.com', transactionId: null, categories: ['Visit'], isOrganizer: true, type: 'singleInstance' });
    expect(read.fields).toMatchObject({ subject: 'Review', startUtc: '2026-03-29T00:30:00Z', endUtc: '2026-03-29T01:30:00Z', isAllDay: false, timeZone: 'Europe/Berlin', body: 'Agenda\nsecond line', sensitivity: 'private', showAs: 'busy' });
    // The calendar organizes events in it (self): the organizer is the mailbox's user.
    expect(read.fields.organizerEmail).toBe('ava@contoso.example');
    expect(read.fields.attendees).toEqual([
      { email: 'ben@contoso.example', name: 'Ben', type: 'required', response: 'accepted' },
      { email: 'cy@contoso.example', name: '', type: 'optional', response: 'declined' },
      { email: 'room@resource.calendar.google.com', name: '', type: 'resource', response: 'notResponded' },
    ]);
    // Someone else's meeting: Google leaves `self` out when it is false.
    const invited = present({ ...event, organizer: { email: 'Ben@Contoso.example' } });
    expect(invited.isOrganizer).toBe(false);
    expect(invited.fields.organizerEmail).toBe('ben@contoso.example');
    expect(present({ ...event, visibility: 'public' }).fields.sensitivity).toBe('normal');
    expect(present({ ...event, visibility: 'private' }).fields.sensitivity).toBe('private');
  });

  it('reads all-day events as dates with an exclusive end, and the 24 h rule (R4) applies as for Outlook', () => {
    const oneDay = present({ id: 'd1', start: { date: '2026-11-21' }, end: { date: '2026-11-22' } });
    expect(oneDay.fields).toMatchObject({ isAllDay: true, startUtc: '2026-11-21T00:00:00Z', endUtc: '2026-11-22T00:00:00Z' });
    expect(syncBlocker(oneDay.fields, DEFAULT_SYNC_SETTINGS, 'appointment')).toBeNull();
    const twoDays = present({ id: 'd2', start: { date: '2026-11-21' }, end: { date: '2026-11-23' } });
    expect(syncBlocker(twoDays.fields, DEFAULT_SYNC_SETTINGS, 'appointment')?.code).toBe('allDayTooLong');
  });

  it('reads a series: the master is ignored by the family, instances carry the series id, date and their own key', () => {
    const master = present({ id: 'm1', iCalUID: 'm1@google.com', recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4'], start: { dateTime: '2026-03-23T10:00:00+01:00', timeZone: 'Europe/Berlin' }, end: { dateTime: '2026-03-23T11:00:00+01:00', timeZone: 'Europe/Berlin' } });
    expect(master.type).toBe('seriesMaster');
    const instance = (start: string, original: string): OutlookItemPresent =>
      present({ id: `m1_${original}`, iCalUID: 'm1@google.com', recurringEventId: 'm1', originalStartTime: { dateTime: original, timeZone: 'Europe/Berlin' }, start: { dateTime: start, timeZone: 'Europe/Berlin' }, end: { dateTime: start.replace('T10', 'T11'), timeZone: 'Europe/Berlin' } });
    const first = instance('2026-03-23T10:00:00+01:00', '2026-03-23T10:00:00+01:00');
    const second = instance('2026-03-30T10:00:00+02:00', '2026-03-30T10:00:00+02:00');
    const moved = instance('2026-04-07T10:00:00+02:00', '2026-04-06T10:00:00+02:00');
    expect(first.fields).toMatchObject({ seriesId: 'm1', occurrenceDate: '2026-03-23' });
    expect(second.fields).toMatchObject({ seriesId: 'm1', occurrenceDate: '2026-03-30', startUtc: '2026-03-30T08:00:00Z' });
    expect(first.type).toBe('occurrence');
    // A moved instance is an exception of its original date (R6).
    expect(moved.type).toBe('exception');
    expect(moved.fields.occurrenceDate).toBe('2026-04-06');
    // Instances share the series' iCalUID in Google; the item key of each one is its own.
    expect(new Set([first.iCalUId, second.iCalUId, moved.iCalUId]).size).toBe(3);
    expect(first.iCalUId).toBe('m1@google.com#2026-03-23T09:00:00Z');
  });

  it('reads a cancelled event as a delete, and a zone Google gave that Intl cannot place as unknown (R9)', () => {
    expect(normalizeGoogleEvent({ id: 'gone', status: 'cancelled' }, 'appointment', options)).toEqual({ removed: true, id: 'gone' });
    const odd = present({ id: 'z', start: { dateTime: '2026-01-01T10:00:00Z', timeZone: 'Mars/Olympus' }, end: { dateTime: '2026-01-01T11:00:00Z', timeZone: 'Mars/Olympus' } });
    expect(odd.fields.unknownZone).toEqual({ side: 'outlook', name: 'Mars/Olympus' });
    expect(syncBlocker(odd.fields, DEFAULT_SYNC_SETTINGS)?.code).toBe('unknownTimeZone');
  });

  it('reads an HTML description as text', () => {
    expect(present({ id: 'h', start: { date: '2026-01-01' }, end: { date: '2026-01-02' }, description: '<b>Agenda</b><br>Q1 &amp; Q2' }).fields.body).toBe('Agenda\nQ1 & Q2');
  });
});

describe('Google payloads', () => {
  it('inserts with its own id, the pair id and the links in private properties; the answer reads back the same', () => {
    const body = googleInsertPayload(item, pairId);
    expect(body).toMatchObject({
      id: googleEventIdFor(pairId),
      summary: 'Review',
      description: 'Agenda\nsecond line',
      start: { dateTime: '2026-03-29T01:30:00+01:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2026-03-29T03:30:00+02:00', timeZone: 'Europe/Berlin' },
      visibility: 'private',
      transparency: 'opaque',
      extendedProperties: { private: { crmPairId: pairId } },
    });
    const back = present(inserted(body));
    expect(back.transactionId).toBe(pairId);
    expect(differingFields(back.fields, item, 'appointment')).toEqual([]);
    expect(back.fields.attendees).toEqual(item.attendees);
    // The organizer is Google's to name, never an attendee the sync writes.
    const withOrganizer = { ...item, attendees: [...item.attendees, { email: 'ava@contoso.example', name: 'Ava', type: 'required' as const, response: 'organizer' as const }] };
    expect(googleInsertPayload(withOrganizer, pairId).attendees?.map((a) => a.email)).toEqual(['ben@contoso.example', 'cy@contoso.example']);
  });

  it('writes all-day items as dates, and a patch switching all-day ↔ timed clears the other form', () => {
    const allDay = { ...item, isAllDay: true, startUtc: '2026-11-21T00:00:00Z', endUtc: '2026-11-22T00:00:00Z' };
    const stored = inserted(googleInsertPayload(allDay, pairId));
    expect(stored.start).toEqual({ date: '2026-11-21', timeZone: 'Europe/Berlin' });
    expect(present(stored).fields.timeZone).toBe('Europe/Berlin');
    const toTimed = googlePatchPayload({ isAllDay: false, startUtc: '2026-11-21T09:00:00Z', endUtc: '2026-11-21T10:00:00Z' }, present(stored).fields);
    expect(toTimed.start).toEqual({ date: null, dateTime: '2026-11-21T10:00:00+01:00', timeZone: 'Europe/Berlin' });
    const timed = patched(stored, toTimed);
    expect(present(timed).fields).toMatchObject({ isAllDay: false, startUtc: '2026-11-21T09:00:00Z', endUtc: '2026-11-21T10:00:00Z' });
    const back = patched(timed, googlePatchPayload({ isAllDay: true, startUtc: '2026-11-21T00:00:00Z', endUtc: '2026-11-22T00:00:00Z' }, present(timed).fields));
    expect(back.start).toEqual({ date: '2026-11-21', timeZone: 'Europe/Berlin' });
    expect(present(back).fields).toMatchObject({ isAllDay: true, startUtc: '2026-11-21T00:00:00Z', endUtc: '2026-11-22T00:00:00Z' });
  });

  it('patches only what changed; links chunks the new links do not use are deleted', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ type: 'opportunity' as const, id: `70000${i}` }));
    const stored = inserted(googleInsertPayload({ ...item, links: many }, pairId));
    expect(Object.keys(stored.extendedProperties?.private ?? {}).filter((k) => k.startsWith('crmLinks')).length).toBeGreaterThan(1);
    expect(present(stored).fields.links).toHaveLength(30);
    const patch = googlePatchPayload({ links: [{ type: 'account', id: '1001' }], subject: 'New' }, present(stored).fields);
    expect(Object.keys(patch).sort()).toEqual(['extendedProperties', 'summary']);
    expect(patch.extendedProperties?.private?.crmLinks1).toBeNull();
    const after = patched(stored, patch);
    expect(present(after).fields.links).toEqual([{ type: 'account', id: '1001' }]);
    expect(after.extendedProperties?.private?.crmPairId).toBe(pairId);
  });
});
