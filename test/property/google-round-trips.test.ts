// Calendar item → Google body → the event as Google returns it → calendar item, unchanged (issue 16). Over the zones
// and DST instants of time-zone-round-trips.test.ts (support/zone-generators.ts): timed items near gaps and repeated
// hours in every zone, all-day spans in zones far from UTC, weekly series across a DST change, private items, attendees
// and links; and the R9 mark (red colour, error line) that comes off leaving the user's description as it was.
// "As Google returns it" is test/support/google-echo.ts: offsets rendered in the event's zone, patch semantics.
import fc from 'fast-check';
import { DEFAULT_CATEGORIES, type SyncKind } from '../../src/shared/categories.js';
import { normalizePrimaries, type CrmLink } from '../../src/shared/crm-links.js';
import { ianaTimeZone, zoneOffsetMs } from '../../src/shared/time-zones.js';
import { emptyCalendarItem, type Attendee, type CalendarItemPatch, type NormalizedCalendarItem } from '../../src/server/domain/calendar-item.js';
import { activeAttendeeEmails, differingFields } from '../../src/server/domain/canonical.js';
import { applyPatch } from '../../src/server/domain/family.js';
import { googleErrorClearPatch, googleErrorMarkPatch } from '../../src/server/domain/google-error-mark.js';
import type { GoogleEvent } from '../../src/server/domain/google-event.js';
import { googleInsertPayload, googlePatchPayload } from '../../src/server/domain/google-payloads.js';
import { hashItem } from '../../src/server/domain/hash.js';
import { normalizeGoogleEvent } from '../../src/server/domain/normalize-google.js';
import { syncBlocker } from '../../src/server/domain/rules.js';
import { DEFAULT_SYNC_SETTINGS } from '../../src/server/domain/settings.js';
import type { OutlookItemPresent } from '../../src/server/domain/snapshots.js';
import { dateInZone, toIsoUtc, wallClockToUtcMs } from '../../src/server/domain/time.js';
import { inserted, patched, rendering } from '../support/google-echo.js';
import { numRuns } from './support/runs.js';
import { DAY, FAR_FROM_UTC, HOUR, MINUTE, NAMES, WEEK, nearTransition, transitionsOf } from './support/zone-generators.js';

const options = { mailboxEmail: 'ava@contoso.example', categories: DEFAULT_CATEGORIES };
const PAIR = 'c-00112233445566778899aabbccddeeff';

function read(event: GoogleEvent, kind: SyncKind): OutlookItemPresent {
  const item = normalizeGoogleEvent(event, kind, options);
  if (item.removed) throw new Error('a written event read back as removed');
  return item;
}

/** Text as users type it; no HTML tags (a description with tags is read as HTML, by design). */
const text = fc.string({ maxLength: 40 }).filter((s) => !/<[a-z/!]/i.test(s));
const attendee = fc.record({
  email: fc.constantFrom('ben@contoso.example', 'cy@contoso.example', 'dee@fabrikam.example', 'eve@fabrikam.example'),
  name: fc.constantFrom('', 'Ben', 'C. Y.'),
  type: fc.constantFrom<Attendee['type']>('required', 'optional', 'resource'),
  response: fc.constantFrom<Attendee['response']>('none', 'notResponded', 'accepted', 'tentativelyAccepted', 'declined'),
});
const attendees = fc.uniqueArray(attendee, { selector: (a) => a.email, maxLength: 4 });
const link = fc.record({ type: fc.constantFrom<CrmLink['type']>('account', 'contact', 'opportunity', 'lead', 'ticket', 'individualCustomer'), id: fc.stringMatching(/^[0-9]{4,8}$/), primary: fc.boolean() });
const links = fc.uniqueArray(link, { selector: (l) => `${l.type}:${l.id}`, maxLength: 5 }).map((list) => normalizePrimaries(list));
const kind = fc.constantFrom<SyncKind>('appointment', 'visit');
const content: fc.Arbitrary<Content> = fc.record({ subject: text, location: text, body: text, private: fc.boolean(), free: fc.boolean(), attendees, links });

interface Content {
  subject: string;
  location: string;
  body: string;
  private: boolean;
  free: boolean;
  attendees: Attendee[];
  links: CrmLink[];
}

