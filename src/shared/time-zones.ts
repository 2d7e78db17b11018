// Time-zone names and offsets, one home for the server and the sandboxes. Graph reports Windows zone names
// ("W. Europe Standard Time") or IANA names; Intl and the normalized calendar item speak IANA only. The Windows →
// IANA table is CLDR's windowsZones (via `windows-iana`), not a hand-made list: each Windows zone maps to its
// CLDR "golden" zone (territory 001), e.g. "India Standard Time" → "Asia/Calcutta", the spelling CLDR and Intl
// use for Asia/Kolkata.
import { findIanaAliases, WINDOWS_TO_IANA_MAP } from 'windows-iana';

/**
 * Where current CLDR windowsZones.xml differs from the (older) CLDR data windows-iana 5.1.0 ships. Both zones
 * the package names here have since moved to another UTC offset, so the package's answer would be an hour off:
 * - America/Chihuahua went to UTC-6 in 2022 (tzdata 2022f); Windows "(UTC-07:00) La Paz, Mazatlan" is Mazatlan.
 * - Asia/Almaty went to UTC+5 in 2024 (tzdata 2024a); Windows "(UTC+06:00) Astana" is Bishkek in CLDR now.
 * Drop an entry once windows-iana's own data says the same.
 */
const CLDR_UPDATES: Readonly<Record<string, string>> = {
  'Mountain Standard Time (Mexico)': 'America/Mazatlan',
  'Central Asia Standard Time': 'Asia/Bishkek',
};

/** Windows zone name → IANA zone (CLDR territory 001). `UTC` stays `UTC` rather than CLDR's `Etc/UTC`. */
const WINDOWS_TO_IANA: ReadonlyMap<string, string> = new Map([
  ...WINDOWS_TO_IANA_MAP.filter((entry) => entry.territory === '001').map(
    (entry): [string, string] => [entry.windowsName, CLDR_UPDATES[entry.windowsName] ?? (entry.iana[0] === 'Etc/UTC' ? 'UTC' : entry.iana[0])],
  ),
  // The display name of Windows' UTC zone, not an id. Both hand tables this module replaced accepted it.
  ['Coordinated Universal Time', 'UTC'],
]);

// Building an Intl.DateTimeFormat is costly and calendar views convert thousands of times: one per valid zone.
const formats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock format of `zone`; throws RangeError when Intl does not know the zone. */
function formatFor(zone: string): Intl.DateTimeFormat {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(zone, format);
  }
  return format;
}

/** Whether Intl knows `zone` as an IANA time zone. */
export function isIanaTimeZone(zone: string): boolean {
  try {
    formatFor(zone);
    return true;
  } catch {
    return false;
  }
}

/**
 * A zone name as Graph reports it (Windows or IANA) → IANA, or null when it is neither. Windows names map through
 * CLDR; IANA names pass through unchanged. Null is deliberate: the caller decides what an unknown zone means.
 */
export function ianaTimeZone(name: string | null | undefined): string | null {
  if (!name) return null;
  const windows = WINDOWS_TO_IANA.get(name);
  if (windows) return windows;
  return isIanaTimeZone(name) ? name : null;
}

/** The IANA names of one zone (`Asia/Calcutta` ↔ `Asia/Kolkata`), `zone` first; just `zone` when CLDR has none. */
export function ianaZoneAliases(zone: string): string[] {
  return [...new Set([zone, ...findIanaAliases(zone)])];
}

/** Offset of IANA `zone` from UTC at instant `ms`, in ms (positive east of Greenwich). Throws for unknown zones. */
export function zoneOffsetMs(zone: string, ms: number): number {
  if (zone === 'UTC') return 0;
  const parts = formatFor(zone).formatToParts(new Date(ms));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant at which the wall clock in IANA `zone` shows `wallClockMs` (a wall-clock time encoded as if it
 * were UTC: `Date.UTC(y, m, d, h, mi, s)`).
 */
export function wallClockToInstantMs(wallClockMs: number, zone: string): number {
  if (zone === 'UTC') return wallClockMs;
  // Two passes settle the offset across DST transitions.
  const guess = wallClockMs - zoneOffsetMs(zone, wallClockMs);
  return wallClockMs - zoneOffsetMs(zone, guess);
}
