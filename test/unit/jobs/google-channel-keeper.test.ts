// The Google channel keeper runs from a timer: a tick must never reject. With the database away (a PostgreSQL
// restart) it logs and waits for the next tick, which opens the channels once the mailboxes can be read again.
import type { Logger } from '../../../src/server/log/index.js';
import { createGoogleChannelKeeper } from '../../../src/server/jobs/google-channel-keeper.js';
import type { Mailbox } from '../../../src/server/domain/mailbox.js';
import type { GoogleChannel, GoogleChannelApi } from '../../../src/server/ports/google-channels.js';

const dan: Mailbox = { mailboxId: 'google:dan@contoso.example', tenantId: 't1', provider: 'google', email: 'dan@contoso.example', displayName: 'Dan', employeePartyId: '8000000004', enabled: true };

describe('Google channel keeper', () => {
  it('logs a store that cannot be read and opens the channels at the next tick', async () => {
    let databaseUp = false;
    const warnings: string[] = [];
    const api: GoogleChannelApi = {
      watchCalendars: async (_mailbox, _address, channel) => [1, 2].map((n) => ({ id: channel().id, resourceId: `res-${n}`, expirationMs: Date.now() + 86_400_000 })),
      stopChannel: async () => undefined,
    };
    const stored = new Map<string, readonly GoogleChannel[]>();
    const keeper = createGoogleChannelKeeper({
      api,
      channels: { of: async (id) => [...(stored.get(id) ?? [])], replace: async (id, channels) => void stored.set(id, channels) },
      store: { listMailboxes: async () => (databaseUp ? [dan] : Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'))) },
      address: 'https://sync.example/webhooks/google',
      tokenFor: (id) => `token-${id}`,
      clock: { now: () => new Date() },
      logger: { warn: (_details: object, message: string) => void warnings.push(message) } as unknown as Logger,
    });
    await expect(keeper.tick()).resolves.toEqual({ opened: 0, failed: 0 });
    expect(warnings).toEqual([expect.stringContaining('could not be read')]);
    databaseUp = true;
    await expect(keeper.tick()).resolves.toEqual({ opened: 2, failed: 0 });
    expect(await keeper.channelsOf(dan.mailboxId)).toHaveLength(2);
  });
});
