// Reading a Google mailbox's two calendars (R10). readChanges: events.list per calendar, every page, incremental
// with the calendar's syncToken (nextSyncToken comes on the last page only); without a usable token, or when Google
// answers 410 (the token expired), a full read of the window for both calendars. singleEvents: a series comes as its
// instances, as Graph's calendar view gives occurrences, never masters. Moves between the two calendars and out of
// them are told from deletes (domain/google-calendars.ts; an event gone from both reads is looked up in the two SAP
// calendars, for a move that fell between the two lists, and in the primary calendar: alive there, the user moved it
// out, R2; otherwise it was deleted, R11).
import type { SyncKind } from '../../../shared/categories.js';
import { eventsWithKind, type CalendarRead } from '../../domain/google-calendars.js';
import type { GoogleEvent } from '../../domain/google-event.js';
import type { Mailbox } from '../../domain/mailbox.js';
import { normalizeGoogleEvent, type GoogleNormalizeOptions } from '../../domain/normalize-google.js';
import type { OutlookItem } from '../../domain/snapshots.js';
import type { CalendarChanges, SyncWindow } from '../../ports/calendar-source.js';
import type { GoogleCalendarPair } from '../../ports/google-calendar-ids.js';
import { callGoogle } from './google-call.js';
import type { CalendarApi } from './google-client.js';
import type { GoogleRetryOptions } from './options.js';
import { cursorFits, decodeGoogleCursor, encodeGoogleCursor } from './sync-cursor.js';

const KINDS: readonly SyncKind[] = ['appointment', 'visit'];

export interface ReadContext {
  api: CalendarApi;
  calendars: GoogleCalendarPair;
  retry: GoogleRetryOptions;
  pageSize: number;
  normalize: GoogleNormalizeOptions;
  /** Remembers which calendar an event is in, so a write goes to it without a search. */
  seen(eventId: string, calendarId: string): void;
}

class SyncTokenExpired extends Error {}

async function listCalendar(ctx: ReadContext, calendarId: string, syncToken: string | null, window: SyncWindow): Promise<{ events: GoogleEvent[]; nextSyncToken: string }> {
  const events: GoogleEvent[] = [];
  let pageToken: string | undefined;
  for (;;) {
    const params = syncToken
      ? { calendarId, syncToken, singleEvents: true, maxResults: ctx.pageSize }
      : { calendarId, timeMin: window.startUtc, timeMax: window.endUtc, singleEvents: true, maxResults: ctx.pageSize };
    const page = await callGoogle(
      'events.list',
      ctx.retry,
      () => ctx.api.events.list({ ...params, ...(pageToken ? { pageToken } : {}) }),
      (info) => (info.status === 410 && syncToken ? { value: null } : undefined),
    );
    if (page === null) throw new SyncTokenExpired();
    events.push(...((page.items ?? []) as GoogleEvent[]));
    if (page.nextPageToken) {
      pageToken = page.nextPageToken;
      continue;
    }
    if (!page.nextSyncToken) throw new Error('events.list: the last page had no nextSyncToken');
    return { events, nextSyncToken: page.nextSyncToken };
  }
}

/** The event `id` in `calendarId`, alive, or null (404, 410 or cancelled). */
export async function getEvent(ctx: Pick<ReadContext, 'api' | 'retry'>, calendarId: string, id: string): Promise<GoogleEvent | null> {
  const event = await callGoogle(
    'events.get',
    ctx.retry,
    () => ctx.api.events.get({ calendarId, eventId: id }),
    (info) => (info.status === 404 || info.status === 410 ? { value: null } : undefined),
  );
  return event && event.status !== 'cancelled' ? (event as GoogleEvent) : null;
}

/** Where the event is now: one of the two calendars, the user's primary one (moved out), or nowhere. */
export async function locateEvent(ctx: ReadContext, id: string, first?: string): Promise<{ kind: SyncKind | null; calendarId: string; event: GoogleEvent } | null> {
  const order = [...new Set([...(first ? [first] : []), ctx.calendars.appointment, ctx.calendars.visit])];
  for (const calendarId of order) {
    const event = await getEvent(ctx, calendarId, id);
    if (event) return { kind: calendarId === ctx.calendars.visit ? 'visit' : 'appointment', calendarId, event };
  }
  const outside = await getEvent(ctx, 'primary', id);
  return outside ? { kind: null, calendarId: 'primary', event: outside } : null;
}

async function readAll(ctx: ReadContext, tokens: GoogleCalendarPair | null, window: SyncWindow): Promise<{ reads: CalendarRead[]; tokens: GoogleCalendarPair }> {
  const lists = await Promise.all(KINDS.map((kind) => listCalendar(ctx, ctx.calendars[kind], tokens?.[kind] ?? null, window)));
  const [appointments, visits] = lists as [(typeof lists)[0], (typeof lists)[0]];
  return {
    reads: [
      { kind: 'appointment', events: appointments.events },
      { kind: 'visit', events: visits.events },
    ],
    tokens: { appointment: appointments.nextSyncToken, visit: visits.nextSyncToken },
  };
}

export async function readGoogleChanges(ctx: ReadContext, mailbox: Mailbox, cursor: string | null, window: SyncWindow): Promise<CalendarChanges> {
  const decoded = decodeGoogleCursor(cursor);
  let full = decoded === null || !cursorFits(decoded, window, ctx.calendars);
  let result: Awaited<ReturnType<typeof readAll>>;
  try {
    result = await readAll(ctx, full ? null : (decoded?.tokens ?? null), window);
  } catch (error) {
    if (!(error instanceof SyncTokenExpired)) throw error;
    // 410: "clear the local store and run a full sync" (guides/sync); the pairs are re-linked by event id.
    full = true;
    result = await readAll(ctx, null, window);
  }
  const withKind = eventsWithKind(result.reads);
  const items: OutlookItem[] = [];
  for (const { kind, event } of withKind) {
    const id = event.id ?? '';
    if (event.status === 'cancelled' && id) {
      // Gone from this calendar and alive in neither read. The two calendars are read at the same time, so a move
      // between them that falls between the two lists shows only its trace (the other list was taken before the
      // event arrived): alive in the other SAP calendar, it is a kind switch (R1), never a delete (the fault soak saw
      // both records cancelled so). Moved out (alive in the primary calendar) reads untagged; else a delete (R11).
      const now = await locateEvent(ctx, id);
      if (now) {
        if (now.kind) ctx.seen(id, now.calendarId);
        items.push(normalizeGoogleEvent(now.event, now.kind, ctx.normalize));
        continue;
      }
    } else if (id && kind) ctx.seen(id, ctx.calendars[kind]);
    items.push(normalizeGoogleEvent(event, kind, ctx.normalize));
  }
  void mailbox;
  return { items, nextCursor: encodeGoogleCursor({ window, calendars: ctx.calendars, tokens: result.tokens }), full };
}
