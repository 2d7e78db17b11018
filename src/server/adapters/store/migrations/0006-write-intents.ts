// Write intents (domain/write-intent.ts): committed by a session before it writes, removed by its final commit.
// Whatever is left belongs to a session that died in between; the next session of the mailbox reads them.
import type { Migration } from './migration.js';

export const writeIntents: Migration = {
  id: 6,
  name: 'write-intents',
  sql: `
CREATE TABLE write_intents (
  mailbox_id  text NOT NULL,
  pair_id     text NOT NULL,
  intent      jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (mailbox_id, pair_id)
);
`,
};
