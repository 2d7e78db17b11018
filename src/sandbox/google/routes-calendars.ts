// Calendars and the calendar list: calendarList.list/get (the caller's own calendars: the sandbox's Workspace
// shares none), calendars.insert (id `<random>@group.calendar.google.com`), calendars.get/patch/delete (the primary
// calendar cannot be deleted), and channels.stop.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { API_PREFIX, callerOf } from './auth.js';
import { GoogleError, invalid } from './errors.js';
import { calendarInput } from './model.js';
import { presentCalendar, presentListEntry } from './present.js';
import type { GoogleSandboxState } from './sandbox-state.js';
import { checkZone } from './time.js';

type CalendarParams = { Params: { calendarId: string } };

function parseCalendar(body: unknown) {
  const parsed = calendarInput.safeParse(body ?? {});
  if (!parsed.success) throw invalid(`Invalid value: ${parsed.error.issues[0]?.path.join('.') ?? 'body'}`);
  return parsed.data;
}

export function registerCalendarRoutes(app: FastifyInstance, state: GoogleSandboxState): void {
  const { store } = state;

  app.get(`${API_PREFIX}/users/me/calendarList`, async (req) => {
    const caller = callerOf(req);
    return {
      kind: 'calendar#calendarList',
      etag: `"p${store.seq}"`,
      items: store.ownedBy(caller).sort((a, b) => Number(b.primary) - Number(a.primary) || a.summary.localeCompare(b.summary)).map(presentListEntry),
    };
  });

  app.get<CalendarParams>(`${API_PREFIX}/users/me/calendarList/:calendarId`, async (req) => presentListEntry(store.calendarFor(callerOf(req), req.params.calendarId)));

  app.post(`${API_PREFIX}/calendars`, async (req) => {
    const caller = callerOf(req);
    const input = parseCalendar(req.body);
    if (!input.summary) throw new GoogleError(400, 'required', 'Missing title.');
    const owner = store.user(caller);
    const calendar = store.addCalendar({
      id: `${randomBytes(13).toString('hex')}${randomBytes(3).toString('hex')}@group.calendar.google.com`,
      owner: caller,
      primary: false,
      summary: input.summary,
      ...(input.description != null ? { description: input.description } : {}),
      ...(input.location != null ? { location: input.location } : {}),
      timeZone: input.timeZone ? checkZone(input.timeZone) : (owner?.timeZone ?? 'UTC'),
    });
    return presentCalendar(calendar);
  });

  app.get<CalendarParams>(`${API_PREFIX}/calendars/:calendarId`, async (req) => presentCalendar(store.calendarFor(callerOf(req), req.params.calendarId)));

  app.patch<CalendarParams>(`${API_PREFIX}/calendars/:calendarId`, async (req) => {
    const calendar = store.calendarFor(callerOf(req), req.params.calendarId);
    const input = parseCalendar(req.body);
    if (input.summary === null || input.summary === '') throw new GoogleError(400, 'required', 'Missing title.');
    if (input.summary !== undefined) calendar.summary = input.summary;
    if (input.description !== undefined) calendar.description = input.description ?? undefined;
    if (input.location !== undefined) calendar.location = input.location ?? undefined;
    if (input.timeZone) calendar.timeZone = checkZone(input.timeZone);
    calendar.etag = store.touch().etag;
    return presentCalendar(calendar);
  });

  app.delete<CalendarParams>(`${API_PREFIX}/calendars/:calendarId`, async (req, reply) => {
    const calendar = store.calendarFor(callerOf(req), req.params.calendarId);
    if (calendar.primary) throw new GoogleError(400, 'cannotDeletePrimaryCalendar', 'Cannot delete primary calendar.');
    state.channels.removed(calendar);
    store.deleteCalendar(calendar);
    return reply.code(204).send();
  });

  app.post(`${API_PREFIX}/channels/stop`, async (req, reply) => {
    const body = (req.body && typeof req.body === 'object' ? req.body : {}) as { id?: unknown; resourceId?: unknown };
    state.channels.stop(callerOf(req), body.id, body.resourceId);
    return reply.code(204).send();
  });
}
