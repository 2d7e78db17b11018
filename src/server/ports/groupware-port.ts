// The groupware side of a mailbox for one item family: Exchange through Microsoft Graph (adapters/graph) or Google
// (adapters/google). Items come back normalized to the family's item (domain/family.ts).
import type { CategoryEdit } from '../domain/actions.js';
import type { ItemError } from '../domain/errors.js';
import type { Mailbox } from '../domain/mailbox.js';
import type { GroupwareItem, GroupwareItemPresent } from '../domain/snapshots.js';
import type { WriteResult } from './write-results.js';

import type { SyncWindow } from '../domain/sync-window.js';

export type { SyncWindow } from '../domain/sync-window.js';

/** A shared item to find in a mailbox: its shared key, and when it happens (the window to look in). */
export interface SharedItemRef {
  shareKey: string;
  startUtc: string;
  endUtc: string;
}

export interface GroupwareChanges<G extends GroupwareItemPresent> {
  /** Changed and removed items since the cursor (all items in the window when `full`). */
  items: GroupwareItem<G>[];
  /** Opaque cursor (Graph deltaLink). Store it only together with the work done on `items`. */
  nextCursor: string;
  /** True when this was a full read: the cursor was null, expired (Graph 410) or the window moved. */
  full: boolean;
}

/**
 * R9 on the item, for a family whose items show the service's words (contacts: Outlook add-ins do not run on them, so
 * the notes are the only place a user reads a reason): the error the item is in now, shown beside the service's link,
 * or null once it cleared (taken off, as the error category is). Absent: what the item shows stays as it is. A family
 * with no such place ignores it (calendars and tasks show R9's reason in the task pane).
 */
export type ErrorNote = ItemError | null;

export type GroupwareWriteRequest<F extends object, K extends string> =
  | {
      op: 'create';
      /** Graph transactionId / Google private extended property: a retry returns the first item. */
      transactionId: string;
      kind: K;
      fields: F;
      categories: string[];
    }
  | {
      op: 'update';
      id: string;
      ifMatch: string;
      patch: Partial<F>;
      /** The item's fields after the write (unchanged start/end for Graph's combined validation). */
      after: F;
      categoryEdit?: CategoryEdit;
      /**
       * Why the service changed the item this way, for its user (R9's reason), shown on the item where the family has
       * a place for the service's words (contacts: the service's line in the notes, replacing the C4C link of one
       * released, known bug 11). Absent: the item shows none. A family with no such place ignores it.
       */
      notice?: string;
      /** R9's error while the item is in error, shown beside the service's link where the family has a place (ErrorNote). */
      error?: ErrorNote;
    }
  | { op: 'delete'; id: string; ifMatch: string }
  /**
   * Categories only, read-modify-write without If-Match: a category write must not lose against a concurrent
   * user edit, and must keep categories the user added meanwhile.
   */
  | { op: 'editCategories'; id: string; edit: CategoryEdit; notice?: string; error?: ErrorNote }
  /** Replace the whole category list, without If-Match (e.g. the task pane's "stop syncing"). */
  | { op: 'setCategories'; id: string; categories: string[] };

/** A create an earlier session may have made unseen (its write intent left behind), planned again. */
export interface ReplayedCreate<F extends object> {
  pairId: string;
  /** The fields the create sends: what it stamps on the item (a contact copy's record property). */
  fields: F;
  /**
   * ISO UTC time before which no item of this create can have been made (contacts: when the record joined the sync
   * list), so an older item stamped alike (the copy of an earlier time on the list) is not taken for it. Absent: any.
   */
  notBefore?: string;
}

export interface GroupwarePort<G extends GroupwareItemPresent, K extends string = string> {
  /**
   * Items changed since `cursor` within `window` (calendar: Graph `calendarView/delta`, occurrences and exceptions,
   * never series masters). `cursor` null → full read. An expired cursor is handled inside: the adapter does a full
   * read and says so with `full: true`. Follows all pages before returning. Removed entries are reported only for
   * real deletes (an item leaving the window is not a delete; confirm with a GET).
   * Never advances anything itself: the caller stores `nextCursor` in the transaction that records the work.
   */
  readChanges(mailbox: Mailbox, cursor: string | null, window: SyncWindow): Promise<GroupwareChanges<G>>;

  /** Current state of the given items (retries of failed pairs, R9). Missing ids come back as removed. */
  getItems(mailbox: Mailbox, ids: readonly string[]): Promise<GroupwareItem<G>[]>;

  /**
   * R8: the mailbox's copies of shared items by the key they share (calendar: a meeting's iCalUId, also each
   * occurrence's), around when they happen. Copies not found are left out. Absent: the family shares nothing.
   */
  findShared?(mailbox: Mailbox, wanted: readonly SharedItemRef[]): Promise<G[]>;

  /**
   * Of the given replayed creates, those whose item a create of ours made and the user has deleted since (Graph: found
   * in Deleted Items by what the create stamps on it: an event's pair id, a contact copy's record property): pair id →
   * the deleted item's id. Absent: the family's groupware side keeps no deleted items to look in.
   */
  findDeletedCreates?(mailbox: Mailbox, creates: readonly ReplayedCreate<G['fields']>[]): Promise<ReadonlyMap<string, string>>;

  /**
   * Applies writes in batches (Graph `$batch` ≤ 20, ≤ 4 concurrent per mailbox; throttling and Retry-After are
   * handled inside). Returns one result per request, in request order. `create` is an idempotent upsert keyed by
   * transactionId: a repeated create returns the existing item, updated to the given fields. `update`/`delete`
   * use If-Match; a stale version yields error code `conflict`, a vanished item `notFound` (for delete that
   * counts as success).
   */
  write(mailbox: Mailbox, requests: readonly GroupwareWriteRequest<G['fields'], K>[]): Promise<WriteResult[]>;

  /**
   * For an admin's dry run, when this port's first read makes something (the To Do service list, the contact folder,
   * a Google mailbox's calendars): a view of the mailbox whose reads make and store nothing. What does not exist yet
   * reads as empty, and `wouldCreate` names it ("To Do list 'X'"), as the first session would make it. Its `write`
   * refuses. Absent: the reads write nothing anyway.
   */
  readOnly?(mailbox: Mailbox): Promise<ReadOnlyGroupware<G, K>>;
}

export interface ReadOnlyGroupware<G extends GroupwareItemPresent, K extends string = string> {
  port: GroupwarePort<G, K>;
  wouldCreate: string[];
}

/** The `write` of a read-only view: a dry run never writes, so a call is a bug. */
export const refuseWrites = (): Promise<never> => Promise.reject(new Error('a read-only view (dry run) does not write'));
