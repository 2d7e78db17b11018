// The task family (R13): a mailbox's To Do delta cursor is a cursor kind of its own, and tasks have pending creates
// (a C4C task created from To Do) and delete notes (C4C's notification of a deleted task) like calendar items. The
// column checks written inline in 0001/0004/0005 carry PostgreSQL's default names (<table>_<column>_check).
import type { Migration } from './migration.js';

export const taskFamily: Migration = {
  id: 10,
  name: 'task-family',
  sql: `
ALTER TABLE cursors DROP CONSTRAINT cursors_kind_check;
ALTER TABLE cursors ADD CONSTRAINT cursors_kind_check CHECK (kind IN ('graphDelta', 'todoDelta', 'googleSync', 'crmHighWater'));
ALTER TABLE pending_creates DROP CONSTRAINT pending_creates_kind_check;
ALTER TABLE pending_creates ADD CONSTRAINT pending_creates_kind_check CHECK (kind IN ('appointment', 'visit', 'task'));
ALTER TABLE crm_delete_hints DROP CONSTRAINT crm_delete_hints_kind_check;
ALTER TABLE crm_delete_hints ADD CONSTRAINT crm_delete_hints_kind_check CHECK (kind IN ('appointment', 'visit', 'task'));
`,
};
