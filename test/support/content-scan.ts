// Privacy check (docs/privacy.md): reads every row of every table of the service's database (its own tables and the
// job queue's) and reports the rows that hold any of the given texts, e.g. the subjects, bodies and locations a
// run wrote. Rows of in-flight tables (content until their session commits or an admin decides) are counted
// apart; everything else must hold none.
import type { Queryable } from '../../src/server/adapters/store/index.js';

export interface ContentScan {
  tables: number;
  rowsRead: number;
  /** Rows holding a needle outside in-flight rows: must be empty. */
  hits: { table: string; row: string }[];
  /** Rows holding a needle in in-flight tables (write intents, pending creates, inbox, undecided holds). */
  inFlight: number;
}

/** Rows that hold content by design until their work is done (and are deleted then). */
const IN_FLIGHT: Record<string, string> = {
  'public.write_intents': 'true',
  'public.pending_creates': 'true',
  'public.crm_inbox': 'true',
  'public.guard_holds': "t.status = 'held'",
};

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function scanForContent(db: Queryable, needles: readonly string[]): Promise<ContentScan> {
  const { rows: tables } = await db.query<{ schema: string; name: string }>(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
  );
  const lowered = needles.map((n) => n.toLowerCase());
  const report: ContentScan = { tables: tables.length, rowsRead: 0, hits: [], inFlight: 0 };
  for (const { schema, name } of tables) {
    const table = `${schema}.${name}`;
    const inFlight = IN_FLIGHT[table] ?? 'false';
    const { rows } = await db.query<{ row: string; in_flight: boolean }>(`SELECT to_jsonb(t)::text AS row, (${inFlight}) AS in_flight FROM ${quoted(schema)}.${quoted(name)} t`);
    report.rowsRead += rows.length;
    for (const { row, in_flight } of rows) {
      const text = row.toLowerCase();
      if (!lowered.some((n) => text.includes(n))) continue;
      if (in_flight) report.inFlight += 1;
      else report.hits.push({ table, row: row.slice(0, 300) });
    }
  }
  return report;
}
