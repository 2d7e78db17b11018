// Restart safety (issue 23). The systems a tenant's sync state was made against: the Graph tenant and the C4C
// system (its service root and a system id read from it at start). A different system refuses to sync until an
// admin re-pairs (sync/tenant/pairing.ts). And a hold an admin released becomes `applied` once a session applied
// it. The status check, written inline in 0001, carries PostgreSQL's default name.
import type { Migration } from './migration.js';

export const tenantPairing: Migration = {
  id: 11,
  name: 'tenant-pairing',
  sql: `
CREATE TABLE tenant_pairings (
  tenant_id        text PRIMARY KEY,
  graph_tenant_id  text,
  crm_service_root text NOT NULL,
  crm_system_id    text NOT NULL,
  paired_at        timestamptz NOT NULL DEFAULT now(),
  paired_by        text
);
ALTER TABLE guard_holds DROP CONSTRAINT guard_holds_status_check;
ALTER TABLE guard_holds ADD CONSTRAINT guard_holds_status_check CHECK (status IN ('held', 'released', 'applied', 'discarded'));
`,
};
