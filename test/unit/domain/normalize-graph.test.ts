import { customPropertiesExtendedPropertyId, linksToCustomProperties } from '../../../src/shared/crm-links.js';
import { htmlToText, normalizeGraphEvent, type GraphEvent } from '../../../src/server/domain/normalize-graph.js';

const addinId = 'addin-1';

function event(overrides: Partial<GraphEvent> = {}): GraphEvent {
  return {
    id: 'AAMk1',
    changeKey: 'ck1',
    iCalUId: 'ical-1',
    categories: ['SAP Cloud for Customer'],
    isOrganizer: true,
    type: 'singleInstance',
    subject: ' Review ',
    body: { contentType: 'text', content: 'Agenda\r\nItem 1\r\n' },
    start: { dateTime: '2026-11-23T09:00:00.0000000', timeZone: 'UTC' },
    end: { dateTime: '2026-11-23T10:00:00.0000000', timeZone: 'UTC' },
    originalStartTimeZone: 'W. Europe Standard Time',
    isAllDay: false,
    location: { displayName: 'Room 1' },
    sensitivity: 'normal',
    showAs: 'busy',
    organizer: { emailAddress: { name: 'Ava', address: 'Ava.Adams@Contoso.example' } },
    attendees: [
      { type: 'required', status: { response: 'accepted' }, emailAddress: { name: 'Ben', address: 'BEN@contoso.example' } },
      { type: 'optional', status: { response: 'declined' }, emailAddress: { name: 'Cy', address: 'cy@contoso.example' } },
    ],
    ...overrides,
  };
}

