// The Google Calendar v3 `Event` resource, as far as the sync reads and writes it (field names as in
// @googleapis/calendar's Schema$Event), and the keys the service keeps in an event's private extended properties.
// Pure data and string functions, no I/O: the Google adapter sends and receives these shapes.

/** `start`, `end` and `originalStartTime`: `date` (all-day, `YYYY-MM-DD`) or `dateTime` (RFC 3339) with an IANA `timeZone`. */
export interface GoogleEventDateTime {
  date?: string | null;
  dateTime?: string | null;
  timeZone?: string | null;
}

export type GoogleResponseStatus = 'needsAction' | 'declined' | 'tentative' | 'accepted';

export interface GoogleAttendee {
  email?: string | null;
  displayName?: string | null;
  optional?: boolean | null;
  resource?: boolean | null;
  organizer?: boolean | null;
  self?: boolean | null;
  responseStatus?: GoogleResponseStatus | string | null;
}

export interface GooglePerson {
  email?: string;
  displayName?: string;
  self?: boolean;
}

/** Values are strings; in a patch, null deletes a key (Calendar API guide "Extended properties"). */
export type GooglePropertyMap = Record<string, string | null>;

/** The subset of Calendar v3's Event resource the sync reads and writes. */
export interface GoogleEvent {
  id?: string | null;
  etag?: string | null;
  /** confirmed | tentative | cancelled (a deleted event, or a deleted occurrence of a series). */
  status?: string | null;
  summary?: string | null;
  /** May contain HTML (Schema$Event: "Can contain HTML"). */
  description?: string | null;
  location?: string | null;
  colorId?: string | null;
  start?: GoogleEventDateTime | null;
  end?: GoogleEventDateTime | null;
  /** RRULE/EXRULE/RDATE/EXDATE lines: on a series' master only. */
  recurrence?: string[] | null;
  /** On an instance of a series: the master's id. */
  recurringEventId?: string | null;
  /** On an instance: when it would start by the series' rule, even after it was moved. */
  originalStartTime?: GoogleEventDateTime | null;
  /** Shared by every copy of a meeting and by every instance of a series (instances differ by id). */
  iCalUID?: string | null;
  /** default | public | private | confidential. */
  visibility?: string | null;
  /** opaque (busy, the default) | transparent (free). */
  transparency?: string | null;
  organizer?: GooglePerson | null;
  attendees?: GoogleAttendee[] | null;
  extendedProperties?: { private?: GooglePropertyMap; shared?: GooglePropertyMap } | null;
  eventType?: string | null;
  updated?: string | null;
}

/** The service's keys in `extendedProperties.private` (visible only on this calendar's copy of the event). */
export const GOOGLE_PRIVATE_KEYS = {
  /** The pair id of an event the service created (Graph's transactionId): a retried create finds it. */
  pairId: 'crmPairId',
  /** CRM links, as the add-in's custom-properties JSON, in chunks `crmLinks0`, `crmLinks1` … (see below). */
  linksPrefix: 'crmLinks',
  /** R9: the event's colorId before the service coloured it red ('' for the calendar's colour). */
  colorBeforeError: 'crmColorBeforeError',
} as const;

/**
 * Chunk size for the links JSON. Google documents a size limit on extended property values (1,024 characters, from
 * memory, not re-verified): the JSON is cut well below it, so an event with many links keeps all of them.
 */
export const LINKS_CHUNK_CHARS = 900;

/** The private properties of an event (an empty map when it has none). */
export function privateProperties(event: Pick<GoogleEvent, 'extendedProperties'>): GooglePropertyMap {
  return event.extendedProperties?.private ?? {};
}

// --- Event ids (Schema$Event.id: base32hex characters, lowercase a–v and 0–9, 5 to 1,024 of them) ---

const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';

/**
 * The event id the service supplies when it creates the event of a pair: the pair id's UTF-8 bytes in base32hex
 * (RFC 4648, lowercase, no padding). The same pair always gives the same id, so a retried insert cannot create a
 * second event (Google answers 409 for an id the calendar has), and the encoding is reversible (`pairIdOfEventId`).
 */
export function googleEventIdFor(pairId: string): string {
  const bytes = new TextEncoder().encode(pairId);
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += BASE32HEX[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32HEX[(buffer << (5 - bits)) & 31];
  // Pair ids are 34 ASCII characters (sync/plan/pair-ids.ts): far inside the 5–1,024 an id may have.
  if (out.length < 5 || out.length > 1024) throw new RangeError(`a pair id of ${bytes.length} bytes makes no Google event id`);
  return out;
}

/** The pair id an event id made by `googleEventIdFor` encodes, or null for an id Google or a user made. */
export function pairIdOfEventId(eventId: string): string | null {
  if (!/^[0-9a-v]+$/.test(eventId)) return null;
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of eventId) {
    buffer = (buffer << 5) | BASE32HEX.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 255);
    }
    buffer &= (1 << bits) - 1;
  }
  // Leftover bits must be the zero padding the encoder writes; anything else is not one of our ids.
  if (buffer !== 0 || bits >= 5) return null;
  try {
    const decoded = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
    // Pair ids are printable ASCII; the bytes of an id Google generated almost never all are.
    return /^[\x21-\x7e]+$/.test(decoded) && googleEventIdFor(decoded) === eventId ? decoded : null;
  } catch {
    // Not UTF-8, or too short to be an id of ours.
    return null;
  }
}
