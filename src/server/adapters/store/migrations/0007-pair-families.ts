// One pairs table for every item family (domain/family.ts): each row says which family it mirrors. Existing rows
// are all calendar items. A family's kinds are its own to check (contacts and tasks bring kinds the initial
// schema's list did not know), so the fixed lists of kinds give way to the family column.
import type { Migration } from './migration.js';

export const pairFamilies: Migration = {
  id: 7,
  name: 'pair-families',
  sql: `
ALTER TABLE sync_pairs ADD COLUMN family text NOT NULL DEFAULT 'calendar';
ALTER TABLE sync_pairs DROP CONSTRAINT sync_pairs_kind_check;
ALTER TABLE pending_creates DROP CONSTRAINT pending_creates_kind_check;
ALTER TABLE crm_delete_hints DROP CONSTRAINT crm_delete_hints_kind_check;
`,
};
