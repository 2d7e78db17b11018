// R10: the Google adapter reads its two calendars at the same time. A move from "SAP Visits" to "SAP Appointments"
// that lands after the Appointments list and before the Visits list shows only the move's trace (a cancelled event in
// Visits): the event is alive in Appointments, so it is a kind switch, never a delete that would cancel its records
// (the fault soak, seed 697378: both the Visit and the new Appointment ended cancelled while the event lived).
import { readGoogleChanges, type ReadContext } from '../../../src/server/adapters/google/event-reads.js';
import { encodeGoogleCursor } from '../../../src/server/adapters/google/sync-cursor.js';
import type { Mailbox } from '../../../src/server/domain/mailbox.js';

const calendars = { appointment: 'a@group.calendar.google.com', visit: 'v@group.calendar.google.com' };
const window = { startUtc: '2026-11-01T00:00:00Z', endUtc: '2027-06-01T00:00:00Z' };
const dan: Mailbox = { mailboxId: 'google:dan@contoso.example', tenantId: 't1', provider: 'google', email: 'dan@contoso.example', displayName: 'Dan', employeePartyId: '8000000004', enabled: true };
const moved = { id: 'ev1', status: 'confirmed', summary: 'Site visit', etag: '"7"', updated: '2026-12-07T02:00:00Z', start: { dateTime: '2026-12-10T10:00:00Z' }, end: { dateTime: '2026-12-10T11:00:00Z' } };

function context(aliveIn: string | null): { ctx: ReadContext; seen: string[] } {
  const seen: string[] = [];
  const notFound = () => Object.assign(new Error('Not Found'), { status: 404, response: { status: 404, headers: new Headers(), data: { error: { code: 404, errors: [{ reason: 'notFound' }] } } } });
  const api = {
    events: {
      // Incremental lists: Appointments before the move (nothing new), Visits after it (the trace only).
      list: async ({ calendarId }: { calendarId: string }) => ({ data: { items: calendarId === calendars.visit ? [{ id: 'ev1', status: 'cancelled' }] : [], nextSyncToken: `${calendarId}-2` } }),
      get: async ({ calendarId }: { calendarId: string }) => {
        if (calendarId === aliveIn) return { data: moved };
        if (calendarId === calendars.visit) return { data: { id: 'ev1', status: 'cancelled' } };
        throw notFound();
      },
    },
  };
  const ctx = {
    api, calendars, retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 }, pageSize: 250,
    normalize: { mailboxEmail: dan.email, categories: { appointment: 'SAP Cloud for Customer', visit: 'Visit', error: 'SAP sync error' } },
    seen: (id: string, calendarId: string) => void seen.push(`${id}@${calendarId}`),
  } as unknown as ReadContext;
  return { ctx, seen };
}

const cursor = encodeGoogleCursor({ window, calendars, tokens: { appointment: 'a-1', visit: 'v-1' } });

describe('Google reads: a move between the two calendars that falls between their lists', () => {
  it('reads the event where it is now, as an Appointment, not as a delete', async () => {
    const { ctx, seen } = context(calendars.appointment);
    const changes = await readGoogleChanges(ctx, dan, cursor, window);
    expect(changes.items).toHaveLength(1);
    expect(changes.items[0]).toMatchObject({ removed: false, id: 'ev1', categories: ['SAP Cloud for Customer'] });
    expect(seen).toEqual([`ev1@${calendars.appointment}`]);
  });

  it('still reads an event alive nowhere as a delete (R11)', async () => {
    const { ctx } = context(null);
    expect((await readGoogleChanges(ctx, dan, cursor, window)).items).toEqual([{ removed: true, id: 'ev1' }]);
  });
});
