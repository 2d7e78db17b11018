// What Google Calendar returns for a body the sync wrote, for the pure mapping tests (the Google sandbox is the full
// stand-in): events.insert stores the body and answers with the server's fields; events.patch merges the body into
// the stored event (objects merged key by key, arrays replaced, null deletes: the Calendar API's patch semantics and
// its extended-properties guide). Times come back as RFC 3339 with the offset of the event's zone, empty strings as
// absent fields, attendees with a responseStatus.
import type { GoogleEvent, GoogleEventDateTime } from '../../src/server/domain/google-event.js';
import { zoneOffsetMs } from '../../src/shared/time-zones.js';

export const CALENDAR_ID = 'c0ffee@group.calendar.google.com';
let etagCounter = 0;

function offsetText(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const minutes = Math.abs(offsetMs) / 60_000;
  return `${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** A stored time as Google renders it: the instant in the event's zone, with that zone's offset. */
function rendered(value: GoogleEventDateTime | null | undefined, calendarZone: string): GoogleEventDateTime | undefined {
  if (!value) return undefined;
  if (value.date) return { date: value.date, ...(value.timeZone ? { timeZone: value.timeZone } : {}) };
  if (!value.dateTime) throw new Error('a time without date or dateTime: Google would refuse the write');
  if (!/(?:[zZ]|[+-]\d\d:\d\d)$/.test(value.dateTime) && !value.timeZone) throw new Error('a dateTime without offset needs a timeZone');
  if (!/(?:[zZ]|[+-]\d\d:\d\d)$/.test(value.dateTime)) throw new Error('the sync writes dateTimes with their offset');
  const ms = Date.parse(value.dateTime);
  const zone = value.timeZone ?? calendarZone;
  const offset = zoneOffsetMs(zone, ms);
  const wall = new Date(ms + offset).toISOString().replace(/\.\d{3}Z$/, '');
  return { dateTime: `${wall}${offsetText(offset)}`, ...(value.timeZone ? { timeZone: value.timeZone } : {}) };
}

function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const base = target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    if (value === null) delete base[key];
    else if (value !== undefined) base[key] = mergePatch(base[key], value);
  }
  return base;
}

/** The stored event as the API renders it. */
export function rendering(stored: GoogleEvent, calendarZone = 'UTC'): GoogleEvent {
  const event: GoogleEvent = { ...stored, etag: `"${++etagCounter}"` };
  for (const field of ['summary', 'description', 'location', 'colorId'] as const) if (event[field] === '' || event[field] === null) delete event[field];
  if (stored.start) event.start = rendered(stored.start, calendarZone);
  if (stored.end) event.end = rendered(stored.end, calendarZone);
  if (stored.originalStartTime) event.originalStartTime = rendered(stored.originalStartTime, calendarZone);
  if (stored.attendees) event.attendees = stored.attendees.map((a) => ({ ...a, responseStatus: a.responseStatus ?? 'needsAction' }));
  return event;
}

/** events.insert: the body stored, with the fields the server adds (an event in a secondary calendar is organized by it). */
export function inserted(body: GoogleEvent, calendarZone = 'UTC'): GoogleEvent {
  const id = body.id ?? `srv${++etagCounter}`;
  return rendering({ kind: 'calendar#event', status: 'confirmed', iCalUID: `${id}@google.com`, organizer: { email: CALENDAR_ID, displayName: 'SAP Appointments', self: true }, ...body, id } as GoogleEvent, calendarZone);
}

/** events.patch: the body merged into the stored event. */
export function patched(stored: GoogleEvent, body: GoogleEvent, calendarZone = 'UTC'): GoogleEvent {
  const merged = mergePatch(stored, body) as GoogleEvent;
  const start = merged.start;
  if (start && typeof start.date === 'string' && typeof start.dateTime === 'string') throw new Error('Google refuses a start with both date and dateTime');
  return rendering(merged, calendarZone);
}
