// The C4C side: Appointments and Visits through the c4codataapi OData v2 service (adapters/c4c). Activities come
// back normalized (domain/normalize-c4c.ts) and are written with payloads from domain/c4c-payloads.ts.
import type { SyncKind } from '../../shared/categories.js';
import type { CrmLink, CrmObjectType } from '../../shared/crm-links.js';
import type { CalendarItemPatch, NormalizedCalendarItem } from '../domain/calendar-item.js';
import type { PartyRef } from '../domain/party.js';
import type { CrmActivity } from '../domain/snapshots.js';
import type { WriteResult } from './write-results.js';

export interface CrmChanges {
  activities: CrmActivity[];
  /** ISO UTC EntityLastChangedOn of the newest activity read (or the old mark when nothing changed). */
  nextHighWater: string;
}

/** An attendee resolved to a C4C party (R8). */
export type ResolvedParty = PartyRef;

export type CrmWriteRequest =
  | {
      op: 'create';
      kind: SyncKind;
      /** C4C GroupwareItemID: a retry finds the first create ($filter=GroupwareItemID eq …) and updates it. */
      groupwareItemId: string;
      fields: NormalizedCalendarItem;
      ownerPartyId: string | null;
      /** Attendees resolved to parties; unresolvable attendees are left out (R8). */
      parties: ResolvedParty[];
    }
  | {
      op: 'update';
      kind: SyncKind;
      objectId: string;
      ifMatch: string;
      patch: CalendarItemPatch;
      /** The activity's fields after the write (time zone and unchanged times for the payload). */
      after: NormalizedCalendarItem;
      /** The full party list when patch.attendees is set (parties not in it are removed, R8). */
      parties?: ResolvedParty[];
      /**
       * Also set GroupwareItemID: the iCalUId of the Outlook item the service created for a C4C-created activity,
       * so that an attendee's copy of that meeting, tagged in their own mailbox, finds this activity (the create
       * upsert) instead of creating a second one.
       */
      groupwareItemId?: string;
    }
  /** R11: LifeCycleStatusCode / Status → cancelled, with If-Match. */
  | { op: 'cancel'; kind: SyncKind; objectId: string; ifMatch: string };

export interface CrmSearchHit extends CrmLink {
  /** Extra line for the task pane (city, account of a contact, status …). */
  detail?: string;
}

export interface CrmActivities {
  /**
   * Appointments and Visits with EntityLastChangedOn ≥ `highWater` (null: all within the window), one query per
   * tenant. Inclusive bound, so the newest item is read again next time; the planner's version check makes
   * that harmless. Follows all pages.
   */
  changedSince(tenantId: string, highWater: string | null, window: { startUtc: string; endUtc: string }): Promise<CrmChanges>;

  /** Current state of the given activities (retries, R9). Missing ones come back with `removed: true`. */
  getByIds(tenantId: string, refs: readonly { kind: SyncKind; objectId: string }[]): Promise<CrmActivity[]>;

  /** The activity created for a groupware item, if any (CheckAppointmentByGroupwareID / $filter). */
  findByGroupwareItemId(tenantId: string, kind: SyncKind, groupwareItemId: string): Promise<CrmActivity | null>;

  /**
   * Batched writes (OData `$batch`, one change set per request so one failure does not roll back others;
   * x-csrf-token handled inside). One result per request in order; `version` is the new ETag (re-read when
   * the PATCH response has none). `create` is an idempotent upsert keyed by GroupwareItemID.
   */
  write(tenantId: string, requests: readonly CrmWriteRequest[]): Promise<WriteResult[]>;

  /** R8: match e-mails to employees first, then contacts. Unknown e-mails are absent from the result. */
  resolveParties(tenantId: string, emails: readonly string[]): Promise<ResolvedParty[]>;

  /** Task pane search of linkable objects by name/id prefix. */
  searchLinkable(tenantId: string, query: { text: string; types: readonly CrmObjectType[]; top: number }): Promise<CrmSearchHit[]>;
}
