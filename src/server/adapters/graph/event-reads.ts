// Reading events with their CRM links. calendarView/delta cannot $expand extended properties, so the links (the
// add-in's custom properties, `cecp-<add-in id>`) come from GETs of single events, batched 20 at a time, or,
// when many items need them, from one paged calendarView listing of the window.
import { customPropertiesExtendedPropertyId } from '../../../shared/crm-links.js';
import type { PortError } from '../../domain/errors.js';
import type { GraphEvent } from '../../domain/normalize-graph.js';
import { PortFailure } from '../../ports/write-results.js';
import type { SyncWindow } from '../../ports/calendar-source.js';
import { runBatched } from './batch.js';
import { isItemGone, portErrorOf } from './graph-errors.js';
import { EVENT_PREFER, type GraphHttp } from './graph-http.js';
import { parseRetryAfter } from './retry-policy.js';

export function userPath(userId: string): string {
  return `/users/${encodeURIComponent(userId)}`;
}

export function eventPath(userId: string, eventId: string): string {
  return `${userPath(userId)}/events/${encodeURIComponent(eventId)}`;
}

/** `$expand` of the one extended property holding the add-in's custom properties. */
export function expandLinksQuery(addinId: string): string {
  const filter = `id eq '${customPropertiesExtendedPropertyId(addinId)}'`;
  return `$expand=${encodeURIComponent(`singleValueExtendedProperties($filter=${filter})`)}`;
}

export function isGraphEvent(value: unknown): value is GraphEvent {
  return !!value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string';
}

/** What a GET of one event found: the event, null when the item is gone, or the error. */
export type EventReadOutcome = GraphEvent | null | PortError;

export function isPortError(value: EventReadOutcome | undefined): value is PortError {
  return !!value && typeof value === 'object' && 'code' in value && !('id' in value);
}

/** Current state of events by id, links included, one outcome per id (GETs batched 20 at a time). */
export async function readEventsById(http: GraphHttp, scope: string, userId: string, ids: readonly string[]): Promise<Map<string, EventReadOutcome>> {
  const query = expandLinksQuery(http.options.addinId);
  const responses = await runBatched(
    http,
    scope,
    ids.map((id) => ({ method: 'GET' as const, url: `${eventPath(userId, id)}?${query}`, headers: { prefer: EVENT_PREFER } })),
  );
  const found = new Map<string, EventReadOutcome>();
  responses.forEach((response, i) => {
    const id = ids[i]!;
    if (isItemGone(response.status, response.body)) found.set(id, null);
    else if (response.status >= 200 && response.status < 300 && isGraphEvent(response.body)) found.set(id, response.body);
    else found.set(id, portErrorOf(response.status, response.body, retryAfterOf(response.headers)));
  });
  return found;
}

/**
 * Like readEventsById, but any failure other than "item gone" fails the whole read, so a cursor is never advanced past
 * unread work.
 */
export async function fetchEventsById(http: GraphHttp, scope: string, userId: string, ids: readonly string[]): Promise<Map<string, GraphEvent | null>> {
  const found = new Map<string, GraphEvent | null>();
  for (const [id, outcome] of await readEventsById(http, scope, userId, ids)) {
    if (isPortError(outcome)) throw new PortFailure(outcome);
    found.set(id, outcome);
  }
  return found;
}

/** Every item of the calendar view over `window` (occurrences, no masters), links included. */
export async function listWindowEvents(http: GraphHttp, scope: string, userId: string, window: SyncWindow): Promise<GraphEvent[]> {
  const params = `startDateTime=${encodeURIComponent(window.startUtc)}&endDateTime=${encodeURIComponent(window.endUtc)}`;
  let url: string | undefined = `${userPath(userId)}/calendarView?${params}&${expandLinksQuery(http.options.addinId)}`;
  const headers = { prefer: `${EVENT_PREFER}, odata.maxpagesize=${http.options.pageSize}` };
  const events: GraphEvent[] = [];
  while (url) {
    const response = await http.send(scope, { method: 'GET', url, headers });
    if (response.status < 200 || response.status >= 300) throw new PortFailure(portErrorOf(response.status, response.body, retryAfterOf(response.headers)));
    const page = response.body as { value?: unknown[]; '@odata.nextLink'?: string };
    for (const item of page.value ?? []) if (isGraphEvent(item)) events.push(item);
    url = page['@odata.nextLink'];
  }
  return events;
}

export function retryAfterOf(headers: Record<string, string>): number | undefined {
  return parseRetryAfter(headers['retry-after'], Date.now());
}
