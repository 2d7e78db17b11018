// The task family (R13): a mailbox's To Do delta cursor is a cursor kind of its own. (Pending creates and delete
// notes of tasks need nothing: 0007 left a family's kinds to the family.) The cursor's kind check, written inline in
// 0001, carries PostgreSQL's default name.
import type { Migration } from './migration.js';

export const taskFamily: Migration = {
  id: 10,
  name: 'task-family',
  sql: `
ALTER TABLE cursors DROP CONSTRAINT cursors_kind_check;
ALTER TABLE cursors ADD CONSTRAINT cursors_kind_check CHECK (kind IN ('graphDelta', 'todoDelta', 'googleSync', 'crmHighWater'));
`,
};
