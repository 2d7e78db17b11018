// Reads the pg-boss job table and the service's tables straight from PostgreSQL, so the scale-out tests can check
// what the queue did (which sessions ran when) independently of the service's own logs.
import pg from 'pg';
import { createSessionStore, migrate, openPostgres } from '../../../src/server/adapters/store/index.js';
import type { DemoUser } from '../../../src/sandbox/common/demo-tenant.js';
import { mailboxOf } from '../../support/sync-harness.js';

export interface JobRow {
  id: string;
  name: string;
  state: string;
  singleton_key: string | null;
  created_on: Date;
  started_on: Date | null;
  completed_on: Date | null;
  retry_count: number;
}

export async function sql<T extends Record<string, unknown>>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** Jobs of the session and tenant-poll queues (pg-boss keeps finished jobs for a day). */
export function sessionJobs(url: string): Promise<JobRow[]> {
  return sql<JobRow & Record<string, unknown>>(
    url,
    `SELECT id, name, state, singleton_key, created_on, started_on, completed_on, retry_count
       FROM pgboss.job WHERE name IN ('mailbox-session', 'tenant-poll') ORDER BY created_on`,
  );
}

/** A migrated database with the users registered as mailboxes (as the workers' provisioning would). */
export async function prepareDatabase(url: string, users: readonly DemoUser[]): Promise<void> {
  const db = await openPostgres({ connectionString: url });
  try {
    await migrate(db);
    const store = createSessionStore(db);
    await store.transaction(async (tx) => {
      for (const user of users) await tx.upsertMailbox(mailboxOf(user));
    });
  } finally {
    await db.close();
  }
}

/** Intervals that overlap, per key: [a, b] pairs where b started before a ended. */
export function overlaps<T>(items: readonly T[], key: (t: T) => string, start: (t: T) => number, end: (t: T) => number): [T, T][] {
  const found: [T, T][] = [];
  const byKey = new Map<string, T[]>();
  for (const item of items) byKey.set(key(item), [...(byKey.get(key(item)) ?? []), item]);
  for (const group of byKey.values()) {
    const sorted = [...group].sort((a, b) => start(a) - start(b));
    for (let i = 1; i < sorted.length; i += 1) {
      const previous = sorted[i - 1] as T;
      const current = sorted[i] as T;
      if (start(current) < end(previous)) found.push([previous, current]);
    }
  }
  return found;
}
