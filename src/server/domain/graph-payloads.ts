// NormalizedCalendarItem → Graph event bodies for POST (create) and PATCH (update). Timed items are written as
// wall-clock times in the item's own zone (IANA names, which Graph accepts), so a meeting scheduled in Berlin
// stays a Berlin meeting after C4C moved it; UTC when the zone is unknown. All-day items as midnight dates
// (Graph requires start and end at midnight in one zone).
import { customPropertiesExtendedPropertyId, linksToCustomProperties, type CrmLink } from '../../shared/crm-links.js';
import type { Attendee, CalendarItemPatch, NormalizedCalendarItem } from './calendar-item.js';
import type { GraphDateTimeTimeZone } from './normalize-graph.js';
import { isIanaTimeZone, wallClockToInstantMs, zoneOffsetMs } from '../../shared/time-zones.js';
import { parseIsoUtc, toIsoUtc } from './time.js';

export interface GraphPayloadOptions {
  addinId: string;
}

function graphTime(instant: string, isAllDay: boolean, zone: string): GraphDateTimeTimeZone {
  if (isAllDay) return { dateTime: `${instant.slice(0, 10)}T00:00:00`, timeZone: 'UTC' };
  if (zone === 'UTC' || !isIanaTimeZone(zone)) return { dateTime: instant.replace(/Z$/, ''), timeZone: 'UTC' };
  const ms = parseIsoUtc(instant);
  const wallClock = ms + zoneOffsetMs(zone, ms);
  // In the hour a DST change repeats, a wall clock names two instants, and Graph would take one of them: such a time
  // is written in UTC, which names exactly one (the item shows the same time; its zone reads UTC).
  if (wallClockToInstantMs(wallClock, zone) !== Math.floor(ms / 1000) * 1000) return { dateTime: instant.replace(/Z$/, ''), timeZone: 'UTC' };
  return { dateTime: toIsoUtc(wallClock).replace(/Z$/, ''), timeZone: zone };
}

function graphAttendees(attendees: readonly Attendee[]): unknown[] {
  return attendees.map((a) => ({ type: a.type, emailAddress: { address: a.email, name: a.name || a.email } }));
}

function linksProperty(links: readonly CrmLink[], options: GraphPayloadOptions): { id: string; value: string }[] {
  return [{ id: customPropertiesExtendedPropertyId(options.addinId), value: JSON.stringify(linksToCustomProperties(links)) }];
}

/**
 * The single-value extended property every create from C4C carries, with the pair id (also its transactionId). Unlike
 * the transactionId it can be searched for, and Exchange keeps it when the user deletes the item to Deleted Items,
 * where a replayed create looks for it (adapters/graph/deleted-creates.ts). The GUID is the service's own namespace.
 */
export const PAIR_ID_PROPERTY_ID = 'String {7f3c2a64-5d1e-4b8a-9c0f-2e6d8a41b7c5} Name crmSyncPairId';

export function toGraphCreatePayload(
  item: NormalizedCalendarItem,
  extra: { categories: readonly string[]; transactionId: string },
  options: GraphPayloadOptions,
): Record<string, unknown> {
  return {
    subject: item.subject,
    body: { contentType: 'text', content: item.body },
    start: graphTime(item.startUtc, item.isAllDay, item.timeZone),
    end: graphTime(item.endUtc, item.isAllDay, item.timeZone),
    isAllDay: item.isAllDay,
    location: { displayName: item.location },
    sensitivity: item.sensitivity,
    showAs: item.showAs,
    attendees: graphAttendees(item.attendees),
    categories: [...extra.categories],
    transactionId: extra.transactionId,
    singleValueExtendedProperties: [...linksProperty(item.links, options), { id: PAIR_ID_PROPERTY_ID, value: extra.transactionId }],
  };
}

/**
 * A PATCH body with only the patched fields. `isAllDay`, start and end travel together because Graph validates
 * them together; `current` supplies the unchanged ones.
 */
export function toGraphPatchPayload(
  patch: CalendarItemPatch,
  current: NormalizedCalendarItem,
  options: GraphPayloadOptions,
  categories?: readonly string[],
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (patch.subject !== undefined) body.subject = patch.subject;
  if (patch.body !== undefined) body.body = { contentType: 'text', content: patch.body };
  if (patch.location !== undefined) body.location = { displayName: patch.location };
  if (patch.sensitivity !== undefined) body.sensitivity = patch.sensitivity;
  if (patch.startUtc !== undefined || patch.endUtc !== undefined || patch.isAllDay !== undefined) {
    const isAllDay = patch.isAllDay ?? current.isAllDay;
    body.isAllDay = isAllDay;
    body.start = graphTime(patch.startUtc ?? current.startUtc, isAllDay, current.timeZone);
    body.end = graphTime(patch.endUtc ?? current.endUtc, isAllDay, current.timeZone);
  }
  if (patch.attendees !== undefined) body.attendees = graphAttendees(patch.attendees);
  if (patch.links !== undefined) body.singleValueExtendedProperties = linksProperty(patch.links, options);
  if (categories !== undefined) body.categories = [...categories];
  return body;
}
