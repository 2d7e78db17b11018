// The mailbox's Deleted Items folder. Exchange does not destroy an event a user deletes: it moves it to Deleted
// Items (learn.microsoft.com event-permanentdelete contrasts the two), under a new id (an id changes when an item
// changes folder), and it keeps its extended properties. So does a deleted contact (learn.microsoft.com
// contact-permanentdelete: only a permanent delete skips Deleted Items). The sandbox keeps what a client can look an
// item up by.
import type { StoredContact } from '../contacts/contact-model.js';
import type { DeletedItem, StoredEvent } from '../model.js';
import type { GraphStore, Mailbox } from './graph-store.js';

/** Moves a deleted top-level event (a single item or a series master) to Deleted Items, under a new id. */
export function moveToDeletedItems(store: GraphStore, mailbox: Mailbox, event: StoredEvent): DeletedItem {
  const item: DeletedItem = {
    id: store.ids.eventId(),
    subject: event.fields.subject,
    createdDateTime: event.createdDateTime,
    lastModifiedDateTime: event.lastModifiedDateTime,
    changeKey: event.changeKey,
    categories: [...event.fields.categories],
    extendedProperties: new Map(event.extendedProperties),
  };
  mailbox.deletedItems.set(item.id, item);
  return item;
}

/** Moves a deleted contact to Deleted Items, under a new id, with its extended properties (a copy's record property). */
export function moveContactToDeletedItems(store: GraphStore, mailbox: Mailbox, contact: StoredContact): DeletedItem {
  const item: DeletedItem = {
    id: store.ids.contactId(),
    subject: contact.fields.displayName ?? '',
    createdDateTime: contact.createdDateTime,
    lastModifiedDateTime: contact.lastModifiedDateTime,
    changeKey: contact.changeKey,
    categories: [...contact.fields.categories],
    extendedProperties: new Map(contact.extendedProperties),
  };
  mailbox.deletedItems.set(item.id, item);
  return item;
}
