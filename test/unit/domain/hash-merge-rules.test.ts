import { DEFAULT_SYNC_SETTINGS, withDefaults } from '../../../src/server/domain/settings.js';
import { emptyCalendarItem, type NormalizedCalendarItem } from '../../../src/server/domain/calendar-item.js';
import { canonicalJson, hashItem } from '../../../src/server/domain/hash.js';
import { attendeesForCrm, calendarBaseOf, linksForOutlook, mergeThreeWay } from '../../../src/server/domain/merge.js';
import { isTargetMailbox, syncBlocker, withErrorCategory, withoutErrorCategory, withoutSyncCategories } from '../../../src/server/domain/rules.js';
import type { CrmActivity } from '../../../src/server/domain/snapshots.js';
import type { Mailbox } from '../../../src/server/domain/mailbox.js';

function item(overrides: Partial<NormalizedCalendarItem> = {}): NormalizedCalendarItem {
  return { ...emptyCalendarItem(), subject: 'S', startUtc: '2026-11-23T09:00:00Z', endUtc: '2026-11-23T10:00:00Z', ...overrides };
}

describe('hashItem', () => {
  it('ignores key order, surrounding whitespace, CRLF, e-mail case and link names', () => {
    const a = item({ body: 'a\r\nb ', attendees: [{ email: 'X@Y.example', name: 'X', type: 'required', response: 'none' }], links: [{ type: 'ticket', id: '1', name: 'T' }] });
    const b = item({ body: 'a\nb', attendees: [{ email: 'x@y.example', name: 'Other', type: 'optional', response: 'accepted' }], links: [{ type: 'ticket', id: '1' }] });
    const reordered = Object.fromEntries(Object.entries(a).reverse()) as unknown as NormalizedCalendarItem;
    expect(hashItem(a, 'outlook', 'appointment')).toBe(hashItem(b, 'outlook', 'appointment'));
    expect(hashItem(reordered, 'outlook', 'appointment')).toBe(hashItem(a, 'outlook', 'appointment'));
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
  });

  it('changes with synced fields; attendees count on the Outlook side only; Visit ignores sensitivity', () => {
    const base = item();
    expect(hashItem(item({ subject: 'T' }), 'crm', 'appointment')).not.toBe(hashItem(base, 'crm', 'appointment'));
    const withAttendee = item({ attendees: [{ email: 'a@b.example', name: '', type: 'required', response: 'none' }] });
    expect(hashItem(withAttendee, 'outlook', 'appointment')).not.toBe(hashItem(base, 'outlook', 'appointment'));
    expect(hashItem(withAttendee, 'crm', 'appointment')).toBe(hashItem(base, 'crm', 'appointment'));
    const declined = item({ attendees: [{ email: 'a@b.example', name: '', type: 'required', response: 'declined' }] });
    expect(hashItem(declined, 'outlook', 'appointment')).toBe(hashItem(base, 'outlook', 'appointment'));
    expect(hashItem(item({ sensitivity: 'private' }), 'crm', 'visit')).toBe(hashItem(base, 'crm', 'visit'));
    expect(hashItem(base, 'crm', 'visit')).not.toBe(hashItem(base, 'crm', 'appointment'));
  });
});

describe('mergeThreeWay (R12)', () => {
  const base = item({ subject: 'Base', location: 'L0', body: 'B0' });

  it('takes one-sided changes from each side', () => {
    const outlook = { ...base, subject: 'Outlook subject' };
    const crm = { ...base, location: 'CRM room' };
    const result = mergeThreeWay(calendarBaseOf(base), outlook, crm, 'appointment', 'outlook');
    expect(result.crmPatch).toEqual({ subject: 'Outlook subject' });
    expect(result.outlookPatch).toEqual({ location: 'CRM room' });
    expect(result.conflicts).toEqual([]);
  });

  it('gives true conflicts to the winner and treats start/end/all-day as one unit', () => {
    const outlook = { ...base, subject: 'O', endUtc: '2026-11-23T11:00:00Z' };
    const crm = { ...base, subject: 'C', startUtc: '2026-11-23T08:00:00Z' };
    const outlookWins = mergeThreeWay(calendarBaseOf(base), outlook, crm, 'appointment', 'outlook');
    expect(outlookWins.crmPatch).toMatchObject({ subject: 'O', startUtc: '2026-11-23T09:00:00Z', endUtc: '2026-11-23T11:00:00Z', isAllDay: false });
    expect(outlookWins.conflicts).toEqual(expect.arrayContaining(['subject', 'startUtc']));
    const crmWins = mergeThreeWay(calendarBaseOf(base), outlook, crm, 'appointment', 'crm');
    expect(crmWins.outlookPatch).toMatchObject({ subject: 'C', startUtc: '2026-11-23T08:00:00Z', endUtc: '2026-11-23T10:00:00Z' });
    expect(crmWins.crmPatch).toEqual({});
  });

  it('sends Outlook attendee changes to C4C without declined invitees or the organizer (R8)', () => {
    const outlook = {
      ...base,
      organizerEmail: 'org@x.example',
      attendees: [
        { email: 'a@x.example', name: '', type: 'required' as const, response: 'accepted' as const },
        { email: 'b@x.example', name: '', type: 'required' as const, response: 'declined' as const },
        { email: 'org@x.example', name: '', type: 'required' as const, response: 'organizer' as const },
      ],
    };
    const result = mergeThreeWay(calendarBaseOf(base), outlook, base, 'appointment', 'outlook');
    expect(result.crmPatch.attendees?.map((a) => a.email)).toEqual(['a@x.example']);
    expect(attendeesForCrm(outlook)).toHaveLength(1);
  });

  it("takes C4C's links, secondary contacts too, keeping Outlook's details of equal ones", () => {
    const outlookLinks = [
      { type: 'individualCustomer' as const, id: '1', name: 'Jo', primary: true },
      { type: 'contact' as const, id: '9', name: 'Secondary' },
      { type: 'individualCustomer' as const, id: '2', name: 'Kim' },
    ];
    const merged = linksForOutlook([{ type: 'account', id: '1', primary: true }, { type: 'lead', id: '5' }, { type: 'account', id: '2' }], outlookLinks);
    // A C4C user removed the secondary contact 9: it goes in Outlook too (C4C holds such links as involved parties).
    expect(merged).toEqual([outlookLinks[0], { type: 'lead', id: '5' }, outlookLinks[2]]);
  });

  it('without a base every difference is decided by the winner', () => {
    const result = mergeThreeWay(null, { ...base, subject: 'O' }, { ...base, subject: 'C' }, 'appointment', 'crm');
    expect(result.outlookPatch).toEqual({ subject: 'C' });
  });
});

