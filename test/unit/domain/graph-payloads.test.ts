import { emptyCalendarItem } from '../../../src/server/domain/calendar-item.js';
import { toGraphCreatePayload, toGraphPatchPayload } from '../../../src/server/domain/graph-payloads.js';
import { normalizeGraphEvent, type GraphEvent } from '../../../src/server/domain/normalize-graph.js';
import { hashItem } from '../../../src/server/domain/hash.js';

const options = { addinId: 'addin-1' };
const item = {
  ...emptyCalendarItem(),
  subject: 'Review',
  startUtc: '2026-11-23T09:00:00Z',
  endUtc: '2026-11-23T10:00:00Z',
  location: 'HQ',
  body: 'Notes',
  attendees: [{ email: 'ben@contoso.example', name: 'Ben', type: 'required' as const, response: 'none' as const }],
  links: [{ type: 'opportunity' as const, id: '5001' }],
};

describe('Graph payloads', () => {
  it('creates events with categories, transactionId and links in the custom-properties extended property', () => {
    const body = toGraphCreatePayload(item, { categories: ['SAP Cloud for Customer'], transactionId: 'c-1' }, options);
    expect(body).toMatchObject({
      subject: 'Review',
      body: { contentType: 'text', content: 'Notes' },
      start: { dateTime: '2026-11-23T09:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-11-23T10:00:00', timeZone: 'UTC' },
      categories: ['SAP Cloud for Customer'],
      transactionId: 'c-1',
    });
    // What Graph would echo back normalizes to the same outlook hash.
    const echoed = normalizeGraphEvent({ id: 'new', changeKey: 'k', ...(body as Omit<GraphEvent, 'id'>) }, options);
    if (echoed.removed) throw new Error('expected present');
    expect(hashItem(echoed.fields, 'outlook', 'appointment')).toBe(hashItem(item, 'outlook', 'appointment'));
  });

  it('writes all-day events as midnight dates', () => {
    const body = toGraphCreatePayload({ ...item, isAllDay: true, startUtc: '2026-11-23T00:00:00Z', endUtc: '2026-11-24T00:00:00Z' }, { categories: [], transactionId: 't' }, options);
    expect(body.start).toEqual({ dateTime: '2026-11-23T00:00:00', timeZone: 'UTC' });
    expect(body.isAllDay).toBe(true);
  });

  it('patches only the changed fields, with start/end/isAllDay together', () => {
    expect(toGraphPatchPayload({ subject: 'X' }, item, options)).toEqual({ subject: 'X' });
    expect(toGraphPatchPayload({ endUtc: '2026-11-23T11:00:00Z' }, item, options, ['A'])).toEqual({
      isAllDay: false,
      start: { dateTime: '2026-11-23T09:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-11-23T11:00:00', timeZone: 'UTC' },
      categories: ['A'],
    });
  });

  it("writes timed items as wall-clock times in the item's own zone, so Outlook keeps the meeting's zone", () => {
    const berlin = { ...item, timeZone: 'Europe/Berlin' };
    const body = toGraphCreatePayload(berlin, { categories: [], transactionId: 'c-2' }, options);
    expect(body.start).toEqual({ dateTime: '2026-11-23T10:00:00', timeZone: 'Europe/Berlin' });
    expect(body.end).toEqual({ dateTime: '2026-11-23T11:00:00', timeZone: 'Europe/Berlin' });
    const summer = toGraphPatchPayload({ startUtc: '2026-07-01T08:00:00Z' }, { ...berlin, startUtc: '2026-07-01T08:00:00Z', endUtc: '2026-07-01T09:00:00Z' }, options);
    expect(summer.start).toEqual({ dateTime: '2026-07-01T10:00:00', timeZone: 'Europe/Berlin' });
    // An unknown zone falls back to UTC rather than guessing.
    expect(toGraphCreatePayload({ ...item, timeZone: 'Mars/Olympus' }, { categories: [], transactionId: 'c-3' }, options).start).toEqual({ dateTime: '2026-11-23T09:00:00', timeZone: 'UTC' });
  });
});
