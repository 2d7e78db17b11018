// events.list and events.instances: filters, paging (`pageToken`/`nextPageToken`, `nextSyncToken` on the last page
// only) and incremental sync (`syncToken`: only what changed since, deleted events as `status: "cancelled"`; the
// parameters Google refuses beside it get 400, and an invalid or expired token 410 fullSyncRequired).
import { GoogleError, fullSyncRequired, invalid, notFound } from './errors.js';
import { instanceFrom } from './event-ops.js';
import type { StoredCalendar, StoredEvent } from './model.js';
import { expand } from './recurrence.js';
import type { GoogleStore } from './store.js';
import type { TokenCodec } from './tokens.js';
import { instantOf, parseQueryTime } from './time.js';

export type Query = Record<string, string | string[] | undefined>;

/** Parameters Google refuses together with syncToken (v3.ts, events.list syncToken). */
const NOT_WITH_SYNC_TOKEN = ['iCalUID', 'orderBy', 'privateExtendedProperty', 'q', 'sharedExtendedProperty', 'timeMin', 'timeMax', 'updatedMin'];
export const DEFAULT_MAX_RESULTS = 250;
export const MAX_MAX_RESULTS = 2500;
/** How far ahead an open-ended series is expanded when the query sets no timeMax. */
const EXPANSION_HORIZON_MS = 2 * 365 * 86_400_000;

