// Event writes as Calendar API v3 does them: insert (with a client-supplied id, 409 on a duplicate), update (the
// whole resource), patch (patch semantics: objects merge, arrays and scalars replace, null clears), delete (the
// event stays as `status: "cancelled"` for sync; deleting it again is 410), all with `If-Match` → 412. An instance of
// a series (`<seriesId>_<start>`) is read from the series until it is written: then it becomes an exception, stored
// with `recurringEventId` and `originalStartTime` (a deleted instance is a cancelled exception).
import { GoogleError, duplicate, invalid, notFound, preconditionFailed } from './errors.js';
import { EVENT_ID, eventInput, type Attendee, type EventInput, type StoredCalendar, type StoredEvent } from './model.js';
import { expand, occurrenceKey, validateRecurrence } from './recurrence.js';
import { randomId, type GoogleStore } from './store.js';
import { dateMs, instantOf, parseEventTime, presentTime } from './time.js';

export const EVENT_COLOR_IDS = new Set(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11']);
const INSTANCE_ID = /^([a-v0-9]+)_(\d{8}(?:T\d{6}Z)?)$/;

export const etagOf = (event: { etag: number }) => `"${event.etag}"`;

function parseInput(body: unknown): EventInput {
  const parsed = eventInput.safeParse(body ?? {});
  if (!parsed.success) throw invalid(`Invalid value: ${parsed.error.issues[0]?.path.join('.') ?? 'body'}`);
  return parsed.data;
}

/** The occurrence of a series that an instance id names, built from the series (not stored). */
export function virtualInstance(calendar: StoredCalendar, id: string): StoredEvent | undefined {
  const m = INSTANCE_ID.exec(id);
  const master = m ? calendar.events.get(m[1] ?? '') : undefined;
  if (!m || !master?.recurrence || master.status === 'cancelled') return undefined;
  const key = m[2] ?? '';
  const startOfKey = key.length === 8 ? Date.UTC(Number(key.slice(0, 4)), Number(key.slice(4, 6)) - 1, Number(key.slice(6, 8))) : Date.parse(`${key.slice(0, 4)}-${key.slice(4, 6)}-${key.slice(6, 8)}T${key.slice(9, 11)}:${key.slice(11, 13)}:${key.slice(13, 15)}Z`);
  const occurrence = expand(master.recurrence, master.start, master.start.timeZone ?? calendar.timeZone, startOfKey + 1).find((o) => o.key === key);
  return occurrence ? instanceFrom(master, occurrence.start, calendar.timeZone) : undefined;
}

/** One occurrence of `master` starting at `start`, as it is before anyone edits it. */
export function instanceFrom(master: StoredEvent, start: StoredEvent['start'], zone: string): StoredEvent {
  const duration = instantOf(master.end, zone) - instantOf(master.start, zone);
  const end = start.date !== undefined
    ? { date: new Date((dateMs(start.date) ?? 0) + Math.round(duration / 86_400_000) * 86_400_000).toISOString().slice(0, 10) }
    : { ms: (start.ms ?? 0) + duration, ...(master.end.timeZone ? { timeZone: master.end.timeZone } : {}) };
  const { recurrence: _ignored, ...rest } = master;
  return { ...rest, id: `${master.id}_${occurrenceKey(start)}`, start, end, recurringEventId: master.id, originalStartTime: start };
}

/** The stored event, or the unedited instance an instance id names; 404 otherwise. */
export function findEvent(calendar: StoredCalendar, id: string): StoredEvent {
  const event = calendar.events.get(id) ?? virtualInstance(calendar, id);
  if (!event) throw notFound();
  return event;
}

function checkIfMatch(event: StoredEvent, ifMatch: string | undefined): void {
  if (ifMatch === undefined || ifMatch === '*') return;
  if (!ifMatch.split(',').map((t) => t.trim().replace(/^W\//, '')).includes(etagOf(event))) throw preconditionFailed();
}

function attendeesOf(input: EventInput): Attendee[] | undefined {
  if (!input.attendees) return undefined;
  return input.attendees.map((a) => {
    if (!a.email) throw new GoogleError(400, 'required', 'Missing attendee email.');
    return {
      email: a.email,
      responseStatus: a.responseStatus ?? 'needsAction',
      ...(a.displayName ? { displayName: a.displayName } : {}),
      ...(a.optional ? { optional: true } : {}),
      ...(a.comment ? { comment: a.comment } : {}),
      ...(a.resource ? { resource: true } : {}),
      ...(a.additionalGuests ? { additionalGuests: a.additionalGuests } : {}),
    };
  });
}

type Identity = Pick<StoredEvent, 'id' | 'calendarId' | 'iCalUID' | 'creatorEmail' | 'created' | 'order' | 'recurringEventId' | 'originalStartTime'>;

/** The event an input describes, checked as Google checks it. */
function build(input: EventInput, identity: Identity, calendar: StoredCalendar, previous: StoredEvent | undefined): Omit<StoredEvent, 'seq' | 'etag' | 'updated'> {
  if (!input.start) throw new GoogleError(400, 'required', 'Missing start time.');
  if (!input.end) throw new GoogleError(400, 'required', 'Missing end time.');
  const start = parseEventTime(input.start, 'start');
  const end = parseEventTime(input.end, 'end');
  if ((start.date === undefined) !== (end.date === undefined)) throw invalid('Start and end times must either both be date or both be dateTime.');
  if (instantOf(end, calendar.timeZone) < instantOf(start, calendar.timeZone)) throw new GoogleError(400, 'timeRangeEmpty', 'The specified time range is empty.');
  const recurrence = input.recurrence && input.recurrence.length > 0 ? input.recurrence : undefined;
  if (recurrence) {
    if (identity.recurringEventId) throw invalid('Invalid recurrence rule.');
    validateRecurrence(recurrence);
    if (start.date === undefined && !start.timeZone) throw new GoogleError(400, 'required', 'Missing time zone definition for start time.');
  }
  if (input.colorId && !EVENT_COLOR_IDS.has(input.colorId)) throw invalid('Invalid color ID.');
  const priv = input.extendedProperties?.private;
  const shared = input.extendedProperties?.shared;
  const attendees = attendeesOf(input);
  const timeChanged = previous !== undefined && (JSON.stringify(previous.start) !== JSON.stringify(start) || JSON.stringify(previous.end) !== JSON.stringify(end));
  return {
    ...identity,
    status: input.status ?? 'confirmed',
    start,
    end,
    ...(input.summary != null ? { summary: input.summary } : {}),
    ...(input.description != null ? { description: input.description } : {}),
    ...(input.location != null ? { location: input.location } : {}),
    ...(input.colorId ? { colorId: input.colorId } : {}),
    ...(input.visibility && input.visibility !== 'default' ? { visibility: input.visibility } : {}),
    ...(input.transparency && input.transparency !== 'opaque' ? { transparency: input.transparency } : {}),
    ...(recurrence ? { recurrence } : {}),
    ...(attendees && attendees.length > 0 ? { attendees } : {}),
    ...(priv || shared ? { extendedProperties: { ...(priv ? { private: { ...priv } } : {}), ...(shared ? { shared: { ...shared } } : {}) } } : {}),
    ...(input.reminders ? { reminders: { useDefault: input.reminders.useDefault ?? false, ...(input.reminders.overrides ? { overrides: input.reminders.overrides } : {}) } } : {}),
    // Google raises the sequence when the time of an event changes.
    sequence: input.sequence ?? (previous ? previous.sequence + (timeChanged ? 1 : 0) : 0),
  };
}

function save(store: GoogleStore, calendar: StoredCalendar, event: Omit<StoredEvent, 'seq' | 'etag' | 'updated'>): StoredEvent {
  const { seq, etag } = store.touch();
  const saved: StoredEvent = { ...event, seq, etag, updated: Date.now() };
  calendar.events.set(saved.id, saved);
  store.changed(calendar);
  return saved;
}

export function insertEvent(store: GoogleStore, calendar: StoredCalendar, caller: string, body: unknown): StoredEvent {
  const input = parseInput(body);
  if (input.id != null && !EVENT_ID.test(input.id)) throw invalid('Invalid resource id value.');
  const id = input.id ?? randomId();
  if (calendar.events.has(id)) throw duplicate();
  const now = Date.now();
  const identity: Identity = { id, calendarId: calendar.id, iCalUID: `${id}@google.com`, creatorEmail: caller, created: now, order: store.nextOrder() };
  return save(store, calendar, build(input, identity, calendar, undefined));
}

/** The event as a client would send it back: what a patch merges into. */
function asInput(event: StoredEvent, zone: string): Record<string, unknown> {
  const { start, end, originalStartTime: _o, recurringEventId: _r, ...rest } = event;
  return { ...rest, start: presentTime(start, zone), end: presentTime(end, zone) };
}

function merge(target: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    if (value === null) delete out[key];
    else if (typeof value === 'object' && !Array.isArray(value) && current && typeof current === 'object' && !Array.isArray(current)) {
      out[key] = merge(current as Record<string, unknown>, value as Record<string, unknown>);
    } else out[key] = value;
  }
  return out;
}

/** events.update (`mode` update) or events.patch (`mode` patch) of a stored event or of an instance. */
export function writeEvent(store: GoogleStore, calendar: StoredCalendar, id: string, body: unknown, ifMatch: string | undefined, mode: 'update' | 'patch'): StoredEvent {
  const current = findEvent(calendar, id);
  checkIfMatch(current, ifMatch);
  const raw = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const input = parseInput(mode === 'patch' ? merge(asInput(current, calendar.timeZone), raw) : raw);
  const identity: Identity = {
    id: current.id, calendarId: calendar.id, iCalUID: current.iCalUID, creatorEmail: current.creatorEmail, created: current.created,
    order: calendar.events.has(current.id) ? current.order : store.nextOrder(),
    ...(current.recurringEventId ? { recurringEventId: current.recurringEventId, originalStartTime: current.originalStartTime } : {}),
  };
  return save(store, calendar, build(input, identity, calendar, current));
}

/** events.delete: the event (or instance) becomes cancelled; a series takes its exceptions with it. */
export function deleteEvent(store: GoogleStore, calendar: StoredCalendar, id: string, ifMatch: string | undefined): void {
  const current = findEvent(calendar, id);
  if (current.status === 'cancelled') throw new GoogleError(410, 'deleted', 'Resource has been deleted');
  checkIfMatch(current, ifMatch);
  const order = calendar.events.has(current.id) ? current.order : store.nextOrder();
  save(store, calendar, { ...current, order, status: 'cancelled' });
  if (current.recurrence) {
    for (const exception of [...calendar.events.values()].filter((e) => e.recurringEventId === current.id && e.status !== 'cancelled')) {
      save(store, calendar, { ...exception, status: 'cancelled' });
    }
  }
}

/** events.move: the event leaves `from` (cancelled there, for its sync) and appears in `to` under the same id. */
export function moveEvent(store: GoogleStore, from: StoredCalendar, to: StoredCalendar, id: string): StoredEvent {
  const current = from.events.get(id);
  if (!current || current.status === 'cancelled') throw notFound();
  if (current.recurringEventId) throw new GoogleError(400, 'cannotChangeOrganizerOfInstance', 'Cannot change the organizer of an instance.');
  if (to.events.has(id)) throw duplicate();
  save(store, from, { ...current, status: 'cancelled' });
  return save(store, to, { ...current, calendarId: to.id, order: store.nextOrder() });
}