describe('normalizeGraphEvent', () => {
  it('maps a Graph event to the normalized item', () => {
    const item = normalizeGraphEvent(event(), { addinId });
    expect(item.removed).toBe(false);
    if (item.removed) return;
    expect(item.version).toBe('ck1');
    expect(item.iCalUId).toBe('ical-1');
    expect(item.fields).toMatchObject({
      subject: 'Review',
      startUtc: '2026-11-23T09:00:00Z',
      endUtc: '2026-11-23T10:00:00Z',
      isAllDay: false,
      timeZone: 'Europe/Berlin',
      location: 'Room 1',
      body: 'Agenda\nItem 1',
      sensitivity: 'normal',
      organizerEmail: 'ava.adams@contoso.example',
      seriesId: null,
      occurrenceDate: null,
    });
    expect(item.fields.attendees.map((a) => [a.email, a.response])).toEqual([
      ['ben@contoso.example', 'accepted'],
      ['cy@contoso.example', 'declined'],
    ]);
  });

  it('reads times given in another zone and the changeKey from @odata.etag', () => {
    const item = normalizeGraphEvent(
      event({ changeKey: null, '@odata.etag': 'W/"xyz=="', start: { dateTime: '2026-07-01T10:00:00', timeZone: 'W. Europe Standard Time' }, end: { dateTime: '2026-07-01T11:00:00', timeZone: 'Europe/Berlin' } }),
      { addinId },
    );
    if (item.removed) throw new Error('expected present');
    expect(item.version).toBe('xyz==');
    expect(item.fields.startUtc).toBe('2026-07-01T08:00:00Z');
    expect(item.fields.endUtc).toBe('2026-07-01T09:00:00Z');
  });

  it('reads any Windows zone through CLDR', () => {
    const item = normalizeGraphEvent(
      event({ originalStartTimeZone: 'Korea Standard Time', start: { dateTime: '2026-07-01T10:00:00', timeZone: 'Korea Standard Time' }, end: { dateTime: '2026-07-01T11:00:00', timeZone: 'Korea Standard Time' } }),
      { addinId },
    );
    if (item.removed) throw new Error('expected present');
    expect(item.fields).toMatchObject({ timeZone: 'Asia/Seoul', startUtc: '2026-07-01T01:00:00Z', endUtc: '2026-07-01T02:00:00Z' });
  });

  it('marks a zone that is neither Windows nor IANA (R9: reported, not synced as UTC); a missing zone is UTC', () => {
    const unknown = normalizeGraphEvent(
      event({ originalStartTimeZone: 'Not A Zone', start: { dateTime: '2026-07-01T10:00:00', timeZone: 'Not A Zone' }, end: { dateTime: '2026-07-01T11:00:00', timeZone: 'Not A Zone' } }),
      { addinId },
    );
    if (unknown.removed) throw new Error('expected present');
    expect(unknown.fields).toMatchObject({ timeZone: 'UTC', unknownZone: { side: 'outlook', name: 'Not A Zone' } });
    // Times asked for in UTC (the adapter's Prefer header) with an original zone Outlook has no name for.
    const custom = normalizeGraphEvent(event({ originalStartTimeZone: 'tzone://Microsoft/Custom' }), { addinId });
    if (custom.removed) throw new Error('expected present');
    expect(custom.fields).toMatchObject({ startUtc: '2026-11-23T09:00:00Z', unknownZone: { side: 'outlook', name: 'tzone://Microsoft/Custom' } });
    const missing = normalizeGraphEvent(
      event({ originalStartTimeZone: null, start: { dateTime: '2026-07-01T10:00:00', timeZone: '' }, end: { dateTime: '2026-07-01T11:00:00', timeZone: '' } }),
      { addinId },
    );
    if (missing.removed) throw new Error('expected present');
    expect(missing.fields).toMatchObject({ timeZone: 'UTC', startUtc: '2026-07-01T10:00:00Z', endUtc: '2026-07-01T11:00:00Z' });
    expect(missing.fields.unknownZone).toBeUndefined();
  });

  it('maps all-day events to floating midnight dates and private sensitivities', () => {
    const item = normalizeGraphEvent(
      event({ isAllDay: true, sensitivity: 'personal', start: { dateTime: '2026-11-23T00:00:00.0000000', timeZone: 'UTC' }, end: { dateTime: '2026-11-24T00:00:00.0000000', timeZone: 'UTC' } }),
      { addinId },
    );
    if (item.removed) throw new Error('expected present');
    expect(item.fields).toMatchObject({ isAllDay: true, startUtc: '2026-11-23T00:00:00Z', endUtc: '2026-11-24T00:00:00Z', sensitivity: 'private' });
  });

  it('reads links from the add-in custom properties and series data of occurrences (R6)', () => {
    const links = [{ type: 'account' as const, id: '1001', name: 'Acme', primary: true }];
    const item = normalizeGraphEvent(
      event({
        type: 'occurrence',
        seriesMasterId: 'master-1',
        originalStart: '2026-11-23T09:00:00Z',
        singleValueExtendedProperties: [{ id: customPropertiesExtendedPropertyId(addinId), value: JSON.stringify(linksToCustomProperties(links)) }],
      }),
      { addinId },
    );
    if (item.removed) throw new Error('expected present');
    expect(item.fields.links).toEqual(links);
    expect(item.fields.seriesId).toBe('master-1');
    expect(item.fields.occurrenceDate).toBe('2026-11-23');
  });

  it('turns @removed delta entries into removed items', () => {
    expect(normalizeGraphEvent({ id: 'gone', '@removed': { reason: 'deleted' } }, { addinId })).toEqual({ removed: true, id: 'gone' });
  });

  it('strips HTML bodies to text', () => {
    expect(htmlToText('<html><body><p>Hello&nbsp;<b>you</b></p><br>Bye &amp; thanks</body></html>').trim()).toBe('Hello you\n\nBye & thanks');
    const item = normalizeGraphEvent(event({ body: { contentType: 'html', content: '<p>Hi</p>' } }), { addinId });
    if (item.removed) throw new Error('expected present');
    expect(item.fields.body).toBe('Hi');
  });
});
