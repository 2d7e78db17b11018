import { normalizeC4cActivity } from '../../../src/server/domain/normalize-c4c.js';
import { toC4cCancel, toC4cCreate, toC4cDeepInsertBody, toC4cUpdate } from '../../../src/server/domain/c4c-payloads.js';
import { STANDARD_ACTIVITY_CODES, btdTypeCodesFrom, partyRolesFrom, type C4cActivityCodes } from '../../../src/server/domain/c4c-codes.js';
import { emptyCalendarItem, type NormalizedCalendarItem } from '../../../src/server/domain/calendar-item.js';
import { hashItem } from '../../../src/server/domain/hash.js';

const ms = (iso: string): string => `/Date(${Date.parse(iso)})/`;

const appointmentJson = {
  __metadata: { etag: `W/"datetimeoffset'2026-11-21T10%3A00%3A00.1234560Z'"` },
  ObjectID: 'OBJ1',
  Subject: 'Quarterly review ',
  StartDate: ms('2026-11-23T09:00:00Z'),
  EndDate: ms('2026-11-23T10:00:00Z'),
  StartDatetimeZoneCode: 'CET',
  EnddatetimeZoneCode: 'CET',
  FullDayIndicator: false,
  Priority: '3',
  LifeCycleStatusCode: '1',
  Location: 'HQ',
  InformationSensitivityCode: '2',
  AvailabilityCode: '2',
  MainAccountPartyID: '1001',
  MainContactPartyID: '2001',
  OwnerPartyID: '8000000001',
  OrganizerPartyID: '8000000001',
  OrganizerEmailURI: 'Ava.Adams@contoso.example',
  GroupwareItemID: 'ical-1',
  EntityLastChangedOn: ms('2026-11-21T10:00:00Z'),
  AppointmentInvolvedParties: {
    results: [
      { PartyID: '8000000001', RoleCode: '39', PartyEmailURI: 'ava.adams@contoso.example' },
      { PartyID: '8000000002', RoleCode: '55', PartyName: 'Ben', PartyEmailURI: 'Ben.Brooks@contoso.example' },
    ],
  },
  AppointmentBTDReference: [{ ID: '5001', TypeCode: '72' }, { ID: '9', TypeCode: '999' }],
  AppointmentTextCollection: [{ Text: 'Notes\r\n', TypeCode: '10002' }],
};

