// Issue 17: what administrators did, for the auditor's question "who changed this, when, from what to what". One row
// per admin write (a settings change, pause, resume, full resync, retry, a hold decided …): the admin's user id (the
// token's `oid`), the time, the action, what it acted on (a mailbox id, a hold id, the tenant) and its detail as
// JSON (for settings: each setting's old and new value). Never item content or secrets. Paged newest first by id.
import type { Migration } from './migration.js';

export const adminAudit: Migration = {
  id: 15,
  name: 'admin-audit',
  sql: `
CREATE TABLE admin_audit (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at         timestamptz NOT NULL DEFAULT now(),
  tenant_id  text NOT NULL,
  actor      text NOT NULL,
  action     text NOT NULL,
  target     text,
  detail     jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX admin_audit_by_target ON admin_audit (target, id);
`,
};
