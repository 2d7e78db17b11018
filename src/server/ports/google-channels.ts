// R10 insta-sync from Google: push channels (events.watch) on a Google mailbox's two calendars. Google never renews a
// channel: the keeper (jobs/google-channel-keeper.ts) opens new ones before the old expire, and keeps them in the
// database (GoogleChannelStore).
import type { Mailbox } from '../domain/mailbox.js';

export interface GoogleChannel {
  id: string;
  /** Google's id of the watched resource (channels.stop needs it with the channel id). */
  resourceId: string;
  /** When Google ends the channel (ms since the epoch). */
  expirationMs: number;
}

/** Where the open channels are kept, for every process (a restarted one finds and keeps using them). */
export interface GoogleChannelStore {
  of(mailboxId: string): Promise<GoogleChannel[]>;
  /** The mailbox's channels are now these (the ones replaced are stopped by the caller). */
  replace(mailboxId: string, channels: readonly GoogleChannel[]): Promise<void>;
}

export interface GoogleChannelApi {
  /** Opens one channel per SAP calendar of the mailbox to `address`; `channel()` names each and its token. */
  watchCalendars(mailbox: Mailbox, address: string, channel: () => { id: string; token: string }, ttlSeconds: number): Promise<GoogleChannel[]>;
  /** Ends a channel; one Google has ended already is not an error. */
  stopChannel(mailbox: Mailbox, channel: Pick<GoogleChannel, 'id' | 'resourceId'>): Promise<void>;
}