const one = (q: Query, name: string): string | undefined => {
  const v = q[name];
  return Array.isArray(v) ? v[v.length - 1] : v;
};
const all = (q: Query, name: string): string[] => {
  const v = q[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
};
const flag = (q: Query, name: string): boolean | undefined => {
  const v = one(q, name);
  return v === undefined ? undefined : v === 'true';
};

function maxResultsOf(q: Query): number {
  const raw = one(q, 'maxResults');
  if (raw === undefined) return DEFAULT_MAX_RESULTS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw invalid(`Invalid value '${raw}'. Values must be within the range: [1, 2500]`, 'maxResults');
  return Math.min(n, MAX_MAX_RESULTS);
}

/** The query without its paging parameters: a page token only continues the query it came from. */
function fingerprint(q: Query): string {
  return JSON.stringify(Object.entries(q).filter(([k]) => k !== 'pageToken' && k !== 'maxResults').sort(([a], [b]) => a.localeCompare(b)));
}

/** The series' occurrences up to `untilMs`, each replaced by its exception when one is stored. */
export function seriesInstances(calendar: StoredCalendar, master: StoredEvent, untilMs: number): StoredEvent[] {
  const zone = master.start.timeZone ?? calendar.timeZone;
  const out = new Map<string, StoredEvent>();
  for (const occurrence of expand(master.recurrence ?? [], master.start, zone, untilMs)) {
    const instance = instanceFrom(master, occurrence.start, calendar.timeZone);
    out.set(instance.id, instance);
  }
  for (const exception of calendar.events.values()) if (exception.recurringEventId === master.id) out.set(exception.id, exception);
  return [...out.values()].sort((a, b) => instantOf(a.originalStartTime ?? a.start, zone) - instantOf(b.originalStartTime ?? b.start, zone));
}

/** When a stored event (a whole series for a master) begins and ends, for timeMin/timeMax. */
function span(calendar: StoredCalendar, event: StoredEvent): [number, number] {
  const start = instantOf(event.start, calendar.timeZone);
  const end = instantOf(event.end, calendar.timeZone);
  if (!event.recurrence) return [start, end];
  const rule = event.recurrence.find((l) => l.startsWith('RRULE:')) ?? '';
  if (!/COUNT=|UNTIL=/.test(rule)) return [start, Number.POSITIVE_INFINITY];
  const last = seriesInstances(calendar, { ...event, id: event.id }, Number.POSITIVE_INFINITY).pop();
  return [start, last ? instantOf(last.end, calendar.timeZone) : end];
}

function matchesProperties(q: Query, event: StoredEvent): boolean {
  const check = (name: string, props: Record<string, string> | undefined) =>
    all(q, name).every((constraint) => {
      const eq = constraint.indexOf('=');
      if (eq < 1) throw invalid(`Invalid ${name} value.`, name);
      return props?.[constraint.slice(0, eq)] === constraint.slice(eq + 1);
    });
  return check('privateExtendedProperty', event.extendedProperties?.private) && check('sharedExtendedProperty', event.extendedProperties?.shared);
}

function matchesText(q: string | undefined, event: StoredEvent): boolean {
  if (!q) return true;
  const haystack = [event.summary, event.description, event.location, ...(event.attendees ?? []).flatMap((a) => [a.email, a.displayName])]
    .filter(Boolean).join('\n').toLowerCase();
  return q.toLowerCase().split(/\s+/).filter(Boolean).every((word) => haystack.includes(word));
}

export interface ListResult {
  items: StoredEvent[];
  nextPageToken?: string;
  nextSyncToken?: string;
}

/** events.list over one calendar (see the file comment). */
export function listEvents(store: GoogleStore, calendar: StoredCalendar, q: Query, codec: TokenCodec): ListResult {
  const syncToken = one(q, 'syncToken');
  const pageToken = one(q, 'pageToken');
  const singleEvents = flag(q, 'singleEvents') === true;
  const showDeleted = flag(q, 'showDeleted');
  let from: number | undefined;
  if (syncToken !== undefined) {
    const refused = NOT_WITH_SYNC_TOKEN.filter((name) => q[name] !== undefined);
    if (refused.length > 0 || showDeleted === false) {
      throw invalid(`Sync token cannot be used with other request restrictions: ${[...refused, ...(showDeleted === false ? ['showDeleted'] : [])].join(', ')}.`, 'syncToken');
    }
    const data = codec.readSyncToken(syncToken);
    if (!data || data.calendarId !== calendar.id || data.seq > store.seq) throw fullSyncRequired();
    from = data.seq;
  }
  let offset = 0;
  let upper = store.seq;
  if (pageToken !== undefined) {
    const page = codec.readPageToken(pageToken);
    if (!page || page.fingerprint !== fingerprint(q)) throw invalid('Invalid page token value.', 'pageToken');
    ({ offset, upper } = page);
    from = page.from ?? from;
  }
  const orderBy = one(q, 'orderBy');
  if (orderBy !== undefined && orderBy !== 'startTime' && orderBy !== 'updated') throw invalid(`Invalid value for orderBy: ${orderBy}`, 'orderBy');
  if (orderBy === 'startTime' && !singleEvents) throw invalid('The requested ordering is not available for the particular query.', 'orderBy');
  const timeMin = one(q, 'timeMin') !== undefined ? parseQueryTime('timeMin', one(q, 'timeMin') ?? '') : undefined;
  const timeMax = one(q, 'timeMax') !== undefined ? parseQueryTime('timeMax', one(q, 'timeMax') ?? '') : undefined;
  if (timeMin !== undefined && timeMax !== undefined && timeMax <= timeMin) throw new GoogleError(400, 'timeRangeEmpty', 'The specified time range is empty.', 'calendar', { type: 'parameter', name: 'timeMax' });
  const updatedMin = one(q, 'updatedMin') !== undefined ? parseQueryTime('updatedMin', one(q, 'updatedMin') ?? '') : undefined;
  const iCalUID = one(q, 'iCalUID');
  const text = one(q, 'q');
  // Deleted events: always in an incremental sync and after updatedMin; otherwise only with showDeleted (and a
  // cancelled instance of a series, which Google lists when neither showDeleted nor singleEvents is set).
  const withDeleted = from !== undefined || updatedMin !== undefined || showDeleted === true;

  let stored = [...calendar.events.values()];
  if (from !== undefined) stored = stored.filter((e) => e.seq > (from ?? 0) && e.seq <= upper);
  let events: StoredEvent[] = [];
  for (const event of stored.sort((a, b) => a.order - b.order)) {
    if (singleEvents && event.recurringEventId && calendar.events.get(event.recurringEventId)?.recurrence && from === undefined) continue;
    if (singleEvents && event.recurrence && event.status !== 'cancelled') {
      const until = timeMax ?? Date.now() + EXPANSION_HORIZON_MS;
      events.push(...seriesInstances(calendar, event, until).filter((i) => from === undefined || i.seq > from || !calendar.events.has(i.id)));
    } else events.push(event);
  }
  const seen = new Set<string>();
  events = events.filter((e) => {
    // An exception that changed beside its series comes once.
    if (seen.has(e.id)) return false;
    seen.add(e.id);
    if (e.status === 'cancelled' && !withDeleted && !(e.recurringEventId && !singleEvents)) return false;
    if (iCalUID !== undefined && e.iCalUID !== iCalUID) return false;
    if (updatedMin !== undefined && e.updated < updatedMin) return false;
    if (!matchesProperties(q, e) || !matchesText(text, e)) return false;
    if (timeMin !== undefined || timeMax !== undefined) {
      const [start, end] = span(calendar, e);
      if (timeMin !== undefined && end <= timeMin) return false;
      if (timeMax !== undefined && start >= timeMax) return false;
    }
    return true;
  });
  if (orderBy === 'startTime') events.sort((a, b) => instantOf(a.start, calendar.timeZone) - instantOf(b.start, calendar.timeZone) || a.id.localeCompare(b.id));
  if (orderBy === 'updated') events.sort((a, b) => a.updated - b.updated || a.id.localeCompare(b.id));

  const max = maxResultsOf(q);
  const items = events.slice(offset, offset + max);
  if (offset + max < events.length) {
    return { items, nextPageToken: codec.pageToken({ offset: offset + max, upper, fingerprint: fingerprint(q), ...(from !== undefined ? { from } : {}) }) };
  }
  return { items, nextSyncToken: codec.syncToken(calendar.id, upper) };
}

/** events.instances: the occurrences of a series (exceptions included), paged like a list, no sync token. */
export function listInstances(calendar: StoredCalendar, seriesId: string, q: Query, codec: TokenCodec): ListResult {
  const master = calendar.events.get(seriesId);
  if (!master) throw notFound();
  if (!master.recurrence) return { items: master.status === 'cancelled' ? [] : [master] };
  const timeMin = one(q, 'timeMin') !== undefined ? parseQueryTime('timeMin', one(q, 'timeMin') ?? '') : undefined;
  const timeMax = one(q, 'timeMax') !== undefined ? parseQueryTime('timeMax', one(q, 'timeMax') ?? '') : undefined;
  const showDeleted = flag(q, 'showDeleted') === true;
  const instances = master.status === 'cancelled' ? [] : seriesInstances(calendar, master, timeMax ?? Date.now() + EXPANSION_HORIZON_MS).filter((i) => {
    if (i.status === 'cancelled' && !showDeleted) return false;
    if (timeMin !== undefined && instantOf(i.end, calendar.timeZone) <= timeMin) return false;
    return timeMax === undefined || instantOf(i.start, calendar.timeZone) < timeMax;
  });
  let offset = 0;
  const pageToken = one(q, 'pageToken');
  if (pageToken !== undefined) {
    const page = codec.readPageToken(pageToken);
    if (!page || page.fingerprint !== fingerprint(q)) throw invalid('Invalid page token value.', 'pageToken');
    offset = page.offset;
  }
  const max = maxResultsOf(q);
  const items = instances.slice(offset, offset + max);
  return offset + max < instances.length ? { items, nextPageToken: codec.pageToken({ offset: offset + max, upper: 0, fingerprint: fingerprint(q) }) } : { items };
}
