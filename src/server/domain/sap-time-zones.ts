// SAP time-zone codes (C4C's StartDatetimeZoneCode …, SAP's TZONE keys such as CET, EST, UTC+8, AUSNSW) ↔ IANA.
// The codes come from the tenant's own code list (the value-help collections the metadata names for the activity
// time-zone fields), rows {Code, Description}. Each code is matched, in this order, on:
//   1. the code itself when it names a fixed offset (UTC, UTC+8, UTC-3, UTC+53 = +05:30);
//   2. a city named in its description ("Eastern Time (New York)"), accepted only when the offset the description
//      gives (if any) is the city's standard offset;
//   3. a maintained table for the codes neither can match (SAP describes most zones by region: "Central Europe").
// A code none of these matches is unknown: the caller reports it (R9), it never becomes UTC.
// IANA → code: the code mapped to that zone (or an alias), else a code whose zone keeps the same UTC offsets as it,
// transitions included, over the item's year and the next (Europe/Paris is written as CET); else none.
// Pure: Intl and CLDR aliases only.
import { ianaZoneAliases, isIanaTimeZone, zoneOffsetMs } from '../../shared/time-zones.js';

/** A row of a C4C code list (c4c-codes.ts has the same shape). */
export interface CodeListRow {
  Code: string;
  Description: string;
}

/**
 * SAP codes whose descriptions name a region rather than a city, with their IANA zone. [M]: SAP documents no
 * mapping; each entry follows the code's description and DST rule in SAP's TTZZ list (e.g. RUS03 "Russia
 * (Moscow)", ISRAEL, AUSNSW "Australia New South Wales"). The entries SAP's Identity Provisioning documentation
 * maps the same way are marked [V] in docs/sync-rules.md's source note.
 */
export const MAINTAINED_SAP_ZONES: Readonly<Record<string, string>> = {
  AFGHAN: 'Asia/Kabul',
  ALA: 'America/Anchorage',
  ALAW: 'America/Adak',
  AST: 'America/Halifax',
  AUSACT: 'Australia/Canberra',
  AUSLHI: 'Australia/Lord_Howe',
  AUSNSW: 'Australia/Sydney',
  AUSNT: 'Australia/Darwin',
  AUSQLD: 'Australia/Brisbane',
  AUSSA: 'Australia/Adelaide',
  AUSTAS: 'Australia/Hobart',
  AUSVIC: 'Australia/Melbourne',
  AUSWA: 'Australia/Perth',
  AZOREN: 'Atlantic/Azores',
  BRAZIL: 'America/Sao_Paulo',
  BRZLAN: 'America/Rio_Branco',
  BRZLEA: 'America/Sao_Paulo',
  BRZLWE: 'America/Manaus',
  CAT: 'Africa/Maputo',
  CET: 'Europe/Berlin',
  CHILE: 'America/Santiago',
  CHILEE: 'Pacific/Easter',
  CHINA: 'Asia/Shanghai',
  CST: 'America/Chicago',
  CSTNO: 'America/Regina',
  CYPRUS: 'Asia/Nicosia',
  EET: 'Europe/Helsinki',
  EGYPT: 'Africa/Cairo',
  EST: 'America/New_York',
  EST_: 'America/Toronto',
  ESTNO: 'America/Cancun',
  FLKLND: 'Atlantic/Stanley',
  GMTUK: 'Europe/London',
  GST: 'America/Nuuk',
  GSTE: 'America/Scoresbysund',
  GSTW: 'America/Thule',
  HAW: 'Pacific/Honolulu',
  INDIA: 'Asia/Kolkata',
  IRAN: 'Asia/Tehran',
  IRAQ: 'Asia/Baghdad',
  ISRAEL: 'Asia/Jerusalem',
  JAPAN: 'Asia/Tokyo',
  JORDAN: 'Asia/Amman',
  LBANON: 'Asia/Beirut',
  MST: 'America/Denver',
  MSTNO: 'America/Phoenix',
  NEPAL: 'Asia/Kathmandu',
  NFDL: 'America/St_Johns',
  NORFLK: 'Pacific/Norfolk',
  NST: 'America/St_Johns',
  NZCHA: 'Pacific/Chatham',
  NZST: 'Pacific/Auckland',
  PARAGY: 'America/Asuncion',
  PIERRE: 'America/Miquelon',
  PST: 'America/Los_Angeles',
  RUS03: 'Europe/Moscow',
  RUS04: 'Europe/Samara',
  RUS05: 'Asia/Yekaterinburg',
  RUS06: 'Asia/Omsk',
  RUS07: 'Asia/Krasnoyarsk',
  RUS08: 'Asia/Irkutsk',
  RUS09: 'Asia/Yakutsk',
  RUS10: 'Asia/Vladivostok',
  RUS11: 'Asia/Magadan',
  RUS12: 'Asia/Kamchatka',
  // No part of Russia keeps UTC+13 or +14 any more; SAP lists the codes still.
  RUS13: 'Etc/GMT-13',
  RUS14: 'Etc/GMT-14',
  SINGAP: 'Asia/Singapore',
  SYRIA: 'Asia/Damascus',
  UK: 'Europe/London',
  UTC: 'UTC',
  'UTC+53': 'Asia/Kolkata',
  'UTC+63': 'Asia/Yangon',
  WAT: 'Africa/Lagos',
  WDFT: 'Europe/Berlin',
  WET: 'Europe/Lisbon',
};

