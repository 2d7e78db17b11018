// The mailbox's Deleted Items folder. Exchange does not destroy an event a user deletes: it moves it to Deleted
// Items (learn.microsoft.com event-permanentdelete contrasts the two), under a new id (an id changes when an item
// changes folder), and it keeps its extended properties. The sandbox keeps what a client can look an item up by.
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
