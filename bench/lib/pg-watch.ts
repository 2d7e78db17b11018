// PostgreSQL's own account of contention during a benchmark window: backends waiting on a lock (heavyweight `Lock`
// or internal `LWLock`) sampled from pg_stat_activity and ungranted pg_locks every `everyMs`, and the database and
// table counters (pg_stat_database, pg_stat_user_tables) before and after. One connection of its own, outside the
// service's pools; it reads only statistics views, never the service's rows.
import pg from 'pg';

export interface LockWaits {
  samples: number;
  /** Samples in which at least one backend of the database waited on a Lock or LWLock. */
  samplesWithWaits: number;
  /** Waiting backends summed over all samples, by `type:event` (e.g. `Lock:transactionid`, `LWLock:WALWrite`). */
  byEvent: Record<string, number>;
  /** Ungranted pg_locks summed over all samples, by `locktype relation mode`. */
  notGranted: Record<string, number>;
}

export interface TableCounters {
  table: string;
  updates: number;
  hotUpdates: number;
  inserts: number;
  deletes: number;
}

export interface DatabaseCounters {
  xactCommit: number;
  xactRollback: number;
  deadlocks: number;
  blksRead: number;
  blksHit: number;
  tables: TableCounters[];
}

export interface PgWatch {
  /** Stops sampling; the waits seen and the counters' change over the window (tables by updates, most first). */
  stop(): Promise<{ waits: LockWaits; delta: DatabaseCounters }>;
}

async function counters(client: pg.Client): Promise<DatabaseCounters> {
  const db = (
    await client.query<Record<string, string>>(
      'SELECT xact_commit, xact_rollback, deadlocks, blks_read, blks_hit FROM pg_stat_database WHERE datname = current_database()',
    )
  ).rows[0] ?? {};
  const tables = await client.query<{ t: string; upd: string; hot: string; ins: string; del: string }>(
    "SELECT schemaname || '.' || relname AS t, n_tup_upd AS upd, n_tup_hot_upd AS hot, n_tup_ins AS ins, n_tup_del AS del FROM pg_stat_user_tables",
  );
  return {
    xactCommit: Number(db.xact_commit ?? 0),
    xactRollback: Number(db.xact_rollback ?? 0),
    deadlocks: Number(db.deadlocks ?? 0),
    blksRead: Number(db.blks_read ?? 0),
    blksHit: Number(db.blks_hit ?? 0),
    tables: tables.rows.map((r) => ({ table: r.t, updates: Number(r.upd), hotUpdates: Number(r.hot), inserts: Number(r.ins), deletes: Number(r.del) })),
  };
}

export function countersDelta(before: DatabaseCounters, after: DatabaseCounters): DatabaseCounters {
  const was = new Map(before.tables.map((t) => [t.table, t]));
  const tables = after.tables
    .map((t) => {
      const b = was.get(t.table);
      return { table: t.table, updates: t.updates - (b?.updates ?? 0), hotUpdates: t.hotUpdates - (b?.hotUpdates ?? 0), inserts: t.inserts - (b?.inserts ?? 0), deletes: t.deletes - (b?.deletes ?? 0) };
    })
    .sort((a, b) => b.updates + b.inserts - (a.updates + a.inserts));
  return {
    xactCommit: after.xactCommit - before.xactCommit,
    xactRollback: after.xactRollback - before.xactRollback,
    deadlocks: after.deadlocks - before.deadlocks,
    blksRead: after.blksRead - before.blksRead,
    blksHit: after.blksHit - before.blksHit,
    tables,
  };
}

const add = (into: Record<string, number>, key: string, n: number) => {
  into[key] = (into[key] ?? 0) + n;
};

/** Starts watching the database at `url`. The statistics views lag by up to the stats flush (~1 s), so stop after the window has settled. */
export async function watchPostgres(url: string, everyMs = 250): Promise<PgWatch> {
  const client = new pg.Client({ connectionString: url });
  // A server stopped under the watch (a bench that failed) ends the sampling, not the process.
  let failed: Error | null = null;
  client.on('error', (error: Error) => {
    failed = error;
  });
  await client.connect();
  const before = await counters(client);
  const waits: LockWaits = { samples: 0, samplesWithWaits: 0, byEvent: {}, notGranted: {} };
  let stopped = false;
  const sample = async () => {
    const activity = await client.query<{ type: string; event: string; n: string }>(
      "SELECT wait_event_type AS type, wait_event AS event, count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type IN ('Lock', 'LWLock') GROUP BY 1, 2",
    );
    const locks = await client.query<{ what: string; n: string }>(
      // An `object` lock names its catalog and object: `pg_database 0` is the cluster-wide lock a NOTIFY takes at commit.
      "SELECT locktype || ' ' || coalesce(relation::regclass::text, classid::regclass::text || ' ' || objid, '-') || ' ' || mode AS what, count(*) AS n FROM pg_locks WHERE NOT granted GROUP BY 1",
    );
    waits.samples += 1;
    if (activity.rows.length > 0) waits.samplesWithWaits += 1;
    for (const r of activity.rows) add(waits.byEvent, `${r.type}:${r.event}`, Number(r.n));
    for (const r of locks.rows) add(waits.notGranted, r.what, Number(r.n));
  };
  const loop = (async () => {
    while (!stopped && failed === null) {
      const started = Date.now();
      await sample().catch((error: unknown) => {
        failed = error as Error;
      });
      await new Promise((r) => setTimeout(r, Math.max(0, everyMs - (Date.now() - started))));
    }
  })();
  const finish = async () => {
    stopped = true;
    await loop;
    try {
      // The counters of other backends reach the views when those backends flush their statistics (at most ~1 s).
      await new Promise((r) => setTimeout(r, 1_100));
      if (failed) throw new Error(`PostgreSQL watch failed: ${(failed as Error).message}`);
      return { waits, delta: countersDelta(before, await counters(client)) };
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  let finished: ReturnType<typeof finish> | null = null;
  return {
    // Safe to call twice (a bench's finally after its own stop): the first call's result.
    stop: () => (finished ??= finish()),
  };
}