/** SAP's codes for whole regions, preferred over a country's code when a zone only keeps the same offsets. */
const REGION_CODES: readonly string[] = ['CET', 'EET', 'WET', 'GMTUK', 'EST', 'CST', 'MST', 'PST', 'AST', 'ALA', 'HAW'];

/** How a code was matched (tests and the unmatched-codes log say which). */
export type SapZoneMatch = 'offsetCode' | 'city' | 'maintained';

export interface SapZones {
  /** The IANA zone of a code, or null when the tenant's list and the maintained table do not know it. */
  ianaOf(code: string): string | null;
  /** The code to write for an IANA zone at instant `atMs`, or null when no code keeps that zone's offsets. */
  codeOf(zone: string, atMs: number): string | null;
  /** The tenant's codes none of the rules matched (logged once by the adapter). */
  readonly unmatched: readonly string[];
}

const MINUTE_MS = 60_000;
const WEEK_MS = 7 * 24 * 60 * MINUTE_MS;

/** `UTC`, `UTC+8`, `UTC-10`, `UTC+53` (+05:30: SAP's third digit 3 is half an hour) → offset in minutes. */
function offsetOfCode(code: string): number | null {
  if (code === 'UTC' || code === 'UTC+0' || code === 'UTC-0') return 0;
  const match = /^UTC([+-])(\d{1,2})$/.exec(code);
  if (!match) return null;
  const digits = match[2] as string;
  const sign = match[1] === '-' ? -1 : 1;
  // Two digits ending in 3 below 100 are hours and a half (53 = 5:30, 63 = 6:30, 83 = 8:30); 10–14 are hours.
  const halfHour = digits.length === 2 && digits.endsWith('3') && Number(digits) > 14;
  const minutes = halfHour ? Number(digits[0]) * 60 + 30 : Number(digits) * 60;
  return minutes > 14 * 60 ? null : sign * minutes;
}

/** A whole-hour fixed offset → its Etc zone (POSIX sign: Etc/GMT-8 is UTC+8); null for half hours. */
function etcZoneOf(minutes: number): string | null {
  if (minutes === 0) return 'UTC';
  if (minutes % 60 !== 0) return null;
  const hours = minutes / 60;
  return `Etc/GMT${hours > 0 ? '-' : '+'}${Math.abs(hours)}`;
}

