import {
  dateInZone,
  ianaFromSapZone,
  parseODataDate,
  sapZoneFromIana,
  startOfDateMs,
  toIsoUtc,
  toODataDate,
  wallClockToUtcMs,
} from '../../../src/server/domain/time.js';

describe('time conversions', () => {
  it('parses and writes OData /Date(ms)/ values', () => {
    expect(parseODataDate('/Date(1422997623532)/')).toBe(1422997623532);
    expect(parseODataDate('/Date(1422997623532+0100)/')).toBe(1422997623532);
    expect(toODataDate(1422997623532)).toBe('/Date(1422997623532)/');
    expect(() => parseODataDate('2015-01-01')).toThrow(RangeError);
  });

  it('formats instants canonically without fractions', () => {
    expect(toIsoUtc(Date.UTC(2026, 10, 21, 9, 30, 15, 999))).toBe('2026-11-21T09:30:15Z');
  });

  it('converts wall-clock times in a zone to UTC, across DST', () => {
    expect(toIsoUtc(wallClockToUtcMs('2026-07-01T10:00:00.0000000', 'Europe/Berlin'))).toBe('2026-07-01T08:00:00Z');
    expect(toIsoUtc(wallClockToUtcMs('2026-01-15T10:00:00', 'Europe/Berlin'))).toBe('2026-01-15T09:00:00Z');
    expect(toIsoUtc(wallClockToUtcMs('2026-03-29T12:00:00', 'America/New_York'))).toBe('2026-03-29T16:00:00Z');
    expect(toIsoUtc(wallClockToUtcMs('2026-03-29T12:00:00', 'UTC'))).toBe('2026-03-29T12:00:00Z');
  });

  it('finds the calendar date of an instant in a zone', () => {
    const ms = Date.parse('2026-11-21T23:30:00Z');
    expect(dateInZone(ms, 'UTC')).toBe('2026-11-21');
    expect(dateInZone(ms, 'Europe/Berlin')).toBe('2026-11-22');
    expect(dateInZone(ms, 'America/New_York')).toBe('2026-11-21');
  });

  // Windows and IANA names: test/unit/time-zones.test.ts (src/shared/time-zones.ts); unknown Graph zones:
  // test/unit/domain/normalize-graph.test.ts; the tenant's SAP code lists: sap-time-zones.test.ts.
  const JULY = Date.parse('2026-07-01T10:00:00Z');
  it('maps SAP zone codes, and an unknown one to null (reported, never UTC)', () => {
    expect(ianaFromSapZone('CET')).toBe('Europe/Berlin');
    expect(ianaFromSapZone('XYZ')).toBeNull();
    expect(ianaFromSapZone(null)).toBe('UTC');
    expect(sapZoneFromIana('Europe/Madrid', JULY)).toBe('CET');
    expect(sapZoneFromIana('America/New_York', JULY)).toBe('EST');
    expect(sapZoneFromIana('UTC', JULY)).toBe('UTC');
  });

  it('finds the SAP code under any IANA name of a zone, including the CLDR names Windows zones map to', () => {
    expect(sapZoneFromIana('Asia/Calcutta', JULY)).toBe('INDIA');
    expect(sapZoneFromIana('Asia/Kolkata', JULY)).toBe('INDIA');
    expect(sapZoneFromIana('US/Eastern', JULY)).toBe('EST');
    expect(sapZoneFromIana('Europe/Kiev', JULY)).toBe('EET');
    expect(sapZoneFromIana('constructor', JULY)).toBeNull();
  });

  it('starts an all-day date at its first existing instant where DST skips midnight', () => {
    // America/Santiago springs forward at midnight (2026-09-06 00:00 → 01:00): the day starts at 01:00 -03, 04:00Z.
    expect(toIsoUtc(startOfDateMs('2026-09-06', 'America/Santiago'))).toBe('2026-09-06T04:00:00Z');
    expect(dateInZone(startOfDateMs('2026-09-06', 'America/Santiago'), 'America/Santiago')).toBe('2026-09-06');
    expect(toIsoUtc(startOfDateMs('2026-07-01', 'Pacific/Kiritimati'))).toBe('2026-06-30T10:00:00Z');
  });
});
