// An Outlook item may have more than one pair row in its mailbox: when it is retagged as the other kind
// (Appointment ↔ Visit), the old pair stays as an `unlinked` tombstone (so its C4C activity is not mirrored again)
// and a new pair of the new kind mirrors the item (sync/planner.ts). The initial schema made (mailbox, item) unique,
// which rejected that session's commit and then every later one of the mailbox. The lookup stays indexed.
import type { Migration } from './migration.js';

export const pairsPerItem: Migration = {
  id: 3,
  name: 'pairs-per-item',
  sql: `
ALTER TABLE sync_pairs DROP CONSTRAINT sync_pairs_outlook_item;
CREATE INDEX sync_pairs_outlook_item ON sync_pairs (mailbox_id, outlook_id);
`,
};
