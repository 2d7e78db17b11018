// Restart safety: the C4C records of a system the tenant was re-paired away from. Re-pairing forgets the pairs, but
// Outlook items go on naming their old records (a To Do task's linked resource, a contact's record property). In the
// new system such a record is unknown, which must not read as "deleted" (R11 would remove the user's item): a
// session passes over the names kept here, and the item is synced as new. Real ObjectIDs are GUIDs, so a name kept
// here never stands for a record of the new system; a tenant re-paired back to the old system knows them again (the
// names are kept with the system they belong to).
import type { Migration } from './migration.js';

export const forgottenCrmRecords: Migration = {
  id: 19,
  name: 'forgotten-crm-records',
  sql: `
CREATE TABLE forgotten_crm_records (
  tenant_id      text NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  crm_system_id  text NOT NULL,
  crm_object_id  text NOT NULL,
  forgotten_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, crm_object_id, crm_system_id)
);
`,
};
