import {
  dateInZone,
  ianaFromSapZone,
  parseODataDate,
  sapZoneFromIana,
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

  // Windows and IANA names: test/unit/time-zones.test.ts (src/shared/time-zones.ts); the UTC fallback for an
  // unknown Graph zone: test/unit/domain/normalize-graph.test.ts.
  it('maps SAP zone codes', () => {
    expect(ianaFromSapZone('CET')).toBe('Europe/Berlin');
    expect(ianaFromSapZone('XYZ')).toBe('UTC');
    expect(sapZoneFromIana('Europe/Madrid')).toBe('CET');
    expect(sapZoneFromIana('America/New_York')).toBe('EST');
    expect(sapZoneFromIana('Pacific/Fiji')).toBe('UTC');
  });

  it('finds the SAP code under any IANA name of a zone, including the CLDR names Windows zones map to', () => {
    expect(sapZoneFromIana('Asia/Calcutta')).toBe('INDIA');
    expect(sapZoneFromIana('Asia/Kolkata')).toBe('INDIA');
    expect(sapZoneFromIana('US/Eastern')).toBe('EST');
    expect(sapZoneFromIana('Europe/Kiev')).toBe('EET');
    expect(sapZoneFromIana('constructor')).toBe('UTC');
  });
});
