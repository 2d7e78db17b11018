// The event as the sandbox stores it, and the zod schema of what clients may write. Unknown properties are
// rejected like Graph does; read-only ones that clients echo back (id, changeKey, …) are accepted and ignored.
import { z } from 'zod';
import type { DateTimeTimeZone } from './time.js';

const emailAddress = z.object({ name: z.string().optional(), address: z.string() }).strict();
const dateTimeTimeZone = z.object({ dateTime: z.string(), timeZone: z.string().default('UTC') }).strict();
const location = z
  .object({
    displayName: z.string().optional(),
    locationType: z.string().optional(),
    locationUri: z.string().optional(),
    uniqueId: z.string().optional(),
    uniqueIdType: z.string().optional(),
    address: z.record(z.string(), z.string()).optional(),
    coordinates: z.record(z.string(), z.number()).optional(),
  })
  .strict();
const attendee = z
  .object({
    type: z.enum(['required', 'optional', 'resource']).default('required'),
    emailAddress,
    status: z.object({ response: z.string().optional(), time: z.string().optional() }).strict().optional(),
  })
  .strict();
const weekday = z.enum(['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']);
export const recurrenceSchema = z
  .object({
    pattern: z
      .object({
        type: z.enum(['daily', 'weekly', 'absoluteMonthly', 'relativeMonthly', 'absoluteYearly', 'relativeYearly']),
        interval: z.number().int().min(1).max(99),
        daysOfWeek: z.array(weekday).optional(),
        dayOfMonth: z.number().int().min(0).max(31).optional(),
        month: z.number().int().min(0).max(12).optional(),
        index: z.enum(['first', 'second', 'third', 'fourth', 'last']).optional(),
        firstDayOfWeek: weekday.optional(),
      })
      .strict(),
    range: z
      .object({
        type: z.enum(['endDate', 'noEnd', 'numbered']),
        startDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
        endDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullish(),
        numberOfOccurrences: z.number().int().min(0).optional(),
        recurrenceTimeZone: z.string().nullish(),
      })
      .strict(),
  })
  .strict();
export type Recurrence = z.infer<typeof recurrenceSchema>;
export type Attendee = z.infer<typeof attendee>;
export type EmailAddress = z.infer<typeof emailAddress>;

/** One singleValueExtendedProperties entry of a write (events and contacts). */
export const extendedPropertySchema = z.object({ id: z.string().min(1), value: z.string() }).strict();

/** Properties Graph computes; a client that echoes them back is not at fault. */
const READ_ONLY = [
  '@odata.etag', '@odata.context', '@odata.type', 'id', 'changeKey', 'createdDateTime', 'lastModifiedDateTime',
  'iCalUId', 'type', 'seriesMasterId', 'isOrganizer', 'responseStatus', 'webLink', 'bodyPreview', 'hasAttachments',
  'originalStart', 'onlineMeeting', 'onlineMeetingUrl', 'isDraft', 'occurrenceId', 'cancelledOccurrences',
] as const;

export const eventWriteSchema = z
  .object({
    subject: z.string().max(255).optional(),
    body: z.object({ contentType: z.enum(['text', 'html', 'Text', 'HTML']).default('text'), content: z.string() }).strict().optional(),
    start: dateTimeTimeZone.optional(),
    end: dateTimeTimeZone.optional(),
    isAllDay: z.boolean().optional(),
    categories: z.array(z.string()).optional(),
    sensitivity: z.enum(['normal', 'personal', 'private', 'confidential']).optional(),
    showAs: z.enum(['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown']).optional(),
    importance: z.enum(['low', 'normal', 'high']).optional(),
    location: location.optional(),
    locations: z.array(location).optional(),
    attendees: z.array(attendee).optional(),
    organizer: z.object({ emailAddress }).strict().optional(),
    recurrence: recurrenceSchema.nullable().optional(),
    isReminderOn: z.boolean().optional(),
    reminderMinutesBeforeStart: z.number().int().min(0).optional(),
    isOnlineMeeting: z.boolean().optional(),
    onlineMeetingProvider: z.string().optional(),
    isCancelled: z.boolean().optional(),
    responseRequested: z.boolean().optional(),
    allowNewTimeProposals: z.boolean().optional(),
    hideAttendees: z.boolean().optional(),
    originalStartTimeZone: z.string().optional(),
    originalEndTimeZone: z.string().optional(),
    transactionId: z.string().max(255).nullable().optional(),
    singleValueExtendedProperties: z.array(extendedPropertySchema).optional(),
    ...Object.fromEntries(READ_ONLY.map((k) => [k, z.unknown().optional()])),
  })
  .strict();
export type EventWrite = z.infer<typeof eventWriteSchema>;

export type ResponseType = 'none' | 'organizer' | 'tentativelyAccepted' | 'accepted' | 'declined' | 'notResponded';
export type StoredKind = 'singleInstance' | 'seriesMaster' | 'exception';

/** The writable fields after defaults are applied. */
export interface EventFields {
  subject: string;
  body: { contentType: 'text' | 'html'; content: string };
  start: DateTimeTimeZone;
  end: DateTimeTimeZone;
  isAllDay: boolean;
  categories: string[];
  sensitivity: 'normal' | 'personal' | 'private' | 'confidential';
  showAs: 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere' | 'unknown';
  importance: 'low' | 'normal' | 'high';
  location: Record<string, unknown> & { displayName?: string };
  locations: Array<Record<string, unknown>>;
  attendees: Attendee[];
  organizer: { emailAddress: EmailAddress };
  recurrence: Recurrence | null;
  isReminderOn: boolean;
  reminderMinutesBeforeStart: number;
  isOnlineMeeting: boolean;
  isCancelled: boolean;
  responseRequested: boolean;
  allowNewTimeProposals: boolean;
  hideAttendees: boolean;
  originalStartTimeZone: string;
  originalEndTimeZone: string;
}

export interface StoredEvent {
  id: string;
  mailboxId: string;
  kind: StoredKind;
  seriesMasterId?: string;
  /** Exceptions: the instant the occurrence was originally scheduled to start. */
  originalStart?: number;
  iCalUId: string;
  changeKey: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  /** Store-wide change sequence number of the last write (drives delta). */
  seq: number;
  transactionId?: string;
  fields: EventFields;
  extendedProperties: Map<string, string>;
  /** Series masters: original start instants of deleted occurrences. */
  cancelledOccurrences: Set<number>;
  isOrganizer: boolean;
  responseStatus: { response: ResponseType; time: string };
}

/** An event in the Deleted Items folder (store/deleted-items.ts): what a client can find it by. */
export interface DeletedItem {
  id: string;
  subject: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  changeKey: string;
  categories: string[];
  extendedProperties: Map<string, string>;
}
