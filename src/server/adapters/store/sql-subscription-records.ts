// Subscription records (ports/subscription-records.ts) in the graph_subscriptions table, and the renewal claim:
// a PostgreSQL session advisory lock when several processes share a server, nothing to claim in embedded mode
// (one process owns the data folder).
import type { SubscriptionRecord, SubscriptionRecords } from '../../ports/subscription-records.js';
import type { Database } from './database.js';

/** pg advisory lock key of the subscription renewal ("crm-subs"). */
const RENEWAL_LOCK_KEY = 0x63726d73;

export class SqlSubscriptionRecords implements SubscriptionRecords {
  constructor(private readonly db: Database) {}

  async list(): Promise<SubscriptionRecord[]> {
    const { rows } = await this.db.query<{ subscription_id: string; mailbox_id: string; resource: string; expires_at: Date | string }>(
      'SELECT subscription_id, mailbox_id, resource, expires_at FROM graph_subscriptions',
    );
    return rows.map((r) => ({ subscriptionId: r.subscription_id, mailboxId: r.mailbox_id, resource: r.resource, expiresAt: new Date(r.expires_at).toISOString() }));
  }

  async mailboxOf(subscriptionId: string): Promise<string | null> {
    const { rows } = await this.db.query<{ mailbox_id: string }>('SELECT mailbox_id FROM graph_subscriptions WHERE subscription_id = $1', [subscriptionId]);
    return rows[0]?.mailbox_id ?? null;
  }

  async put(record: SubscriptionRecord & { clientStateHash: string }): Promise<void> {
    await this.db.query(
      `INSERT INTO graph_subscriptions (subscription_id, mailbox_id, resource, expires_at, client_state_hash)
       VALUES ($1, $2, $3, $4::timestamptz, $5)
       ON CONFLICT (subscription_id) DO UPDATE SET expires_at = EXCLUDED.expires_at, updated_at = now()`,
      [record.subscriptionId, record.mailboxId, record.resource, record.expiresAt, record.clientStateHash],
    );
  }

  async setExpiry(subscriptionId: string, expiresAt: string): Promise<void> {
    await this.db.query('UPDATE graph_subscriptions SET expires_at = $2::timestamptz, updated_at = now() WHERE subscription_id = $1', [subscriptionId, expiresAt]);
  }

  async mailboxesWithoutLiveSubscription(now: Date): Promise<string[]> {
    const { rows } = await this.db.query<{ mailbox_id: string }>(
      `SELECT m.mailbox_id FROM mailboxes m
       WHERE m.enabled AND m.provider = 'graph'
         AND NOT EXISTS (SELECT 1 FROM graph_subscriptions s WHERE s.mailbox_id = m.mailbox_id AND s.expires_at > $1::timestamptz)
       ORDER BY m.mailbox_id`,
      [now.toISOString()],
    );
    return rows.map((r) => r.mailbox_id);
  }

  async remove(subscriptionId: string): Promise<void> {
    await this.db.query('DELETE FROM graph_subscriptions WHERE subscription_id = $1', [subscriptionId]);
  }

  /**
   * Server mode: holds a session advisory lock on a connection of its own while `fn` runs (its statements use the
   * pool and commit as they go); another process holding it → null. A crash drops the lock.
   */
  async asOnlyRenewal<T>(fn: () => Promise<T>): Promise<T | null> {
    const pool = this.db.native.pool;
    if (!pool) return fn();
    const client = await pool.connect();
    try {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [RENEWAL_LOCK_KEY]);
      if (!rows[0]?.locked) return null;
      try {
        return await fn();
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [RENEWAL_LOCK_KEY]);
      }
    } finally {
      client.release();
    }
  }
}