/** The offset a description gives: `UTC+05:30`, `GMT-3`, `+ 5 1/2`, `- 10 hours` → minutes, or null. */
export function offsetOfDescription(description: string): number | null {
  const utc = /(?:UTC|GMT)\s*([+-])\s*(\d{1,2})(?::(\d{2}))?/i.exec(description);
  if (utc) return (utc[1] === '-' ? -1 : 1) * (Number(utc[2]) * 60 + Number(utc[3] ?? 0));
  const hours = /([+-])\s*(\d{1,2})(?:\s+(1\/2|3\/4))?\s*(?:h|hours?)\b/i.exec(description);
  if (hours) {
    const extra = hours[3] === '1/2' ? 30 : hours[3] === '3/4' ? 45 : 0;
    return (hours[1] === '-' ? -1 : 1) * (Number(hours[2]) * 60 + extra);
  }
  return null;
}

let citiesIndex: Map<string, string> | null = null;

/** City name (lower case, spaces) → IANA zone, for every zone Intl knows. */
function zonesByCity(): Map<string, string> {
  if (citiesIndex) return citiesIndex;
  citiesIndex = new Map();
  for (const zone of Intl.supportedValuesOf('timeZone')) {
    const city = zone.split('/').pop()?.replace(/_/g, ' ').toLowerCase();
    if (city && !citiesIndex.has(city)) citiesIndex.set(city, zone);
  }
  return citiesIndex;
}

/** Standard offset of a zone in minutes: the smaller of January's and July's (DST adds, in both hemispheres). */
function standardOffset(zone: string, year: number): number {
  const jan = zoneOffsetMs(zone, Date.UTC(year, 0, 1));
  const jul = zoneOffsetMs(zone, Date.UTC(year, 6, 1));
  return Math.min(jan, jul) / 60_000;
}

/**
 * A city named in parentheses in the description whose zone has the described offset, and no DST when the
 * description says so (SAP's ESTNO is "Eastern Time (Indianapolis)" without DST, which Indianapolis has kept since
 * 2006: no match, and the maintained table decides).
 */
function zoneOfCities(description: string, year: number): string | null {
  const offset = offsetOfDescription(description);
  const withoutDst = /without DST|no DST|non-DST/i.test(description);
  const names = [...description.matchAll(/\(([^)]+)\)/g)].flatMap((m) => (m[1] as string).split(/[,;/]/));
  for (const name of names) {
    const zone = zonesByCity().get(name.trim().toLowerCase());
    if (!zone || (offset !== null && standardOffset(zone, year) !== offset)) continue;
    if (withoutDst && zoneOffsetMs(zone, Date.UTC(year, 0, 1)) !== zoneOffsetMs(zone, Date.UTC(year, 6, 1))) continue;
    return zone;
  }
  return null;
}

/** The IANA zone of one code-list row, and how it was found; null when nothing matches. */
export function matchSapZone(row: CodeListRow, year = new Date().getUTCFullYear()): { zone: string; match: SapZoneMatch } | null {
  const fixed = offsetOfCode(row.Code);
  if (fixed !== null) {
    const etc = etcZoneOf(fixed);
    if (etc) return { zone: etc, match: 'offsetCode' };
  }
  const city = zoneOfCities(row.Description, year);
  if (city) return { zone: city, match: 'city' };
  const maintained = MAINTAINED_SAP_ZONES[row.Code];
  if (maintained && isIanaTimeZone(maintained)) return { zone: maintained, match: 'maintained' };
  return null;
}

/**
 * The offsets of `zone` over [from, to) as a series: the first offset, then each change as (instant, new offset),
 * found by weekly samples and bisected to the minute. Two zones with equal series show the same offset at every
 * minute (a change within a week of another would be missed; no zone does that in the tz database today). Cached.
 */
