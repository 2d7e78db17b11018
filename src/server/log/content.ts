// Content in log lines: what people wrote or who they are (subjects, bodies, locations, e-mail addresses, names,
// attendee lists, search text). Log lines above debug carry none of it; debug lines may, except for private
// items, which never appear at any level (R5: a private item's details are for its owner only).
//
// This works on field names and on the shape of records, not on each log call: a new log call that passes an
// item, an attendee list or a request object is covered without thinking of it.

export const CONTENT = '[content]';
export const PRIVATE_ITEM = '[private item]';
export const EMAIL = '[email]';

/** Field names whose values are content wherever they appear (ours, Graph's and C4C's spellings). */
export const CONTENT_FIELD_NAMES: ReadonlySet<string> = new Set([
  'subject', 'Subject', 'body', 'Body', 'bodyPreview', 'text', 'Text', 'notes', 'note', 'location', 'Location',
  'email', 'Email', 'mail', 'emailAddress', 'address', 'userPrincipalName', 'upn', 'displayName', 'givenName',
  'surname', 'FirstName', 'LastName', 'FormattedName', 'BusinessPartnerFormattedName',
  'attendees', 'Attendees', 'organizer', 'parties', 'involvedParties', 'AppointmentInvolvedParties', 'VisitParty',
  'OrganizerEmailURI', 'PartyEmailURI', 'MessageFromEmailURI', 'EmailURI', 'partyEmails',
  'q', 'search', 'searchText', 'query', 'fields', 'patch',
]);

/**
 * Field names never logged at any level: the remote side's own wording of an error (`detail` of a PortError),
 * which can echo the item it was about (a private one too), and a Graph subscription's validation token.
 */
export const NEVER_LOGGED_FIELD_NAMES: ReadonlySet<string> = new Set(['detail', 'validationToken']);

const EMAIL_PATTERN = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
const EMAIL_ENCODED = /[A-Za-z0-9._%+-]+%40[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/gi;

/** Masks e-mail addresses (plain or URL-encoded) in free text: error messages and paths are not fields. */
export function maskEmails(text: string): string {
  return text.replace(EMAIL_PATTERN, EMAIL).replace(EMAIL_ENCODED, EMAIL);
}

/** Private codes of C4C's InformationSensitivityCode (1 personal, 2 private, 3 confidential). */
const C4C_PRIVATE = new Set(['1', '2', '3']);
const GRAPH_PRIVATE = new Set(['private', 'personal', 'confidential']);

/** A record of a private item in any of its shapes: normalized, Graph event, C4C activity, or flagged by us. */
export function isPrivateRecord(value: Record<string, unknown>): boolean {
  const sensitivity = value['sensitivity'];
  if (typeof sensitivity === 'string' && GRAPH_PRIVATE.has(sensitivity)) return true;
  const code = value['InformationSensitivityCode'];
  if (typeof code === 'string' && C4C_PRIVATE.has(code)) return true;
  return value['private'] === true || value['isPrivate'] === true;
}

const MAX_DEPTH = 6;
const MAX_ITEMS = 50;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * A copy of `value` fit for a log line. `keepContent` (debug lines) keeps content fields; private records are
 * replaced whole either way, and never-logged fields dropped. Objects that are not plain (requests, errors) are
 * left to their serializers.
 */
export function scrubContent(value: unknown, keepContent: boolean, depth = 0): unknown {
  if (typeof value === 'string') return keepContent ? value : maskEmails(value);
  if (Array.isArray(value)) {
    if (depth >= MAX_DEPTH) return `[${value.length} items]`;
    const items = value.slice(0, MAX_ITEMS).map((v) => scrubContent(v, keepContent, depth + 1));
    return value.length > MAX_ITEMS ? [...items, `[${value.length - MAX_ITEMS} more]`] : items;
  }
  if (!isPlainObject(value)) return value;
  if (isPrivateRecord(value)) return PRIVATE_ITEM;
  if (depth >= MAX_DEPTH) return '[object]';
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (NEVER_LOGGED_FIELD_NAMES.has(key)) continue;
    if (!keepContent && CONTENT_FIELD_NAMES.has(key) && field !== null && field !== undefined) out[key] = CONTENT;
    else out[key] = scrubContent(field, keepContent, depth + 1);
  }
  return out;
}
