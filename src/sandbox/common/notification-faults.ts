// Faults of a change-notification sender (Graph's subscriptions, Google's push channels), set through the control
// plane (/_sandbox/notifications/faults): Graph documents that notifications can be lost (hence the `missed`
// lifecycle event), and a receiver must tolerate them arriving more than once and out of order (web hooks are
// retried). `drop`: the share of notifications never sent; `duplicate`: the share
// sent twice; `delayMs`: each notification (and each copy) waits a random time up to this before it joins a batch,
// so later changes can overtake it. Seeded, so a soak run repeats. Lifecycle notifications are not affected.
import { z } from 'zod';
import { mulberry32 } from './mulberry32.js';

export const notificationFaultsSchema = z
  .object({
    drop: z.number().min(0).max(1).default(0),
    duplicate: z.number().min(0).max(1).default(0),
    delayMs: z.number().int().min(0).max(600_000).default(0),
    seed: z.number().int().optional(),
  })
  .strict();

export type NotificationFaultSettings = Omit<z.infer<typeof notificationFaultsSchema>, 'seed'>;

export const NO_NOTIFICATION_FAULTS: NotificationFaultSettings = { drop: 0, duplicate: 0, delayMs: 0 };

export class NotificationFaults {
  settings: NotificationFaultSettings = NO_NOTIFICATION_FAULTS;
  readonly counts = { dropped: 0, duplicated: 0, delayed: 0 };
  private random = mulberry32(1);

  set(input: z.infer<typeof notificationFaultsSchema>): void {
    const { seed, ...settings } = input;
    this.settings = settings;
    this.random = mulberry32(seed ?? 1);
    this.counts.dropped = this.counts.duplicated = this.counts.delayed = 0;
  }

  clear(): void {
    this.set({ ...NO_NOTIFICATION_FAULTS });
  }

  /** The delays (ms) at which one notification is to be sent: none when dropped, two when duplicated. */
  plan(): number[] {
    const { drop, duplicate, delayMs } = this.settings;
    if (drop > 0 && this.random() < drop) {
      this.counts.dropped += 1;
      return [];
    }
    const copies = duplicate > 0 && this.random() < duplicate ? 2 : 1;
    if (copies === 2) this.counts.duplicated += 1;
    return Array.from({ length: copies }, () => {
      const delay = delayMs > 0 ? Math.floor(this.random() * delayMs) : 0;
      if (delay > 0) this.counts.delayed += 1;
      return delay;
    });
  }
}
