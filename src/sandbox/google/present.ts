// The JSON Calendar API v3 answers with: `calendar#event`, `calendar#calendar`, `calendar#calendarListEntry`.
// A cancelled event keeps only what a sync needs (id, status, and for an instance its series and original start),
// as Google trims deleted events in incremental results.
import type { StoredCalendar, StoredEvent } from './model.js';
import { etagOf } from './event-ops.js';
import { isoUtc, presentTime } from './time.js';

export interface PresentContext {
  /** The caller's e-mail (`self` flags). */
  caller: string;
  /** The zone dateTimes are written in when the event has none (the request's timeZone, else the calendar's). */
  zone: string;
  calendar: StoredCalendar;
}

const eid = (event: StoredEvent) => Buffer.from(`${event.id} ${event.calendarId}`).toString('base64url');

export function presentEvent(event: StoredEvent, ctx: PresentContext): Record<string, unknown> {
  const series = event.recurringEventId
    ? { recurringEventId: event.recurringEventId, ...(event.originalStartTime ? { originalStartTime: presentTime(event.originalStartTime, ctx.zone) } : {}) }
    : {};
  if (event.status === 'cancelled') return { kind: 'calendar#event', etag: etagOf(event), id: event.id, status: 'cancelled', ...series };
  const { calendar } = ctx;
  // A secondary calendar organizes its own events; the primary one's owner organizes theirs.
  const organizer = calendar.primary
    ? { email: calendar.owner, ...(calendar.owner === ctx.caller ? { self: true } : {}) }
    : { email: calendar.id, displayName: calendar.summary, self: true };
  return {
    kind: 'calendar#event',
    etag: etagOf(event),
    id: event.id,
    status: event.status,
    htmlLink: `https://www.google.com/calendar/event?eid=${eid(event)}`,
    created: isoUtc(event.created),
    updated: isoUtc(event.updated),
    ...(event.summary !== undefined ? { summary: event.summary } : {}),
    ...(event.description !== undefined ? { description: event.description } : {}),
    ...(event.location !== undefined ? { location: event.location } : {}),
    ...(event.colorId !== undefined ? { colorId: event.colorId } : {}),
    creator: { email: event.creatorEmail, ...(event.creatorEmail === ctx.caller ? { self: true } : {}) },
    organizer,
    start: presentTime(event.start, ctx.zone),
    end: presentTime(event.end, ctx.zone),
    ...(event.recurrence ? { recurrence: [...event.recurrence] } : {}),
    ...series,
    ...(event.transparency ? { transparency: event.transparency } : {}),
    ...(event.visibility ? { visibility: event.visibility } : {}),
    iCalUID: event.iCalUID,
    sequence: event.sequence,
    ...(event.attendees
      ? {
          attendees: event.attendees.map((a) => ({
            ...a,
            ...(a.email.toLowerCase() === calendar.owner ? { self: true } : {}),
            ...(a.email.toLowerCase() === calendar.owner && calendar.primary ? { organizer: true } : {}),
          })),
        }
      : {}),
    ...(event.extendedProperties ? { extendedProperties: structuredClone(event.extendedProperties) } : {}),
    reminders: event.reminders ? structuredClone(event.reminders) : { useDefault: true },
    eventType: 'default',
  };
}

/** What a calendar and its list entry share. */
function calendarBasics(calendar: StoredCalendar): Record<string, unknown> {
  return {
    etag: `"${calendar.etag}"`,
    id: calendar.id,
    summary: calendar.summary,
    ...(calendar.description !== undefined ? { description: calendar.description } : {}),
    ...(calendar.location !== undefined ? { location: calendar.location } : {}),
    timeZone: calendar.timeZone,
  };
}

export function presentCalendar(calendar: StoredCalendar): Record<string, unknown> {
  return { kind: 'calendar#calendar', ...calendarBasics(calendar), conferenceProperties: { allowedConferenceSolutionTypes: ['hangoutsMeet'] } };
}

export function presentListEntry(calendar: StoredCalendar): Record<string, unknown> {
  return {
    kind: 'calendar#calendarListEntry',
    ...calendarBasics(calendar),
    colorId: calendar.primary ? '14' : '8',
    backgroundColor: calendar.primary ? '#9fe1e7' : '#16a765',
    foregroundColor: '#000000',
    selected: true,
    accessRole: 'owner',
    defaultReminders: calendar.primary ? [{ method: 'popup', minutes: 10 }] : [],
    ...(calendar.primary ? { primary: true, notificationSettings: { notifications: [] } } : {}),
    conferenceProperties: { allowedConferenceSolutionTypes: ['hangoutsMeet'] },
  };
}
