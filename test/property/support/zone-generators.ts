// Zones and instants for the time-zone properties (Outlook → C4C and Google round trips): every zone name Graph may
// report, the zones far from UTC, and instants drawn near each zone's DST transitions (gaps and repeated hours).
import fc from 'fast-check';
import { WINDOWS_TO_IANA_MAP } from 'windows-iana';
import { ianaTimeZone, zoneOffsetMs } from '../../../src/shared/time-zones.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;
const FROM = Date.UTC(2025, 0, 1);
const TO = Date.UTC(2028, 0, 1);

/** Zone names as Graph may report them: every IANA zone Intl knows and every Windows zone CLDR maps. */
export const NAMES = [...new Set([...Intl.supportedValuesOf('timeZone'), ...WINDOWS_TO_IANA_MAP.map((e) => e.windowsName)])];
export const FAR_FROM_UTC = ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Pacific/Apia', 'Pacific/Tongatapu', 'Pacific/Chatham', 'Line Islands Standard Time', 'UTC-11'];

/** A zone's offset changes in [FROM, TO): weekly samples, each change found to the minute by bisection. Cached. */
const transitionCache = new Map<string, number[]>();
export function transitionsOf(zone: string): number[] {
  const cached = transitionCache.get(zone);
  if (cached) return cached;
  const found: number[] = [];
  let next = zoneOffsetMs(zone, FROM);
  for (let t = FROM; t < TO; t += WEEK) {
    const now = next;
    next = zoneOffsetMs(zone, t + WEEK);
    if (now === next) continue;
    let lo = t;
    let hi = t + WEEK;
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
      if (zoneOffsetMs(zone, mid) === zoneOffsetMs(zone, lo)) lo = mid;
      else hi = mid;
    }
    found.push(hi);
  }
  // A zone without DST still gets instants: the start of each year.
  const result = found.length > 0 ? found : [FROM, Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1)];
  transitionCache.set(zone, result);
  return result;
}

/** Draws a zone name and an instant within three hours of one of its transitions. */
export const nearTransition = fc
  .record({ name: fc.constantFrom(...NAMES), pick: fc.nat(), deltaMin: fc.integer({ min: -180, max: 180 }), lengthMin: fc.integer({ min: 0, max: 300 }) })
  .map(({ name, pick, deltaMin, lengthMin }) => {
    const zone = ianaTimeZone(name) as string;
    const list = transitionsOf(zone);
    const start = (list[pick % list.length] as number) + deltaMin * MINUTE;
    return { name, zone, start, end: start + lengthMin * MINUTE };
  });
