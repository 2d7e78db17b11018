// Issue 17: the enrolment policy, i.e. which of the tenant's C4C employees the service syncs. `tenants.enrolment`
// holds the policy the admin applied as JSON (`{"policy": {...}, "updatedAt", "updatedBy"}`); NULL means the
// default, `all` (every C4C employee, the behaviour before this migration, so an upgrade changes nothing).
// `mailboxes.enrolment` holds an admin's decision for one mailbox, which wins over the policy until the next policy is
// applied: `enrolled` (synced though outside the policy) or `removed` (not synced though inside); NULL follows it.
import type { Migration } from './migration.js';

export const enrolmentPolicy: Migration = {
  id: 20,
  name: 'enrolment-policy',
  sql: `
ALTER TABLE tenants ADD COLUMN enrolment jsonb;
ALTER TABLE mailboxes ADD COLUMN enrolment text CHECK (enrolment IN ('enrolled', 'removed'));
`,
};
