// The current appointment: what the pane shows (subject, time, organizer) and its Graph/REST id for the service.
import { officeCall, OfficeCallError } from './async.js';
import { currentItem, itemMode, supports, type ItemMode } from './host.js';

export interface Person {
  name: string;
  email: string;
}

export interface ItemInfo {
  mode: ItemMode;
  subject: string;
  start: Date | null;
  end: Date | null;
  organizer: Person | null;
  /** Whether the signed-in user organises it (compose forms are always the organizer's). */
  isOrganizer: boolean;
}

type AsyncGetter<T> = { getAsync: (callback: (result: Office.AsyncResult<T>) => void) => void };

function asyncGet<T>(field: unknown, operation: string): Promise<T> {
  return officeCall<T>(operation, (cb) => (field as AsyncGetter<T>).getAsync(cb));
}

function toPerson(details: Office.EmailAddressDetails | undefined | null): Person | null {
  if (!details?.emailAddress) return null;
  return { name: details.displayName || details.emailAddress, email: details.emailAddress };
}

/** Dates may come from another realm (a host frame), where `instanceof Date` is false. */
function asDate(value: unknown): Date | null {
  if (Object.prototype.toString.call(value) !== '[object Date]') return null;
  const time = (value as Date).getTime();
  return Number.isNaN(time) ? null : new Date(time);
}

function userEmail(): string {
  return Office.context.mailbox.userProfile?.emailAddress ?? '';
}

export async function getItemInfo(): Promise<ItemInfo> {
  const item = currentItem();
  const mode = itemMode();
  if (mode === 'read') {
    const organizer = toPerson(item.organizer as Office.EmailAddressDetails | undefined);
    return {
      mode,
      subject: String(item.subject ?? ''),
      start: asDate(item.start),
      end: asDate(item.end),
      organizer,
      isOrganizer: organizer !== null && organizer.email.toLowerCase() === userEmail().toLowerCase(),
    };
  }
  const [subject, start, end] = await Promise.all([
    asyncGet<string>(item.subject, 'subject.getAsync'),
    asyncGet<Date>(item.start, 'start.getAsync'),
    asyncGet<Date>(item.end, 'end.getAsync'),
  ]);
  // Organizer.getAsync exists from Mailbox 1.7; before that the form's owner is the organizer.
  const organizer = supports('Mailbox', '1.7')
    ? toPerson(await asyncGet<Office.EmailAddressDetails>(item.organizer, 'organizer.getAsync').catch(() => null))
    : { name: Office.context.mailbox.userProfile?.displayName ?? userEmail(), email: userEmail() };
  return { mode, subject: subject ?? '', start: asDate(start), end: asDate(end), organizer, isOrganizer: true };
}

/** Ids from Office.js are EWS ids; Graph and the service need REST ids (Mailbox 1.3). */
export function toRestId(ewsId: string): string {
  if (!supports('Mailbox', '1.3')) return ewsId;
  return Office.context.mailbox.convertToRestId(ewsId, Office.MailboxEnums.RestVersion.v2_0);
}

export async function saveItem(): Promise<string> {
  const item = currentItem() as unknown as Office.AppointmentCompose;
  return officeCall<string>('saveAsync', (cb) => item.saveAsync(cb));
}

/**
 * The item's REST id, or null when a compose item was never saved and `saveIfNeeded` is false.
 * A new compose item has no id until it is saved; saving a meeting does not send it.
 */
export async function getRestItemId(options: { saveIfNeeded: boolean }): Promise<string | null> {
  const item = currentItem();
  if (itemMode() === 'read') return typeof item.itemId === 'string' && item.itemId ? toRestId(item.itemId) : null;
  if (supports('Mailbox', '1.8')) {
    try {
      const id = await officeCall<string>('getItemIdAsync', (cb) => (item as unknown as Office.AppointmentCompose).getItemIdAsync(cb));
      if (id) return toRestId(id);
    } catch (err) {
      if (!(err instanceof OfficeCallError) || err.code !== 'ItemNotSaved') throw err;
    }
  }
  if (!options.saveIfNeeded) return null;
  return toRestId(await saveItem());
}
