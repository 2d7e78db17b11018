// R12 (issue 19): the sync log keeps each conflict a session decided as a record an operator, or the fault soak's
// checker, can read: the fields, each side's version and keyed digests of its values, and the winner. Never the
// values themselves (docs/privacy.md). Null for every other line. (0013 is left to another branch.)
import type { Migration } from './migration.js';

export const conflictRecords: Migration = {
  id: 14,
  name: 'conflict-records',
  sql: `
ALTER TABLE sync_log ADD COLUMN detail jsonb;
`,
};
