// Deterministic demo calendars (a seeded PRNG; dates relative to an anchor day): for every demo user a few weeks
// (−14..+28 days) of single, all-day, multi-day all-day, private and recurring items (with an exception and a
// cancelled occurrence), meetings between demo users with responses, some tagged for C4C sync, and master
// categories. Everything goes through the same operations the API uses, so meetings propagate as they would.
import { DAY_MS, fromInstant, toInstant } from '../time.js';
import { mulberry32 } from '../../common/mulberry32.js';
import type { Attendee, EventWrite } from '../model.js';
import { createEvent, deleteEvent, respondToEvent, updateEvent } from './event-ops.js';
import type { GraphStore, Mailbox } from './graph-store.js';
import { seedContactData } from '../contacts/contact-seed.js';
import { seedTodoData } from '../todo/todo-seed.js';
import { seriesInstances, storedView } from './views.js';

export const SAP_CATEGORY = 'SAP Cloud for Customer';
export const VISIT_CATEGORY = 'Visit';


const SUBJECTS = ['Account review', 'Pricing call', 'Quarterly business review', 'Product demo', 'Contract negotiation',
  'Service check-in', 'Renewal discussion', 'Onboarding session', 'Internal sync', 'Lunch with prospect'];
const LOCATIONS = ['Customer HQ, Munich', 'Teams call', 'Room 4.12', 'Fabrikam office, Leeds', 'Café Central'];

const CUSTOMER = { name: 'Fiona Fabrikam', address: 'fiona@fabrikam.example' };

function dateOf(anchorDay: number, offsetDays: number): string {
  return new Date((anchorDay + offsetDays) * DAY_MS).toISOString().slice(0, 10);
}

function at(anchorDay: number, offsetDays: number, hour: number, minute: number, timeZone: string) {
  return { dateTime: `${dateOf(anchorDay, offsetDays)}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00`, timeZone };
}

function plusMinutes(value: { dateTime: string; timeZone: string }, minutes: number) {
  const ms = toInstant(value) + minutes * 60_000;
  return { dateTime: fromInstant(ms, value.timeZone).dateTime, timeZone: value.timeZone };
}

const DEFAULT_CATEGORIES: Array<[string, string]> = [
  ['Red category', 'preset0'], ['Orange category', 'preset1'], ['Yellow category', 'preset3'],
  ['Green category', 'preset4'], ['Blue category', 'preset7'], ['Purple category', 'preset8'],
];

export function seedDemoData(store: GraphStore, anchor: number = Date.now()): void {
  const anchorDay = Math.floor(anchor / DAY_MS);
  const random = mulberry32(0xc4c0ffee);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const mailboxes = [...store.mailboxes.values()];

  mailboxes.forEach((mailbox, index) => {
    for (const [name, color] of DEFAULT_CATEGORIES) store.addCategory(mailbox, name, color);
    if (index < 3) {
      store.addCategory(mailbox, SAP_CATEGORY, 'preset7');
      store.addCategory(mailbox, VISIT_CATEGORY, 'preset4');
    }
    seedPersonalItems(store, mailbox, anchorDay, random, pick);
  });

  mailboxes.forEach((organizer, index) => {
    const a = mailboxes[(index + 1) % mailboxes.length];
    const b = mailboxes[(index + 2) % mailboxes.length];
    if (!a || !b) return;
    const tz = organizer.user.timeZone;
    const start = at(anchorDay, 2 + index * 3, 10 + (index % 4), 0, tz);
    const meeting = createEvent(store, organizer, {
      subject: `${pick(SUBJECTS)} with Fabrikam`,
      start, end: plusMinutes(start, 60),
      categories: index % 2 === 0 ? [SAP_CATEGORY] : [],
      location: { displayName: pick(LOCATIONS) },
      attendees: [a, b].map((m): Attendee => ({ type: 'required', emailAddress: { name: m.user.displayName, address: m.user.mail } }))
        .concat([{ type: 'optional', emailAddress: CUSTOMER }]),
      body: { contentType: 'html', content: '<p>Agenda: status, next steps.</p>' },
    });
    const copyIn = (m: Mailbox) => [...m.events.values()].find((e) => e.iCalUId === meeting.iCalUId);
    const copyA = copyIn(a);
    const copyB = copyIn(b);
    if (copyA) respondToEvent(store, a, storedView(copyA), 'accepted');
    if (copyB) respondToEvent(store, b, storedView(copyB), index % 2 === 0 ? 'tentativelyAccepted' : 'declined');
  });

  const [first, ...others] = mailboxes;
  if (first) seedTeamSeries(store, first, others, anchorDay);
  seedTodoData(store, anchor);
  seedContactData(store, anchor);
}

