// The schema's history, oldest first. Never edit a migration that has shipped: add a new one.
import { initialSchema } from './0001-initial.js';

export interface Migration {
  /** Increasing number; the order migrations run in. */
  id: number;
  name: string;
  /** One or more statements, no parameters. Runs on PGlite and PostgreSQL ≥ 15. */
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [initialSchema];
