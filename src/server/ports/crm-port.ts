// The CRM side of one item family, family-blind: changed records, reads by id, idempotent creates, batched writes
// and party lookup. C4C implements it per family (adapters/c4c: Appointments and Visits for the calendar).
import type { PartyRef } from '../domain/party.js';
import type { CrmRecord } from '../domain/snapshots.js';
import type { WriteResult } from './write-results.js';

export interface CrmChangesOf<C extends CrmRecord> {
  activities: C[];
  /** ISO UTC EntityLastChangedOn of the newest record read (or the old mark when nothing changed). */
  nextHighWater: string;
}

/** A person resolved to a CRM party (calendar: attendees, R8). */
export type ResolvedParty = PartyRef;

export type CrmWriteRequestOf<F extends object, K extends string> =
  | {
      op: 'create';
      kind: K;
      /** C4C GroupwareItemID: a retry finds the first create ($filter=GroupwareItemID eq …) and updates it. */
      groupwareItemId: string;
      fields: F;
      ownerPartyId: string | null;
      /** People of the record resolved to parties; unresolvable ones are left out (R8). */
      parties: ResolvedParty[];
      /** The record's organizer resolved to a party (calendar: the meeting's organizer, R8), or null. */
      organizer?: ResolvedParty | null;
      /**
       * R8: the copy shares its record (an attendee's copy of a meeting). When a record with this GroupwareItemID
       * exists, only these parties are added to it (those it lacks); nothing else is written. Absent: a full upsert.
       */
      joinOnly?: ResolvedParty[];
    }
  | {
      op: 'update';
      kind: K;
      objectId: string;
      ifMatch: string;
      patch: Partial<F>;
      /** The record's fields after the write (time zone and unchanged times for the payload). */
      after: F;
      /** The full party list when the patch changes the record's people (parties not in it are removed, R8). */
      parties?: ResolvedParty[];
      /**
       * Also set GroupwareItemID: the shared key (iCalUId) of the groupware item the service created for a
       * CRM-created record, so that an attendee's copy of that meeting, tagged in their own mailbox, finds this
       * record (the create upsert) instead of creating a second one.
       */
      groupwareItemId?: string;
    }
  /** R11: LifeCycleStatusCode / Status → cancelled, with If-Match. */
  | { op: 'cancel'; kind: K; objectId: string; ifMatch: string };

export interface CrmPort<C extends CrmRecord> {
  /**
   * Records with EntityLastChangedOn ≥ `highWater` (null: all within the window), one query per tenant. Inclusive
   * bound, so the newest record is read again next time; the planner's version check makes that harmless. Follows
   * all pages.
   */
  changedSince(tenantId: string, highWater: string | null, window: { startUtc: string; endUtc: string }): Promise<CrmChangesOf<C>>;

  /** Current state of the given records (retries, R9). Missing ones come back with `removed: true`. */
  getByIds(tenantId: string, refs: readonly { kind: C['kind']; objectId: string }[]): Promise<C[]>;

  /** The record created for a groupware item, if any (CheckAppointmentByGroupwareID / $filter). */
  findByGroupwareItemId(tenantId: string, kind: C['kind'], groupwareItemId: string): Promise<C | null>;

  /**
   * Batched writes (OData `$batch`, one change set per request so one failure does not roll back others;
   * x-csrf-token handled inside). One result per request in order; `version` is the new ETag (re-read when
   * the PATCH response has none). `create` is an idempotent upsert keyed by GroupwareItemID.
   */
  write(tenantId: string, requests: readonly CrmWriteRequestOf<C['fields'], C['kind']>[]): Promise<WriteResult[]>;

  /** R8: match e-mails to employees first, then contacts. Unknown e-mails are absent from the result. */
  resolveParties(tenantId: string, emails: readonly string[]): Promise<ResolvedParty[]>;
}
