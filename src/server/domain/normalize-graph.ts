// Graph `event` JSON → OutlookItem (API-NOTES B.1). The adapter asks for UTC times (`Prefer: outlook.timezone`)
// and text bodies (`Prefer: outlook.body-content-type="text"`), but both other forms are handled here too.
import { parseLinksFromCustomProperties, customPropertiesExtendedPropertyId } from '../../shared/crm-links.js';
import type { Attendee, AttendeeResponse, AttendeeType, NormalizedCalendarItem, Sensitivity, ShowAs } from './calendar-item.js';
import { normalizeText } from './canonical.js';
import type { OutlookEventType, OutlookItem } from './snapshots.js';
import { ianaTimeZone } from '../../shared/time-zones.js';
import { allDayInstant, dateInZone, parseIsoUtc, toIsoUtc, wallClockToUtcMs } from './time.js';

export interface GraphDateTimeTimeZone {
  dateTime: string;
  timeZone: string;
}

export interface GraphEmailAddress {
  name?: string | null;
  address?: string | null;
}

export interface GraphAttendee {
  type?: AttendeeType | null;
  status?: { response?: AttendeeResponse | null } | null;
  emailAddress?: GraphEmailAddress | null;
}

/** The subset of Graph's `event` resource the sync reads. */
export interface GraphEvent {
  id: string;
  '@removed'?: { reason?: string };
  '@odata.etag'?: string;
  changeKey?: string | null;
  iCalUId?: string | null;
  transactionId?: string | null;
  categories?: string[] | null;
  isOrganizer?: boolean | null;
  isCancelled?: boolean | null;
  type?: OutlookEventType | null;
  subject?: string | null;
  body?: { contentType?: 'text' | 'html' | null; content?: string | null } | null;
  start?: GraphDateTimeTimeZone | null;
  end?: GraphDateTimeTimeZone | null;
  originalStartTimeZone?: string | null;
  originalStart?: string | null;
  isAllDay?: boolean | null;
  location?: { displayName?: string | null } | null;
  sensitivity?: 'normal' | 'personal' | 'private' | 'confidential' | null;
  showAs?: ShowAs | null;
  organizer?: { emailAddress?: GraphEmailAddress | null } | null;
  attendees?: GraphAttendee[] | null;
  seriesMasterId?: string | null;
  singleValueExtendedProperties?: { id: string; value: string }[] | null;
}

/** Tags and entities stripped from an HTML body when Graph returned one anyway. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|tr|h[1-6])>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n');
}

/** The zone names of an event that are neither Windows nor IANA (Graph's own `UTC` and `tzone://…` custom zones included). */
function unknownZoneOf(event: GraphEvent): string | null {
  const names = [event.originalStartTimeZone, event.start?.timeZone, event.end?.timeZone].filter((n): n is string => typeof n === 'string' && n !== '');
  // Outlook reports a zone it has no name for as "tzone://Microsoft/Custom"; Graph's "tzone://Microsoft/Utc" is UTC.
  return names.find((name) => ianaTimeZone(name) === null && !/^tzone:\/\/Microsoft\/Utc$/i.test(name)) ?? null;
}

function instantOf(value: GraphDateTimeTimeZone | null | undefined): number {
  if (!value) return 0;
  if (/[zZ]|[+-]\d\d:\d\d$/.test(value.dateTime)) return parseIsoUtc(value.dateTime);
  // A zone neither Windows nor IANA: the wall clock is read as UTC only to keep a placeholder instant; the item is
  // marked (unknownZone) and never synced with it (R9).
  return wallClockToUtcMs(value.dateTime, ianaTimeZone(value.timeZone) ?? 'UTC');
}

function sensitivityOf(value: GraphEvent['sensitivity']): Sensitivity {
  return value === 'private' || value === 'personal' || value === 'confidential' ? 'private' : 'normal';
}

