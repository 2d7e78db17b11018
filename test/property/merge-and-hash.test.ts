// Properties of the pure pieces: the hash ignores presentation, and a three-way merge always yields two equal
// sides that keep every one-sided change.
import fc from 'fast-check';
import { numRuns } from './support/runs.js';
import type { SyncKind } from '../../src/shared/categories.js';
import { emptyCalendarItem, twoWayFieldsFor, type NormalizedCalendarItem } from '../../src/server/domain/calendar-item.js';
import { differingFields, fieldEqual } from '../../src/server/domain/canonical.js';
import { hashItem } from '../../src/server/domain/hash.js';
import { applyPatch, calendarBaseOf, mergeThreeWay } from '../../src/server/domain/merge.js';
import { EDIT_UNITS, applyEdit } from './support/edits.js';
import { calendarFamily } from '../../src/server/domain/calendar-family.js';
import { calendarCanonicalFields } from '../../src/server/domain/hash.js';
import { pairBaseOf } from '../../src/server/domain/pair-base.js';
import { baseOfDigests } from '../../src/server/domain/state-digest.js';
import { TEST_SEAL } from '../support/test-sealer.js';

const kindArb = fc.constantFrom<SyncKind>('appointment', 'visit');
const baseArb: fc.Arbitrary<NormalizedCalendarItem> = fc.record({
  subject: fc.string({ maxLength: 20 }),
  location: fc.string({ maxLength: 10 }),
  body: fc.string({ maxLength: 30 }),
  hour: fc.nat(48),
}).map(({ subject, location, body, hour }) => ({
  ...emptyCalendarItem(),
  subject: subject.trim(),
  location: location.trim(),
  body: body.replace(/\r\n?/g, '\n').trim(),
  startUtc: new Date(Date.UTC(2026, 10, 23, hour)).toISOString().replace('.000Z', 'Z'),
  endUtc: new Date(Date.UTC(2026, 10, 23, hour + 1)).toISOString().replace('.000Z', 'Z'),
}));
const editsArb = fc.array(fc.record({ unit: fc.constantFrom(...EDIT_UNITS), value: fc.nat(50) }), { maxLength: 4 });

describe('hash (property)', () => {
  it('ignores e-mail case, surrounding whitespace, CRLF and key order', () => {
    fc.assert(
      fc.property(baseArb, kindArb, fc.array(fc.emailAddress(), { maxLength: 3 }), (item, kind, emails) => {
        const a = { ...item, attendees: emails.map((email) => ({ email, name: 'x', type: 'required' as const, response: 'none' as const })) };
        const b = {
          ...Object.fromEntries(Object.entries(a).reverse()),
          subject: ` ${a.subject}\t`,
          body: a.body.replace(/\n/g, '\r\n'),
          attendees: [...a.attendees].reverse().map((x) => ({ ...x, email: x.email.toUpperCase(), name: 'y' })),
        } as NormalizedCalendarItem;
        expect(hashItem(b, 'outlook', kind)).toBe(hashItem(a, 'outlook', kind));
        expect(hashItem(b, 'crm', kind)).toBe(hashItem(a, 'crm', kind));
      }),
      { numRuns: numRuns(1000) },
    );
  });
});

describe('three-way merge (property)', () => {
  it('makes both sides equal and keeps one-sided changes', () => {
    fc.assert(
      fc.property(baseArb, editsArb, editsArb, kindArb, fc.constantFrom('outlook' as const, 'crm' as const), (base, oEdits, cEdits, kind, winner) => {
        const outlook = oEdits.reduce((f, e) => applyEdit(f, e.unit, 'outlook', e.value), base);
        const crm = cEdits.reduce((f, e) => applyEdit(f, e.unit, 'crm', e.value), base);
        const { outlookPatch, crmPatch } = mergeThreeWay(calendarBaseOf(base), outlook, crm, kind, winner);
        const outlookAfter = applyPatch(outlook, outlookPatch);
        const crmAfter = applyPatch(crm, crmPatch);
        expect(differingFields(outlookAfter, crmAfter, kind)).toEqual([]);
        for (const field of twoWayFieldsFor(kind)) {
          const outlookChanged = !fieldEqual(outlook, base, field);
          const crmChanged = !fieldEqual(crm, base, field);
          if (outlookChanged && !crmChanged && !['startUtc', 'endUtc', 'isAllDay'].includes(field)) expect(fieldEqual(crmAfter, outlook, field)).toBe(true);
          if (crmChanged && !outlookChanged && !['startUtc', 'endUtc', 'isAllDay'].includes(field)) expect(fieldEqual(outlookAfter, crm, field)).toBe(true);
        }
      }),
      { numRuns: numRuns(1000) },
    );
  });
});

describe('three-way merge against digests (property, docs/privacy.md)', () => {
  // The pair keeps keyed digests of the base, not its values. Whatever the edits (none, one-sided, two-sided
  // conflicts, attendee changes), the merge against the digests must decide exactly as against the values.
  const attendeesArb = fc.array(fc.constantFrom('a@x.example', 'B@x.example', 'c@x.example'), { maxLength: 3 });
  it('decides every field exactly as the merge against the base values', () => {
    fc.assert(
      fc.property(baseArb, editsArb, editsArb, kindArb, fc.constantFrom('outlook' as const, 'crm' as const), attendeesArb, attendeesArb, (base, oEdits, cEdits, kind, winner, baseAttendees, outlookAttendees) => {
        const people = (emails: string[]) => emails.map((email) => ({ email, name: '', type: 'required' as const, response: 'accepted' as const }));
        const start: NormalizedCalendarItem = { ...base, attendees: people(baseAttendees) };
        const outlook = { ...oEdits.reduce((f, e) => applyEdit(f, e.unit, 'outlook', e.value), start), attendees: people(outlookAttendees) };
        const crm = cEdits.reduce((f, e) => applyEdit(f, e.unit, 'crm', e.value), start);
        const digests = pairBaseOf(calendarFamily, TEST_SEAL, start).digests;
        const fromDigests = mergeThreeWay(baseOfDigests(TEST_SEAL, calendarCanonicalFields, digests), outlook, crm, kind, winner);
        const fromValues = mergeThreeWay(calendarBaseOf(start), outlook, crm, kind, winner);
        expect(fromDigests).toEqual(fromValues);
      }),
      { numRuns: numRuns(1000) },
    );
  });

  it('finds a one-sided edit, a conflict and an untouched field as the value merge does', () => {
    const start: NormalizedCalendarItem = { ...emptyCalendarItem(), subject: 'Quarterly review', location: 'Room 1', body: 'Agenda', startUtc: '2026-11-23T09:00:00Z', endUtc: '2026-11-23T10:00:00Z' };
    const outlook = { ...start, subject: 'Quarterly review (moved)', body: 'Outlook agenda' };
    const crm = { ...start, body: 'C4C agenda' };
    const base = baseOfDigests(TEST_SEAL, calendarCanonicalFields, pairBaseOf(calendarFamily, TEST_SEAL, start).digests);
    const merged = mergeThreeWay(base, outlook, crm, 'appointment', 'crm');
    expect(merged.crmPatch).toEqual({ subject: 'Quarterly review (moved)' }); // one-sided: Outlook's
    expect(merged.outlookPatch).toEqual({ body: 'C4C agenda' }); // both changed: the winner's
    expect(merged.conflicts).toEqual(['body']);
    expect(merged).toEqual(mergeThreeWay(calendarBaseOf(start), outlook, crm, 'appointment', 'crm')); // location untouched
  });
});