describe('normalizeC4cActivity', () => {
  it('keeps the milliseconds of EntityLastChangedOn (two edits in one second stay apart)', () => {
    const first = normalizeC4cActivity({ ...appointmentJson, EntityLastChangedOn: ms('2026-11-21T10:00:00.120Z') }, 'appointment');
    const second = normalizeC4cActivity({ ...appointmentJson, EntityLastChangedOn: ms('2026-11-21T10:00:00.870Z') }, 'appointment');
    expect([first.lastChangedOn, second.lastChangedOn]).toEqual(['2026-11-21T10:00:00.120Z', '2026-11-21T10:00:00.870Z']);
  });

  it('maps an Appointment (StartDate/EndDate, FullDayIndicator, LifeCycleStatusCode …)', () => {
    const activity = normalizeC4cActivity(appointmentJson, 'appointment');
    expect(activity).toMatchObject({
      objectId: 'OBJ1',
      kind: 'appointment',
      version: appointmentJson.__metadata.etag,
      groupwareItemId: 'ical-1',
      status: 'open',
      ownerPartyId: '8000000001',
      ownerEmail: 'ava.adams@contoso.example',
      organizerEmail: 'ava.adams@contoso.example',
      lastChangedOn: '2026-11-21T10:00:00.000Z',
    });
    expect(activity.fields).toMatchObject({
      subject: 'Quarterly review',
      startUtc: '2026-11-23T09:00:00Z',
      endUtc: '2026-11-23T10:00:00Z',
      isAllDay: false,
      timeZone: 'Europe/Berlin',
      location: 'HQ',
      body: 'Notes',
      sensitivity: 'private',
      showAs: 'tentative',
    });
    expect(activity.fields.attendees.map((a) => a.email)).toEqual(['ben.brooks@contoso.example']);
    expect(activity.fields.links).toEqual([
      { type: 'account', id: '1001', primary: true },
      { type: 'contact', id: '2001', primary: true },
      { type: 'opportunity', id: '5001' },
    ]);
  });

  it('maps a Visit (StartDateTime/EndDateTime, AllDayEvent, Status) including all-day dates in its zone', () => {
    const activity = normalizeC4cActivity(
      {
        ObjectID: 'V1',
        ETag: ms('2026-11-21T10:00:00Z'),
        Subject: 'Store visit',
        StartDateTime: ms('2026-11-22T23:00:00Z'),
        EndDateTime: ms('2026-11-23T23:00:00Z'),
        StartTimeZoneCode: 'CET',
        AllDayEvent: true,
        Status: '4',
        OwnerEmailURI: 'Dan.Diaz@contoso.example',
        VisitParty: [{ PartyID: '2001', RoleCode: '55', Email: 'c@customer.example' }],
      },
      'visit',
    );
    expect(activity).toMatchObject({ kind: 'visit', status: 'cancelled', ownerEmail: 'dan.diaz@contoso.example', version: ms('2026-11-21T10:00:00Z') });
    expect(activity.fields).toMatchObject({ isAllDay: true, startUtc: '2026-11-23T00:00:00Z', endUtc: '2026-11-24T00:00:00Z', sensitivity: 'normal' });
    expect(activity.fields.attendees.map((a) => a.email)).toEqual(['c@customer.example']);
  });
});

function item(overrides: Partial<NormalizedCalendarItem> = {}): NormalizedCalendarItem {
  return {
    ...emptyCalendarItem(),
    subject: 'Review',
    startUtc: '2026-11-23T09:00:00Z',
    endUtc: '2026-11-23T10:00:00Z',
    timeZone: 'Europe/Berlin',
    location: 'HQ',
    body: 'Notes',
    organizerEmail: 'ava.adams@contoso.example',
    links: [
      { type: 'individualCustomer', id: '1001', primary: true },
      { type: 'contact', id: '2001', primary: true },
      { type: 'ticket', id: '77' },
      { type: 'contact', id: '2002' },
    ],
    ...overrides,
  };
}