function attendeesOf(list: GraphAttendee[] | null | undefined): Attendee[] {
  return (list ?? [])
    .filter((a) => a.emailAddress?.address)
    .map((a) => ({
      email: (a.emailAddress?.address ?? '').trim().toLowerCase(),
      name: a.emailAddress?.name ?? '',
      type: a.type ?? 'required',
      response: a.status?.response ?? 'none',
    }));
}

export interface GraphNormalizeOptions {
  /** The add-in's manifest id: links live in the extended property `cecp-<addinId>`. */
  addinId: string;
}

export function normalizeGraphFields(event: GraphEvent, options: GraphNormalizeOptions): NormalizedCalendarItem {
  // No zone at all: UTC. A zone that is neither Windows nor IANA (a custom zone, a name CLDR does not have): marked,
  // so that the item is reported (R9) instead of synced as UTC; occurrence dates and C4C's zone code depend on it.
  const unknown = unknownZoneOf(event);
  const timeZone = ianaTimeZone(event.originalStartTimeZone ?? event.start?.timeZone) ?? 'UTC';
  const isAllDay = event.isAllDay === true;
  let startUtc: string;
  let endUtc: string;
  if (isAllDay) {
    // All-day items are floating dates: take the wall-clock date Graph reports, whatever zone it used.
    startUtc = allDayInstant((event.start?.dateTime ?? '1970-01-01').slice(0, 10));
    endUtc = allDayInstant((event.end?.dateTime ?? event.start?.dateTime ?? '1970-01-01').slice(0, 10));
  } else {
    startUtc = toIsoUtc(instantOf(event.start));
    endUtc = toIsoUtc(instantOf(event.end));
  }
  const bodyContent = event.body?.content ?? '';
  const body = normalizeText(event.body?.contentType === 'html' ? htmlToText(bodyContent) : bodyContent);
  const propertyId = customPropertiesExtendedPropertyId(options.addinId).toLowerCase();
  const cecp = event.singleValueExtendedProperties?.find((p) => p.id.toLowerCase() === propertyId)?.value ?? null;
  const isOccurrence = event.type === 'occurrence' || event.type === 'exception';
  let occurrenceDate: string | null = null;
  if (isOccurrence) {
    occurrenceDate = event.originalStart ? dateInZone(parseIsoUtc(event.originalStart), timeZone) : dateInZone(parseIsoUtc(startUtc), timeZone);
  }
  return {
    subject: normalizeText(event.subject ?? ''),
    startUtc,
    endUtc,
    isAllDay,
    timeZone,
    location: normalizeText(event.location?.displayName ?? ''),
    body,
    sensitivity: sensitivityOf(event.sensitivity),
    showAs: event.showAs ?? 'busy',
    organizerEmail: event.organizer?.emailAddress?.address?.trim().toLowerCase() || null,
    attendees: attendeesOf(event.attendees),
    links: parseLinksFromCustomProperties(cecp),
    seriesId: isOccurrence ? (event.seriesMasterId ?? null) : null,
    occurrenceDate,
    ...(unknown !== null ? { unknownZone: { side: 'outlook' as const, name: unknown } } : {}),
  };
}

/** Graph event (or delta `@removed` entry) → OutlookItem. */
export function normalizeGraphEvent(event: GraphEvent, options: GraphNormalizeOptions): OutlookItem {
  if (event['@removed']) return { removed: true, id: event.id };
  const etagKey = /^W\/"(.*)"$/.exec(event['@odata.etag'] ?? '')?.[1];
  return {
    removed: false,
    id: event.id,
    version: event.changeKey ?? etagKey ?? '',
    iCalUId: event.iCalUId ?? null,
    transactionId: event.transactionId ?? null,
    categories: event.categories ?? [],
    isOrganizer: event.isOrganizer ?? true,
    isCancelled: event.isCancelled ?? false,
    type: event.type ?? 'singleInstance',
    fields: normalizeGraphFields(event, options),
  };
}
