import { DEFAULT_CATEGORIES } from '../../../src/shared/categories.js';
import { calendarFamily } from '../../../src/server/domain/calendar-family.js';
import { googleCategoryChange } from '../../../src/server/domain/google-category-edits.js';
import { calendarMoveOf, eventsWithKind, googleCalendarInsertBody, kindOfCalendar, kindOfCalendarMarker } from '../../../src/server/domain/google-calendars.js';
import { GOOGLE_ERROR_COLOR_ID } from '../../../src/server/domain/google-error-mark.js';
import type { GoogleEvent } from '../../../src/server/domain/google-event.js';
import { normalizeGoogleEvent } from '../../../src/server/domain/normalize-google.js';
import { DEFAULT_SYNC_SETTINGS } from '../../../src/server/domain/settings.js';
import type { OutlookItem, OutlookItemPresent } from '../../../src/server/domain/snapshots.js';
import { groupwarePairId } from '../../../src/server/sync/plan/pair-ids.js';
import { crmActivity, input, mailbox, planActions, syncedPair } from '../sync/fixtures.js';

const options = { mailboxEmail: mailbox.email, categories: DEFAULT_CATEGORIES };
const calendars = { appointment: 'appts@group.calendar.google.com', visit: 'visits@group.calendar.google.com' };

const event: GoogleEvent = {
  id: 'ev1',
  etag: '"1"',
  status: 'confirmed',
  summary: 'Review',
  iCalUID: 'ev1@google.com',
  organizer: { email: calendars.appointment, self: true },
  start: { dateTime: '2026-11-23T10:00:00+01:00', timeZone: 'Europe/Berlin' },
  end: { dateTime: '2026-11-23T11:00:00+01:00', timeZone: 'Europe/Berlin' },
};

function itemsOf(reads: Parameters<typeof eventsWithKind>[0]): OutlookItem[] {
  return eventsWithKind(reads).map(({ kind, event: e }) => normalizeGoogleEvent(e, kind, options));
}

function present(item: OutlookItem | undefined): OutlookItemPresent {
  if (!item || item.removed) throw new Error('expected a present item');
  return item;
}

