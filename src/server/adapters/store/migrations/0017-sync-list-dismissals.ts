// The sync list's admin rule (R14, issue 14): a record the user took off their list is remembered here, so the rule
// (which adds entries marked `rule`) does not put it back. A user's own add of the record forgets it again. Like the
// entries, only the record's type and readable C4C id are kept; rows go with their mailbox.
import type { Migration } from './migration.js';

export const syncListDismissals: Migration = {
  id: 17,
  name: 'sync-list-dismissals',
  sql: `
CREATE TABLE sync_list_dismissals (
  mailbox_id   text NOT NULL REFERENCES mailboxes (mailbox_id) ON DELETE CASCADE,
  record_type  text NOT NULL CHECK (record_type IN ('contact', 'individualCustomer', 'employee', 'account')),
  c4c_id       text NOT NULL,
  dismissed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (mailbox_id, record_type, c4c_id)
);
`,
};
