// R10: a Google user's events sync from two calendars the service keeps, "SAP Appointments" and "SAP Visits"; the
// calendar an event is in says its kind, as the category does in Outlook (R1). Moving an event between them is the
// Google form of retagging an Outlook item: the same event (Google keeps its id) now reads with the other kind's
// category (normalize-google.ts), and the planner's kind switch (R1: the old pair ends as in R2, a record of the new
// kind is created) applies unchanged. Pure functions over what the adapter read.
import type { SyncKind } from '../../shared/categories.js';
import type { GoogleEvent } from './google-event.js';

/** R10's calendar names (the defaults; the names are settings). */
export const DEFAULT_GOOGLE_CALENDAR_NAMES: Readonly<Record<SyncKind, string>> = { appointment: 'SAP Appointments', visit: 'SAP Visits' };

/**
 * The marker in the description of a calendar the service made (calendars.insert): after a restart that lost the
 * stored calendar id, the calendar list is searched for it, so a second pair of calendars is never created. Names are
 * settings and users may rename a calendar; the marker stays.
 */
const MARKER = /\[crm-sync:(appointment|visit)\]/;

/** calendars.insert body for the calendar of `kind` (Schema$Calendar: summary, description, timeZone). */
export function googleCalendarInsertBody(kind: SyncKind, name: string, timeZone: string): { summary: string; description: string; timeZone: string } {
  const what = kind === 'visit' ? 'Visits' : 'Appointments';
  return { summary: name, description: `${what} synced with SAP Cloud for Customer. [crm-sync:${kind}]`, timeZone };
}

/** The kind a calendar's description marks it as the service's calendar for, or null for any other calendar. */
export function kindOfCalendarMarker(description: string | null | undefined): SyncKind | null {
  const match = MARKER.exec(description ?? '');
  return match ? (match[1] as SyncKind) : null;
}

/**
 * What a move from one calendar to another means for an event, given the kind of each (null: a calendar the service
 * does not sync, such as the user's primary one).
 */
export type CalendarMove =
  /** Between the two SAP calendars: the item is retagged (R1). */
  | { type: 'switch'; from: SyncKind; to: SyncKind }
  /** Out of the SAP calendars: the mirroring ends (R2), nothing is cancelled in C4C. */
  | { type: 'untag'; from: SyncKind }
  /** Into an SAP calendar: the event starts to sync (R1). */
  | { type: 'tag'; to: SyncKind };

export function calendarMoveOf(from: SyncKind | null, to: SyncKind | null): CalendarMove | null {
  if (from === to) return null;
  if (from === null) return { type: 'tag', to: to as SyncKind };
  if (to === null) return { type: 'untag', from };
  return { type: 'switch', from, to };
}

/** The kind of a calendar by its id, given the user's two SAP calendars; null for any other calendar. */
export function kindOfCalendar(calendarId: string, calendars: Readonly<Record<SyncKind, string>>): SyncKind | null {
  if (calendarId === calendars.appointment) return 'appointment';
  if (calendarId === calendars.visit) return 'visit';
  return null;
}

/**
 * One calendar's events as a read returned them. `kind` null: another calendar of the user's (their primary one),
 * where the adapter looked up events that vanished from the SAP calendars: one found there alive was moved out by its
 * user, which ends the mirroring (R2) and cancels nothing, unlike a delete (R11).
 */
export interface CalendarRead {
  kind: SyncKind | null;
  events: readonly GoogleEvent[];
}

/**
 * The events of both calendars' reads, each with the kind of the calendar it is in now. events.move leaves a
 * cancelled event behind in the calendar it left (Schema$Event.status: "it will leave behind a cancelled event where
 * only the id field is guaranteed"): when the other calendar's read has the same event id alive, that cancelled entry
 * is the move's trace, not a delete, and is dropped, so the move reaches the planner as a kind switch and never as a
 * cancellation (R11). Order: the reads' order, each read's events in order.
 */
export function eventsWithKind(reads: readonly CalendarRead[]): { kind: SyncKind | null; event: GoogleEvent }[] {
  const alive = new Map<string, SyncKind | null>();
  for (const read of reads) {
    for (const event of read.events) if (event.id && event.status !== 'cancelled') alive.set(event.id, read.kind);
  }
  const result: { kind: SyncKind | null; event: GoogleEvent }[] = [];
  for (const read of reads) {
    for (const event of read.events) {
      const movedTo = event.id ? alive.get(event.id) : undefined;
      if (event.status === 'cancelled' && movedTo !== undefined && movedTo !== read.kind) continue;
      result.push({ kind: read.kind, event });
    }
  }
  return result;
}