describe('R10: the calendar says the kind', () => {
  it('maps the two SAP calendars to Appointment and Visit, any other calendar to none', () => {
    expect(kindOfCalendar(calendars.appointment, calendars)).toBe('appointment');
    expect(kindOfCalendar(calendars.visit, calendars)).toBe('visit');
    expect(kindOfCalendar('ava@contoso.example', calendars)).toBeNull();
  });

  it("finds the service's calendars again by the marker in their description, whatever their name", () => {
    const body = googleCalendarInsertBody('visit', 'SAP Visits', 'Europe/Berlin');
    expect(body).toMatchObject({ summary: 'SAP Visits', timeZone: 'Europe/Berlin' });
    expect(kindOfCalendarMarker(body.description)).toBe('visit');
    expect(kindOfCalendarMarker(googleCalendarInsertBody('appointment', 'Termine', 'UTC').description)).toBe('appointment');
    expect(kindOfCalendarMarker('My visits')).toBeNull();
    expect(kindOfCalendarMarker(undefined)).toBeNull();
  });

  it('a move between calendars is a switch, a tag or an untag', () => {
    expect(calendarMoveOf('appointment', 'visit')).toEqual({ type: 'switch', from: 'appointment', to: 'visit' });
    expect(calendarMoveOf('visit', 'appointment')).toEqual({ type: 'switch', from: 'visit', to: 'appointment' });
    expect(calendarMoveOf('visit', null)).toEqual({ type: 'untag', from: 'visit' });
    expect(calendarMoveOf(null, 'appointment')).toEqual({ type: 'tag', to: 'appointment' });
    expect(calendarMoveOf('visit', 'visit')).toBeNull();
  });

  it("the Outlook calendar family reads Google items unchanged: the calendar's kind, masters ignored, one pair per instance", () => {
    const [appt, visit] = itemsOf([
      { kind: 'appointment', events: [event] },
      { kind: 'visit', events: [{ ...event, id: 'ev2', iCalUID: 'ev2@google.com' }] },
    ]);
    expect(calendarFamily.scopeOf(present(appt), DEFAULT_SYNC_SETTINGS)).toBe('appointment');
    expect(calendarFamily.scopeOf(present(visit), DEFAULT_SYNC_SETTINGS)).toBe('visit');
    const master = present(normalizeGoogleEvent({ ...event, id: 'm', recurrence: ['RRULE:FREQ=WEEKLY'] }, 'appointment', options));
    expect(calendarFamily.ignores(master)).toBe(true);
    const instances = ['2026-11-23T10:00:00+01:00', '2026-11-30T10:00:00+01:00'].map((at, i) =>
      present(normalizeGoogleEvent({ ...event, id: `m_${i}`, iCalUID: 'm@google.com', recurringEventId: 'm', originalStartTime: { dateTime: at, timeZone: 'Europe/Berlin' }, start: { dateTime: at, timeZone: 'Europe/Berlin' } }, 'appointment', options)),
    );
    const pairIds = instances.map((i) => groupwarePairId(calendarFamily, mailbox.mailboxId, 'appointment', i));
    expect(new Set(pairIds).size).toBe(2);
  });

  it('moving a synced event from SAP Appointments to SAP Visits switches its kind (R2): a Visit is created, then the Appointment cancelled once', () => {
    const before = present(itemsOf([{ kind: 'appointment', events: [event] }])[0]);
    const pair = syncedPair('p1', before, crmActivity('C1', { fields: before.fields }));
    // events.move leaves a cancelled copy (only the id) in the calendar it left; the other calendar has it alive.
    const moved = { ...event, etag: '"2"', organizer: { email: calendars.visit, self: true } };
    const items = itemsOf([
      { kind: 'appointment', events: [{ id: 'ev1', status: 'cancelled' }] },
      { kind: 'visit', events: [moved] },
    ]);
    expect(items).toHaveLength(1);
    const { actions } = planActions(input({ mailbox: { ...mailbox, provider: 'google' }, pairs: [pair], outlookItems: items }));
    expect(actions.map((a) => a.type)).toEqual(['createCrm', 'recordState', 'cancelCrm', 'recordState']);
    expect(actions.find((a) => a.type === 'createCrm')).toMatchObject({ kind: 'visit' });
    expect(actions.find((a) => a.type === 'cancelCrm')).toMatchObject({ kind: 'appointment', crmObjectId: 'C1' });
  });

  it('a cancelled event without a live twin is a delete, and cancels its activity (R11)', () => {
    const before = present(itemsOf([{ kind: 'appointment', events: [event] }])[0]);
    const activity = crmActivity('C1', { fields: before.fields });
    const pair = syncedPair('p1', before, activity);
    const items = itemsOf([
      { kind: 'appointment', events: [{ id: 'ev1', status: 'cancelled' }] },
      { kind: 'visit', events: [] },
    ]);
    expect(items).toEqual([{ removed: true, id: 'ev1' }]);
    const { actions } = planActions(input({ pairs: [pair], outlookItems: items, crmActivities: [activity] }));
    expect(actions.map((a) => a.type)).toEqual(['cancelCrm', 'recordState']);
  });

  it('an event its user moved out of the SAP calendars reads untagged: the mirroring ends (R2), nothing is cancelled', () => {
    const before = present(itemsOf([{ kind: 'appointment', events: [event] }])[0]);
    const activity = crmActivity('C1', { fields: before.fields });
    const pair = syncedPair('p1', before, activity);
    const items = itemsOf([
      { kind: 'appointment', events: [{ id: 'ev1', status: 'cancelled' }] },
      { kind: null, events: [{ ...event, etag: '"2"' }] },
    ]);
    expect(present(items[0]).categories).toEqual([]);
    const { actions } = planActions(input({ pairs: [pair], outlookItems: items, crmActivities: [activity] }));
    expect(actions.map((a) => a.type)).toEqual(['unlink', 'recordState']);
  });
});

describe('category edits on a Google event', () => {
  const cats = DEFAULT_CATEGORIES;
  const reason = 'The item ends before it starts.';

  it('the error category added marks it, removed clears it (R9); nothing moves', () => {
    const mark = googleCategoryChange(event, 'appointment', { add: [cats.error], remove: [] }, cats, reason);
    expect(mark.move).toBeNull();
    expect(mark.patch?.colorId).toBe(GOOGLE_ERROR_COLOR_ID);
    const marked = { ...event, ...mark.patch, extendedProperties: mark.patch?.extendedProperties } as GoogleEvent;
    const clear = googleCategoryChange(marked, 'appointment', { add: [], remove: [cats.error] }, cats, reason);
    expect(clear).toEqual({ move: null, patch: { colorId: null, description: '', extendedProperties: { private: { crmColorBeforeError: null } } } });
  });

  it('R11: the sync categories removed take the event out of the SAP calendars, and its mark off', () => {
    const marked = { ...event, description: `x`, ...googleCategoryChange({ ...event, description: 'x' }, 'visit', { add: [cats.error], remove: [] }, cats, reason).patch } as GoogleEvent;
    const gone = googleCategoryChange(marked, 'visit', { add: [], remove: [cats.appointment, cats.visit, cats.error] }, cats, reason);
    expect(gone.move).toBe('out');
    expect(gone.patch?.description).toBe('x');
    // A category of another kind added moves it to that kind's calendar (R1: Visit wins when both are added).
    expect(googleCategoryChange(event, 'appointment', { add: [cats.visit], remove: [cats.appointment] }, cats, reason).move).toBe('visit');
    expect(googleCategoryChange(event, null, { add: [cats.appointment, cats.visit], remove: [] }, cats, reason).move).toBe('visit');
    expect(googleCategoryChange(event, 'visit', { add: [cats.visit], remove: [] }, cats, reason)).toEqual({ move: null, patch: null });
  });
});
