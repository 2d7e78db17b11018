// Issue 17: an admin can pause a mailbox (no sessions until resumed; its pairs, cursors and subscriptions stay) apart
// from `enabled`, which says whether the mailbox is enrolled at all. `paused_at` (ISO text like the other domain
// times) is NULL while it syncs. The index serves the console's mailbox list: keyset pages in e-mail order per tenant.
import type { Migration } from './migration.js';

export const mailboxPause: Migration = {
  id: 16,
  name: 'mailbox-pause',
  sql: `
ALTER TABLE mailboxes ADD COLUMN paused_at text;
ALTER TABLE mailboxes ADD COLUMN paused_by text;
CREATE INDEX mailboxes_page ON mailboxes (tenant_id, email, mailbox_id);
`,
};