const offsetSeries = new Map<string, number[]>();
function offsetsOf(zone: string, from: number, to: number): number[] {
  const key = `${zone}|${from}`;
  const cached = offsetSeries.get(key);
  if (cached) return cached;
  const out: number[] = [zoneOffsetMs(zone, from)];
  let after = out[0] as number;
  for (let t = from; t < to; t += WEEK_MS) {
    const before = after;
    after = zoneOffsetMs(zone, t + WEEK_MS);
    if (before === after) continue;
    let lo = t;
    let hi = t + WEEK_MS;
    while (hi - lo > MINUTE_MS) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
      if (zoneOffsetMs(zone, mid) === before) lo = mid;
      else hi = mid;
    }
    out.push(hi, after);
  }
  offsetSeries.set(key, out);
  return out;
}

/** A zone's offsets on four days of a year: equal signatures are needed for equal series, and cheap to compare. */
const signatures = new Map<string, string>();
function signatureOf(zone: string, year: number): string {
  const key = `${zone}|${year}`;
  let signature = signatures.get(key);
  if (signature === undefined) {
    signature = [0, 3, 6, 9].map((month) => zoneOffsetMs(zone, Date.UTC(year, month, 15))).join(',');
    signatures.set(key, signature);
  }
  return signature;
}

/** Whether two zones show the same UTC offset at every minute of the instant's year and the next. */
function sameOffsets(a: string, b: string, atMs: number): boolean {
  const year = new Date(atMs).getUTCFullYear();
  const from = Date.UTC(year, 0, 1);
  const to = Date.UTC(year + 2, 0, 1);
  if (signatureOf(a, year) !== signatureOf(b, year) || signatureOf(a, year + 1) !== signatureOf(b, year + 1)) return false;
  const sa = offsetsOf(a, from, to);
  const sb = offsetsOf(b, from, to);
  return sa.length === sb.length && sa.every((offset, i) => offset === sb[i]);
}

/** The tenant's zones from its code list (empty: the maintained table alone, as for a tenant that serves none). */
export function sapZonesFrom(rows: readonly CodeListRow[]): SapZones {
  const source = rows.length > 0 ? rows : Object.keys(MAINTAINED_SAP_ZONES).map((Code) => ({ Code, Description: '' }));
  const toIana = new Map<string, string>();
  const unmatched: string[] = [];
  for (const row of source) {
    const found = matchSapZone(row);
    if (found) toIana.set(row.Code, found.zone);
    else unmatched.push(row.Code);
  }
  // IANA → code: the first code of each zone. Among equivalents: fixed-offset codes (UTC+4) first, because they say
  // exactly what the zone does (no DST), then SAP's region-wide codes (CET, EET, EST …), then the tenant's order.
  const byIana = new Map<string, string>();
  for (const [code, zone] of toIana) if (!byIana.has(zone)) byIana.set(zone, code);
  const rank = (code: string) => (offsetOfCode(code) !== null ? 0 : REGION_CODES.includes(code) ? 1 : 2);
  const candidates = [...toIana.entries()].sort(([a], [b]) => rank(a) - rank(b));
  const resolved = new Map<string, string | null>();
  return {
    unmatched,
    ianaOf: (code) => toIana.get(code.trim()) ?? null,
    codeOf: (zone, atMs) => {
      for (const alias of ianaZoneAliases(zone)) {
        const code = byIana.get(alias);
        if (code) return code;
      }
      if (!isIanaTimeZone(zone)) return null;
      const key = `${zone}|${new Date(atMs).getUTCFullYear()}`;
      if (resolved.has(key)) return resolved.get(key) ?? null;
      const code = candidates.find(([, candidate]) => sameOffsets(zone, candidate, atMs))?.[0] ?? null;
      resolved.set(key, code);
      return code;
    },
  };
}

/** The maintained table alone: for a tenant without a zone code list, and for tests. */
export const STANDARD_SAP_ZONES: SapZones = sapZonesFrom([]);
