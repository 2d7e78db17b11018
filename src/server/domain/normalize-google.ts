// Google Calendar v3 Event → the calendar item the engine works on (the same OutlookItem a Graph event becomes), so the
// planner, merge and hashing run unchanged for Google mailboxes. Google has no categories: the calendar an event is
// in says its kind (R10: "SAP Appointments" → Appointment, "SAP Visits" → Visit), and the item carries that kind's
// category; the R9 error line (google-error-mark.ts) stands for the error category.
import type { CategorySettings, SyncKind } from '../../shared/categories.js';
import { parseLinksFromCustomProperties } from '../../shared/crm-links.js';
import { ianaTimeZone } from '../../shared/time-zones.js';
import type { Attendee, AttendeeResponse, AttendeeType, NormalizedCalendarItem, Sensitivity } from './calendar-item.js';
import { normalizeText } from './canonical.js';
import { hasGoogleErrorMark, looksLikeHtml, userDescription } from './google-error-mark.js';
import { GOOGLE_PRIVATE_KEYS, privateProperties, type GoogleAttendee, type GoogleEvent, type GoogleEventDateTime, type GooglePropertyMap } from './google-event.js';
import { htmlToText } from './normalize-graph.js';
import type { OutlookEventType, OutlookItem } from './snapshots.js';
import { allDayInstant, dateInZone, parseIsoUtc, toIsoUtc, wallClockToUtcMs } from './time.js';

export interface GoogleNormalizeOptions {
  /** The mailbox's user: the organizer of the events in their own calendars (Google names the calendar instead). */
  mailboxEmail: string;
  /** The tenant's category names: the kind's category and the error category stand in for Google's missing ones. */
  categories: Pick<CategorySettings, 'appointment' | 'visit' | 'error'>;
  /** The calendar's own zone (calendars.get `timeZone`), for a time Google gives without one. */
  calendarTimeZone?: string;
}

/** The links JSON, put back together from its chunks (google-payloads.ts writes them). */
export function linksJsonOf(properties: GooglePropertyMap): string | null {
  const chunks: string[] = [];
  for (let i = 0; ; i += 1) {
    const chunk = properties[`${GOOGLE_PRIVATE_KEYS.linksPrefix}${i}`];
    if (typeof chunk !== 'string') break;
    chunks.push(chunk);
  }
  return chunks.length > 0 ? chunks.join('') : null;
}

/** A `dateTime` carries its offset (RFC 3339); one without is a wall clock in `zone`. */
function instantOf(value: GoogleEventDateTime | null | undefined, zone: string): number {
  const dateTime = value?.dateTime;
  if (!dateTime) return 0;
  if (/(?:[zZ]|[+-]\d\d:\d\d)$/.test(dateTime)) return parseIsoUtc(dateTime);
  return wallClockToUtcMs(dateTime, zone);
}

function sensitivityOf(visibility: string | null | undefined): Sensitivity {
  // "confidential": "The event is private. This value is provided for compatibility reasons." (Schema$Event)
  return visibility === 'private' || visibility === 'confidential' ? 'private' : 'normal';
}

const RESPONSES: Record<string, AttendeeResponse> = { needsAction: 'notResponded', declined: 'declined', tentative: 'tentativelyAccepted', accepted: 'accepted' };

function attendeesOf(list: readonly GoogleAttendee[] | null | undefined): Attendee[] {
  return (list ?? [])
    .filter((a) => a.email)
    .map((a) => {
      const type: AttendeeType = a.resource ? 'resource' : a.optional ? 'optional' : 'required';
      const response: AttendeeResponse = a.organizer ? 'organizer' : (RESPONSES[a.responseStatus ?? ''] ?? 'none');
      return { email: (a.email ?? '').trim().toLowerCase(), name: a.displayName ?? '', type, response };
    });
}

function bodyOf(description: string | null | undefined): string {
  const user = userDescription(description);
  return normalizeText(looksLikeHtml(user) ? htmlToText(user) : user);
}

/** The key of an instance within its series: its original start, as a date (all-day) or a UTC instant. */
function originalStartKey(event: GoogleEvent, zone: string): string | null {
  const original = event.originalStartTime;
  if (!original) return null;
  return original.date ?? toIsoUtc(instantOf(original, ianaTimeZone(original.timeZone) ?? zone));
}

function typeOf(event: GoogleEvent): OutlookEventType {
  if ((event.recurrence?.length ?? 0) > 0) return 'seriesMaster';
  if (!event.recurringEventId) return 'singleInstance';
  const start = event.start?.date ?? event.start?.dateTime ?? null;
  const original = event.originalStartTime?.date ?? event.originalStartTime?.dateTime ?? null;
  const moved = start !== null && original !== null && (event.start?.date ? start !== original : parseIsoUtc(start) !== parseIsoUtc(original));
  return moved ? 'exception' : 'occurrence';
}

