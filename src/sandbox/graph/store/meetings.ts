// Meetings between sandbox users: the organizer's item is the source; every invited sandbox user gets a copy
// with the same iCalUId in their own calendar. Attendees' responses, declines and deletes are written back onto
// the organizer's copy (the attendee's status), as Exchange does.
import { occurrenceId } from '../ids.js';
import type { EventFields, ResponseType, StoredEvent } from '../model.js';
import { isoNoMillis } from '../time.js';
import type { GraphStore, Mailbox } from './graph-store.js';

/** Fields the organizer controls; everything else (categories, reminders, showAs, …) is the attendee's own. */
const SHARED_FIELDS = [
  'subject', 'body', 'start', 'end', 'isAllDay', 'location', 'locations', 'attendees', 'organizer', 'recurrence',
  'isCancelled', 'sensitivity', 'importance', 'isOnlineMeeting', 'originalStartTimeZone', 'originalEndTimeZone',
  'responseRequested', 'allowNewTimeProposals', 'hideAttendees',
] as const satisfies ReadonlyArray<keyof EventFields>;

function copyShared(from: EventFields, to: EventFields): void {
  for (const key of SHARED_FIELDS) (to as unknown as Record<string, unknown>)[key] = structuredClone(from[key]);
}

/** Same place in a meeting: the series/single item itself, or the same exception of it. */
function sameSlot(a: StoredEvent, b: StoredEvent): boolean {
  return (a.kind === 'exception') === (b.kind === 'exception') && a.originalStart === b.originalStart;
}

function findCopy(mailbox: Mailbox, source: StoredEvent): StoredEvent | undefined {
  for (const e of mailbox.events.values()) {
    if (e.iCalUId === source.iCalUId && sameSlot(e, source) && !e.isOrganizer) return e;
  }
  return undefined;
}

function organizerCopy(store: GraphStore, attendeeCopy: StoredEvent): StoredEvent | undefined {
  const organizer = store.findMailbox(attendeeCopy.fields.organizer.emailAddress.address);
  if (!organizer) return undefined;
  for (const e of organizer.events.values()) {
    if (e.iCalUId === attendeeCopy.iCalUId && e.isOrganizer && sameSlot(e, attendeeCopy)) return e;
  }
  return undefined;
}

function attendeeStatus(source: StoredEvent, mail: string): ResponseType | undefined {
  const entry = source.fields.attendees.find((a) => a.emailAddress.address.toLowerCase() === mail);
  return entry?.status?.response as ResponseType | undefined;
}

/** Creates, updates or cancels the attendees' copies after the organizer wrote `source`. */
export function syncAttendeeCopies(store: GraphStore, source: StoredEvent): void {
  if (!source.isOrganizer) return;
  const invited = new Set(source.fields.attendees.map((a) => a.emailAddress.address.toLowerCase()));
  for (const mailbox of store.mailboxes.values()) {
    if (mailbox.user.id === source.mailboxId) continue;
    const copy = findCopy(mailbox, source);
    const isInvited = invited.has(mailbox.user.mail);
    if (copy && isInvited) {
      const reshaped = ['start', 'end', 'isAllDay', 'recurrence'].some(
        (k) => JSON.stringify(copy.fields[k as keyof EventFields]) !== JSON.stringify(source.fields[k as keyof EventFields]),
      );
      if (reshaped && (copy.kind === 'seriesMaster' || source.kind === 'seriesMaster')) store.tombstoneShape(copy);
      store.touch(copy, (c) => {
        copyShared(source.fields, c.fields);
        if (source.kind === 'seriesMaster') c.cancelledOccurrences = new Set(source.cancelledOccurrences);
        if (c.kind !== 'exception') c.kind = source.kind;
      });
    } else if (copy && !copy.fields.isCancelled) {
      cancelCopy(store, copy);
    } else if (!copy && isInvited && attendeeStatus(source, mailbox.user.mail) !== 'declined') {
      createCopy(store, mailbox, source);
    }
  }
}

function createCopy(store: GraphStore, mailbox: Mailbox, source: StoredEvent): void {
  let seriesMasterId: string | undefined;
  let id: string | undefined;
  if (source.kind === 'exception') {
    const masterCopy = [...mailbox.events.values()].find((e) => e.kind === 'seriesMaster' && e.iCalUId === source.iCalUId);
    if (!masterCopy || source.originalStart === undefined) return;
    seriesMasterId = masterCopy.id;
    id = occurrenceId(masterCopy.id, source.originalStart);
  }
  const fields: EventFields = {
    ...structuredClone(source.fields),
    categories: [],
    showAs: 'tentative',
    isReminderOn: true,
    reminderMinutesBeforeStart: 15,
  };
  const copy = store.insert(mailbox, {
    kind: source.kind, fields, id, iCalUId: source.iCalUId, seriesMasterId, originalStart: source.originalStart, isOrganizer: false,
  });
  if (source.kind === 'seriesMaster') copy.cancelledOccurrences = new Set(source.cancelledOccurrences);
}

function cancelCopy(store: GraphStore, copy: StoredEvent): void {
  store.touch(copy, (c) => {
    c.fields.isCancelled = true;
    if (!c.fields.subject.startsWith('Canceled: ')) c.fields.subject = `Canceled: ${c.fields.subject}`;
  });
}

/** The organizer deleted a meeting: attendees' copies stay, cancelled, until they remove them. */
export function cancelAttendeeCopies(store: GraphStore, source: StoredEvent): void {
  if (!source.isOrganizer || source.fields.attendees.length === 0) return;
  for (const mailbox of store.mailboxes.values()) {
    if (mailbox.user.id === source.mailboxId) continue;
    const copy = findCopy(mailbox, source);
    if (copy && !copy.fields.isCancelled) cancelCopy(store, copy);
  }
}

/** Writes an attendee's response onto the organizer's copy. */
export function reportResponse(store: GraphStore, attendeeCopy: StoredEvent, response: ResponseType): void {
  const source = organizerCopy(store, attendeeCopy);
  if (!source) return;
  const mail = store.mailboxOf(attendeeCopy).user.mail;
  const entry = source.fields.attendees.find((a) => a.emailAddress.address.toLowerCase() === mail);
  if (!entry) return;
  store.touch(source, () => {
    entry.status = { response, time: isoNoMillis(store.now()) };
  });
}
