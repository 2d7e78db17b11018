// Time conversions between Graph (`dateTimeTimeZone`, Windows or IANA zone names), C4C (`/Date(ms)/` instants
// plus SAP time-zone codes) and the normalized form (ISO UTC instants, IANA zones). Windows zone names and zone
// offsets live in src/shared/time-zones.ts (shared with the sandbox), SAP codes in sap-time-zones.ts. Pure: uses
// only Intl and CLDR data.
import { wallClockToInstantMs, zoneOffsetMs } from '../../shared/time-zones.js';
import { STANDARD_SAP_ZONES, type SapZones } from './sap-time-zones.js';

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

/**
 * A C4C (SAP) time-zone code → IANA, with the tenant's zones (sap-time-zones.ts). No code at all → UTC (C4C leaves
 * it empty on records without times); a code the tenant's list and the maintained table do not know → null, which
 * the caller reports (R9) rather than read as UTC.
 */
export function ianaFromSapZone(code: string | null | undefined, zones: SapZones = STANDARD_SAP_ZONES): string | null {
  if (!code) return 'UTC';
  return zones.ianaOf(code);
}

/**
 * IANA → the SAP code to write at instant `atMs`: the zone's own code, or one that keeps its offsets (Europe/Paris →
 * CET); null when the tenant has none, which the writer refuses (R9) rather than write UTC.
 */
export function sapZoneFromIana(zone: string, atMs: number, zones: SapZones = STANDARD_SAP_ZONES): string | null {
  const code = zones.codeOf(zone, atMs);
  // UTC is UTC under any name: a tenant without a UTC code still gets the code SAP itself uses for it.
  return code ?? (zone === 'UTC' ? 'UTC' : null);
}

/** A wall-clock time (`2026-11-21T09:30:00[.0000000]`, no offset) in `zone` → UTC ms. */
export function wallClockToUtcMs(local: string, zone: string): number {
  return wallClockToInstantMs(parseIsoUtc(`${local.replace(/\.\d+$/, '')}Z`), zone);
}

/** The calendar date (`YYYY-MM-DD`) an instant falls on in `zone`. */
export function dateInZone(ms: number, zone: string): string {
  return toIsoUtc(ms + zoneOffsetMs(zone, ms)).slice(0, 10);
}

/**
 * The first instant of calendar date `date` (`YYYY-MM-DD`) in `zone`: its midnight, or, where a DST change skips
 * midnight (America/Santiago, Asia/Beirut …), the first wall-clock time that exists that day. Reading the skipped
 * midnight as a wall clock would give an instant of the day before.
 */
export function startOfDateMs(date: string, zone: string): number {
  const midnight = wallClockToUtcMs(`${date}T00:00:00`, zone);
  for (let step = 0; step <= 4; step += 1) {
    const candidate = midnight + step * 30 * 60_000;
    if (dateInZone(candidate, zone) === date) return candidate;
  }
  return midnight;
}

/** Midnight of a calendar date as the normalized all-day instant (`YYYY-MM-DDT00:00:00Z`). */
export function allDayInstant(date: string): string {
  return `${date}T00:00:00Z`;
}
