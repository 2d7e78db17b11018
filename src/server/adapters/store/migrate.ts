// Schema migrations: ordered SQL scripts applied at start-up, all pending ones in one transaction, recorded in
// `schema_migrations`. Idempotent (applied ids are skipped) and safe when several processes start at once against
// one PostgreSQL server (an advisory lock serializes them). pg-boss keeps its own schema `pgboss`; nothing here
// touches it.
import type { Database } from './database.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';

/** Arbitrary but fixed key of the advisory lock that serializes migrating processes. */
const MIGRATION_LOCK_KEY = 7_262_019;

export class SchemaTooNewError extends Error {
  constructor(unknownIds: number[]) {
    super(
      `The database has schema migrations this program does not know (${unknownIds.join(', ')}): it was migrated by a ` +
        'newer version. Run that version, or restore a backup taken before the upgrade.',
    );
    this.name = 'SchemaTooNewError';
  }
}

export interface MigrationOutcome {
  /** Migrations applied by this call, in order (`0001_initial` …). */
  applied: string[];
  /** Id of the newest migration now in the database. */
  version: number;
}

export async function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): Promise<MigrationOutcome> {
  const ordered = [...migrations].sort((a, b) => a.id - b.id);
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      id integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = new Set((await tx.query<{ id: number }>('SELECT id FROM schema_migrations')).rows.map((row) => row.id));
    const known = new Set(ordered.map((migration) => migration.id));
    const unknown = [...done].filter((id) => !known.has(id)).sort((a, b) => a - b);
    if (unknown.length > 0) throw new SchemaTooNewError(unknown);

    const applied: string[] = [];
    for (const migration of ordered) {
      if (done.has(migration.id)) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (id, name) VALUES ($1, $2)', [migration.id, migration.name]);
      applied.push(`${String(migration.id).padStart(4, '0')}_${migration.name}`);
    }
    return { applied, version: ordered.at(-1)?.id ?? 0 };
  });
}
