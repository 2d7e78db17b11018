// Time conversions between Graph (`dateTimeTimeZone`, Windows or IANA zone names), C4C (`/Date(ms)/` instants
// plus SAP time-zone codes) and the normalized form (ISO UTC instants, IANA zones). Windows zone names and zone
// offsets live in src/shared/time-zones.ts (shared with the sandbox). Pure: uses only Intl and CLDR data.
import { ianaZoneAliases, wallClockToInstantMs, zoneOffsetMs } from '../../shared/time-zones.js';

/** `2026-11-21T09:30:00Z`: the canonical instant format of NormalizedCalendarItem (seconds, no fraction). */
export function toIsoUtc(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function parseIsoUtc(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO date-time: ${iso}`);
  return ms;
}

const ODATA_DATE = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/;

/** Parses OData v2 JSON dates `/Date(1422997623532)/` (an optional `+0100` offset is informational). */
export function parseODataDate(value: string): number {
  const match = ODATA_DATE.exec(value);
  if (!match?.[1]) throw new RangeError(`not an OData date: ${value}`);
  return Number(match[1]);
}

export function toODataDate(ms: number): string {
  return `/Date(${ms})/`;
}

/** SAP time-zone codes (C4C `StartDatetimeZoneCode` …) ↔ IANA. [M]: codes from the SAP TZONE table. */
const SAP_TO_IANA: Record<string, string> = {
  UTC: 'UTC',
  GMTUK: 'Europe/London',
  CET: 'Europe/Berlin',
  EET: 'Europe/Helsinki',
  WET: 'Europe/Lisbon',
  EST: 'America/New_York',
  CST: 'America/Chicago',
  MST: 'America/Denver',
  PST: 'America/Los_Angeles',
  INDIA: 'Asia/Kolkata',
  CHINA: 'Asia/Shanghai',
  JAPAN: 'Asia/Tokyo',
  SINGAP: 'Asia/Singapore',
  AUSNSW: 'Australia/Sydney',
  BRAZIL: 'America/Sao_Paulo',
};

const IANA_TO_SAP: Record<string, string> = {
  ...Object.fromEntries(Object.entries(SAP_TO_IANA).map(([sap, iana]) => [iana, sap])),
  'Europe/Paris': 'CET',
  'Europe/Madrid': 'CET',
  'Europe/Rome': 'CET',
  'Europe/Amsterdam': 'CET',
  'Europe/Vienna': 'CET',
  'Europe/Zurich': 'CET',
  'Europe/Budapest': 'CET',
  'Europe/Warsaw': 'CET',
  // CLDR's zone for Windows "FLE Standard Time" (EU rules, like Europe/Helsinki), under both its spellings.
  'Europe/Kiev': 'EET',
  'Europe/Kyiv': 'EET',
};

export function ianaFromSapZone(code: string | null | undefined): string {
  if (!code) return 'UTC';
  return SAP_TO_IANA[code] ?? 'UTC';
}

/** IANA → SAP code, under any IANA name of the zone (Windows names map to CLDR's `Asia/Calcutta`, SAP to `Asia/Kolkata`). */
export function sapZoneFromIana(zone: string): string {
  for (const alias of ianaZoneAliases(zone)) {
    if (Object.hasOwn(IANA_TO_SAP, alias)) return IANA_TO_SAP[alias] as string;
  }
  return 'UTC';
}

/** A wall-clock time (`2026-11-21T09:30:00[.0000000]`, no offset) in `zone` → UTC ms. */
export function wallClockToUtcMs(local: string, zone: string): number {
  return wallClockToInstantMs(parseIsoUtc(`${local.replace(/\.\d+$/, '')}Z`), zone);
}

/** The calendar date (`YYYY-MM-DD`) an instant falls on in `zone`. */
export function dateInZone(ms: number, zone: string): string {
  return toIsoUtc(ms + zoneOffsetMs(zone, ms)).slice(0, 10);
}

/** Midnight of a calendar date as the normalized all-day instant (`YYYY-MM-DDT00:00:00Z`). */
export function allDayInstant(date: string): string {
  return `${date}T00:00:00Z`;
}
