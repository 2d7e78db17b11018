// The open appointment as Office.js shows it, in read form (AppointmentRead) and compose form
// (AppointmentCompose), backed by the Graph sandbox. Each member is typed against @types/office-js.
import { settle, OfficeStandInError } from './async-result.js';
import { customPropertiesPropertyId } from './config.js';
import { utcDate } from './graph.js';
import type { HostSession } from './session.js';

const NOT_SAVED = () => new OfficeStandInError('ItemNotSaved', 9041, 'The item has not been saved yet.');

function emailDetails(name: string, address: string): Office.EmailAddressDetails {
  return {
    displayName: name,
    emailAddress: address,
    appointmentResponse: 'organizer' as unknown as Office.MailboxEnums.ResponseType,
    recipientType: 'user' as unknown as Office.MailboxEnums.RecipientType,
  };
}

function organizerOf(session: HostSession): Office.EmailAddressDetails {
  const organizer = session.event?.organizer?.emailAddress;
  return organizer?.address ? emailDetails(organizer.name ?? organizer.address, organizer.address) : emailDetails(session.config.user, session.config.user);
}

/**
 * The event's attendees of one Graph type as Office.js lists them (required and optional; Outlook shows resources
 * elsewhere). Office.js has no entry for the organizer among them, and Graph lists none.
 */
function attendeesOf(session: HostSession, type: 'required' | 'optional'): Office.EmailAddressDetails[] {
  return (session.event?.attendees ?? [])
    .filter((a) => (a.type ?? 'required') === type && a.emailAddress?.address)
    .map((a) => ({ ...emailDetails(a.emailAddress?.name ?? a.emailAddress?.address ?? '', a.emailAddress?.address ?? ''), appointmentResponse: 'none' as unknown as Office.MailboxEnums.ResponseType }));
}

/** Compose form: Recipients, read only here (the stand-in's forms do not edit attendees). */
function recipientsOf(session: HostSession, type: 'required' | 'optional'): Office.Recipients {
  return { getAsync: (...args: unknown[]) => settle(args, () => attendeesOf(session, type)) } as unknown as Office.Recipients;
}

function categoriesApi(session: HostSession): Office.Categories {
  const current = () => (session.draft ? session.draft.categories : (session.event?.categories ?? []));
  const forbidInWebCompose = () => {
    if (session.mode === 'compose' && session.config.platform === 'web') throw new OfficeStandInError('NotSupported', 5000, 'Categories cannot be managed in compose mode here.');
  };
  const write = async (next: string[]) => {
    if (session.draft) session.draft.categories = next;
    else if (session.event) session.event = { ...session.event, ...(await session.graph.updateEvent(session.event.id, { categories: next })) };
    session.changed();
  };
  return {
    getAsync: (...args: unknown[]) =>
      settle(args, async () => {
        forbidInWebCompose();
        const master = await session.graph.masterCategories();
        return current().map((name) => ({ displayName: name, color: (master.find((m) => m.displayName === name)?.color ?? 'None') as unknown as Office.MailboxEnums.CategoryColor }));
      }),
    addAsync: (categories: string[], ...args: unknown[]) =>
      settle(args, async () => {
        forbidInWebCompose();
        const master = (await session.graph.masterCategories()).map((m) => m.displayName.toLowerCase());
        const missing = categories.find((c) => !master.includes(c.toLowerCase()));
        if (missing) throw new OfficeStandInError('InvalidCategory', 9044, `"${missing}" is not in the master category list.`);
        const have = current();
        await write([...have, ...categories.filter((c) => !have.some((h) => h.toLowerCase() === c.toLowerCase()))]);
      }),
    removeAsync: (categories: string[], ...args: unknown[]) =>
      settle(args, async () => {
        forbidInWebCompose();
        const drop = categories.map((c) => c.toLowerCase());
        await write(current().filter((c) => !drop.includes(c.toLowerCase())));
      }),
  };
}