function itemOf(c: Content, times: Pick<NormalizedCalendarItem, 'startUtc' | 'endUtc' | 'isAllDay' | 'timeZone'>): NormalizedCalendarItem {
  return { ...emptyCalendarItem(), ...times, subject: c.subject, location: c.location, body: c.body, sensitivity: c.private ? 'private' : 'normal', showAs: c.free ? 'free' : 'busy', attendees: c.attendees, links: c.links, organizerEmail: 'ava@contoso.example' };
}

/** Canonically the same item: every field that syncs, the hash both ways, the attendees that count, the zone. */
function expectSame(back: NormalizedCalendarItem, item: NormalizedCalendarItem, k: SyncKind): void {
  expect(differingFields(back, item, k)).toEqual([]);
  expect(hashItem(back, 'outlook', k)).toBe(hashItem(item, 'outlook', k));
  expect(activeAttendeeEmails(back.attendees, back.organizerEmail)).toEqual(activeAttendeeEmails(item.attendees, item.organizerEmail));
  expect(back.attendees.map((a) => [a.email, a.type])).toEqual(item.attendees.map((a) => [a.email, a.type]));
  expect(back.timeZone).toBe(item.timeZone);
  expect(back.showAs).toBe(item.showAs);
}

describe('Google round trips: item → Google → item (property)', () => {
  it('timed items near DST gaps and repeated hours, in every zone, with private items, attendees and links; then a patch', () => {
    fc.assert(
      fc.property(nearTransition, content, content, kind, fc.integer({ min: -120, max: 120 }), ({ zone, start, end }, c1, c2, k, shiftMin) => {
        const item = itemOf(c1, { startUtc: toIsoUtc(start), endUtc: toIsoUtc(end), isAllDay: false, timeZone: zone });
        const stored = inserted(googleInsertPayload(item, PAIR));
        // Google keeps the instant and the zone: the offset written is the zone's at that instant.
        expect(Date.parse(stored.start?.dateTime ?? '')).toBe(start - (start % 1000));
        const back = read(stored, k);
        expectSame(back.fields, item, k);
        expect(back).toMatchObject({ transactionId: PAIR, categories: [k === 'visit' ? DEFAULT_CATEGORIES.visit : DEFAULT_CATEGORIES.appointment] });
        // A later change from C4C, written as a patch of the fields it changes, reads back as the patched item.
        const next = itemOf(c2, { startUtc: toIsoUtc(start + shiftMin * MINUTE), endUtc: toIsoUtc(end + shiftMin * MINUTE), isAllDay: false, timeZone: zone });
        const patch: CalendarItemPatch = {};
        for (const field of differingFields(next, back.fields, k)) (patch as Record<string, unknown>)[field] = next[field];
        const after = read(patched(stored, googlePatchPayload(patch, back.fields, stored.description ?? null)), k);
        expectSame(after.fields, applyPatch(back.fields, patch), k);
      }),
      { numRuns: numRuns(1000) },
    );
  });

  it('all-day spans keep their dates in zones far from UTC and on the days clocks change; R4 blocks more than a day', () => {
    const zoneName = fc.oneof(fc.constantFrom(...FAR_FROM_UTC), fc.constantFrom(...NAMES));
    fc.assert(
      fc.property(zoneName, fc.nat(), fc.integer({ min: -1, max: 1 }), fc.integer({ min: 1, max: 3 }), content, kind, (name, pick, shift, days, c, k) => {
        const zone = ianaTimeZone(name) as string;
        const list = transitionsOf(zone);
        const date = dateInZone((list[pick % list.length] as number) + shift * DAY, zone);
        const startUtc = `${date}T00:00:00Z`;
        const endUtc = toIsoUtc(Date.parse(startUtc) + days * DAY);
        const item = itemOf(c, { startUtc, endUtc, isAllDay: true, timeZone: zone });
        const stored = inserted(googleInsertPayload(item, PAIR), 'Pacific/Kiritimati');
        expect(stored.start?.date).toBe(date);
        expect(stored.end?.date).toBe(endUtc.slice(0, 10));
        const back = read(stored, k);
        expectSame(back.fields, item, k);
        expect(syncBlocker(back.fields, { ...DEFAULT_SYNC_SETTINGS, syncPrivateRecurring: true }, 'appointment')?.code === 'allDayTooLong').toBe(days > 1);
      }),
      { numRuns: numRuns(1000) },
    );
  });

  it('weekly series across a DST change: each instance keeps its date, local time, series and own key; a patched instance too', () => {
    fc.assert(
      fc.property(nearTransition, fc.integer({ min: 0, max: 23 * 4 }), content, kind, ({ zone, start }, quarter, c, k) => {
        // Four weeks at one local time, two before the change and two after, as Google expands RRULE:FREQ=WEEKLY in the
        // series' zone.
        const firstDate = dateInZone(start - 14 * DAY, zone);
        const local = `${String(Math.floor(quarter / 4)).padStart(2, '0')}:${String((quarter % 4) * 15).padStart(2, '0')}:00`;
        const keys = new Set<string | null>();
        for (let week = 0; week < 4; week += 1) {
          const date = toIsoUtc(Date.parse(`${firstDate}T00:00:00Z`) + week * WEEK).slice(0, 10);
          const at = wallClockToUtcMs(`${date}T${local}`, zone);
          const item = itemOf(c, { startUtc: toIsoUtc(at), endUtc: toIsoUtc(at + HOUR), isAllDay: false, timeZone: zone });
          const body = googleInsertPayload(item, PAIR);
          const instanceId = `m0series_${toIsoUtc(at).replace(/[-:]/g, '')}`;
          const instance = rendering({ ...body, id: instanceId, iCalUID: 'm0series@google.com', recurringEventId: 'm0series', originalStartTime: body.start ?? null, status: 'confirmed' });
          const back = read(instance, k);
          expect(back.type).toBe('occurrence');
          expect(back.fields).toMatchObject({ seriesId: 'm0series', occurrenceDate: dateInZone(at, zone), startUtc: toIsoUtc(at) });
          // Google shows the series' local time in every week (the offset moves with DST, the wall clock does not),
          // except on a date where that time falls in a DST gap and does not exist.
          if (wallClockOf(at, zone) === local) expect(instance.start?.dateTime?.slice(11, 19)).toBe(local);
          expectSame(back.fields, item, k);
          keys.add(back.iCalUId);
          // Moved by an hour from C4C: an exception of the same occurrence, same series and date.
          const moved = read(patched(instance, googlePatchPayload({ startUtc: toIsoUtc(at + HOUR), endUtc: toIsoUtc(at + 2 * HOUR) }, back.fields)), k);
          expect(moved.fields).toMatchObject({ seriesId: 'm0series', occurrenceDate: back.fields.occurrenceDate, startUtc: toIsoUtc(at + HOUR) });
          expect(moved.iCalUId).toBe(back.iCalUId);
        }
        expect(keys.size).toBe(4);
      }),
      { numRuns: numRuns(1000) },
    );
  });

  it('the R9 mark reads as the error category and comes off leaving the description and colour as they were', () => {
    const description = fc.oneof(fc.constant(undefined), fc.string({ maxLength: 60 }), fc.array(text, { maxLength: 4 }).map((lines) => lines.join('\n')), text.map((t) => `<b>${t}</b><br>more`));
    const colorId = fc.oneof(fc.constant(undefined), fc.integer({ min: 1, max: 11 }).map(String));
    fc.assert(
      fc.property(description, colorId, fc.string({ minLength: 1, maxLength: 80 }), fc.string({ minLength: 1, maxLength: 80 }), kind, (desc, color, reason1, reason2, k) => {
        const event = rendering({ id: 'ev', summary: 'x', description: desc ?? null, colorId: color ?? null, start: { date: '2026-11-21' }, end: { date: '2026-11-22' } });
        const before = read(event, k);
        expect(before.categories).not.toContain(DEFAULT_CATEGORIES.error);
        const mark1 = googleErrorMarkPatch(event, reason1);
        if (mark1 === null) throw new Error('an unmarked event always gets a mark');
        const marked = patched(patched(event, mark1), googleErrorMarkPatch(patched(event, mark1), reason2) ?? {});
        const during = read(marked, k);
        expect(marked.colorId).toBe('11');
        expect(during.categories).toContain(DEFAULT_CATEGORIES.error);
        expect(during.fields.body).toBe(before.fields.body);
        const clear = googleErrorClearPatch(marked);
        if (clear === null) throw new Error('a marked event always gets a clear');
        const cleared = patched(marked, clear);
        expect(cleared.description ?? '').toBe(event.description ?? '');
        expect(cleared.colorId).toBe(event.colorId);
        expect(read(cleared, k).categories).not.toContain(DEFAULT_CATEGORIES.error);
        expect(googleErrorClearPatch(cleared)).toBeNull();
      }),
      { numRuns: numRuns(1000) },
    );
  });
});

function wallClockOf(ms: number, zone: string): string {
  return toIsoUtc(ms + zoneOffsetMs(zone, ms)).slice(11, 19);
}