describe('C4C payloads', () => {
  const parties = [{ email: 'ben@contoso.example', partyId: '8000000002', partyType: 'employee' as const, name: 'Ben' }];

  it('builds an Appointment create with links, parties, GroupwareItemID and sensitivity (R5)', () => {
    const write = toC4cCreate('appointment', item({ sensitivity: 'private' }), { groupwareItemId: 'ical-1', ownerPartyId: '8000000001', parties });
    expect(write.entitySet).toBe('AppointmentCollection');
    expect(write.header).toMatchObject({
      Subject: 'Review',
      StartDate: ms('2026-11-23T09:00:00Z'),
      EndDate: ms('2026-11-23T10:00:00Z'),
      StartDatetimeZoneCode: 'CET',
      EnddatetimeZoneCode: 'CET',
      FullDayIndicator: false,
      Priority: '3',
      LifeCycleStatusCode: '1',
      InformationSensitivityCode: '2',
      GroupwareItemID: 'ical-1',
      OwnerPartyID: '8000000001',
      MainAccountPartyID: '1001',
      MainContactPartyID: '2001',
    });
    expect(write.btdReferences).toEqual([{ ID: '77', TypeCode: '118' }]);
    expect(write.parties).toEqual([{ PartyID: '8000000002', RoleCode: '55', PartyTypeCode: '147', PartyName: 'Ben', PartyEmailURI: 'ben@contoso.example' }]);
    // The other contact is an involved party in the contact role, not main: it is not dropped.
    expect(write.linkParties).toEqual([{ PartyID: '2002', RoleCode: '34', MainIndicator: false }]);
    expect(write.unwritableLinks).toBeUndefined();
    const deep = toC4cDeepInsertBody('appointment', write);
    expect(deep.AppointmentInvolvedParties).toEqual([...(write.parties ?? []), ...(write.linkParties ?? [])]);
    expect(deep.AppointmentTextCollection).toEqual([{ Text: 'Notes', TypeCode: '10002', LanguageCode: 'EN' }]);
  });

  it('R8: names an employee organizer (OrganizerPartyID and an organizer-role party, which round-trips as no attendee); an outside one only by e-mail', () => {
    const ava = { email: 'ava@contoso.example', partyId: '8000000001', partyType: 'employee' as const, name: 'Ava' };
    const write = toC4cCreate('appointment', item({ organizerEmail: ava.email }), { groupwareItemId: 'g', ownerPartyId: ava.partyId, parties, organizer: ava });
    expect(write.header).toMatchObject({ OrganizerPartyID: '8000000001', OrganizerEmailURI: 'ava@contoso.example' });
    expect(write.parties?.map((p) => [p.PartyID, p.RoleCode])).toEqual([['8000000001', '35'], ['8000000002', '55']]);
    const read = normalizeC4cActivity({ ...toC4cDeepInsertBody('appointment', write), ObjectID: 'O', AppointmentInvolvedParties: write.parties }, 'appointment');
    expect(read.fields.attendees.map((a) => a.email)).toEqual(['ben@contoso.example']);
    expect(read.organizerPartyId).toBe('8000000001');

    const outside = toC4cCreate('visit', item({ organizerEmail: 'fiona@fabrikam.example' }), { groupwareItemId: 'g', ownerPartyId: null, parties: [], organizer: { ...ava, partyType: 'contact' } });
    expect(outside.header).not.toHaveProperty('OrganizerPartyID');
    expect(outside.parties).toEqual([]);
  });

  it('builds a Visit create with Visit field names and an occurrence link (R6)', () => {
    const write = toC4cCreate('visit', item({ seriesId: 'series-9', occurrenceDate: '2026-11-23', isAllDay: true, startUtc: '2026-11-23T00:00:00Z', endUtc: '2026-11-24T00:00:00Z' }), {
      groupwareItemId: 'g',
      ownerPartyId: null,
      parties: [],
    });
    expect(write.entitySet).toBe('VisitCollection');
    expect(write.header).toMatchObject({
      StartDateTime: ms('2026-11-22T23:00:00Z'),
      EndDateTime: ms('2026-11-23T23:00:00Z'),
      StartTimeZoneCode: 'CET',
      AllDayEvent: true,
      PriorityCode: '3',
      Status: '1',
      RecurrenceActGroupwareID: 'series-9',
      OccurrenceDate: ms('2026-11-23T00:00:00Z'),
    });
    expect(write.header).not.toHaveProperty('InformationSensitivityCode');
    expect(write.header).not.toHaveProperty('OwnerPartyID');
  });

  it('round-trips: normalizing what the create wrote gives the same crm hash', () => {
    const source = item();
    const write = toC4cCreate('appointment', source, { groupwareItemId: 'g', ownerPartyId: null, parties });
    const readBack = normalizeC4cActivity({ ObjectID: 'X', ...toC4cDeepInsertBody('appointment', write) }, 'appointment');
    expect(hashItem(readBack.fields, 'crm', 'appointment')).toBe(hashItem(source, 'crm', 'appointment'));
  });

  it("writes links with the tenant's codes, reads them back with them, and lists links the tenant has no code for", () => {
    const tenant: C4cActivityCodes = {
      btdTypes: { ...STANDARD_ACTIVITY_CODES.btdTypes, ticket: 'Z118', lead: null },
      partyRoles: { ...STANDARD_ACTIVITY_CODES.partyRoles, attendee: 'Z55', account: 'Z31', contact: 'Z34' },
      zones: STANDARD_ACTIVITY_CODES.zones,
    };
    const links = [...item().links, { type: 'account' as const, id: '1002' }];
    const source = item({ links });
    const write = toC4cCreate('appointment', source, { groupwareItemId: 'g', ownerPartyId: null, parties, codes: tenant });
    expect(write.btdReferences).toEqual([{ ID: '77', TypeCode: 'Z118' }]);
    expect(write.linkParties).toEqual([
      { PartyID: '2002', RoleCode: 'Z34', MainIndicator: false },
      { PartyID: '1002', RoleCode: 'Z31', MainIndicator: false },
    ]);
    expect(write.parties?.map((p) => p.RoleCode)).toEqual(['Z55']);
    const readBack = normalizeC4cActivity({ ObjectID: 'X', ...toC4cDeepInsertBody('appointment', write) }, 'appointment', tenant);
    expect(readBack.fields.links).toEqual([
      { type: 'account', id: '1001', primary: true },
      { type: 'contact', id: '2001', primary: true },
      { type: 'contact', id: '2002' },
      { type: 'account', id: '1002' },
      { type: 'ticket', id: '77' },
    ]);
    expect(readBack.fields.attendees.map((a) => a.email)).toEqual(['ben@contoso.example']);
    expect(hashItem(readBack.fields, 'crm', 'appointment')).toBe(hashItem(source, 'crm', 'appointment'));
    // Read with C4C's standard codes, the tenant's rows would mean nothing: the codes come from the tenant.
    expect(normalizeC4cActivity({ ObjectID: 'X', ...toC4cDeepInsertBody('appointment', write) }, 'appointment').fields.links.map((l) => l.id)).toEqual(['1001', '2001']);

    const lacking: C4cActivityCodes = { ...tenant, partyRoles: { ...tenant.partyRoles, contact: null } };
    const refused = toC4cUpdate('appointment', { links: [...links, { type: 'lead', id: '50001' }] }, source, undefined, lacking);
    expect(refused.unwritableLinks).toEqual([{ type: 'contact', id: '2002' }, { type: 'lead', id: '50001' }]);
  });

  it("finds the codes in a tenant's code lists by their descriptions", () => {
    expect(btdTypeCodesFrom([
      { Code: '72', Description: 'Opportunity' },
      { Code: '114', Description: 'Sales Order' },
      { Code: '2059', Description: 'Customer Order' },
      { Code: '30', Description: 'Sales Quote' },
      { Code: '118', Description: 'Service Request' },
      { Code: '542', Description: 'Task' },
      { Code: '39', Description: 'E-Mail' },
    ])).toEqual({ opportunity: '72', salesOrder: '2059', salesQuote: '30', ticket: '118', task: '542', email: '39', lead: null });
    expect(btdTypeCodesFrom([])).toEqual(STANDARD_ACTIVITY_CODES.btdTypes);
    expect(partyRolesFrom([{ Code: '8', Description: 'Teilnehmer' }, { Code: '9', Description: 'Ansprechpartner' }])).toEqual({ ...STANDARD_ACTIVITY_CODES.partyRoles, attendee: '8', contact: '9', account: null });
  });

  it('builds updates with only the patched fields, times together', () => {
    const update = toC4cUpdate('appointment', { subject: 'New', endUtc: '2026-11-23T11:00:00Z' }, item());
    expect(update.header).toEqual({
      Subject: 'New',
      StartDate: ms('2026-11-23T09:00:00Z'),
      EndDate: ms('2026-11-23T11:00:00Z'),
      StartDatetimeZoneCode: 'CET',
      EnddatetimeZoneCode: 'CET',
      FullDayIndicator: false,
    });
    expect(update.parties).toBeUndefined();
    const withAttendees = toC4cUpdate('visit', { attendees: [] }, item(), []);
    expect(withAttendees.parties).toEqual([]);
    expect(toC4cCancel('visit').header).toEqual({ Status: '4' });
    expect(toC4cCancel('appointment').header).toEqual({ LifeCycleStatusCode: '4' });
  });
});
