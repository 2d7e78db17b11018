// The contact family (R14): a mailbox's Graph contact-folder delta cursor is a cursor kind of its own. (Pairs, pending
// creates and delete notes need nothing: 0007 left their kinds to the families.)
import type { Migration } from './migration.js';

export const contactFamily: Migration = {
  id: 13,
  name: 'contact-family',
  sql: `
ALTER TABLE cursors DROP CONSTRAINT cursors_kind_check;
ALTER TABLE cursors ADD CONSTRAINT cursors_kind_check CHECK (kind IN ('graphDelta', 'todoDelta', 'contactDelta', 'googleSync', 'crmHighWater'));
`,
};
