// Graph's dateTimeTimeZone values ({dateTime: '2026-11-21T09:00:00.0000000', timeZone: 'W. Europe Standard
// Time'}) converted to and from instants. Zones may be UTC, IANA names or any Windows zone name (CLDR, through
// src/shared/time-zones.ts, the table the sync service uses too).
import { ianaTimeZone, wallClockToInstantMs, zoneOffsetMs } from '../../shared/time-zones.js';
import { badRequest } from './errors.js';

export interface DateTimeTimeZone {
  dateTime: string;
  timeZone: string;
}

/** A Graph zone name (Windows or IANA) → IANA. Graph answers an unknown zone with 400, and so does the sandbox. */
export function ianaZone(timeZone: string): string {
  const zone = ianaTimeZone(timeZone);
  if (zone === null) throw badRequest(`Time zone '${timeZone}' is not supported.`, 'TimeZoneNotSupportedException');
  return zone;
}

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?)?$/;

/** The instant at which the wall clock in `timeZone` shows `dateTime`. */
export function toInstant(value: DateTimeTimeZone): number {
  const m = WALL_CLOCK.exec(value.dateTime.replace(/Z$/, ''));
  if (!m) throw badRequest(`Cannot convert the literal '${value.dateTime}' to the expected type 'Edm.DateTime'.`);
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  return wallClockToInstantMs(wall, ianaZone(value.timeZone));
}

/** Graph's seven-digit fractional wall-clock format of an instant in a zone. */
export function fromInstant(ms: number, timeZone: string): DateTimeTimeZone {
  const zone = ianaZone(timeZone);
  const wall = new Date(ms + zoneOffsetMs(zone, ms));
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
