// Recurring events: the RFC 5545 lines of `recurrence` (RRULE, EXDATE, RDATE) expanded into occurrences, and the
// ids Google gives instances: `<seriesId>_<yyyymmddThhmmssZ>` (the original start in UTC) for timed series and
// `<seriesId>_<yyyymmdd>` for all-day ones. The sandbox expands FREQ=DAILY|WEEKLY|MONTHLY|YEARLY with INTERVAL,
// COUNT, UNTIL, BYDAY (weekly) and BYMONTHDAY (monthly); other rule parts get a 400 (real Google knows them all).
import { wallClockToInstantMs, zoneOffsetMs } from '../../shared/time-zones.js';
import { invalid } from './errors.js';
import type { EventTime } from './model.js';
import { DAY_MS, dateMs } from './time.js';

/** Expansion stops here whatever the rule says (a series without end would never stop). */
export const MAX_OCCURRENCES = 1000;
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

interface Rule {
  freq: 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';
  interval: number;
  count?: number;
  /** Inclusive bound: an instant (timed) or a date's midnight UTC (all-day). */
  until?: number;
  byDay?: number[];
  byMonthDay?: number[];
}

export interface Occurrence {
  /** The occurrence's original start (what `originalStartTime` says). */
  start: EventTime;
  /** The instance id's suffix. */
  key: string;
}

const bad = () => invalid('Invalid recurrence rule.');

function parseRule(line: string): Rule {
  const parts = new Map(line.slice('RRULE:'.length).split(';').map((p) => p.split('=') as [string, string]));
  const freq = parts.get('FREQ');
  if (freq !== 'DAILY' && freq !== 'WEEKLY' && freq !== 'MONTHLY' && freq !== 'YEARLY') throw bad();
  const known = new Set(['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYDAY', 'BYMONTHDAY', 'WKST']);
  if ([...parts.keys()].some((k) => !known.has(k))) throw bad();
  const rule: Rule = { freq, interval: Number(parts.get('INTERVAL') ?? '1') };
  if (!Number.isInteger(rule.interval) || rule.interval < 1) throw bad();
  const count = parts.get('COUNT');
  if (count !== undefined) {
    rule.count = Number(count);
    if (!Number.isInteger(rule.count) || rule.count < 1) throw bad();
  }
  const until = parts.get('UNTIL');
  if (until !== undefined) rule.until = parseIcalTime(until, 'UTC').ms;
  const byDay = parts.get('BYDAY');
  if (byDay !== undefined) {
    if (freq !== 'WEEKLY') throw bad();
    rule.byDay = byDay.split(',').map((d) => WEEKDAYS.indexOf(d as (typeof WEEKDAYS)[number]));
    if (rule.byDay.some((d) => d < 0)) throw bad();
  }
  const byMonthDay = parts.get('BYMONTHDAY');
  if (byMonthDay !== undefined) {
    if (freq !== 'MONTHLY') throw bad();
    rule.byMonthDay = byMonthDay.split(',').map(Number);
    if (rule.byMonthDay.some((d) => !Number.isInteger(d) || d < 1 || d > 31)) throw bad();
  }
  return rule;
}

/** An iCalendar DATE or DATE-TIME value: `20261217`, `20261217T090000Z`, or a wall-clock time read in `zone`. */
function parseIcalTime(value: string, zone: string): { ms: number; allDay: boolean } {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(value);
  if (!m) throw bad();
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  if (m[4] === undefined) return { ms: wall, allDay: true };
  return { ms: m[7] ? wall : wallClockToInstantMs(wall, zone), allDay: false };
}

