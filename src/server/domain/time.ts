// Time conversions between Graph (`dateTimeTimeZone`, Windows or IANA zone names), C4C (`/Date(ms)/` instants
// plus SAP time-zone codes) and the normalized form (ISO UTC instants, IANA zones). Pure: uses only Intl.

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

/** Windows zone names Graph reports (originalStartTimeZone) → IANA. Unknown names pass through if Intl knows them. */
const WINDOWS_TO_IANA: Record<string, string> = {
  UTC: 'UTC',
  'Coordinated Universal Time': 'UTC',
  'W. Europe Standard Time': 'Europe/Berlin',
  'Romance Standard Time': 'Europe/Paris',
  'Central Europe Standard Time': 'Europe/Budapest',
  'Central European Standard Time': 'Europe/Warsaw',
  'GMT Standard Time': 'Europe/London',
  'E. Europe Standard Time': 'Europe/Chisinau',
  'FLE Standard Time': 'Europe/Helsinki',
  'Eastern Standard Time': 'America/New_York',
  'Central Standard Time': 'America/Chicago',
  'Mountain Standard Time': 'America/Denver',
  'Pacific Standard Time': 'America/Los_Angeles',
  'India Standard Time': 'Asia/Kolkata',
  'China Standard Time': 'Asia/Shanghai',
  'Tokyo Standard Time': 'Asia/Tokyo',
  'Singapore Standard Time': 'Asia/Singapore',
  'AUS Eastern Standard Time': 'Australia/Sydney',
  'E. South America Standard Time': 'America/Sao_Paulo',
};

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
};

export function isKnownIanaZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A Graph/Google zone name (Windows or IANA) → IANA; unknown → UTC. */
export function ianaFromGroupwareZone(zone: string | null | undefined): string {
  if (!zone) return 'UTC';
  const mapped = WINDOWS_TO_IANA[zone];
  if (mapped) return mapped;
  return isKnownIanaZone(zone) ? zone : 'UTC';
}

export function ianaFromSapZone(code: string | null | undefined): string {
  if (!code) return 'UTC';
  return SAP_TO_IANA[code] ?? 'UTC';
}

export function sapZoneFromIana(zone: string): string {
  return IANA_TO_SAP[zone] ?? 'UTC';
}

/** Offset of `zone` from UTC at instant `ms`, in ms (positive east of Greenwich). */
export function zoneOffsetMs(zone: string, ms: number): number {
  if (zone === 'UTC') return 0;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** A wall-clock time (`2026-11-21T09:30:00[.0000000]`, no offset) in `zone` → UTC ms. */
export function wallClockToUtcMs(local: string, zone: string): number {
  const asUtc = parseIsoUtc(`${local.replace(/\.\d+$/, '')}Z`);
  if (zone === 'UTC') return asUtc;
  // Two passes settle the offset across DST transitions.
  let guess = asUtc - zoneOffsetMs(zone, asUtc);
  guess = asUtc - zoneOffsetMs(zone, guess);
  return guess;
}

/** The calendar date (`YYYY-MM-DD`) an instant falls on in `zone`. */
export function dateInZone(ms: number, zone: string): string {
  return toIsoUtc(ms + zoneOffsetMs(zone, ms)).slice(0, 10);
}

/** Midnight of a calendar date as the normalized all-day instant (`YYYY-MM-DDT00:00:00Z`). */
export function allDayInstant(date: string): string {
  return `${date}T00:00:00Z`;
}
