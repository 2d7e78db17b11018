// A meeting's attendees recognised as C4C people (employees, the user's own contacts), for "My Outlook contacts".
// Asked once per item shown; an answer for an item no longer shown is dropped. Recognising them is a convenience: a
// failure leaves the rows out rather than putting a message over what the user is doing.
import { useEffect, useState } from 'react';
import type { ApiClient } from '../../addin/api/client.js';
import { SYNC_LIST_PEOPLE_MAX_EMAILS, type SyncListPerson } from '../../shared/sync-list-api.js';
import type { ItemPort } from './services.js';

export function useAttendeePeople(item: Pick<ItemPort, 'getAttendeeEmails'>, api: Pick<ApiClient, 'matchPeople'>, shownItem: unknown): SyncListPerson[] {
  const [people, setPeople] = useState<{ of: unknown; list: SyncListPerson[] }>({ of: null, list: [] });
  useEffect(() => {
    if (!shownItem || !item.getAttendeeEmails) return;
    const controller = new AbortController();
    item
      .getAttendeeEmails()
      .then((emails) => (emails.length > 0 ? api.matchPeople(emails.slice(0, SYNC_LIST_PEOPLE_MAX_EMAILS), controller.signal) : { people: [] }))
      .then(
        ({ people: list }) => {
          if (!controller.signal.aborted) setPeople({ of: shownItem, list });
        },
        () => undefined,
      );
    return () => controller.abort();
  }, [item, api, shownItem]);
  // The previous item's attendees never show beside another item.
  return people.of === shownItem ? people.list : [];
}
