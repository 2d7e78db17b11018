// The shape of one schema migration (kept apart from the list so migration files need not import the list).
export interface Migration {
  /** Increasing number; the order migrations run in. */
  id: number;
  name: string;
  /** One or more statements, no parameters. Runs on PGlite and PostgreSQL ≥ 15. */
  sql: string;
}
