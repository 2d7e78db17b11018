// Every row of a mailbox belongs to it (the privacy issue: removing a mailbox erases all its rows). sync_log and
// write_intents were the two mailbox tables without a key to `mailboxes`: deleting a mailbox left them behind, and
// a session still running while its mailbox was removed could write them afterwards. They now cascade like the
// other mailbox tables, and a late write of a removed mailbox fails instead of leaving rows nobody owns.
//
// Rows that already have no mailbox (none can today: nothing removed mailboxes) would stop the keys from being
// added; they are orphans of no one, so they go first.
//
// Closed pairs are deleted by the retention job (adapters/store/sql-retention.ts); the partial index lets it find
// them without reading every pair.
import type { Migration } from './migration.js';

export const mailboxCascade: Migration = {
  id: 9,
  name: 'mailbox-cascade',
  sql: `
DELETE FROM sync_log l WHERE NOT EXISTS (SELECT 1 FROM mailboxes m WHERE m.mailbox_id = l.mailbox_id);
DELETE FROM write_intents w WHERE NOT EXISTS (SELECT 1 FROM mailboxes m WHERE m.mailbox_id = w.mailbox_id);
ALTER TABLE sync_log ADD CONSTRAINT sync_log_mailbox FOREIGN KEY (mailbox_id) REFERENCES mailboxes (mailbox_id) ON DELETE CASCADE;
ALTER TABLE write_intents ADD CONSTRAINT write_intents_mailbox FOREIGN KEY (mailbox_id) REFERENCES mailboxes (mailbox_id) ON DELETE CASCADE;
CREATE INDEX sync_pairs_closed ON sync_pairs (pair_id) WHERE status = 'closed';
`,
};
