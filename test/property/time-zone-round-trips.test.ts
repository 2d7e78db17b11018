// Outlook → C4C → Outlook round trips over every CLDR zone (every IANA zone Intl knows and every Windows name),
// at instants drawn near each zone's DST transitions (gaps and repeated hours), all-day dates in zones far from UTC,
// and weekly series whose weeks straddle a transition. The C4C side is the tenant's code list as the sandbox serves
// it (SAP's TZONE list), so a zone is written as its own code or one keeping its offsets, or refused (never UTC).
// Google's side has its own round trips (google-round-trips.test.ts), over the same zones and instants.
import fc from 'fast-check';
import { STANDARD_ACTIVITY_CODES } from '../../src/server/domain/c4c-codes.js';
import { toC4cCreate } from '../../src/server/domain/c4c-payloads.js';
import { toGraphCreatePayload, toGraphPatchPayload } from '../../src/server/domain/graph-payloads.js';
import { normalizeC4cFields } from '../../src/server/domain/normalize-c4c.js';
import { normalizeGraphFields, type GraphEvent } from '../../src/server/domain/normalize-graph.js';
import { sapZonesFrom } from '../../src/server/domain/sap-time-zones.js';
import { dateInZone, toIsoUtc, wallClockToUtcMs } from '../../src/server/domain/time.js';
import { ianaTimeZone, zoneOffsetMs } from '../../src/shared/time-zones.js';
import { SAP_TIME_ZONES } from '../../src/sandbox/c4c/sap-time-zones.js';
import { numRuns } from './support/runs.js';
import { DAY, FAR_FROM_UTC, HOUR, NAMES, WEEK, nearTransition, transitionsOf } from './support/zone-generators.js';

const addinId = 'round-trip-addin';
const codes = { ...STANDARD_ACTIVITY_CODES, zones: sapZonesFrom(SAP_TIME_ZONES) };

const wall = (ms: number) => toIsoUtc(ms).replace(/Z$/, '');

/** An event as the adapter reads it: times in UTC (its Prefer header), the zone it was scheduled in as Outlook says. */
function graphEvent(name: string, startMs: number, endMs: number, extra: Partial<GraphEvent> = {}): GraphEvent {
  return { id: 'e', subject: 's', originalStartTimeZone: name, start: { dateTime: wall(startMs), timeZone: 'UTC' }, end: { dateTime: wall(endMs), timeZone: 'UTC' }, ...extra };
}

/** What Graph stores for a written dateTimeTimeZone: the instant its wall clock names in its zone. */
function instantWritten(value: unknown): number {
  const { dateTime, timeZone } = value as { dateTime: string; timeZone: string };
  const zone = ianaTimeZone(timeZone);
  if (zone === null) throw new Error(`the sync wrote a zone Graph would refuse: ${timeZone}`);
  return wallClockToUtcMs(dateTime, zone);
}

/** Through C4C and back: the C4C body the sync writes, read back as C4C returns it; null when the write is refused. */
function throughC4c(fields: ReturnType<typeof normalizeGraphFields>) {
  const write = toC4cCreate('appointment', fields, { groupwareItemId: 'g', ownerPartyId: null, parties: [], codes });
  if (write.unwritableZone !== undefined) {
    expect(write.header.StartDatetimeZoneCode).toBeUndefined();
    expect(codes.zones.codeOf(fields.timeZone, Date.parse(fields.startUtc))).toBeNull();
    return null;
  }
  return normalizeC4cFields({ ...write.header, FullDayIndicator: fields.isAllDay }, 'appointment', codes);
}

