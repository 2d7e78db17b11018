// C4C `deleted` notifications waiting to be confirmed with C4C and filed for the mailboxes that mirror the
// activity (sync/crm-deletes.ts). Kept in the database so that a notification survives a failed C4C call, a
// worker restart, or arriving before the session that mirrors the activity has committed its pair.
import type { Migration } from './migration.js';

export const crmDeleteHints: Migration = {
  id: 5,
  name: 'crm-delete-hints',
  sql: `
CREATE TABLE crm_delete_hints (
  tenant_id  text NOT NULL,
  object_id  text NOT NULL,
  kind       text NOT NULL CHECK (kind IN ('appointment', 'visit')),
  noted_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, object_id)
);
`,
};