function customPropertiesOf(session: HostSession): Office.CustomProperties {
  const values: Record<string, string> = { ...(session.draft ? session.draft.customProperties : session.storedCustomProperties()) };
  return {
    get: (name: string) => values[name],
    set: (name: string, value: string) => {
      values[name] = String(value);
    },
    remove: (name: string) => {
      delete values[name];
    },
    getAll: () => ({ ...values }),
    saveAsync: (...args: unknown[]) =>
      settle(args, async () => {
        if (session.draft) {
          session.draft.customProperties = { ...values };
          session.changed();
        } else if (session.event) {
          const id = customPropertiesPropertyId(session.config.addinId);
          await session.graph.updateEvent(session.event.id, { singleValueExtendedProperties: [{ id, value: JSON.stringify(values) }] });
          await session.reload();
        }
      }),
  };
}

function notificationMessages(session: HostSession): Office.NotificationMessages {
  const put = (key: string, details: Office.NotificationMessageDetails) => {
    session.notifications.set(key, details);
    session.changed();
  };
  return {
    addAsync: (key: string, details: Office.NotificationMessageDetails, ...args: unknown[]) =>
      settle(args, () => {
        if (session.notifications.has(key)) throw new OfficeStandInError('DuplicateNotificationKey', 9000, key);
        put(key, details);
      }),
    replaceAsync: (key: string, details: Office.NotificationMessageDetails, ...args: unknown[]) => settle(args, () => put(key, details)),
    removeAsync: (key: string, ...args: unknown[]) =>
      settle(args, () => {
        session.notifications.delete(key);
        session.changed();
      }),
    getAllAsync: (...args: unknown[]) => settle(args, () => [...session.notifications.entries()].map(([key, d]) => ({ ...d, key }))),
  };
}

type ReadItem = Pick<Office.AppointmentRead, 'itemId' | 'itemType' | 'subject' | 'start' | 'end' | 'organizer' | 'requiredAttendees' | 'optionalAttendees' | 'categories' | 'loadCustomPropertiesAsync' | 'notificationMessages' | 'seriesId'>;
type ComposeItem = Pick<Office.AppointmentCompose, 'itemType' | 'subject' | 'start' | 'end' | 'organizer' | 'requiredAttendees' | 'optionalAttendees' | 'categories' | 'loadCustomPropertiesAsync' | 'notificationMessages' | 'saveAsync' | 'getItemIdAsync'>;

export function readItem(session: HostSession): ReadItem {
  const event = session.event;
  return {
    itemId: event?.id ?? '',
    itemType: 'appointment' as unknown as Office.MailboxEnums.ItemType,
    subject: event?.subject ?? '',
    start: utcDate(event?.start) ?? new Date(0),
    end: utcDate(event?.end) ?? new Date(0),
    organizer: organizerOf(session),
    requiredAttendees: attendeesOf(session, 'required'),
    optionalAttendees: attendeesOf(session, 'optional'),
    seriesId: '',
    categories: categoriesApi(session),
    loadCustomPropertiesAsync: (...args: unknown[]) => settle(args, () => customPropertiesOf(session)),
    notificationMessages: notificationMessages(session),
  };
}

export function composeItem(session: HostSession): ComposeItem {
  const draft = () => {
    if (!session.draft) throw new OfficeStandInError('GenericError', 9000, 'not a compose form');
    return session.draft;
  };
  const time = (field: 'start' | 'end'): Office.Time => ({
    getAsync: (...args: unknown[]) => settle(args, () => draft()[field]),
    setAsync: (dateTime: Date, ...args: unknown[]) =>
      settle(args, () => {
        draft()[field] = dateTime;
        session.changed();
      }),
  });
  return {
    itemType: 'appointment' as unknown as Office.MailboxEnums.ItemType,
    subject: {
      getAsync: (...args: unknown[]) => settle(args, () => draft().subject),
      setAsync: (subject: string, ...args: unknown[]) =>
        settle(args, () => {
          draft().subject = subject;
          session.changed();
        }),
    },
    start: time('start'),
    end: time('end'),
    organizer: { getAsync: (...args: unknown[]) => settle(args, () => organizerOf(session)) },
    requiredAttendees: recipientsOf(session, 'required'),
    optionalAttendees: recipientsOf(session, 'optional'),
    categories: categoriesApi(session),
    loadCustomPropertiesAsync: (...args: unknown[]) => settle(args, () => customPropertiesOf(session)),
    notificationMessages: notificationMessages(session),
    saveAsync: (...args: unknown[]) => settle(args, () => session.saveDraft()),
    getItemIdAsync: (...args: unknown[]) =>
      settle(args, () => {
        if (!session.event) throw NOT_SAVED();
        return session.event.id;
      }),
  };
}
