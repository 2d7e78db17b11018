// Event writes with Graph's rules: defaults on create, transactionId idempotency, partial PATCH (an occurrence
// becomes an exception), extended properties, deletes of occurrences, and the meeting side effects.
import { GraphError, badRequest } from '../errors.js';
import { occurrenceId } from '../ids.js';
import type { EventFields, EventWrite, ResponseType, StoredEvent } from '../model.js';
import { normalizeExtendedPropertyId } from '../present.js';
import { fromInstant, normalizeWallClock, toInstant } from '../time.js';
import type { GraphStore, Mailbox } from './graph-store.js';
import { cancelAttendeeCopies, reportResponse, syncAttendeeCopies } from './meetings.js';
import type { EventView } from './views.js';
import { moveToDeletedItems } from './deleted-items.js';

function defaults(mailbox: Mailbox): Omit<EventFields, 'start' | 'end'> {
  return {
    subject: '',
    body: { contentType: 'text', content: '' },
    isAllDay: false,
    categories: [],
    sensitivity: 'normal',
    showAs: 'busy',
    importance: 'normal',
    location: {},
    locations: [],
    attendees: [],
    organizer: { emailAddress: { name: mailbox.user.displayName, address: mailbox.user.mail } },
    recurrence: null,
    isReminderOn: true,
    reminderMinutesBeforeStart: 15,
    isOnlineMeeting: false,
    isCancelled: false,
    responseRequested: true,
    allowNewTimeProposals: true,
    hideAttendees: false,
    originalStartTimeZone: 'UTC',
    originalEndTimeZone: 'UTC',
  };
}

/** Copies the written properties onto `fields`, normalizing and validating as Graph does. */
function applyWrite(fields: EventFields, input: EventWrite): void {
  const target = fields as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || !(key in fields)) continue;
    if (key === 'body' && input.body) fields.body = { contentType: input.body.contentType.toLowerCase() as 'text' | 'html', content: input.body.content };
    else target[key] = structuredClone(value);
  }
  if (input.start) {
    fields.start = normalizeWallClock(input.start);
    if (!input.originalStartTimeZone) fields.originalStartTimeZone = input.start.timeZone;
  }
  if (input.end) {
    fields.end = normalizeWallClock(input.end);
    if (!input.originalEndTimeZone) fields.originalEndTimeZone = input.end.timeZone;
  }
  if (input.location && !input.locations) fields.locations = input.location.displayName ? [{ ...input.location }] : [];
  fields.attendees = fields.attendees.map((a) => ({ ...a, status: a.status ?? { response: 'none', time: '0001-01-01T00:00:00Z' } }));
  validate(fields);
}

function validate(fields: EventFields): void {
  const start = toInstant(fields.start);
  const end = toInstant(fields.end);
  if (end < start) throw badRequest('The end time must be later than the start time.', 'ErrorInvalidRequest');
  if (fields.isAllDay) {
    const midnight = (v: { dateTime: string }) => /T00:00:00(\.0+)?$/.test(v.dateTime);
    if (!midnight(fields.start) || !midnight(fields.end) || fields.start.timeZone !== fields.end.timeZone || end === start) {
      throw badRequest('All-day events must start and end at midnight in the same time zone.', 'ErrorPropertyValidationFailure');
    }
  }
}

function applyExtendedProperties(event: StoredEvent, input: EventWrite): void {
  for (const prop of input.singleValueExtendedProperties ?? []) {
    event.extendedProperties.set(normalizeExtendedPropertyId(prop.id), prop.value);
  }
}

export function createEvent(store: GraphStore, mailbox: Mailbox, input: EventWrite): StoredEvent {
  if (input.transactionId) {
    const existing = mailbox.events.get(mailbox.transactions.get(input.transactionId) ?? '');
    if (existing) return existing;
  }
  if (!input.start || !input.end) throw badRequest('Your request can\'t be completed. Start and End are required.', 'ErrorInvalidRequest');
  for (const prop of input.singleValueExtendedProperties ?? []) normalizeExtendedPropertyId(prop.id);
  const fields = { ...defaults(mailbox), start: input.start, end: input.end };
  applyWrite(fields, input);
  const extendedProperties = new Map<string, string>();
  for (const prop of input.singleValueExtendedProperties ?? []) extendedProperties.set(normalizeExtendedPropertyId(prop.id), prop.value);
  const event = store.insert(mailbox, {
    kind: fields.recurrence ? 'seriesMaster' : 'singleInstance',
    fields,
    transactionId: input.transactionId ?? undefined,
    isOrganizer: true,
    extendedProperties,
  });
  syncAttendeeCopies(store, event);
  return event;
}

