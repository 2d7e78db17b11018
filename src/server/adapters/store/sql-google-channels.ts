// The push channels open on Google mailboxes' calendars (ports/google-channels.ts) in the google_channels table.
import type { GoogleChannel, GoogleChannelStore } from '../../ports/google-channels.js';
import type { Database } from './database.js';

interface Row extends Record<string, unknown> {
  channel_id: string;
  resource_id: string;
  expires_at: Date | string;
}

export class SqlGoogleChannels implements GoogleChannelStore {
  constructor(private readonly db: Database) {}

  async of(mailboxId: string): Promise<GoogleChannel[]> {
    const { rows } = await this.db.query<Row>('SELECT channel_id, resource_id, expires_at FROM google_channels WHERE mailbox_id = $1 ORDER BY channel_id', [mailboxId]);
    return rows.map((r) => ({ id: r.channel_id, resourceId: r.resource_id, expirationMs: new Date(r.expires_at).getTime() }));
  }

  async replace(mailboxId: string, channels: readonly GoogleChannel[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('DELETE FROM google_channels WHERE mailbox_id = $1', [mailboxId]);
      for (const channel of channels) {
        await tx.query('INSERT INTO google_channels (channel_id, mailbox_id, resource_id, expires_at) VALUES ($1, $2, $3, $4::timestamptz)', [
          channel.id,
          mailboxId,
          channel.resourceId,
          new Date(channel.expirationMs).toISOString(),
        ]);
      }
    });
  }
}
