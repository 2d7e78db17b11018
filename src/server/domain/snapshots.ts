// Snapshots of the two sides as the adapters read them, already normalized. The planner works on these only.
import type { SyncKind } from '../../shared/categories.js';
import type { NormalizedCalendarItem } from './calendar-item.js';

export type OutlookEventType = 'singleInstance' | 'occurrence' | 'exception' | 'seriesMaster';

/** A calendar item in one mailbox (Graph event; Google events map to the same shape). */
export interface OutlookItemPresent {
  removed: false;
  /** Graph `id` (Google: event id). */
  id: string;
  /** Version token: Graph `changeKey` (Google: etag). Changes on every write, including category writes. */
  version: string;
  /** Same for every copy of one meeting (organizer's and attendees'); distinct per occurrence. */
  iCalUId: string | null;
  /** Graph `transactionId` echoed back: set when the service created the item (it carries the pair id). */
  transactionId: string | null;
  categories: string[];
  isOrganizer: boolean;
  type: OutlookEventType;
  fields: NormalizedCalendarItem;
}

/**
 * A delta entry for an item that no longer exists. Adapters report `removed` only for real deletes (Graph's
 * `@removed` also fires when an item leaves the window; the adapter confirms with a GET → 404 first).
 */
export interface OutlookItemRemoved {
  removed: true;
  id: string;
}

export type OutlookItem = OutlookItemPresent | OutlookItemRemoved;

export type CrmActivityStatus = 'open' | 'completed' | 'cancelled';

/** A C4C Appointment or Visit. */
export interface CrmActivity {
  /** C4C `ObjectID`. */
  objectId: string;
  /** C4C `ID`, the readable activity number users see (the task pane shows it); absent when not read. */
  displayId?: string | null;
  kind: SyncKind;
  /** C4C `ETag` as read (the If-Match value for writes). */
  version: string;
  /** C4C `GroupwareItemID`: set when the activity came from groupware (we write the Outlook iCalUId). */
  groupwareItemId: string | null;
  /** Appointment LifeCycleStatusCode / Visit Status, mapped. */
  status: CrmActivityStatus;
  /** True when C4C no longer has the activity (deleted, not just cancelled). */
  removed: boolean;
  ownerPartyId: string | null;
  ownerEmail: string | null;
  organizerPartyId: string | null;
  organizerEmail: string | null;
  /** `EntityLastChangedOn`, ISO UTC; the high-water mark of the change query. */
  lastChangedOn: string;
  fields: NormalizedCalendarItem;
}
