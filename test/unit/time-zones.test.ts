import { WINDOWS_TO_IANA_MAP } from 'windows-iana';
import { ianaTimeZone, ianaZoneAliases, isIanaTimeZone, wallClockToInstantMs, zoneOffsetMs } from '../../src/shared/time-zones.js';

const HOUR = 3_600_000;
const JANUARY = Date.parse('2026-01-15T12:00:00Z');
const JULY = Date.parse('2026-07-15T12:00:00Z');

describe('ianaTimeZone', () => {
  it.each([
    ['W. Europe Standard Time', 'Europe/Berlin'],
    ['Romance Standard Time', 'Europe/Paris'],
    ['GMT Standard Time', 'Europe/London'],
    ['Greenwich Standard Time', 'Atlantic/Reykjavik'],
    ['Eastern Standard Time', 'America/New_York'],
    ['Pacific Standard Time', 'America/Los_Angeles'],
    ['Arabian Standard Time', 'Asia/Dubai'],
    ['Israel Standard Time', 'Asia/Jerusalem'],
    ['SE Asia Standard Time', 'Asia/Bangkok'],
    ['Korea Standard Time', 'Asia/Seoul'],
    ['New Zealand Standard Time', 'Pacific/Auckland'],
    ['Mountain Standard Time (Mexico)', 'America/Mazatlan'],
    ['Central Asia Standard Time', 'Asia/Bishkek'],
    ['India Standard Time', 'Asia/Calcutta'],
    ['FLE Standard Time', 'Europe/Kiev'],
    ['UTC-02', 'Etc/GMT+2'],
    ['UTC', 'UTC'],
    ['Coordinated Universal Time', 'UTC'],
  ])('maps the Windows zone %s to %s (CLDR)', (windows, iana) => {
    expect(ianaTimeZone(windows)).toBe(iana);
  });

  it('maps every Windows zone CLDR knows to a zone Intl knows', () => {
    const names = [...new Set(WINDOWS_TO_IANA_MAP.map((entry) => entry.windowsName))];
    expect(names.length).toBeGreaterThan(130);
    for (const name of names) {
      const zone = ianaTimeZone(name);
      expect([name, zone !== null && isIanaTimeZone(zone)]).toEqual([name, true]);
    }
  });

  it('maps to zones on the Windows zone offsets, also where CLDR data in windows-iana is stale', () => {
    const offsets = (windows: string) => {
      const zone = ianaTimeZone(windows) ?? 'missing';
      return [zoneOffsetMs(zone, JANUARY) / HOUR, zoneOffsetMs(zone, JULY) / HOUR];
    };
    expect(offsets('Mountain Standard Time (Mexico)')).toEqual([-7, -7]); // (UTC-07:00) La Paz, Mazatlan
    expect(offsets('Central Asia Standard Time')).toEqual([6, 6]); // (UTC+06:00) Astana
    expect(offsets('Arabian Standard Time')).toEqual([4, 4]);
    expect(offsets('Korea Standard Time')).toEqual([9, 9]);
    expect(offsets('New Zealand Standard Time')).toEqual([13, 12]);
    expect(offsets('Israel Standard Time')).toEqual([2, 3]);
    expect(offsets('SE Asia Standard Time')).toEqual([7, 7]);
  });

  it('passes IANA names through unchanged', () => {
    expect(ianaTimeZone('Europe/Madrid')).toBe('Europe/Madrid');
    expect(ianaTimeZone('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(ianaTimeZone('America/Argentina/Buenos_Aires')).toBe('America/Argentina/Buenos_Aires');
    expect(ianaTimeZone('Etc/UTC')).toBe('Etc/UTC');
  });

  it('returns null for unknown and missing names instead of guessing UTC', () => {
    expect(ianaTimeZone('Not A Zone')).toBeNull();
    expect(ianaTimeZone('Customized Time Zone')).toBeNull();
    expect(ianaTimeZone('w. europe standard time')).toBeNull();
    expect(ianaTimeZone('')).toBeNull();
    expect(ianaTimeZone(null)).toBeNull();
    expect(ianaTimeZone(undefined)).toBeNull();
  });
});

describe('zone aliases and offsets', () => {
  it('lists the IANA names of one zone, the given one first', () => {
    expect(ianaZoneAliases('Asia/Calcutta')).toEqual(['Asia/Calcutta', 'Asia/Kolkata']);
    expect(ianaZoneAliases('Asia/Kolkata')[0]).toBe('Asia/Kolkata');
    expect(ianaZoneAliases('Asia/Kolkata')).toContain('Asia/Calcutta');
    expect(ianaZoneAliases('Not/AZone')).toEqual(['Not/AZone']);
  });

  it('computes offsets and wall-clock instants across DST', () => {
    expect(zoneOffsetMs('UTC', JULY)).toBe(0);
    expect(zoneOffsetMs('Europe/Berlin', JULY)).toBe(2 * HOUR);
    expect(zoneOffsetMs('Europe/Berlin', JANUARY)).toBe(HOUR);
    expect(wallClockToInstantMs(Date.UTC(2026, 6, 1, 10), 'Europe/Berlin')).toBe(Date.UTC(2026, 6, 1, 8));
    expect(wallClockToInstantMs(Date.UTC(2026, 2, 29, 12), 'America/New_York')).toBe(Date.UTC(2026, 2, 29, 16));
    expect(wallClockToInstantMs(Date.UTC(2026, 2, 29, 12), 'UTC')).toBe(Date.UTC(2026, 2, 29, 12));
    expect(() => zoneOffsetMs('Not/AZone', JULY)).toThrow(RangeError);
  });
});