describe('rules', () => {
  const settings = DEFAULT_SYNC_SETTINGS;

  it('R4: all-day events longer than 24 h do not sync', () => {
    expect(syncBlocker(item({ isAllDay: true, startUtc: '2026-11-23T00:00:00Z', endUtc: '2026-11-24T00:00:00Z' }), settings)).toBeNull();
    expect(syncBlocker(item({ isAllDay: true, startUtc: '2026-11-23T00:00:00Z', endUtc: '2026-11-25T00:00:00Z' }), settings)?.code).toBe('allDayTooLong');
    expect(syncBlocker(item({ endUtc: '2026-11-23T08:00:00Z' }), settings)?.code).toBe('invalidItem');
  });

  it('R5: private recurring items sync only when the tenant allows it', () => {
    const privateOccurrence = item({ sensitivity: 'private', seriesId: 's', occurrenceDate: '2026-11-23' });
    expect(syncBlocker(privateOccurrence, settings)?.code).toBe('privateRecurringNotAllowed');
    expect(syncBlocker(privateOccurrence, withDefaults({ syncPrivateRecurring: true }))).toBeNull();
    expect(syncBlocker(item({ sensitivity: 'private' }), settings)).toBeNull();
  });

  it('R5/R9: a private item never becomes a Visit (C4C Visits have no sensitivity); as an Appointment it syncs', () => {
    expect(syncBlocker(item({ sensitivity: 'private' }), settings, 'visit')?.code).toBe('privateVisit');
    expect(syncBlocker(item({ sensitivity: 'private' }), settings, 'appointment')).toBeNull();
    expect(syncBlocker(item({ sensitivity: 'normal' }), settings, 'visit')).toBeNull();
  });

  it('R7: appointments land with the organizer, visits per the Sync Visit To setting', () => {
    const mailbox: Mailbox = { mailboxId: 'm', tenantId: 't', provider: 'graph', email: 'owner@x.example', displayName: '', employeePartyId: 'E1', enabled: true };
    const activity: CrmActivity = {
      objectId: 'o', kind: 'appointment', version: 'v', groupwareItemId: null, status: 'open', removed: false,
      ownerPartyId: 'E1', ownerEmail: 'owner@x.example', organizerPartyId: 'E2', organizerEmail: 'org@x.example',
      lastChangedOn: '2026-11-21T00:00:00Z', fields: item(),
    };
    expect(isTargetMailbox(activity, mailbox, settings)).toBe(false);
    expect(isTargetMailbox({ ...activity, kind: 'visit' }, mailbox, settings)).toBe(false);
    expect(isTargetMailbox({ ...activity, kind: 'visit' }, mailbox, withDefaults({ visitSyncTo: 'owner' }))).toBe(true);
    expect(isTargetMailbox({ ...activity, organizerPartyId: null, organizerEmail: null }, mailbox, settings)).toBe(true);
    expect(isTargetMailbox({ ...activity, organizerPartyId: null, organizerEmail: 'OWNER@x.example' }, mailbox, settings)).toBe(true);
  });

  it('R9/R11: category list edits', () => {
    expect(withErrorCategory(['A'], settings)).toEqual(['A', settings.categories.error]);
    expect(withErrorCategory([settings.categories.error.toUpperCase()], settings)).toBeNull();
    expect(withoutErrorCategory(['A', settings.categories.error], settings)).toEqual(['A']);
    expect(withoutErrorCategory(['A'], settings)).toBeNull();
    expect(withoutSyncCategories(['Visit', 'A', 'sap cloud for customer'], settings)).toEqual(['A']);
  });
});
