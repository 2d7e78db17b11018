// The meeting's attendees (required and optional) as e-mail addresses with their display names, for recognising them
// as C4C people (the sync list, R14; the pane's "Attendees"). Read form: arrays on the item (Mailbox 1.1); compose form: Recipients.getAsync. The signed-in user's own
// address is left out. A host that offers neither (an appointment without attendees) gives none.
import { officeCall } from './async.js';
import { currentItem, itemMode } from './host.js';

type Details = Office.EmailAddressDetails;

/** An attendee: the address (lower-case) and the name Outlook shows, or null when it shows only the address. */
export interface Attendee {
  email: string;
  name: string | null;
}

function attendeesOf(list: readonly Details[] | undefined | null): Attendee[] {
  return (list ?? []).flatMap((d) => {
    const email = d?.emailAddress?.trim().toLowerCase() ?? '';
    const name = d?.displayName?.trim() ?? '';
    return email.includes('@') ? [{ email, name: name !== '' && name.toLowerCase() !== email ? name : null }] : [];
  });
}

async function composeList(field: unknown, operation: string): Promise<Attendee[]> {
  const recipients = field as { getAsync?: (cb: (r: Office.AsyncResult<Details[]>) => void) => void } | undefined;
  if (typeof recipients?.getAsync !== 'function') return [];
  return attendeesOf(await officeCall<Details[]>(operation, (cb) => recipients.getAsync?.(cb)));
}

/** Each attendee once (the first name Outlook gave for the address), without the user. */
export async function getAttendees(): Promise<Attendee[]> {
  const item = currentItem();
  const lists =
    itemMode() === 'read'
      ? [attendeesOf(item.requiredAttendees as Details[] | undefined), attendeesOf(item.optionalAttendees as Details[] | undefined)]
      : await Promise.all([composeList(item.requiredAttendees, 'requiredAttendees.getAsync'), composeList(item.optionalAttendees, 'optionalAttendees.getAsync')]);
  const me = (Office.context.mailbox.userProfile?.emailAddress ?? '').toLowerCase();
  const seen = new Map<string, Attendee>();
  for (const a of lists.flat()) if (a.email !== me && !seen.has(a.email)) seen.set(a.email, a);
  return [...seen.values()];
}

export async function getAttendeeEmails(): Promise<string[]> {
  return (await getAttendees()).map((a) => a.email);
}