function seedPersonalItems(store: GraphStore, mailbox: Mailbox, anchorDay: number, random: () => number, pick: <T>(l: readonly T[]) => T) {
  const tz = mailbox.user.timeZone;
  const create = (input: EventWrite) => createEvent(store, mailbox, input);
  for (let day = -14; day <= 28; day += 1 + Math.floor(random() * 3)) {
    const weekday = new Date((anchorDay + day) * DAY_MS).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const start = at(anchorDay, day, 8 + Math.floor(random() * 8), random() < 0.5 ? 0 : 30, tz);
    const roll = random();
    create({
      subject: pick(SUBJECTS),
      start, end: plusMinutes(start, 30 * (1 + Math.floor(random() * 3))),
      categories: roll < 0.3 ? [SAP_CATEGORY] : roll < 0.45 ? [VISIT_CATEGORY] : roll < 0.55 ? ['Blue category'] : [],
      location: random() < 0.6 ? { displayName: pick(LOCATIONS) } : undefined,
      showAs: random() < 0.1 ? 'tentative' : 'busy',
      body: { contentType: 'text', content: 'Prepared notes are in the account folder.' },
    });
  }
  const allDay = (offset: number, days: number) => ({
    start: { dateTime: `${dateOf(anchorDay, offset)}T00:00:00`, timeZone: tz },
    end: { dateTime: `${dateOf(anchorDay, offset + days)}T00:00:00`, timeZone: tz },
    isAllDay: true,
  });
  create({ subject: 'Customer workshop day', ...allDay(5, 1), categories: [VISIT_CATEGORY], showAs: 'oof' });
  create({ subject: 'Trade fair (3 days)', ...allDay(12, 3), categories: [SAP_CATEGORY], showAs: 'oof' });
  const privateStart = at(anchorDay, 1, 17, 0, tz);
  create({ subject: 'Doctor appointment', start: privateStart, end: plusMinutes(privateStart, 60), sensitivity: 'private', categories: [SAP_CATEGORY] });

  const seriesStart = at(anchorDay, -14, 9, 0, tz);
  const series = create({
    subject: 'Weekly pipeline review',
    start: seriesStart, end: plusMinutes(seriesStart, 30),
    categories: [SAP_CATEGORY],
    recurrence: {
      pattern: { type: 'weekly', interval: 1, daysOfWeek: [['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'][new Date((anchorDay - 14) * DAY_MS).getUTCDay()] as 'monday'] },
      range: { type: 'numbered', startDate: dateOf(anchorDay, -14), numberOfOccurrences: 8 },
    },
  });
  const occurrences = seriesInstances(mailbox, series, (anchorDay - 15) * DAY_MS, (anchorDay + 60) * DAY_MS);
  const [, second, third] = occurrences;
  if (second) updateEvent(store, mailbox, second, { subject: 'Weekly pipeline review (moved)', start: plusMinutes(seriesStart, 7 * 24 * 60 + 60), end: plusMinutes(seriesStart, 7 * 24 * 60 + 90) });
  if (third) deleteEvent(store, mailbox, third);
}

function seedTeamSeries(store: GraphStore, organizer: Mailbox, attendees: Mailbox[], anchorDay: number) {
  const start = at(anchorDay, -10, 14, 0, organizer.user.timeZone);
  createEvent(store, organizer, {
    subject: 'Sales team stand-up',
    start, end: plusMinutes(start, 15),
    categories: [SAP_CATEGORY],
    attendees: attendees.map((m) => ({ type: 'required' as const, emailAddress: { name: m.user.displayName, address: m.user.mail } })),
    recurrence: {
      pattern: { type: 'daily', interval: 2 },
      range: { type: 'endDate', startDate: dateOf(anchorDay, -10), endDate: dateOf(anchorDay, 30) },
    },
  });
}
