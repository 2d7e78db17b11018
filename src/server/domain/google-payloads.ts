// Calendar item → Google Calendar v3 event bodies for events.insert and events.patch. Timed items are written as their
// instant with the offset their zone has then, plus the zone (IANA, as Google takes it): an offset names one instant,
// so a time in a DST change's repeated hour cannot be read as the other one, and the event still shows in its own
// zone. All-day items as dates, end exclusive. The insert carries its own event id and the pair id, so a retry is
// idempotent (google-event.ts).
import { linksToCustomProperties, type CrmLink } from '../../shared/crm-links.js';
import { isIanaTimeZone, zoneOffsetMs } from '../../shared/time-zones.js';
import type { Attendee, AttendeeResponse, CalendarItemPatch, NormalizedCalendarItem } from './calendar-item.js';
import { GOOGLE_PRIVATE_KEYS, LINKS_CHUNK_CHARS, googleEventIdFor, type GoogleAttendee, type GoogleEvent, type GoogleEventDateTime, type GooglePropertyMap, type GoogleResponseStatus } from './google-event.js';
import { errorLineOf } from './google-error-mark.js';
import { parseIsoUtc, toIsoUtc } from './time.js';

function offsetText(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const minutes = Math.abs(offsetMs) / 60_000;
  return `${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * A time as Google takes it. In a patch, `date` and `dateTime` are both sent, one of them null: Google merges a
 * patched `start` into the stored one, and an event with both would be refused (switching all-day ↔ timed).
 */
export function googleTime(instant: string, isAllDay: boolean, zone: string, forPatch = false): GoogleEventDateTime {
  if (isAllDay) {
    // The zone goes along (a series needs it to expand; the API takes it with a date): C4C writes an all-day item as
    // the first instant of its dates in the item's zone, so the zone must survive the round trip.
    const timeZone = isIanaTimeZone(zone) ? zone : null;
    const value: GoogleEventDateTime = timeZone === null ? { date: instant.slice(0, 10) } : { date: instant.slice(0, 10), timeZone };
    return forPatch ? { dateTime: null, timeZone: null, ...value } : value;
  }
  const ms = parseIsoUtc(instant);
  const offset = isIanaTimeZone(zone) ? zoneOffsetMs(zone, ms) : 0;
  // An offset of seconds (local mean time, before 1900) has no RFC 3339 form: such a time is written in UTC.
  const known = isIanaTimeZone(zone) && offset % 60_000 === 0;
  const dateTime = known ? `${toIsoUtc(ms + offset).replace(/Z$/, '')}${offsetText(offset)}` : instant;
  const value: GoogleEventDateTime = { dateTime, timeZone: known ? zone : 'UTC' };
  return forPatch ? { ...value, date: null } : value;
}

const RESPONSE_STATUS: Record<AttendeeResponse, GoogleResponseStatus> = {
  none: 'needsAction',
  notResponded: 'needsAction',
  organizer: 'accepted', // not written (above); kept for the type's completeness
  tentativelyAccepted: 'tentative',
  accepted: 'accepted',
  declined: 'declined',
};

function googleAttendees(attendees: readonly Attendee[]): GoogleAttendee[] {
  // The organizer is not written as an attendee: Google names it (read-only `organizer`) and lists it itself.
  return attendees.filter((a) => a.response !== 'organizer').map((a) => ({
    email: a.email,
    ...(a.name ? { displayName: a.name } : {}),
    ...(a.type === 'optional' ? { optional: true } : {}),
    // Only taken when the attendee is first added (Schema$EventAttendee.resource); harmless afterwards.
    ...(a.type === 'resource' ? { resource: true } : {}),
    responseStatus: RESPONSE_STATUS[a.response],
  }));
}

/** The links JSON in chunks under `crmLinks0`, `crmLinks1` …; in a patch, chunks the previous links had beyond these are deleted (null). */
function linksProperties(links: readonly CrmLink[], previous: readonly CrmLink[] | null): GooglePropertyMap {
  const json = JSON.stringify(linksToCustomProperties(links));
  const props: GooglePropertyMap = {};
  let count = 0;
  for (let at = 0; at < json.length; at += LINKS_CHUNK_CHARS) props[`${GOOGLE_PRIVATE_KEYS.linksPrefix}${count++}`] = json.slice(at, at + LINKS_CHUNK_CHARS);
  const before = previous === null ? 0 : Math.ceil(JSON.stringify(linksToCustomProperties(previous)).length / LINKS_CHUNK_CHARS);
  for (let i = count; i < before; i += 1) props[`${GOOGLE_PRIVATE_KEYS.linksPrefix}${i}`] = null;
  return props;
}

function visibilityOf(item: Pick<NormalizedCalendarItem, 'sensitivity'>): string {
  return item.sensitivity === 'private' ? 'private' : 'default';
}

/**
 * events.insert body for a new event of the pair `pairId` (an activity created in C4C, R7). Its `id` comes from the
 * pair id: a repeated insert gets 409 instead of making a second event, and the adapter then reads the first one.
 */
export function googleInsertPayload(item: NormalizedCalendarItem, pairId: string): GoogleEvent {
  return {
    id: googleEventIdFor(pairId),
    summary: item.subject,
    description: item.body,
    location: item.location,
    start: googleTime(item.startUtc, item.isAllDay, item.timeZone),
    end: googleTime(item.endUtc, item.isAllDay, item.timeZone),
    visibility: visibilityOf(item),
    transparency: item.showAs === 'free' ? 'transparent' : 'opaque',
    attendees: googleAttendees(item.attendees),
    extendedProperties: { private: { [GOOGLE_PRIVATE_KEYS.pairId]: pairId, ...linksProperties(item.links, null) } },
  };
}

/**
 * events.patch body with only the patched fields. Start, end and all-day travel together in the item's zone;
 * `current` supplies what the patch leaves. `currentDescription`: the event's description as read, so that a new body
 * keeps the R9 error line on top while the event is marked (the mark is cleared by its own patch).
 */
export function googlePatchPayload(patch: CalendarItemPatch, current: NormalizedCalendarItem, currentDescription: string | null = null): GoogleEvent {
  const body: GoogleEvent = {};
  if (patch.subject !== undefined) body.summary = patch.subject;
  if (patch.body !== undefined) {
    const line = errorLineOf(currentDescription);
    body.description = line === null ? patch.body : patch.body === '' ? line : `${line}\n${patch.body}`;
  }
  if (patch.location !== undefined) body.location = patch.location;
  if (patch.sensitivity !== undefined) body.visibility = visibilityOf({ sensitivity: patch.sensitivity });
  if (patch.startUtc !== undefined || patch.endUtc !== undefined || patch.isAllDay !== undefined) {
    const isAllDay = patch.isAllDay ?? current.isAllDay;
    body.start = googleTime(patch.startUtc ?? current.startUtc, isAllDay, current.timeZone, true);
    body.end = googleTime(patch.endUtc ?? current.endUtc, isAllDay, current.timeZone, true);
  }
  // Arrays are replaced whole by a patch.
  if (patch.attendees !== undefined) body.attendees = googleAttendees(patch.attendees);
  if (patch.links !== undefined) body.extendedProperties = { private: linksProperties(patch.links, current.links) };
  return body;
}
