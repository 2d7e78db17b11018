// Spreads scheduled sessions over the interval instead of starting every mailbox at once (R3): each mailbox gets
// a fixed minute slot from a hash of its id, and the once-a-minute tick enqueues the mailboxes whose slot it is.
import { createHash } from 'node:crypto';

export function slotOf(id: string, intervalMinutes: number): number {
  const digest = createHash('sha256').update(id).digest();
  return digest.readUInt32BE(0) % intervalMinutes;
}

/** Whether the tick at `now` (minute granularity) is `id`'s turn. */
export function isDue(id: string, intervalMinutes: number, now: Date): boolean {
  const minute = Math.floor(now.getTime() / 60_000);
  return minute % intervalMinutes === slotOf(id, intervalMinutes);
}

/** The start of the next minute after `now` that is `id`'s turn (what the admin console shows as the next session). */
export function nextDue(id: string, intervalMinutes: number, now: Date): Date {
  const minute = Math.floor(now.getTime() / 60_000) + 1;
  const wait = (slotOf(id, intervalMinutes) - (minute % intervalMinutes) + intervalMinutes) % intervalMinutes;
  return new Date((minute + wait) * 60_000);
}