/** The values of EXDATE/RDATE lines, as instants (timed series) or dates' midnights UTC (all-day series). */
function listedTimes(lines: string[], name: string, zone: string): Set<number> {
  const out = new Set<number>();
  for (const line of lines.filter((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`))) {
    const colon = line.indexOf(':');
    const params = line.slice(name.length, colon);
    const tz = /TZID=([^;:]+)/.exec(params)?.[1] ?? zone;
    for (const v of line.slice(colon + 1).split(',')) out.add(parseIcalTime(v.trim(), tz).ms);
  }
  return out;
}

/** Checks the lines (400 on anything the sandbox cannot expand) and returns the rule. */
export function validateRecurrence(lines: string[]): void {
  const rules = lines.filter((l) => l.startsWith('RRULE:'));
  if (rules.length !== 1 || lines.some((l) => !/^(RRULE:|EXDATE[:;]|RDATE[:;])/.test(l))) throw bad();
  parseRule(rules[0] ?? '');
  listedTimes(lines, 'EXDATE', 'UTC');
  listedTimes(lines, 'RDATE', 'UTC');
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function occurrenceKey(start: EventTime): string {
  if (start.date !== undefined) return start.date.replace(/-/g, '');
  const d = new Date(start.ms ?? 0);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

/** Candidate wall-clock starts (UTC-encoded) of the rule, in order, from the series' first start. */
function* candidates(rule: Rule, first: number): Generator<number> {
  const timeOfDay = first - Math.floor(first / DAY_MS) * DAY_MS;
  const firstDay = first - timeOfDay;
  for (let period = 0; ; period += rule.interval) {
    if (rule.freq === 'DAILY') {
      yield firstDay + period * DAY_MS + timeOfDay;
    } else if (rule.freq === 'WEEKLY') {
      const weekday = (new Date(firstDay).getUTCDay() + 6) % 7;
      const weekStart = firstDay - weekday * DAY_MS + period * 7 * DAY_MS;
      for (const day of [...(rule.byDay ?? [weekday])].sort((a, b) => a - b)) yield weekStart + day * DAY_MS + timeOfDay;
    } else {
      const d = new Date(firstDay);
      const months = rule.freq === 'MONTHLY' ? period : period * 12;
      const year = d.getUTCFullYear() + Math.floor((d.getUTCMonth() + months) / 12);
      const month = (d.getUTCMonth() + months) % 12;
      for (const day of [...(rule.byMonthDay ?? [d.getUTCDate()])].sort((a, b) => a - b)) {
        const ms = Date.UTC(year, month, day);
        if (new Date(ms).getUTCMonth() === month) yield ms + timeOfDay;
      }
    }
  }
}

/**
 * The series' occurrences (EXDATEs removed, RDATEs added) that start before `untilMs`, at most MAX_OCCURRENCES.
 * A timed series keeps its wall-clock time in `zone` across daylight-saving changes.
 */
export function expand(lines: string[], start: EventTime, zone: string, untilMs: number): Occurrence[] {
  const rule = parseRule(lines.find((l) => l.startsWith('RRULE:')) ?? '');
  const allDay = start.date !== undefined;
  const firstInstant = allDay ? (dateMs(start.date ?? '') ?? 0) : (start.ms ?? 0);
  const first = allDay ? firstInstant : firstInstant + zoneOffsetMs(zone, firstInstant);
  const excluded = listedTimes(lines, 'EXDATE', zone);
  const toTime = (wall: number): { instant: number; time: EventTime } =>
    allDay
      ? { instant: wall, time: { date: new Date(wall).toISOString().slice(0, 10) } }
      : { instant: wallClockToInstantMs(wall, zone), time: { ms: wallClockToInstantMs(wall, zone), ...(start.timeZone ? { timeZone: start.timeZone } : {}) } };
  const found = new Map<number, EventTime>();
  let counted = 0;
  for (const wall of candidates(rule, first)) {
    if (wall < first) continue;
    const { instant, time } = toTime(wall);
    if (rule.until !== undefined && instant > rule.until) break;
    if (instant >= untilMs || counted >= MAX_OCCURRENCES) break;
    counted += 1;
    if (!excluded.has(instant)) found.set(instant, time);
    if (rule.count !== undefined && counted >= rule.count) break;
  }
  for (const instant of listedTimes(lines, 'RDATE', zone)) {
    if (instant < untilMs && !excluded.has(instant)) found.set(instant, toTime(allDay ? instant : instant + zoneOffsetMs(zone, instant)).time);
  }
  return [...found.entries()].sort(([a], [b]) => a - b).map(([, time]) => ({ start: time, key: occurrenceKey(time) }));
}
