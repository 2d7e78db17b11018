// The Google sandbox's RRULE expansion (src/sandbox/google/recurrence.ts): the rule parts it supports, EXDATE and
// RDATE, instance keys, and a 400 for what it cannot expand.
import { GoogleError } from '../../../src/sandbox/google/errors.js';
import { expand, validateRecurrence } from '../../../src/sandbox/google/recurrence.js';

const FAR = Date.parse('2030-01-01T00:00:00Z');
const keys = (lines: string[], start: { date?: string; ms?: number; timeZone?: string }, zone = 'UTC') => expand(lines, start, zone, FAR).map((o) => o.key);

describe('Google sandbox recurrence', () => {
  it('expands a daily rule up to UNTIL (inclusive) and drops EXDATEs', () => {
    const start = { ms: Date.parse('2026-12-01T08:00:00Z'), timeZone: 'UTC' };
    expect(keys(['RRULE:FREQ=DAILY;UNTIL=20261204T080000Z', 'EXDATE:20261202T080000Z'], start)).toEqual(['20261201T080000Z', '20261203T080000Z', '20261204T080000Z']);
  });

  it('expands a weekly rule on several days with an interval, counting from the first start', () => {
    const start = { ms: Date.parse('2026-12-02T09:00:00Z'), timeZone: 'UTC' }; // a Wednesday
    expect(keys(['RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE,FR;COUNT=4'], start)).toEqual(['20261202T090000Z', '20261204T090000Z', '20261214T090000Z', '20261216T090000Z']);
  });

  it('keys all-day series by date and skips months without the day', () => {
    expect(keys(['RRULE:FREQ=MONTHLY;COUNT=3'], { date: '2027-01-31' })).toEqual(['20270131', '20270331', '20270531']);
    expect(keys(['RRULE:FREQ=WEEKLY;COUNT=2', 'RDATE;VALUE=DATE:20270103'], { date: '2027-01-01' })).toEqual(['20270101', '20270103', '20270108']);
  });

  it('keeps the wall-clock time in the series zone across a daylight-saving change', () => {
    const start = { ms: Date.parse('2027-10-25T08:00:00Z'), timeZone: 'Europe/Berlin' }; // 10:00 CEST
    expect(keys(['RRULE:FREQ=WEEKLY;COUNT=2'], start, 'Europe/Berlin')).toEqual(['20271025T080000Z', '20271101T090000Z']);
  });

  it('refuses rules it cannot expand with a 400', () => {
    for (const lines of [['RRULE:FREQ=HOURLY'], ['RRULE:FREQ=MONTHLY;BYDAY=2TU'], ['RRULE:FREQ=WEEKLY;BYSETPOS=1'], ['EXDATE:20270101'], ['RRULE:FREQ=DAILY', 'RRULE:FREQ=WEEKLY']]) {
      expect(() => validateRecurrence(lines)).toThrow(GoogleError);
    }
  });
});
