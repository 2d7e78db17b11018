// Deterministic pair ids: the same item always yields the same id, so a session replayed after a crash plans the
// same creates, and the idempotency keys (Graph transactionId, C4C GroupwareItemID) find the first attempt.
import { createHash } from 'node:crypto';
import type { ItemFamily } from '../../domain/family.js';
import type { GroupwareItemPresent } from '../../domain/snapshots.js';

function digest(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

/**
 * Pair of a groupware-originated item: per mailbox, kind and shared item (a meeting's iCalUId, else the item id).
 * Kinds belong to one family each, so ids of different families never meet.
 */
export function outlookPairId(mailboxId: string, kind: string, item: { id: string; iCalUId: string | null }): string {
  return `o-${digest([mailboxId, kind, item.iCalUId ?? item.id])}`;
}

/** Pair of a CRM-originated record in the mailbox it lands in (also the Graph transactionId of the create). */
export function crmPairId(mailboxId: string, crmObjectId: string): string {
  return `c-${digest([mailboxId, crmObjectId])}`;
}

/** Whether an id is a CRM-originated pair's (e.g. the transactionId of a groupware item we created from the CRM). */
export function isCrmPairId(id: string): boolean {
  return /^c-[0-9a-f]{32}$/.test(id);
}

/** The pair id of a groupware item of any family. */
export function groupwarePairId<G extends GroupwareItemPresent>(family: Pick<ItemFamily<G>, 'shareKeyOf'>, mailboxId: string, kind: string, item: G): string {
  return outlookPairId(mailboxId, kind, { id: item.id, iCalUId: family.shareKeyOf(item) });
}

/**
 * C4C GroupwareItemID for a groupware item: the key every copy of it shares (a meeting's iCalUId, so the
 * organizer's and the attendees' copies map to one activity), else the pair id.
 */
export function groupwareItemIdFor<G extends GroupwareItemPresent>(family: Pick<ItemFamily<G>, 'shareKeyOf'>, item: G, pairId: string): string {
  return family.shareKeyOf(item) ?? pairId;
}
