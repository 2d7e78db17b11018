// The cursor the Google adapter hands out: one sync token per calendar (nextSyncToken of each calendar's last page),
// the two calendar ids they belong to and the window of the full read they continue. Another window or another pair
// of calendars needs a new full read, which the adapter notices here. Opaque to callers.
import type { SyncWindow } from '../../ports/calendar-source.js';
import type { GoogleCalendarPair } from '../../ports/google-calendar-ids.js';

const PREFIX = 'google-sync:v1:';

export interface GoogleSyncCursor {
  window: SyncWindow;
  calendars: GoogleCalendarPair;
  tokens: GoogleCalendarPair;
}

export function encodeGoogleCursor(cursor: GoogleSyncCursor): string {
  const { window, calendars, tokens } = cursor;
  return `${PREFIX}${JSON.stringify({ s: window.startUtc, e: window.endUtc, ca: calendars.appointment, cv: calendars.visit, ta: tokens.appointment, tv: tokens.visit })}`;
}

/** Null for a missing or unreadable cursor (a Graph delta link of the mailbox's past included): a full read. */
export function decodeGoogleCursor(value: string | null): GoogleSyncCursor | null {
  if (!value?.startsWith(PREFIX)) return null;
  try {
    const p = JSON.parse(value.slice(PREFIX.length)) as Record<string, unknown>;
    const strings = [p.s, p.e, p.ca, p.cv, p.ta, p.tv];
    if (!strings.every((s) => typeof s === 'string')) return null;
    const [s, e, ca, cv, ta, tv] = strings as string[];
    return { window: { startUtc: s as string, endUtc: e as string }, calendars: { appointment: ca as string, visit: cv as string }, tokens: { appointment: ta as string, visit: tv as string } };
  } catch {
    return null;
  }
}

/** Whether the cursor continues a read of this window over these calendars. */
export function cursorFits(cursor: GoogleSyncCursor, window: SyncWindow, calendars: GoogleCalendarPair): boolean {
  return (
    Date.parse(cursor.window.startUtc) === Date.parse(window.startUtc) &&
    Date.parse(cursor.window.endUtc) === Date.parse(window.endUtc) &&
    cursor.calendars.appointment === calendars.appointment &&
    cursor.calendars.visit === calendars.visit
  );
}
