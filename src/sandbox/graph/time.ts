// Graph's dateTimeTimeZone values ({dateTime: '2026-11-21T09:00:00.0000000', timeZone: 'W. Europe Standard
// Time'}) converted to and from instants. Zones may be UTC, IANA names or the common Windows names Outlook uses.
import { badRequest } from './errors.js';

export interface DateTimeTimeZone {
  dateTime: string;
  timeZone: string;
}

const WINDOWS_ZONES: Record<string, string> = {
  UTC: 'UTC',
  'Coordinated Universal Time': 'UTC',
  'W. Europe Standard Time': 'Europe/Berlin',
  'Central Europe Standard Time': 'Europe/Budapest',
  'Romance Standard Time': 'Europe/Paris',
  'GMT Standard Time': 'Europe/London',
  'Greenwich Standard Time': 'Atlantic/Reykjavik',
  'Eastern Standard Time': 'America/New_York',
  'Central Standard Time': 'America/Chicago',
  'Mountain Standard Time': 'America/Denver',
  'Pacific Standard Time': 'America/Los_Angeles',
  'India Standard Time': 'Asia/Kolkata',
  'Tokyo Standard Time': 'Asia/Tokyo',
  'AUS Eastern Standard Time': 'Australia/Sydney',
};

// Building an Intl.DateTimeFormat is costly; calendar views convert thousands of times, so formats are cached.
const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(zone: string): Intl.DateTimeFormat {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formats.set(zone, format);
  }
  return format;
}

export function ianaZone(timeZone: string): string {
  const mapped = WINDOWS_ZONES[timeZone] ?? timeZone;
  try {
    formatFor(mapped);
    return mapped;
  } catch {
    throw badRequest(`Time zone '${timeZone}' is not supported.`, 'TimeZoneNotSupportedException');
  }
}

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?)?$/;

/** Offset of `zone` from UTC at instant `ms`, in milliseconds. */
function offsetAt(zone: string, ms: number): number {
  if (zone === 'UTC') return 0;
  const parts = formatFor(zone).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The instant at which the wall clock in `timeZone` shows `dateTime`. */
export function toInstant(value: DateTimeTimeZone): number {
  const m = WALL_CLOCK.exec(value.dateTime.replace(/Z$/, ''));
  if (!m) throw badRequest(`Cannot convert the literal '${value.dateTime}' to the expected type 'Edm.DateTime'.`);
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const zone = ianaZone(value.timeZone);
  const guess = wall - offsetAt(zone, wall);
  return wall - offsetAt(zone, guess);
}

/** Graph's seven-digit fractional wall-clock format of an instant in a zone. */
export function fromInstant(ms: number, timeZone: string): DateTimeTimeZone {
  const zone = ianaZone(timeZone);
  const wall = new Date(ms + offsetAt(zone, ms));
  return { dateTime: wall.toISOString().replace(/\.\d{3}Z$/, '.0000000'), timeZone };
}

/** Same wall clock, normalized to Graph's format (all-day items keep their midnight in every zone). */
export function normalizeWallClock(value: DateTimeTimeZone, timeZone = value.timeZone): DateTimeTimeZone {
  const ms = toInstant({ dateTime: value.dateTime, timeZone: 'UTC' });
  return { dateTime: new Date(ms).toISOString().replace(/\.\d{3}Z$/, '.0000000'), timeZone };
}

export function isoNoMillis(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Parses an ISO-8601 query value such as calendarView's startDateTime (offset or Z optional, UTC assumed). */
export function parseQueryInstant(name: string, value: unknown): number {
  if (typeof value !== 'string' || value === '') throw badRequest(`The parameter '${name}' is required.`, 'ErrorInvalidParameter');
  const withZone = /([zZ]|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value}Z`;
  const ms = Date.parse(withZone);
  if (Number.isNaN(ms)) throw badRequest(`The value '${value}' of parameter '${name}' is invalid.`, 'ErrorInvalidParameter');
  return ms;
}

export const DAY_MS = 86_400_000;
