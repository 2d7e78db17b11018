// Calendar API v3 times: `{date}` for all-day events (yyyy-mm-dd, the end exclusive) or `{dateTime, timeZone}`,
// where dateTime is RFC 3339 with an offset, or a wall-clock time read in `timeZone`. Answers give dateTime with the
// offset of the event's (or the request's, or the calendar's) zone, as Google does.
import { isIanaTimeZone, wallClockToInstantMs, zoneOffsetMs } from '../../shared/time-zones.js';
import { GoogleError, invalid } from './errors.js';
import type { EventTime } from './model.js';

export const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?([zZ]|[+-]\d{2}:\d{2})?$/;

export function checkZone(zone: string, what = 'timeZone'): string {
  if (!isIanaTimeZone(zone)) throw new GoogleError(400, 'timeZoneInvalid', `Invalid time zone definition for ${what}.`);
  return zone;
}

/** Midnight UTC of a yyyy-mm-dd date, or undefined when it is not one. */
export function dateMs(date: string): number | undefined {
  const m = DATE.exec(date);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().startsWith(date) ? ms : undefined;
}

export function parseEventTime(value: { date?: string | null; dateTime?: string | null; timeZone?: string | null }, which: 'start' | 'end'): EventTime {
  const timeZone = value.timeZone ? checkZone(value.timeZone, `${which} time`) : undefined;
  if (value.date) {
    if (value.dateTime) throw invalid(`Invalid ${which} time.`);
    if (dateMs(value.date) === undefined) throw invalid(`Invalid ${which} time.`);
    return { date: value.date, ...(timeZone ? { timeZone } : {}) };
  }
  if (!value.dateTime) throw new GoogleError(400, 'required', `Missing ${which} time.`);
  const m = DATE_TIME.exec(value.dateTime);
  if (!m) throw invalid(`Invalid ${which} time.`);
  const [, y, mo, d, h, mi, s = '0', offset] = m;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(wall)) throw invalid(`Invalid ${which} time.`);
  if (offset === undefined) {
    // A wall-clock time needs a zone to be read in.
    if (!timeZone) throw new GoogleError(400, 'required', `Missing time zone definition for ${which} time.`);
    return { ms: wallClockToInstantMs(wall, timeZone), timeZone };
  }
  const offsetMs = /^[zZ]$/.test(offset) ? 0 : (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6))) * 60_000;
  return { ms: wall - offsetMs, ...(timeZone ? { timeZone } : {}) };
}

/** RFC 3339 of an instant in `zone`, with its offset (`2026-12-10T09:00:00+01:00`, or `…Z` in UTC). */
export function formatInstant(ms: number, zone: string): string {
  const offset = zoneOffsetMs(zone, ms);
  const wall = new Date(ms + offset).toISOString().slice(0, 19);
  if (offset === 0) return `${wall}Z`;
  const minutes = Math.abs(offset) / 60_000;
  return `${wall}${offset < 0 ? '-' : '+'}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export function presentTime(time: EventTime, zone: string): Record<string, string> {
  if (time.date !== undefined) return { date: time.date };
  return { dateTime: formatInstant(time.ms ?? 0, time.timeZone ?? zone), ...(time.timeZone ? { timeZone: time.timeZone } : {}) };
}

/** The instant an event time begins at (an all-day date: its midnight in `zone`). */
export function instantOf(time: EventTime, zone: string): number {
  if (time.date !== undefined) return wallClockToInstantMs(dateMs(time.date) ?? 0, zone);
  return time.ms ?? 0;
}

/** A query's RFC 3339 timestamp (timeMin, timeMax, updatedMin): the offset is mandatory. */
export function parseQueryTime(name: string, value: string): number {
  const m = DATE_TIME.exec(value);
  if (!m || m[7] === undefined) throw new GoogleError(400, 'badRequest', `Bad Request`, 'global', { type: 'parameter', name });
  return parseEventTime({ dateTime: value }, 'start').ms ?? 0;
}

/** Google's RFC 3339 UTC form of `created`/`updated` (milliseconds, Z). */
export function isoUtc(ms: number): string {
  return new Date(ms).toISOString();
}
