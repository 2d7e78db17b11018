// Events of a calendar under the paths @googleapis/calendar calls (rootUrl + /calendar/v3/...): list, get, insert,
// update (PUT), patch, delete, instances, move and watch. Writes honour `If-Match` (412 conditionNotMet).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { API_PREFIX, callerOf } from './auth.js';
import { GoogleError } from './errors.js';
import { deleteEvent, findEvent, insertEvent, moveEvent, writeEvent } from './event-ops.js';
import { listEvents, listInstances, type ListResult, type Query } from './list.js';
import type { StoredCalendar } from './model.js';
import { presentEvent } from './present.js';
import type { GoogleSandboxState } from './sandbox-state.js';
import { checkZone, isoUtc } from './time.js';

type CalendarParams = { Params: { calendarId: string }; Querystring: Query };
type EventParams = { Params: { calendarId: string; eventId: string }; Querystring: Query };

const ifMatchOf = (req: FastifyRequest): string | undefined => {
  const value = req.headers['if-match'];
  return Array.isArray(value) ? value.join(',') : value;
};

/** The base URL the client used (push notifications name the resource under it). */
export function originOf(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`;
}

export function registerEventRoutes(app: FastifyInstance, state: GoogleSandboxState): void {
  const { store, codec } = state;
  const events = `${API_PREFIX}/calendars/:calendarId/events`;

  const context = (req: FastifyRequest, calendar: StoredCalendar, query: Query = {}) => {
    const zone = typeof query['timeZone'] === 'string' ? checkZone(query['timeZone']) : calendar.timeZone;
    return { caller: callerOf(req), zone, calendar };
  };
  const calendarOf = (req: FastifyRequest<{ Params: { calendarId: string } }>) => store.calendarFor(callerOf(req), req.params.calendarId);

  const listBody = (req: FastifyRequest, calendar: StoredCalendar, result: ListResult, query: Query) => {
    const ctx = context(req, calendar, query);
    const latest = Math.max(0, ...[...calendar.events.values()].map((e) => e.updated));
    return {
      kind: 'calendar#events',
      etag: `"p${store.seq}"`,
      summary: calendar.summary,
      ...(calendar.description !== undefined ? { description: calendar.description } : {}),
      updated: isoUtc(latest || Date.now()),
      timeZone: calendar.timeZone,
      accessRole: 'owner',
      defaultReminders: calendar.primary ? [{ method: 'popup', minutes: 10 }] : [],
      ...(result.nextPageToken ? { nextPageToken: result.nextPageToken } : {}),
      ...(result.nextSyncToken ? { nextSyncToken: result.nextSyncToken } : {}),
      items: result.items.map((e) => presentEvent(e, ctx)),
    };
  };

  app.get<CalendarParams>(events, async (req) => {
    const calendar = calendarOf(req);
    return listBody(req, calendar, listEvents(store, calendar, req.query, codec), req.query);
  });

  app.post<CalendarParams>(events, async (req) => {
    const calendar = calendarOf(req);
    return presentEvent(insertEvent(store, calendar, callerOf(req), req.body), context(req, calendar));
  });

  app.post<CalendarParams>(`${events}/watch`, async (req) => {
    const calendar = calendarOf(req);
    const resourceUri = `${originOf(req)}${API_PREFIX}/calendars/${encodeURIComponent(calendar.id)}/events?alt=json`;
    const channel = state.channels.watch(calendar, callerOf(req), (req.body ?? {}) as Record<string, unknown>, resourceUri);
    return {
      kind: 'api#channel',
      id: channel.id,
      resourceId: channel.resourceId,
      resourceUri: channel.resourceUri,
      ...(channel.token !== undefined ? { token: channel.token } : {}),
      expiration: String(channel.expiration),
    };
  });

  app.get<EventParams>(`${events}/:eventId`, async (req) => {
    const calendar = calendarOf(req);
    return presentEvent(findEvent(calendar, req.params.eventId), context(req, calendar, req.query));
  });

  app.get<EventParams>(`${events}/:eventId/instances`, async (req) => {
    const calendar = calendarOf(req);
    const result = listInstances(calendar, req.params.eventId, req.query, codec);
    return listBody(req, calendar, result, req.query);
  });

  app.put<EventParams>(`${events}/:eventId`, async (req) => {
    const calendar = calendarOf(req);
    return presentEvent(writeEvent(store, calendar, req.params.eventId, req.body, ifMatchOf(req), 'update'), context(req, calendar));
  });

  app.patch<EventParams>(`${events}/:eventId`, async (req) => {
    const calendar = calendarOf(req);
    return presentEvent(writeEvent(store, calendar, req.params.eventId, req.body, ifMatchOf(req), 'patch'), context(req, calendar));
  });

  app.delete<EventParams>(`${events}/:eventId`, async (req, reply) => {
    deleteEvent(store, calendarOf(req), req.params.eventId, ifMatchOf(req));
    return reply.code(204).send();
  });

  app.post<EventParams>(`${events}/:eventId/move`, async (req) => {
    const calendar = calendarOf(req);
    const destination = req.query['destination'];
    if (typeof destination !== 'string' || destination === '') throw new GoogleError(400, 'required', 'Required parameter: destination');
    const target = store.calendarFor(callerOf(req), destination);
    return presentEvent(moveEvent(store, calendar, target, req.params.eventId), context(req, target));
  });
}
