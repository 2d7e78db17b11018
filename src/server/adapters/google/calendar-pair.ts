// R10: the user's two calendars, "SAP Appointments" and "SAP Visits". Found in this order, so that a second pair is
// never created: the ids kept in the store (checked to be still in the user's calendar list), then the marker the
// service writes into each calendar's description (domain/google-calendars.ts: a restart that lost the ids, or a
// user who renamed a calendar), and only then created (calendars.insert) with the names from the settings.
import type { SyncKind } from '../../../shared/categories.js';
import { googleCalendarInsertBody, kindOfCalendarMarker } from '../../domain/google-calendars.js';
import type { Mailbox } from '../../domain/mailbox.js';
import type { GoogleCalendarPair } from '../../ports/google-calendar-ids.js';
import { callGoogle } from './google-call.js';
import type { CalendarApi } from './google-client.js';
import type { GoogleAdapterOptions, GoogleRetryOptions } from './options.js';

const KINDS: readonly SyncKind[] = ['appointment', 'visit'];

interface ListedCalendar {
  id: string;
  description: string | null;
  primary: boolean;
  timeZone: string | null;
}

async function listCalendars(api: CalendarApi, retry: GoogleRetryOptions): Promise<ListedCalendar[]> {
  const calendars: ListedCalendar[] = [];
  let pageToken: string | undefined;
  do {
    const page = await callGoogle('calendarList.list', retry, () => api.calendarList.list({ maxResults: 250, showHidden: true, ...(pageToken ? { pageToken } : {}) }));
    for (const c of page.items ?? []) if (c.id) calendars.push({ id: c.id, description: c.description ?? null, primary: c.primary === true, timeZone: c.timeZone ?? null });
    pageToken = page.nextPageToken ?? undefined;
  } while (pageToken);
  return calendars;
}

export interface CalendarPairDeps {
  options: Pick<GoogleAdapterOptions, 'calendarIds' | 'calendarNames' | 'logger'>;
  retry: GoogleRetryOptions;
}

interface FoundPair {
  stored: GoogleCalendarPair | null;
  listed: ListedCalendar[];
  found: Partial<Record<SyncKind, string>>;
}

/** The calendars the user has of the pair (by stored id, then by marker): reads only, makes and stores nothing. */
export async function findCalendarPair(deps: CalendarPairDeps, api: CalendarApi, mailbox: Mailbox): Promise<FoundPair> {
  const stored = await deps.options.calendarIds.get(mailbox.mailboxId);
  const listed = await listCalendars(api, deps.retry);
  const found: Partial<Record<SyncKind, string>> = {};
  for (const kind of KINDS) {
    const id = stored?.[kind];
    if (id && listed.some((c) => c.id === id)) found[kind] = id;
  }
  // Markers: the first calendar marked for a kind (the list's order is stable), should a user have copied one.
  for (const calendar of listed) {
    const kind = kindOfCalendarMarker(calendar.description);
    if (kind && !found[kind]) found[kind] = calendar.id;
  }
  return { stored: stored ?? null, listed, found };
}

/** The mailbox's pair of calendars, created when the user has none. `created`: the kinds made now. */
export async function ensureCalendarPair(deps: CalendarPairDeps, api: CalendarApi, mailbox: Mailbox): Promise<{ calendars: GoogleCalendarPair; created: SyncKind[] }> {
  const { stored, listed, found } = await findCalendarPair(deps, api, mailbox);
  const created: SyncKind[] = [];
  const timeZone = listed.find((c) => c.primary)?.timeZone ?? 'UTC';
  for (const kind of KINDS) {
    if (found[kind]) continue;
    const body = googleCalendarInsertBody(kind, deps.options.calendarNames[kind], timeZone);
    const made = await callGoogle('calendars.insert', deps.retry, () => api.calendars.insert({ requestBody: body }));
    if (!made.id) throw new Error('calendars.insert answered without an id');
    found[kind] = made.id;
    created.push(kind);
  }
  const calendars: GoogleCalendarPair = { appointment: found.appointment as string, visit: found.visit as string };
  if (!stored || stored.appointment !== calendars.appointment || stored.visit !== calendars.visit) await deps.options.calendarIds.put(mailbox.mailboxId, calendars);
  if (created.length > 0) deps.options.logger.info({ mailboxId: mailbox.mailboxId, created }, 'Google calendars created (R10)');
  return { calendars, created };
}
