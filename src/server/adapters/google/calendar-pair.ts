// R10: the user's two calendars, "SAP Appointments" and "SAP Visits". Found in this order, so that a second pair is
// never created: the ids kept in the store (checked to be still in the user's calendar list), then the marker the
// service writes into each calendar's description (domain/google-calendars.ts: a restart that lost the ids, or a
// user who renamed a calendar), and only then created (calendars.insert) with the names from the settings. A name
// setting changed since the service last named a calendar renames it (calendars.patch with the summary): the
// calendar keeps its id and events, so the rename never makes a second pair.
import type { SyncKind } from '../../../shared/categories.js';
import { googleCalendarInsertBody, kindOfCalendarMarker } from '../../domain/google-calendars.js';
import type { Mailbox } from '../../domain/mailbox.js';
import type { GoogleCalendarPair, GoogleCalendarRecord } from '../../ports/google-calendar-ids.js';
import { callGoogle } from './google-call.js';
import type { CalendarApi } from './google-client.js';
import type { GoogleAdapterOptions, GoogleRetryOptions } from './options.js';

const KINDS: readonly SyncKind[] = ['appointment', 'visit'];

interface ListedCalendar {
  id: string;
  summary: string | null;
  description: string | null;
  primary: boolean;
  timeZone: string | null;
}

async function listCalendars(api: CalendarApi, retry: GoogleRetryOptions): Promise<ListedCalendar[]> {
  const calendars: ListedCalendar[] = [];
  let pageToken: string | undefined;
  do {
    const page = await callGoogle('calendarList.list', retry, () => api.calendarList.list({ maxResults: 250, showHidden: true, ...(pageToken ? { pageToken } : {}) }));
    for (const c of page.items ?? []) if (c.id) calendars.push({ id: c.id, summary: c.summary ?? null, description: c.description ?? null, primary: c.primary === true, timeZone: c.timeZone ?? null });
    pageToken = page.nextPageToken ?? undefined;
  } while (pageToken);
  return calendars;
}

export interface CalendarPairDeps {
  options: Pick<GoogleAdapterOptions, 'calendarIds' | 'logger'>;
  retry: GoogleRetryOptions;
}

export type CalendarNames = Readonly<Record<SyncKind, string>>;

interface FoundPair {
  stored: GoogleCalendarRecord | null;
  listed: ListedCalendar[];
  found: Partial<Record<SyncKind, string>>;
  /** The names the service last gave the calendars it found by stored id. */
  given: Partial<Record<SyncKind, string>>;
}

/** The calendars the user has of the pair (by stored id, then by marker): reads only, makes and stores nothing. */
export async function findCalendarPair(deps: CalendarPairDeps, api: CalendarApi, mailbox: Mailbox): Promise<FoundPair> {
  const stored = await deps.options.calendarIds.get(mailbox.mailboxId);
  const listed = await listCalendars(api, deps.retry);
  const found: Partial<Record<SyncKind, string>> = {};
  const given: Partial<Record<SyncKind, string>> = {};
  for (const kind of KINDS) {
    const id = stored?.calendars[kind];
    if (id && listed.some((c) => c.id === id)) {
      found[kind] = id;
      if (stored?.names[kind] !== undefined) given[kind] = stored.names[kind];
    }
  }
  // Markers: the first calendar marked for a kind (the list's order is stable), should a user have copied one.
  for (const calendar of listed) {
    const kind = kindOfCalendarMarker(calendar.description);
    if (kind && !found[kind]) found[kind] = calendar.id;
  }
  return { stored: stored ?? null, listed, found, given };
}

/**
 * The mailbox's pair of calendars, created when the user has none, and named `names` (the settings). `created`: the
 * kinds made now; `renamed`: those renamed now. A calendar is renamed only when the setting differs from the name the
 * service last gave it (stored with the ids): a user who renamed a calendar keeps their name until the setting
 * changes. A name not known (ids from before names were stored, or found by marker) is taken as the setting's.
 */
export async function ensureCalendarPair(
  deps: CalendarPairDeps,
  api: CalendarApi,
  mailbox: Mailbox,
  names: CalendarNames,
): Promise<{ calendars: GoogleCalendarPair; names: CalendarNames; created: SyncKind[]; renamed: SyncKind[] }> {
  const { stored, listed, found, given } = await findCalendarPair(deps, api, mailbox);
  const created: SyncKind[] = [];
  const renamed: SyncKind[] = [];
  const timeZone = listed.find((c) => c.primary)?.timeZone ?? 'UTC';
  for (const kind of KINDS) {
    const id = found[kind];
    if (id) {
      const summary = listed.find((c) => c.id === id)?.summary;
      if (given[kind] !== undefined && given[kind] !== names[kind] && summary !== names[kind]) {
        await callGoogle('calendars.patch', deps.retry, () => api.calendars.patch({ calendarId: id, requestBody: { summary: names[kind] } }));
        renamed.push(kind);
      }
      continue;
    }
    const body = googleCalendarInsertBody(kind, names[kind], timeZone);
    const made = await callGoogle('calendars.insert', deps.retry, () => api.calendars.insert({ requestBody: body }));
    if (!made.id) throw new Error('calendars.insert answered without an id');
    found[kind] = made.id;
    created.push(kind);
  }
  const record: GoogleCalendarRecord = { calendars: { appointment: found.appointment as string, visit: found.visit as string }, names: { ...names } };
  if (!stored || !sameRecord(stored, record)) await deps.options.calendarIds.put(mailbox.mailboxId, record);
  if (created.length > 0) deps.options.logger.info({ mailboxId: mailbox.mailboxId, created }, 'Google calendars created (R10)');
  // The kinds only: a calendar's name is a tenant setting, but the log names no more than it needs.
  if (renamed.length > 0) deps.options.logger.info({ mailboxId: mailbox.mailboxId, renamed }, 'Google calendars renamed after a settings change (R10)');
  return { calendars: record.calendars, names: record.names as CalendarNames, created, renamed };
}

function sameRecord(a: GoogleCalendarRecord, b: GoogleCalendarRecord): boolean {
  return KINDS.every((kind) => a.calendars[kind] === b.calendars[kind] && a.names[kind] === b.names[kind]);
}
