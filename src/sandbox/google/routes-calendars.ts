// Calendars and the calendar list: calendarList.list/get (the caller's own calendars: the sandbox's Workspace
// shares none), calendars.insert (id `<random>@group.calendar.google.com`), calendars.get/patch/update/delete (the
// primary calendar cannot be deleted), and channels.stop. Modifications honour `If-Match` with the calendar's etag
// (412 conditionNotMet), as Google's guide on resource versions says of every resource; an unknown calendar is 404.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { API_PREFIX, callerOf } from './auth.js';
import { GoogleError, invalid, preconditionFailed } from './errors.js';
import { calendarInput, type StoredCalendar } from './model.js';
import { presentCalendar, presentListEntry } from './present.js';
import type { GoogleSandboxState } from './sandbox-state.js';
import { checkZone } from './time.js';

type CalendarParams = { Params: { calendarId: string } };

function parseCalendar(body: unknown) {
  const parsed = calendarInput.safeParse(body ?? {});
  if (!parsed.success) throw invalid(`Invalid value: ${parsed.error.issues[0]?.path.join('.') ?? 'body'}`);
  return parsed.data;
}

/** `If-Match` against the calendar's etag (`*` or no header: any version). */
function checkCalendarIfMatch(req: FastifyRequest, calendar: StoredCalendar): void {
  const header = req.headers['if-match'];
  const value = Array.isArray(header) ? header.join(',') : header;
  if (value === undefined || value.trim() === '*') return;
  if (!value.split(',').map((t) => t.trim().replace(/^W\//, '')).includes(`"${calendar.etag}"`)) throw preconditionFailed();
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

  // patch changes the fields given (null clears one); update replaces the calendar's metadata: description and
  // location left out are cleared, summary is required, the time zone stays when left out.
  const modify = (mode: 'patch' | 'update') => async (req: FastifyRequest<CalendarParams>) => {
    const calendar = store.calendarFor(callerOf(req), req.params.calendarId);
    const input = parseCalendar(req.body);
    checkCalendarIfMatch(req, calendar);
    const missingTitle = mode === 'update' ? !input.summary : input.summary === null || input.summary === '';
    if (missingTitle) throw new GoogleError(400, 'required', 'Missing title.');
    if (input.summary != null) calendar.summary = input.summary;
    if (input.description !== undefined || mode === 'update') calendar.description = input.description ?? undefined;
    if (input.location !== undefined || mode === 'update') calendar.location = input.location ?? undefined;
    if (input.timeZone) calendar.timeZone = checkZone(input.timeZone);
    calendar.etag = store.touch().etag;
    return presentCalendar(calendar);
  };
  app.patch<CalendarParams>(`${API_PREFIX}/calendars/:calendarId`, modify('patch'));
  app.put<CalendarParams>(`${API_PREFIX}/calendars/:calendarId`, modify('update'));

  app.delete<CalendarParams>(`${API_PREFIX}/calendars/:calendarId`, async (req, reply) => {
    const calendar = store.calendarFor(callerOf(req), req.params.calendarId);
    checkCalendarIfMatch(req, calendar);
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
