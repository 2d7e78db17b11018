// One row of the sync state (vdirsyncer's status database): a mirrored pair with both sides' ids, version tokens
// and hashes, and the last synced field values (the base of the 3-way merge, R12).
import type { SyncKind } from '../../shared/categories.js';
import type { NormalizedCalendarItem } from './calendar-item.js';
import type { ItemError } from './errors.js';
import type { PairBase } from './state-digest.js';

/**
 * - `synced`: both sides agree as of the recorded versions.
 * - `error`: the last attempt failed (R9); the row keeps the versions/hashes of the last *successful* sync, so the
 *   next session sees the pending change again and retries.
 * - `unlinked`: the category was removed (R2) or the item lost it after a C4C cancel (R11); a tombstone so that
 *   the C4C activity is not mirrored again. Retagging the item reactivates the row.
 * - `closed`: one side was deleted/cancelled and the other side followed (R11). Kept so nothing is recreated.
 */
export type PairStatus = 'synced' | 'error' | 'unlinked' | 'closed';

/** Which side the pair was first created from (R11 decides deletes by it). */
export type PairOrigin = 'outlook' | 'crm';

/**
 * `_F`: the family's item. The row holds none of its values (the base is digests); the parameter stays so a pair
 * is typed by its family like the actions and groups it travels with.
 */
export interface SyncPair<_F extends object = NormalizedCalendarItem, K extends string = SyncKind> {
  /** Deterministic id (see sync/plan/pair-ids.ts); also the Graph transactionId of creates made from C4C. */
  pairId: string;
  mailboxId: string;
  /** The item family (domain/family.ts): `calendar`, and the families that follow. */
  family: string;
  kind: K;
  origin: PairOrigin;
  outlookId: string | null;
  outlookVersion: string | null;
  /** Hash of the Outlook side's synced fields at the last successful sync (domain/hash.ts). */
  outlookHash: string | null;
  crmObjectId: string | null;
  crmVersion: string | null;
  crmHash: string | null;
  /**
   * Keyed digests of the merged field values both sides had after the last successful sync, never the values
   * (domain/state-digest.ts); null before the first.
   */
  base: PairBase | null;
  status: PairStatus;
  lastError: ItemError | null;
  /** ISO UTC time the current error run started (R9: shown to the user, used to escalate). */
  errorSince: string | null;
  /** ISO UTC time of the last change to this row. */
  updatedAt: string;
}
