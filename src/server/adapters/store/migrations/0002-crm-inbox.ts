// The C4C inbox (ports/crm-inbox.ts): activities read once per tenant, filed per mailbox until a session has
// recorded its work on them.
import type { Migration } from './migration.js';

export const crmInbox: Migration = {
  id: 2,
  name: 'crm-inbox',
  sql: `
CREATE TABLE crm_inbox (
  mailbox_id        text NOT NULL REFERENCES mailboxes (mailbox_id) ON DELETE CASCADE,
  object_id         text NOT NULL,
  -- EntityLastChangedOn of the filed version, ISO UTC text; a newer version replaces an older one.
  last_changed_on   text NOT NULL,
  activity          jsonb NOT NULL,
  filed_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (mailbox_id, object_id)
);
`,
};