describe('time zones round trip Outlook → C4C → Outlook (property)', () => {
  it('timed events near DST gaps and repeated hours keep their instants, for every zone', () => {
    fc.assert(
      fc.property(nearTransition, ({ name, zone, start, end }) => {
        const outlook = normalizeGraphFields(graphEvent(name, start, end), { addinId });
        expect(outlook.unknownZone).toBeUndefined();
        expect(outlook.timeZone).toBe(zone);
        const crm = throughC4c(outlook);
        if (crm === null) return;
        expect(crm).toMatchObject({ startUtc: outlook.startUtc, endUtc: outlook.endUtc });
        expect(crm.unknownZone).toBeUndefined();
        // The code written keeps the zone's offset at the item's time.
        expect(zoneOffsetMs(crm.timeZone, start)).toBe(zoneOffsetMs(zone, start));
        // Back to Outlook: as a new item (C4C's zone) and as an update of the item (its own zone).
        const created = toGraphCreatePayload(crm, { categories: [], transactionId: 't' }, { addinId });
        const patched = toGraphPatchPayload({ startUtc: crm.startUtc, endUtc: crm.endUtc }, outlook, { addinId });
        for (const body of [created, patched]) {
          expect(toIsoUtc(instantWritten(body.start))).toBe(outlook.startUtc);
          expect(toIsoUtc(instantWritten(body.end))).toBe(outlook.endUtc);
        }
      }),
      { numRuns: numRuns(1000) },
    );
  });

  it('all-day events keep their dates, in zones far from UTC and on the days clocks change', () => {
    const zoneName = fc.oneof(fc.constantFrom(...FAR_FROM_UTC), fc.constantFrom(...NAMES));
    fc.assert(
      fc.property(zoneName, fc.nat(), fc.integer({ min: -1, max: 1 }), (name, pick, shift) => {
        const zone = ianaTimeZone(name) as string;
        const list = transitionsOf(zone);
        const date = dateInZone((list[pick % list.length] as number) + shift * DAY, zone);
        const next = toIsoUtc(Date.parse(`${date}T00:00:00Z`) + DAY).slice(0, 10);
        const event = graphEvent(name, 0, 0, { isAllDay: true, start: { dateTime: `${date}T00:00:00.0000000`, timeZone: name }, end: { dateTime: `${next}T00:00:00.0000000`, timeZone: name } });
        const outlook = normalizeGraphFields(event, { addinId });
        expect(outlook).toMatchObject({ startUtc: `${date}T00:00:00Z`, endUtc: `${next}T00:00:00Z`, isAllDay: true });
        const crm = throughC4c(outlook);
        if (crm === null) return;
        expect(crm).toMatchObject({ startUtc: outlook.startUtc, endUtc: outlook.endUtc, isAllDay: true });
        const back = toGraphCreatePayload(crm, { categories: [], transactionId: 't' }, { addinId });
        expect(back.start).toEqual({ dateTime: `${date}T00:00:00`, timeZone: 'UTC' });
        expect(back.end).toEqual({ dateTime: `${next}T00:00:00`, timeZone: 'UTC' });
      }),
      { numRuns: numRuns(1000) },
    );
  });

  it('weekly series straddling a DST change keep each occurrence, its date and its local time', () => {
    fc.assert(
      fc.property(nearTransition, fc.integer({ min: 0, max: 23 * 4 }), ({ name, zone, start }, quarter) => {
        // Four weeks at one local time: two before the change, two after (as Outlook expands a weekly series).
        const firstDate = dateInZone(start - 14 * DAY, zone);
        const local = `${String(Math.floor(quarter / 4)).padStart(2, '0')}:${String((quarter % 4) * 15).padStart(2, '0')}:00`;
        for (let week = 0; week < 4; week += 1) {
          const date = toIsoUtc(Date.parse(`${firstDate}T00:00:00Z`) + week * WEEK).slice(0, 10);
          const at = wallClockToUtcMs(`${date}T${local}`, zone);
          const occurrence = graphEvent(name, at, at + HOUR, { type: 'occurrence', seriesMasterId: 'S', originalStart: toIsoUtc(at) });
          const outlook = normalizeGraphFields(occurrence, { addinId });
          expect(outlook.occurrenceDate).toBe(dateInZone(at, zone));
          const write = toC4cCreate('appointment', outlook, { groupwareItemId: 'g', ownerPartyId: null, parties: [], codes });
          if (write.unwritableZone !== undefined) return;
          const crm = normalizeC4cFields({ ...write.header, FullDayIndicator: false }, 'appointment', codes);
          expect(crm).toMatchObject({ startUtc: outlook.startUtc, occurrenceDate: outlook.occurrenceDate, seriesId: 'S' });
          const patched = toGraphPatchPayload({ startUtc: crm.startUtc, endUtc: crm.endUtc }, outlook, { addinId });
          expect(toIsoUtc(instantWritten(patched.start))).toBe(outlook.startUtc);
        }
      }),
      { numRuns: numRuns(1000) },
    );
  });
});
