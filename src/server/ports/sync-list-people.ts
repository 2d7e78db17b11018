// A meeting's attendees as C4C people (R14: the task pane offers a meeting's recognised attendees for the sync list).
// Implemented by adapters/c4c (people-match.ts) as the technical user; contacts are bounded to the ones the caller's
// employee owns, so the answer never shows more than C4C would show the user (the CRM search's owner mode).
import type { SyncListPerson } from '../../shared/sync-list-api.js';

export type { SyncListPerson } from '../../shared/sync-list-api.js';

export interface SyncListPeople {
  /**
   * The employees (any) and contacts (owned by `contactOwnerPartyId`) with these e-mail addresses, employees first, in
   * the order asked for; addresses that match nothing, or that C4C cannot match exactly, are left out.
   */
  matchByEmail(emails: readonly string[], contactOwnerPartyId: string): Promise<SyncListPerson[]>;
}
