// The sync list (R14, issue 14): the C4C records each user wants in their Outlook contacts. One row per mailbox and
// record; the records' values are never stored here, only their type and readable C4C id. The second index finds
// every mailbox holding a record (a C4C change or an Outlook edit reaches all of them). Rows go with their mailbox.
import type { Migration } from './migration.js';

export const syncList: Migration = {
  id: 12,
  name: 'sync-list',
  sql: `
CREATE TABLE sync_list_entries (
  mailbox_id  text NOT NULL REFERENCES mailboxes (mailbox_id) ON DELETE CASCADE,
  record_type text NOT NULL CHECK (record_type IN ('contact', 'individualCustomer', 'employee', 'account')),
  c4c_id      text NOT NULL,
  source      text NOT NULL DEFAULT 'user' CHECK (source IN ('user', 'rule')),
  added_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (mailbox_id, record_type, c4c_id)
);
CREATE INDEX sync_list_by_record ON sync_list_entries (record_type, c4c_id);
`,
};
