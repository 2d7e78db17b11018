// What clients see of the stored items: single instances, series masters, exceptions and the occurrences a
// master expands into (which are never stored). A view carries the instants it starts and ends at.
import { occurrenceId, parseOccurrenceId } from '../ids.js';
import type { StoredEvent } from '../model.js';
import { toInstant } from '../time.js';
import type { Mailbox } from './graph-store.js';
import { expandOccurrences } from './recurrence.js';

export type ViewType = 'singleInstance' | 'seriesMaster' | 'occurrence' | 'exception';

export interface EventView {
  id: string;
  type: ViewType;
  /** The stored item whose fields the view shows (the master, for an occurrence). */
  record: StoredEvent;
  startMs: number;
  endMs: number;
  originalStart?: number;
  seriesMasterId?: string;
}

export function instantsOf(event: StoredEvent): { startMs: number; endMs: number } {
  return { startMs: toInstant(event.fields.start), endMs: toInstant(event.fields.end) };
}

export function storedView(event: StoredEvent): EventView {
  return {
    id: event.id,
    type: event.kind,
    record: event,
    ...instantsOf(event),
    originalStart: event.originalStart,
    seriesMasterId: event.seriesMasterId,
  };
}

function occurrenceView(master: StoredEvent, originalStart: number): EventView {
  const { startMs, endMs } = instantsOf(master);
  return {
    id: occurrenceId(master.id, originalStart),
    type: 'occurrence',
    record: master,
    startMs: originalStart,
    endMs: originalStart + (endMs - startMs),
    originalStart,
    seriesMasterId: master.id,
  };
}

/** Occurrence and exception views of one series overlapping [from, to). */
export function seriesInstances(mailbox: Mailbox, master: StoredEvent, from: number, to: number): EventView[] {
  const recurrence = master.fields.recurrence;
  if (!recurrence) return [];
  const { startMs, endMs } = instantsOf(master);
  const exceptions = new Map<number, StoredEvent>();
  for (const e of mailbox.events.values()) {
    if (e.kind === 'exception' && e.seriesMasterId === master.id && e.originalStart !== undefined) exceptions.set(e.originalStart, e);
  }
  // Look a little wider than the window: an exception may have moved into it from a neighbouring occurrence.
  const margin = 31 * 86_400_000;
  const views: EventView[] = [];
  for (const original of expandOccurrences(recurrence, master.fields.start, endMs - startMs, from - margin, to + margin)) {
    if (master.cancelledOccurrences.has(original)) continue;
    const exception = exceptions.get(original);
    const view = exception ? storedView(exception) : occurrenceView(master, original);
    if (view.startMs < to && view.endMs > from) views.push(view);
  }
  return views;
}

/** Everything a calendar view over [from, to) shows: no masters, their instances instead; sorted by start. */
export function calendarWindow(mailbox: Mailbox, from: number, to: number): EventView[] {
  const views: EventView[] = [];
  for (const event of mailbox.events.values()) {
    if (event.kind === 'singleInstance') {
      const view = storedView(event);
      if (view.startMs < to && view.endMs > from) views.push(view);
    } else if (event.kind === 'seriesMaster') {
      views.push(...seriesInstances(mailbox, event, from, to));
    }
  }
  return views.sort((a, b) => a.startMs - b.startMs || a.id.localeCompare(b.id));
}

/** Resolves any id a client may hold: a stored item or a (not cancelled) occurrence of a series. */
export function resolveView(mailbox: Mailbox, id: string): EventView | undefined {
  const stored = mailbox.events.get(id);
  if (stored) return storedView(stored);
  const occurrence = parseOccurrenceId(id);
  if (!occurrence) return undefined;
  const master = mailbox.events.get(occurrence.masterId);
  if (!master || master.kind !== 'seriesMaster' || master.cancelledOccurrences.has(occurrence.originalStart)) return undefined;
  const day = 86_400_000;
  const found = seriesInstances(mailbox, master, occurrence.originalStart - day, occurrence.originalStart + day).find(
    (v) => v.originalStart === occurrence.originalStart,
  );
  return found;
}
