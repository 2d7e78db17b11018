// Deterministic pair ids: the same item always yields the same id, so a session replayed after a crash plans the
// same creates, and the idempotency keys (Graph transactionId, C4C GroupwareItemID) find the first attempt.
import { createHash } from 'node:crypto';
import type { SyncKind } from '../../../shared/categories.js';
import type { OutlookItemPresent } from '../../domain/snapshots.js';

function digest(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

/** Pair of an Outlook-originated item: per mailbox, kind and meeting (iCalUId, else the item id). */
export function outlookPairId(mailboxId: string, kind: SyncKind, item: Pick<OutlookItemPresent, 'id' | 'iCalUId'>): string {
  return `o-${digest([mailboxId, kind, item.iCalUId ?? item.id])}`;
}

/** Pair of a C4C-originated activity in the mailbox it lands in (also the Graph transactionId of the create). */
export function crmPairId(mailboxId: string, crmObjectId: string): string {
  return `c-${digest([mailboxId, crmObjectId])}`;
}

/**
 * C4C GroupwareItemID for an Outlook item: its iCalUId, which every copy of one meeting shares (so the
 * organizer's and the attendees' copies map to one activity), else the pair id.
 */
export function groupwareItemIdFor(item: Pick<OutlookItemPresent, 'iCalUId'>, pairId: string): string {
  return item.iCalUId ?? pairId;
}
