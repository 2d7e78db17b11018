// Recurrence expansion (pure, but it decides what every calendar view and delta round shows): wall-clock times
// across DST, weekly intervals, relative and absolute monthly patterns, numbered and end-dated ranges.
import type { Recurrence } from '../../../src/sandbox/graph/model.js';
import { expandOccurrences } from '../../../src/sandbox/graph/store/recurrence.js';

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16);
const year = (y: number) => [Date.parse(`${y}-01-01T00:00:00Z`), Date.parse(`${y + 1}-01-01T00:00:00Z`)] as const;
const HOUR = 3_600_000;

function expand(recurrence: Recurrence, dateTime: string, timeZone = 'UTC', window = year(2026)) {
  return expandOccurrences(recurrence, { dateTime, timeZone }, HOUR, window[0], window[1]).map(iso);
}

describe('expandOccurrences', () => {
  it('keeps a Berlin 09:00 meeting at 09:00 local across the October DST change', () => {
    const r: Recurrence = { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'] }, range: { type: 'numbered', startDate: '2026-10-19', numberOfOccurrences: 3 } };
    expect(expand(r, '2026-10-19T09:00:00', 'Europe/Berlin')).toEqual(['2026-10-19T07:00', '2026-10-26T08:00', '2026-11-02T08:00']);
    expect(expand(r, '2026-10-19T09:00:00', 'W. Europe Standard Time')).toEqual(['2026-10-19T07:00', '2026-10-26T08:00', '2026-11-02T08:00']);
  });

  it('walks weekly intervals from the week of the start, on several days', () => {
    const r: Recurrence = { pattern: { type: 'weekly', interval: 2, daysOfWeek: ['tuesday', 'thursday'], firstDayOfWeek: 'monday' }, range: { type: 'endDate', startDate: '2026-03-03', endDate: '2026-03-26' } };
    expect(expand(r, '2026-03-03T10:00:00')).toEqual(['2026-03-03T10:00', '2026-03-05T10:00', '2026-03-17T10:00', '2026-03-19T10:00']);
  });

  it('handles last-weekday and day-31 monthly patterns, and daily counts', () => {
    const lastFriday: Recurrence = { pattern: { type: 'relativeMonthly', interval: 1, daysOfWeek: ['friday'], index: 'last' }, range: { type: 'numbered', startDate: '2026-01-01', numberOfOccurrences: 3 } };
    expect(expand(lastFriday, '2026-01-30T15:00:00')).toEqual(['2026-01-30T15:00', '2026-02-27T15:00', '2026-03-27T15:00']);
    const day31: Recurrence = { pattern: { type: 'absoluteMonthly', interval: 1, dayOfMonth: 31 }, range: { type: 'endDate', startDate: '2026-01-31', endDate: '2026-05-31' } };
    expect(expand(day31, '2026-01-31T08:00:00')).toEqual(['2026-01-31T08:00', '2026-03-31T08:00', '2026-05-31T08:00']);
    const daily: Recurrence = { pattern: { type: 'daily', interval: 3 }, range: { type: 'numbered', startDate: '2026-06-01', numberOfOccurrences: 4 } };
    expect(expand(daily, '2026-06-01T12:00:00')).toEqual(['2026-06-01T12:00', '2026-06-04T12:00', '2026-06-07T12:00', '2026-06-10T12:00']);
  });

  it('returns only occurrences overlapping the window, even for endless series', () => {
    const r: Recurrence = { pattern: { type: 'daily', interval: 1 }, range: { type: 'noEnd', startDate: '2020-01-01' } };
    const window = [Date.parse('2026-02-10T00:00:00Z'), Date.parse('2026-02-12T00:00:00Z')] as const;
    expect(expand(r, '2020-01-01T23:30:00', 'UTC', window)).toEqual(['2026-02-09T23:30', '2026-02-10T23:30', '2026-02-11T23:30']);
  });
});
