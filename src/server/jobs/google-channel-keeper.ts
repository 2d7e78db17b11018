// R10 insta-sync from Google: keeps a push channel open on each Google mailbox's two calendars. Google never renews a
// channel, so a new pair is opened once the old one is within `renewBeforeMs` of its end, and the old one is stopped
// (a notification in between comes on either; the queue coalesces the sessions). The open channels are kept in the
// database (GoogleChannelStore): a restarted process, or another worker, finds them and keeps using them instead of
// opening a pair of its own beside them (each pair pushes every change until it expires, a day later).
import { randomUUID } from 'node:crypto';
import type { Logger } from '../log/index.js';
import type { Clock } from '../ports/clock.js';
import type { GoogleChannel, GoogleChannelApi, GoogleChannelStore } from '../ports/google-channels.js';
import type { StateReader } from '../ports/state-store.js';

export interface GoogleChannelKeeperDeps {
  api: GoogleChannelApi;
  store: Pick<StateReader, 'listMailboxes'>;
  /** The channels open now, whichever process opened them. */
  channels: GoogleChannelStore;
  /** Where Google posts: PUBLIC_URL/webhooks/google. */
  address: string;
  tokenFor(channelId: string, mailboxId: string): string;
  clock: Clock;
  logger: Logger;
  /** Channel lifetime asked for (Google caps it; default a day). */
  ttlSeconds?: number;
  /** Renew when a channel ends sooner than this (default an hour). */
  renewBeforeMs?: number;
}

export interface GoogleChannelKeeper {
  /** Opens or renews what is due; one mailbox's failure, or the store's, is logged, and the next tick tries again. */
  tick(): Promise<{ opened: number; failed: number }>;
  channelsOf(mailboxId: string): Promise<GoogleChannel[]>;
}

export function createGoogleChannelKeeper(deps: GoogleChannelKeeperDeps): GoogleChannelKeeper {
  const ttlSeconds = deps.ttlSeconds ?? 86_400;
  const renewBeforeMs = deps.renewBeforeMs ?? 3_600_000;
  let running: Promise<{ opened: number; failed: number }> | null = null;
  const run = async () => {
    let opened = 0;
    let failed = 0;
    const now = deps.clock.now().getTime();
    let mailboxes: Awaited<ReturnType<typeof deps.store.listMailboxes>>;
    try {
      mailboxes = await deps.store.listMailboxes({ enabledOnly: true });
    } catch (error) {
      // The database away (a PostgreSQL restart): the next tick tries again. The ticks run from a timer, so a
      // rejection here would be unhandled and end the process (the fault soak saw a worker exit so).
      deps.logger.warn({ err: (error as Error).message }, "the Google mailboxes could not be read to keep their push channels; the next check tries again");
      return { opened, failed };
    }
    for (const mailbox of mailboxes) {
      if (mailbox.provider !== 'google' || mailbox.paused) continue;
      try {
        const current: GoogleChannel[] = await deps.channels.of(mailbox.mailboxId);
        if (current.length > 0 && Math.min(...current.map((c) => c.expirationMs)) - now > renewBeforeMs) continue;
        const fresh = await deps.api.watchCalendars(mailbox, deps.address, () => {
          const id = `crm-sync-${randomUUID()}`;
          return { id, token: deps.tokenFor(id, mailbox.mailboxId) };
        }, ttlSeconds);
        // Recorded before the old ones are stopped: a crash in between leaves old channels to run out, never new
        // ones nobody knows.
        await deps.channels.replace(mailbox.mailboxId, fresh);
        opened += fresh.length;
        for (const old of current) await deps.api.stopChannel(mailbox, old).catch(() => undefined);
      } catch (error) {
        failed += 1;
        deps.logger.warn({ mailboxId: mailbox.mailboxId, err: (error as Error).message }, "a Google mailbox's push channels could not be opened; the next check tries again");
      }
    }
    return { opened, failed };
  };
  return {
    async tick() {
      // One pass at a time: a slow pass is not overtaken by the next tick.
      running ??= run().finally(() => (running = null));
      return running;
    },
    channelsOf: (mailboxId) => deps.channels.of(mailboxId),
  };
}