export function normalizeGoogleFields(event: GoogleEvent, options: Pick<GoogleNormalizeOptions, 'mailboxEmail' | 'calendarTimeZone'>): NormalizedCalendarItem {
  // Google takes IANA names only; a name it gave that Intl cannot place is reported (R9), never read as UTC.
  const named = event.start?.timeZone ?? null;
  const unknown = named !== null && ianaTimeZone(named) === null ? named : null;
  const timeZone = ianaTimeZone(named) ?? ianaTimeZone(options.calendarTimeZone) ?? 'UTC';
  const isAllDay = typeof event.start?.date === 'string';
  let startUtc: string;
  let endUtc: string;
  if (isAllDay) {
    // All-day events are floating dates; the end date is exclusive, as in the normalized form.
    const startDate = event.start?.date as string;
    startUtc = allDayInstant(startDate);
    endUtc = allDayInstant(event.end?.date ?? startDate);
  } else {
    startUtc = toIsoUtc(instantOf(event.start, timeZone));
    endUtc = toIsoUtc(instantOf(event.end ?? event.start, ianaTimeZone(event.end?.timeZone) ?? timeZone));
  }
  const properties = privateProperties(event);
  const isInstance = Boolean(event.recurringEventId) && (event.recurrence?.length ?? 0) === 0;
  let occurrenceDate: string | null = null;
  if (isInstance) {
    const original = event.originalStartTime;
    occurrenceDate = original?.date ?? dateInZone(original?.dateTime ? instantOf(original, ianaTimeZone(original.timeZone) ?? timeZone) : parseIsoUtc(startUtc), timeZone);
  }
  // Events in a secondary calendar name the calendar as their organizer (self: true): that is the mailbox's user.
  const organizerEmail = event.organizer?.self ? options.mailboxEmail.toLowerCase() : event.organizer?.email?.trim().toLowerCase() || null;
  return {
    subject: normalizeText(event.summary ?? ''),
    startUtc,
    endUtc,
    isAllDay,
    timeZone,
    location: normalizeText(event.location ?? ''),
    body: bodyOf(event.description),
    sensitivity: sensitivityOf(event.visibility),
    showAs: event.transparency === 'transparent' ? 'free' : 'busy',
    organizerEmail,
    attendees: attendeesOf(event.attendees),
    links: parseLinksFromCustomProperties(linksJsonOf(properties)),
    seriesId: isInstance ? (event.recurringEventId ?? null) : null,
    occurrenceDate,
    ...(unknown !== null ? { unknownZone: { side: 'outlook' as const, name: unknown } } : {}),
  };
}

/**
 * An event read from the calendar of kind `calendarKind` → OutlookItem. A cancelled event is a delete (R11), as
 * Graph's `@removed` is: Google reports a deleted event, a deleted occurrence and the copy a move leaves behind that
 * way (google-calendars.ts tells a move from a delete before this is called). `calendarKind` null: the event is in a
 * calendar the service does not sync (the user moved it out of the SAP calendars), so it reads untagged (R2).
 */
export function normalizeGoogleEvent(event: GoogleEvent, calendarKind: SyncKind | null, options: GoogleNormalizeOptions): OutlookItem {
  const id = event.id ?? '';
  if (event.status === 'cancelled') return { removed: true, id };
  const fields = normalizeGoogleFields(event, options);
  const categories = calendarKind === null ? [] : [calendarKind === 'visit' ? options.categories.visit : options.categories.appointment];
  if (hasGoogleErrorMark(event)) categories.push(options.categories.error);
  // Every instance of a series shares the series' iCalUID: the instance's original start tells them apart, as
  // Graph's per-occurrence iCalUId does (it keys the pair and C4C's GroupwareItemID, R6).
  const instanceKey = event.recurringEventId ? originalStartKey(event, fields.timeZone) : null;
  const iCalUId = event.iCalUID ? (instanceKey ? `${event.iCalUID}#${instanceKey}` : event.iCalUID) : null;
  return {
    removed: false,
    id,
    version: event.etag ?? '',
    iCalUId,
    transactionId: privateProperties(event)[GOOGLE_PRIVATE_KEYS.pairId] ?? null,
    categories,
    // `self` is false by default and left out then (Schema$Event.organizer): an organizer without it is someone else.
    isOrganizer: event.organizer ? event.organizer.self === true : true,
    // Google reports a cancelled meeting as a cancelled event (a delete, above), not as a marked copy.
    isCancelled: false,
    type: typeOf(event),
    fields,
  };
}
