// The meeting's attendees (required and optional) as e-mail addresses, for recognising them as C4C people (the sync
// list, R14). Read form: arrays on the item (Mailbox 1.1); compose form: Recipients.getAsync. The signed-in user's own
// address is left out. A host that offers neither (an appointment without attendees) gives none.
import { officeCall } from './async.js';
import { currentItem, itemMode } from './host.js';

type Details = Office.EmailAddressDetails;

function addressesOf(list: readonly Details[] | undefined | null): string[] {
  return (list ?? []).map((d) => d?.emailAddress?.trim() ?? '').filter((a) => a.includes('@'));
}

async function composeList(field: unknown, operation: string): Promise<string[]> {
  const recipients = field as { getAsync?: (cb: (r: Office.AsyncResult<Details[]>) => void) => void } | undefined;
  if (typeof recipients?.getAsync !== 'function') return [];
  return addressesOf(await officeCall<Details[]>(operation, (cb) => recipients.getAsync?.(cb)));
}

export async function getAttendeeEmails(): Promise<string[]> {
  const item = currentItem();
  const lists =
    itemMode() === 'read'
      ? [addressesOf(item.requiredAttendees as Details[] | undefined), addressesOf(item.optionalAttendees as Details[] | undefined)]
      : await Promise.all([composeList(item.requiredAttendees, 'requiredAttendees.getAsync'), composeList(item.optionalAttendees, 'optionalAttendees.getAsync')]);
  const me = (Office.context.mailbox.userProfile?.emailAddress ?? '').toLowerCase();
  return [...new Set(lists.flat().map((a) => a.toLowerCase()))].filter((a) => a !== me);
}
