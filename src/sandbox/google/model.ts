// What the Google sandbox keeps: users, calendars and their events, in the shapes of Calendar API v3 (v3.ts of
// @googleapis/calendar documents every field). An event keeps its start and end as given (date, or an instant with
// its time zone), an etag number, and the change sequence that sync tokens compare against.
import { z } from 'zod';

export interface GoogleUser {
  email: string;
  displayName: string;
  timeZone: string;
}

export interface EventTime {
  /** All-day: `yyyy-mm-dd` (the end is exclusive). */
  date?: string;
  /** Timed: the instant. */
  ms?: number;
  /** The IANA zone the event was given in (required for recurring timed events). */
  timeZone?: string;
}

export interface Attendee {
  email: string;
  displayName?: string;
  optional?: boolean;
  responseStatus: 'needsAction' | 'declined' | 'tentative' | 'accepted';
  comment?: string;
  resource?: boolean;
  additionalGuests?: number;
}

export interface StoredEvent {
  id: string;
  calendarId: string;
  status: 'confirmed' | 'tentative' | 'cancelled';
  summary?: string;
  description?: string;
  location?: string;
  colorId?: string;
  visibility?: 'default' | 'public' | 'private' | 'confidential';
  transparency?: 'opaque' | 'transparent';
  start: EventTime;
  end: EventTime;
  recurrence?: string[];
  /** Instances (exceptions) of a series: the master's id and the occurrence's original start. */
  recurringEventId?: string;
  originalStartTime?: EventTime;
  attendees?: Attendee[];
  extendedProperties?: { private?: Record<string, string>; shared?: Record<string, string> };
  reminders?: { useDefault: boolean; overrides?: Array<{ method: string; minutes: number }> };
  iCalUID: string;
  sequence: number;
  creatorEmail: string;
  created: number;
  updated: number;
  etag: number;
  /** The store's change sequence at this event's last change (sync tokens compare against it). */
  seq: number;
  /** Creation order: the stable order of an unordered list. */
  order: number;
}

export interface StoredCalendar {
  id: string;
  owner: string;
  primary: boolean;
  summary: string;
  description?: string;
  location?: string;
  timeZone: string;
  etag: number;
  /** Stable opaque id of the calendar's events collection, named in push notifications (X-Goog-Resource-ID). */
  resourceId: string;
  events: Map<string, StoredEvent>;
}

/** base32hex (a–v, 0–9), 5 to 1024 characters: what Google accepts as a client-supplied event id. */
export const EVENT_ID = /^[a-v0-9]{5,1024}$/;

const eventDateTime = z.object({
  date: z.string().nullish(),
  dateTime: z.string().nullish(),
  timeZone: z.string().nullish(),
}).passthrough();

const attendee = z.object({
  email: z.string().nullish(),
  displayName: z.string().nullish(),
  optional: z.boolean().nullish(),
  responseStatus: z.enum(['needsAction', 'declined', 'tentative', 'accepted']).nullish(),
  comment: z.string().nullish(),
  resource: z.boolean().nullish(),
  additionalGuests: z.number().int().min(0).nullish(),
}).passthrough();

const stringMap = z.record(z.string(), z.string());

/** An event resource as clients send it (insert, update, the merged result of a patch). Read-only fields are ignored. */
export const eventInput = z.object({
  id: z.string().nullish(),
  status: z.enum(['confirmed', 'tentative', 'cancelled']).nullish(),
  summary: z.string().nullish(),
  description: z.string().nullish(),
  location: z.string().nullish(),
  colorId: z.string().nullish(),
  visibility: z.enum(['default', 'public', 'private', 'confidential']).nullish(),
  transparency: z.enum(['opaque', 'transparent']).nullish(),
  start: eventDateTime.nullish(),
  end: eventDateTime.nullish(),
  recurrence: z.array(z.string()).nullish(),
  attendees: z.array(attendee).nullish(),
  extendedProperties: z.object({ private: stringMap.nullish(), shared: stringMap.nullish() }).passthrough().nullish(),
  reminders: z.object({
    useDefault: z.boolean().nullish(),
    overrides: z.array(z.object({ method: z.string(), minutes: z.number().int() })).nullish(),
  }).passthrough().nullish(),
  sequence: z.number().int().min(0).nullish(),
  iCalUID: z.string().nullish(),
  originalStartTime: eventDateTime.nullish(),
}).passthrough();

export type EventInput = z.infer<typeof eventInput>;

export const calendarInput = z.object({
  summary: z.string().nullish(),
  description: z.string().nullish(),
  location: z.string().nullish(),
  timeZone: z.string().nullish(),
}).passthrough();
