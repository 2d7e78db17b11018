// The normalized calendar item: one shape for an Outlook (Graph) event and a C4C Appointment or Visit, so that
// the planner can compare, hash and merge them without knowing either API. Pure data, JSON-serializable.
import type { SyncKind } from '../../shared/categories.js';
import type { CrmLink } from '../../shared/crm-links.js';

export type Sensitivity = 'normal' | 'private';
export type ShowAs = 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere' | 'unknown';
export type AttendeeType = 'required' | 'optional' | 'resource';
export type AttendeeResponse = 'none' | 'organizer' | 'tentativelyAccepted' | 'accepted' | 'declined' | 'notResponded';

export interface Attendee {
  /** Lower-case e-mail address; the key attendees are matched by (R8). */
  email: string;
  name: string;
  type: AttendeeType;
  response: AttendeeResponse;
}

export interface NormalizedCalendarItem {
  subject: string;
  /**
   * Instants as ISO 8601 UTC strings without fractions: `2026-11-21T09:30:00Z`. All-day items use midnight of
   * their calendar dates (`2026-11-21T00:00:00Z`, end exclusive), independent of any time zone.
   */
  startUtc: string;
  endUtc: string;
  isAllDay: boolean;
  /** IANA zone the item was scheduled in (display only; the instants above are the truth). `UTC` if unknown. */
  timeZone: string;
  location: string;
  /** Plain-text body (notes), line endings `\n`, trimmed. */
  body: string;
  sensitivity: Sensitivity;
  showAs: ShowAs;
  /** Lower-case organizer e-mail, or null when the source does not say. */
  organizerEmail: string | null;
  attendees: Attendee[];
  links: CrmLink[];
  /** Recurring series id (Graph seriesMasterId / C4C RecurrenceActGroupwareID) for occurrences (R6), else null. */
  seriesId: string | null;
  /** Date of the occurrence, `YYYY-MM-DD`, for occurrences and exceptions (R6), else null. */
  occurrenceDate: string | null;
  /**
   * Set only when the source named a zone that maps to no IANA zone (`timeZone` is then UTC, a placeholder): the item
   * must not sync until it has a known zone (R9), since its dates would be placed in the wrong zone.
   */
  unknownZone?: UnknownZone;
}

/** A zone name one side gave that the sync cannot place: a Windows/IANA name from Graph, or a C4C (SAP) code. */
export interface UnknownZone {
  side: 'outlook' | 'crm';
  name: string;
}

/**
 * Fields mirrored both ways and merged per field (R2, R12). Attendees flow Outlook → C4C only (R8): C4C holds
 * only the attendees it could resolve to parties, so its list is a lossy copy and never overwrites Outlook's.
 * The rest (time zone, showAs, organizer, series) describes the item but is not merged.
 */
export const TWO_WAY_FIELDS = ['subject', 'startUtc', 'endUtc', 'isAllDay', 'location', 'body', 'sensitivity', 'links'] as const;
export type TwoWayField = (typeof TWO_WAY_FIELDS)[number];
export type TwoWayFields = Pick<NormalizedCalendarItem, TwoWayField>;

/** C4C Visits have no InformationSensitivityCode, so a Visit's sensitivity stays an Outlook-only detail. */
export function twoWayFieldsFor(kind: SyncKind): readonly TwoWayField[] {
  return kind === 'visit' ? TWO_WAY_FIELDS.filter((f) => f !== 'sensitivity') : TWO_WAY_FIELDS;
}

/** A patch of two-way fields, plus attendees when Outlook's attendee set changed (Outlook → C4C only). */
export type CalendarItemPatch = Partial<TwoWayFields> & { attendees?: Attendee[] };

export function emptyCalendarItem(): NormalizedCalendarItem {
  return {
    subject: '',
    startUtc: '1970-01-01T00:00:00Z',
    endUtc: '1970-01-01T00:00:00Z',
    isAllDay: false,
    timeZone: 'UTC',
    location: '',
    body: '',
    sensitivity: 'normal',
    showAs: 'busy',
    organizerEmail: null,
    attendees: [],
    links: [],
    seriesId: null,
    occurrenceDate: null,
  };
}
