// OData v2 $filter building blocks that keep user text inert. Every value reaches the filter only as a quoted
// string literal with single quotes doubled, so no input can close the literal and add operators or
// parentheses. C4C treats `*` inside string literals as a wildcard (API-NOTES A.4) and documents no escape for
// it, so `*` is refused for exact comparisons and removed from search terms. Property names are our constants
// and are still checked, so a typo cannot turn into an injection point. Pure: no I/O.

export class UnsafeFilterValue extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeFilterValue';
  }
}

const PROPERTY_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
// C0/C1 control characters (tabs and line breaks included) never belong in a name search or an id.
// Built from a string so the lint rule against control characters in regex literals stays useful elsewhere.
const CONTROL_CLASS = '[\\u0000-\\u001f\\u007f-\\u009f]';
const CONTROL_CHAR = new RegExp(CONTROL_CLASS);
const CONTROL_CHARS = new RegExp(CONTROL_CLASS, 'g');
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$/;

/** Upper bound for any string literal we put into a URL (C4C string fields are at most 765 characters). */
export const MAX_LITERAL_LENGTH = 765;

export function property(name: string): string {
  if (!PROPERTY_NAME.test(name)) throw new UnsafeFilterValue(`not an OData property name: ${JSON.stringify(name)}`);
  return name;
}

/** `'value'` with quotes doubled. Callers decide about `*` first (see exactLiteral / searchTerm). */
function quoted(value: string): string {
  if (value.length > MAX_LITERAL_LENGTH) throw new UnsafeFilterValue(`literal longer than ${MAX_LITERAL_LENGTH} characters`);
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * A string literal for an exact `eq` comparison. Refuses `*` (it would be a wildcard in C4C) and control
 * characters, because either would make `eq` match something other than the value given.
 */
export function exactLiteral(value: string): string {
  if (value.includes('*')) throw new UnsafeFilterValue('"*" is a wildcard in C4C filters and cannot be matched exactly');
  if (CONTROL_CHAR.test(value)) throw new UnsafeFilterValue('control characters are not allowed in filter values');
  return quoted(value);
}

/** Whether exactLiteral would accept the value (for skipping unmatchable e-mails instead of failing a batch). */
export function isExactMatchable(value: string): boolean {
  try {
    exactLiteral(value);
    return true;
  } catch {
    return false;
  }
}

/** `Prop eq 'value'`. */
export function eq(prop: string, value: string): string {
  return `${property(prop)} eq ${exactLiteral(value)}`;
}

/** `(Prop eq 'a' or Prop eq 'b')`: C4C allows `or` only across one property (API-NOTES A.4). */
export function eqAny(prop: string, values: readonly string[]): string {
  if (values.length === 0) throw new UnsafeFilterValue('eqAny needs at least one value');
  const terms = values.map((v) => eq(prop, v));
  return terms.length === 1 ? (terms[0] ?? '') : `(${terms.join(' or ')})`;
}

/** `datetimeoffset'2026-11-21T09:30:00Z'`, only from a strict ISO UTC instant. */
export function dateTimeOffsetLiteral(isoUtc: string): string {
  if (!ISO_UTC.test(isoUtc) || Number.isNaN(Date.parse(isoUtc))) throw new UnsafeFilterValue(`not an ISO UTC instant: ${isoUtc}`);
  return `datetimeoffset'${isoUtc}'`;
}

export interface SearchTermOptions {
  /** Longest term kept (the searched field's MaxLength); longer input is cut, not refused. */
  maxLength: number;
  /** Shortest term searched; shorter input yields null (type-ahead noise). */
  minLength?: number;
}

/**
 * User text → a term for `startswith(Prop,'term')`: control characters and `*` removed, whitespace collapsed and
 * trimmed, cut to maxLength. Returns null when nothing searchable is left. Quotes stay (they are doubled when
 * the literal is built), so "O'Brien" finds O'Brien.
 */
export function searchTerm(text: string, options: SearchTermOptions): string | null {
  const cleaned = text.replace(CONTROL_CHARS, ' ').replaceAll('*', ' ').replace(/\s+/g, ' ').trim();
  const cut = cleaned.slice(0, Math.max(0, Math.min(options.maxLength, MAX_LITERAL_LENGTH))).trimEnd();
  return cut.length >= (options.minLength ?? 1) ? cut : null;
}

/** `startswith(Prop,'term')` for a term from searchTerm (property first, as C4C requires). */
export function startsWith(prop: string, term: string): string {
  return `startswith(${property(prop)},${exactLiteral(term)})`;
}

/** Conjunction; each term parenthesized so an `or` inside one cannot bind across `and`. */
export function and(...terms: readonly string[]): string {
  return terms.length === 1 ? (terms[0] ?? '') : terms.map((t) => `(${t})`).join(' and ');
}

/**
 * Query string for a request: each option value percent-encoded on its own (so `&`, `#`, `%`, `+` in user text
 * stay inside their option), with `$` and `,` kept readable. Options with undefined values are left out.
 */
export function queryString(options: Record<string, string | number | undefined>): string {
  const parts = Object.entries(options)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v)).replaceAll('%24', '$').replaceAll('%2C', ',')}`);
  return parts.join('&');
}

/** `('key')` key predicate for ObjectIDs (which are hex strings in C4C, but are quoted safely anyway). */
export function keyPredicate(objectId: string): string {
  return `(${exactLiteral(objectId)})`;
}
