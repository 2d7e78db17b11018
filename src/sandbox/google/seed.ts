// The Google sandbox's demo Workspace: two users who are also C4C employees (the demo tenant's Dan Diaz and Eve
// Evans, same e-mails as in the C4C sandbox), each with a few weeks of events in their primary calendar around the
// anchor: one-off meetings, a customer visit with attendees, a private appointment, a two-day all-day event and a
// weekly series with one edited occurrence. Ids come from a fixed seed, so runs repeat. Every event is written
// through the same code as events.insert and events.patch.
import { DEMO_USERS } from '../common/demo-tenant.js';
import { mulberry32 } from '../common/mulberry32.js';
import { insertEvent, writeEvent } from './event-ops.js';
import type { GoogleUser } from './model.js';
import type { GoogleStore } from './store.js';
import { DAY_MS, formatInstant } from './time.js';
import { wallClockToInstantMs } from '../../shared/time-zones.js';

const GOOGLE_DEMO_MAILS = ['dan.diaz@contoso.example', 'eve.evans@contoso.example'];

/** The Workspace users: the demo tenant's people whose mailbox is at Google in the demo. */
export const GOOGLE_DEMO_USERS: readonly GoogleUser[] = DEMO_USERS.filter((u) => GOOGLE_DEMO_MAILS.includes(u.mail)).map((u) => ({
  email: u.mail,
  displayName: u.displayName,
  timeZone: u.timeZone,
}));

function idMaker(seed: number): () => string {
  const random = mulberry32(seed);
  const alphabet = '0123456789abcdefghijklmnopqrstuv';
  return () => Array.from({ length: 26 }, () => alphabet[Math.floor(random() * 32)]).join('');
}

/** Monday 00:00 UTC of the week before the anchor's. */
function firstMonday(anchor: number): number {
  const day = Math.floor(anchor / DAY_MS) * DAY_MS;
  const weekday = (new Date(day).getUTCDay() + 6) % 7;
  return day - weekday * DAY_MS - 7 * DAY_MS;
}

export function seedGoogleDemo(store: GoogleStore, anchor = Date.now()): void {
  const nextId = idMaker(16);
  const monday = firstMonday(anchor);
  const others = GOOGLE_DEMO_USERS.map((u) => u.email);
  for (const user of store.users.filter((u) => GOOGLE_DEMO_MAILS.includes(u.email))) {
    const calendar = store.calendarFor(user.email, 'primary');
    const zone = user.timeZone;
    const at = (day: number, hour: number, minute = 0) => formatInstant(wallClockToInstantMs(monday + day * DAY_MS + (hour * 60 + minute) * 60_000, zone), zone);
    const insert = (body: Record<string, unknown>) => insertEvent(store, calendar, user.email, { id: nextId(), ...body });
    const colleague = others.find((e) => e !== user.email) ?? user.email;

    // A weekly stand-up over the four weeks, its third occurrence moved by half an hour.
    const series = insert({
      summary: 'Sales team stand-up',
      start: { dateTime: at(0, 9), timeZone: zone },
      end: { dateTime: at(0, 9, 30), timeZone: zone },
      recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=4'],
      attendees: [{ email: user.email, responseStatus: 'accepted' }, { email: colleague }],
    });
    const third = new Date(wallClockToInstantMs(monday + 14 * DAY_MS + 9 * 3_600_000, zone)).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    writeEvent(store, calendar, `${series.id}_${third}`, { start: { dateTime: at(14, 9, 30), timeZone: zone }, end: { dateTime: at(14, 10), timeZone: zone } }, undefined, 'patch');

    for (let week = 0; week < 4; week += 1) {
      const d = week * 7;
      insert({ summary: `Pipeline review, week ${week + 1}`, start: { dateTime: at(d + 1, 14) }, end: { dateTime: at(d + 1, 15) } });
      insert({
        summary: 'Visit: Northwind Traders',
        location: 'Northwind Traders, Main Street 1',
        start: { dateTime: at(d + 2, 10) },
        end: { dateTime: at(d + 2, 11, 30) },
        attendees: [{ email: user.email, responseStatus: 'accepted' }, { email: 'buyer@northwind.example', displayName: 'Nora Buyer' }],
      });
      insert({ summary: 'Customer call: Fabrikam', description: 'Renewal of the service contract.', colorId: '9', start: { dateTime: at(d + 3, 16) }, end: { dateTime: at(d + 3, 16, 30) } });
    }
    insert({ summary: 'Dentist', visibility: 'private', start: { dateTime: at(4, 8) }, end: { dateTime: at(4, 9) } });
    const fairStart = new Date(monday + 10 * DAY_MS).toISOString().slice(0, 10);
    const fairEnd = new Date(monday + 12 * DAY_MS).toISOString().slice(0, 10);
    insert({ summary: 'Trade fair', transparency: 'transparent', start: { date: fairStart }, end: { date: fairEnd } });
  }
}