/** The fields an occurrence shows: its master's, at the occurrence's own times. */
function occurrenceFields(view: EventView): EventFields {
  const utc = (ms: number) => normalizeWallClock({ dateTime: new Date(ms).toISOString().replace('Z', ''), timeZone: 'UTC' });
  const f = view.record.fields;
  const inZone = (ms: number, zone: string) => (f.isAllDay ? { dateTime: fromInstant(ms, zone).dateTime, timeZone: zone } : utc(ms));
  return { ...structuredClone(f), recurrence: null, start: inZone(view.startMs, f.start.timeZone), end: inZone(view.endMs, f.end.timeZone) };
}

/** The stored item a PATCH writes to; patching an occurrence first turns it into an exception. */
function writableRecord(store: GraphStore, mailbox: Mailbox, view: EventView): StoredEvent {
  if (view.type !== 'occurrence') return view.record;
  const master = view.record;
  const exception = store.insert(mailbox, {
    kind: 'exception',
    id: occurrenceId(master.id, view.originalStart ?? view.startMs),
    iCalUId: master.iCalUId,
    seriesMasterId: master.id,
    originalStart: view.originalStart,
    isOrganizer: master.isOrganizer,
    fields: occurrenceFields(view),
  });
  exception.responseStatus = { ...master.responseStatus };
  return exception;
}

export function updateEvent(store: GraphStore, mailbox: Mailbox, view: EventView, input: EventWrite): StoredEvent {
  if (input.recurrence !== undefined && (view.type === 'occurrence' || view.type === 'exception')) {
    throw badRequest('The recurrence of an occurrence or exception cannot be changed.', 'ErrorInvalidRequest');
  }
  for (const prop of input.singleValueExtendedProperties ?? []) normalizeExtendedPropertyId(prop.id);
  // Validate on a scratch copy first, so that a rejected PATCH leaves no half-made exception behind.
  const candidate = view.type === 'occurrence' ? occurrenceFields(view) : structuredClone(view.record.fields);
  applyWrite(candidate, input);
  const record = writableRecord(store, mailbox, view);
  const reshapes = record.kind !== 'exception' && (record.kind === 'seriesMaster' || Boolean(input.recurrence)) &&
    (input.recurrence !== undefined || input.start !== undefined || input.end !== undefined || input.isAllDay !== undefined);
  if (reshapes) {
    store.tombstoneShape(record);
    // Exchange drops a series' exceptions and cancellations when its pattern changes.
    if (input.recurrence !== undefined) {
      for (const e of [...mailbox.events.values()]) if (e.seriesMasterId === record.id) store.remove(e);
      record.cancelledOccurrences.clear();
    }
  }
  store.touch(record, (r) => {
    applyWrite(r.fields, input);
    applyExtendedProperties(r, input);
    if (r.kind !== 'exception') r.kind = r.fields.recurrence ? 'seriesMaster' : 'singleInstance';
  });
  if (record.kind === 'singleInstance') for (const e of [...mailbox.events.values()]) if (e.seriesMasterId === record.id) store.remove(e);
  syncAttendeeCopies(store, record);
  return record;
}

export function deleteEvent(store: GraphStore, mailbox: Mailbox, view: EventView, reportDecline = true): void {
  // An attendee deleting a meeting shows up as a decline on the organizer's copy.
  if (reportDecline && !view.record.isOrganizer && view.type !== 'occurrence') reportResponse(store, view.record, 'declined');
  if (view.type === 'occurrence' || view.type === 'exception') {
    const master = mailbox.events.get(view.seriesMasterId ?? '');
    if (view.type === 'exception') store.remove(view.record);
    if (master && view.originalStart !== undefined) {
      const original = view.originalStart;
      store.touch(master, (m) => m.cancelledOccurrences.add(original));
      if (view.type === 'occurrence') store.tombstoneOccurrence(mailbox, view.id);
      syncAttendeeCopies(store, master);
    }
    return;
  }
  store.remove(view.record);
  moveToDeletedItems(store, mailbox, view.record);
  if (view.record.isOrganizer) cancelAttendeeCopies(store, view.record);
}

export function respondToEvent(store: GraphStore, mailbox: Mailbox, view: EventView, response: ResponseType): void {
  if (view.record.isOrganizer) {
    throw new GraphError(400, 'ErrorInvalidRequest', 'Your request can\'t be completed. You can\'t respond to a meeting you organized.');
  }
  if (response === 'declined') {
    // Declining removes the meeting from the attendee's calendar; the organizer sees the decline.
    if (view.type === 'singleInstance' || view.type === 'seriesMaster') reportResponse(store, view.record, 'declined');
    deleteEvent(store, mailbox, view, false);
    return;
  }
  const record = writableRecord(store, mailbox, view);
  store.touch(record, (r) => {
    r.responseStatus = { response, time: new Date(store.now()).toISOString().replace(/\.\d{3}Z$/, 'Z') };
    r.fields.showAs = response === 'accepted' ? 'busy' : 'tentative';
  });
  if (record.kind !== 'exception') reportResponse(store, record, response);
}
