// R10 insta-sync from Google: push channels (events.watch) on a Google mailbox's two calendars. Google never renews a
// channel: the keeper (jobs/google-channel-keeper.ts) opens new ones before the old expire.
import type { Mailbox } from '../domain/mailbox.js';

export interface GoogleChannel {
  id: string;
  /** Google's id of the watched resource (channels.stop needs it with the channel id). */
  resourceId: string;
  /** When Google ends the channel (ms since the epoch). */
  expirationMs: number;
}

export interface GoogleChannelApi {
  /** Opens one channel per SAP calendar of the mailbox to `address`; `channel()` names each and its token. */
  watchCalendars(mailbox: Mailbox, address: string, channel: () => { id: string; token: string }, ttlSeconds: number): Promise<GoogleChannel[]>;
  /** Ends a channel; one Google has ended already is not an error. */
  stopChannel(mailbox: Mailbox, channel: Pick<GoogleChannel, 'id' | 'resourceId'>): Promise<void>;
}
