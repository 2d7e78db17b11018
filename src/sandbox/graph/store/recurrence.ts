// Expands a recurrence pattern into the original start instants of its occurrences inside a window. Dates are
// walked in the series' own wall clock (so a 09:00 meeting stays at 09:00 across DST changes).
import type { Recurrence } from '../model.js';
import { DAY_MS, toInstant, type DateTimeTimeZone } from '../time.js';

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const INDEX = ['first', 'second', 'third', 'fourth'];
/** Safety net: a series is never walked further than this many days. */
const MAX_DAYS = 366 * 30;

const dayNumber = (isoDate: string) => Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);
const isoDate = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

function matchesRelative(date: Date, recurrence: Recurrence): boolean {
  const p = recurrence.pattern;
  const weekday = WEEKDAYS[date.getUTCDay()] ?? '';
  if (!(p.daysOfWeek ?? []).includes(weekday as never)) return false;
  const dom = date.getUTCDate();
  const index = p.index ?? 'first';
  if (index === 'last') {
    const daysInMonth = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
    return dom + 7 > daysInMonth;
  }
  return Math.floor((dom - 1) / 7) === INDEX.indexOf(index);
}

function matches(day: number, firstDay: number, recurrence: Recurrence): boolean {
  const p = recurrence.pattern;
  const date = new Date(day * DAY_MS);
  const start = new Date(firstDay * DAY_MS);
  const months = (date.getUTCFullYear() - start.getUTCFullYear()) * 12 + date.getUTCMonth() - start.getUTCMonth();
  switch (p.type) {
    case 'daily':
      return (day - firstDay) % p.interval === 0;
    case 'weekly': {
      if (!(p.daysOfWeek ?? [WEEKDAYS[start.getUTCDay()]]).includes(WEEKDAYS[date.getUTCDay()] as never)) return false;
      const firstDow = WEEKDAYS.indexOf(p.firstDayOfWeek ?? 'sunday');
      const weekStart = (d: number) => d - ((new Date(d * DAY_MS).getUTCDay() - firstDow + 7) % 7);
      return Math.round((weekStart(day) - weekStart(firstDay)) / 7) % p.interval === 0;
    }
    case 'absoluteMonthly':
      return months % p.interval === 0 && date.getUTCDate() === (p.dayOfMonth ?? start.getUTCDate());
    case 'relativeMonthly':
      return months % p.interval === 0 && matchesRelative(date, recurrence);
    case 'absoluteYearly':
      return months % (12 * p.interval) === 0 && date.getUTCMonth() + 1 === (p.month ?? start.getUTCMonth() + 1) &&
        date.getUTCDate() === (p.dayOfMonth ?? start.getUTCDate());
    case 'relativeYearly':
      return (date.getUTCFullYear() - start.getUTCFullYear()) % p.interval === 0 &&
        date.getUTCMonth() + 1 === (p.month ?? start.getUTCMonth() + 1) && matchesRelative(date, recurrence);
  }
}

/**
 * Original start instants of the occurrences whose [start, start + durationMs) overlaps [from, to).
 * `seriesStart` supplies the time of day and zone; the range supplies the first date.
 */
export function expandOccurrences(
  recurrence: Recurrence,
  seriesStart: DateTimeTimeZone,
  durationMs: number,
  from: number,
  to: number,
): number[] {
  const timeOfDay = seriesStart.dateTime.slice(10) || 'T00:00:00';
  const firstDay = dayNumber(recurrence.range.startDate);
  const lastDay = recurrence.range.type === 'endDate' && recurrence.range.endDate ? dayNumber(recurrence.range.endDate) : Infinity;
  const limit = recurrence.range.type === 'numbered' ? (recurrence.range.numberOfOccurrences ?? 0) : Infinity;
  const windowEndDay = Math.floor(to / DAY_MS) + 2;
  const result: number[] = [];
  let counted = 0;
  for (let day = firstDay; day <= lastDay && day <= windowEndDay && day - firstDay <= MAX_DAYS; day += 1) {
    if (!matches(day, firstDay, recurrence)) continue;
    counted += 1;
    if (counted > limit) break;
    const start = toInstant({ dateTime: `${isoDate(day)}${timeOfDay}`, timeZone: seriesStart.timeZone });
    if (start < to && start + durationMs > from) result.push(start);
  }
  return result;
}
