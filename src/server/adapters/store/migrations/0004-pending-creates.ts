// C4C creates recorded before they are sent (ports/pending-creates.ts), so a crash between the C4C
// commit and the session's state commit cannot orphan an activity whose Outlook item is deleted afterwards.
import type { Migration } from './migration.js';

export const pendingCreates: Migration = {
  id: 4,
  name: 'pending-creates',
  sql: `
CREATE TABLE pending_creates (
  mailbox_id         text NOT NULL REFERENCES mailboxes (mailbox_id) ON DELETE CASCADE,
  pair_id            text NOT NULL,
  outlook_id         text NOT NULL,
  kind               text NOT NULL CHECK (kind IN ('appointment', 'visit')),
  groupware_item_id  text NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (mailbox_id, pair_id)
);
`,
};
