// Snapshots of the two sides as the adapters read them, already normalized. The planner works on these only.
import type { SyncKind } from '../../shared/categories.js';
import type { NormalizedCalendarItem } from './calendar-item.js';

export type OutlookEventType = 'singleInstance' | 'occurrence' | 'exception' | 'seriesMaster';

/**
 * An item of any family on the groupware side (Outlook through Graph, or Google), as the engine sees it. `F` is the
 * family's normalized item (domain/family.ts).
 */
export interface GroupwareItemPresent<F extends object = object> {
  removed: false;
  /** Graph `id` (Google: event id). */
  id: string;
  /** Version token: Graph `changeKey` (Google: etag). Changes on every write, including category writes. */
  version: string;
  /** Graph `transactionId` echoed back: set when the service created the item (it carries the pair id). */
  transactionId: string | null;
  categories: string[];
  fields: F;
}

/** A calendar item in one mailbox (Graph event; Google events map to the same shape). */
export interface OutlookItemPresent extends GroupwareItemPresent<NormalizedCalendarItem> {
  /** Same for every copy of one meeting (organizer's and attendees'); distinct per occurrence. */
  iCalUId: string | null;
  isOrganizer: boolean;
  /**
   * Graph `isCancelled`: on an attendee's copy, its organizer cancelled the meeting (Exchange keeps the copy, marked,
   * until its user removes it; the organizer's own cancel deletes theirs).
   */
  isCancelled: boolean;
  type: OutlookEventType;
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

/** A groupware item of any family, or its delete. */
export type GroupwareItem<G extends GroupwareItemPresent = GroupwareItemPresent> = G | OutlookItemRemoved;

export type CrmActivityStatus = 'open' | 'completed' | 'cancelled';

/** A C4C record of any family, as the engine sees it. `F` is the family's normalized item, `K` its kinds. */
export interface CrmRecord<F extends object = object, K extends string = string> {
  /** C4C `ObjectID`. */
  objectId: string;
  /** C4C `ID`, the readable activity number users see (the task pane shows it); absent when not read. */
  displayId?: string | null;
  kind: K;
  /** C4C `ETag` as read (the If-Match value for writes). */
  version: string;
  /** C4C `GroupwareItemID`: set when the activity came from groupware (we write the Outlook iCalUId). */
  groupwareItemId: string | null;
  /** Appointment LifeCycleStatusCode / Visit Status, mapped. */
  status: CrmActivityStatus;
  /** True when C4C no longer has the activity (deleted, not just cancelled). */
  removed: boolean;
  /** `EntityLastChangedOn`, ISO UTC; the high-water mark of the change query. */
  lastChangedOn: string;
  fields: F;
}

/** A C4C Appointment or Visit. */
export interface CrmActivity extends CrmRecord<NormalizedCalendarItem, SyncKind> {
  ownerPartyId: string | null;
  ownerEmail: string | null;
  organizerPartyId: string | null;
  organizerEmail: string | null;
}
