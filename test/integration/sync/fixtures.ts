// Shared bits of the end-to-end sync tests: event bodies as the user would create them in Outlook, category names,
// and small lookups (pair of an item, C4C activity of an item, date decoding).
import { randomUUID } from 'node:crypto';
import { DEFAULT_CATEGORIES } from '../../../src/shared/categories.js';
import type { SyncPair } from '../../../src/server/domain/sync-pair.js';
import type { SyncHarness } from '../../support/sync-harness.js';
import type { C4cEntitySet, Json } from '../../support/sync-harness-http.js';

export const APPOINTMENT = DEFAULT_CATEGORIES.appointment;
export const VISIT = DEFAULT_CATEGORIES.visit;
export const ERROR_CATEGORY = DEFAULT_CATEGORIES.error;
export const APPOINTMENTS: C4cEntitySet = 'AppointmentCollection';
export const VISITS: C4cEntitySet = 'VisitCollection';

const DAY = 86_400_000;
export const dayIso = (days: number): string => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

/** A subject no other test (or seeded item) uses. */
export const uniqueSubject = (what: string): string => `${what} ${randomUUID().slice(0, 8)}`;

/** A one-hour event `days` from today at `hour`:00 UTC. */
export function eventBody(subject: string, days: number, extra: Json = {}, hour = 10): Json {
  const hh = String(hour).padStart(2, '0');
  const end = String(hour + 1).padStart(2, '0');
  return {
    subject,
    start: { dateTime: `${dayIso(days)}T${hh}:00:00`, timeZone: 'UTC' },
    end: { dateTime: `${dayIso(days)}T${end}:00:00`, timeZone: 'UTC' },
    ...extra,
  };
}

/** An all-day event over `length` days starting `days` from today. */
export function allDayBody(subject: string, days: number, length: number, extra: Json = {}): Json {
  return {
    subject,
    isAllDay: true,
    start: { dateTime: `${dayIso(days)}T00:00:00`, timeZone: 'UTC' },
    end: { dateTime: `${dayIso(days + length)}T00:00:00`, timeZone: 'UTC' },
    ...extra,
  };
}

/** A weekly series of `count` occurrences starting `days` from today. */
export function weeklySeriesBody(subject: string, days: number, count: number, extra: Json = {}): Json {
  const first = new Date(Date.now() + days * DAY);
  const weekday = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'][first.getUTCDay()];
  return eventBody(subject, days, {
    recurrence: {
      pattern: { type: 'weekly', interval: 1, daysOfWeek: [weekday], firstDayOfWeek: 'monday' },
      range: { type: 'numbered', startDate: dayIso(days), numberOfOccurrences: count, recurrenceTimeZone: 'UTC' },
    },
    ...extra,
  });
}

/** `/Date(ms)/` or ISO → epoch ms. */
export function odataMs(value: unknown): number {
  const text = String(value);
  const match = /\/Date\((-?\d+)/.exec(text);
  return match ? Number(match[1]) : Date.parse(text);
}

/** The one live (or any) pair row of an Outlook item in a mailbox. */
export async function pairOf(h: SyncHarness, mailboxId: string, outlookId: string): Promise<SyncPair> {
  const pair = await h.store.findPairByOutlookId(mailboxId, outlookId);
  if (!pair) throw new Error(`no pair for ${outlookId}`);
  return pair;
}

/** The C4C activities created for an Outlook item (GroupwareItemID = its iCalUId). */
export async function activitiesFor(h: SyncHarness, set: C4cEntitySet, event: Json): Promise<Json[]> {
  return h.c4c.byGroupwareItemId(set, String(event.iCalUId));
}

/** Exactly one C4C activity for the item, expanded. */
export async function activityFor(h: SyncHarness, set: C4cEntitySet, event: Json): Promise<Json> {
  const found = await activitiesFor(h, set, event);
  if (found.length !== 1) throw new Error(`expected one ${set} activity for ${event.subject as string}, found ${found.length}`);
  return (await h.c4c.activity(set, String(found[0]?.ObjectID))) as Json;
}

export function children(entity: Json, nav: string): Json[] {
  const value = entity[nav] as { results?: Json[] } | Json[] | undefined;
  return Array.isArray(value) ? value : (value?.results ?? []);
}

/** A C4C Appointment body: an hour from `hour` o'clock UTC, `days` from today, open, with owner and organizer. */
export function c4cAppointmentBody(subject: string, days: number, owner: string, organizer = owner, hour = 9): Json {
  const at = (h: number) => `${dayIso(days)}T${String(h).padStart(2, '0')}:00:00Z`;
  return {
    Subject: subject,
    StartDate: at(hour),
    EndDate: at(hour + 1),
    StartDatetimeZoneCode: 'UTC',
    EnddatetimeZoneCode: 'UTC',
    LifeCycleStatusCode: '1',
    OwnerPartyID: owner,
    OrganizerPartyID: organizer,
  };
}
