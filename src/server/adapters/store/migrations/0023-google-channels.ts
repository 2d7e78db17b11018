// R10 insta-sync: the push channels open on each Google mailbox's calendars (jobs/google-channel-keeper.ts). Kept in
// the database so a restarted or second worker process knows them: it neither opens a second pair beside them (each
// pair is a stream of pushes until it expires, a day) nor loses the ids it needs to stop them. Removed with the
// mailbox (erasure).
import type { Migration } from './migration.js';

export const googleChannels: Migration = {
  id: 23,
  name: 'google-channels',
  sql: `
CREATE TABLE google_channels (
  channel_id    text PRIMARY KEY,
  mailbox_id    text NOT NULL REFERENCES mailboxes (mailbox_id) ON DELETE CASCADE,
  resource_id   text NOT NULL,
  expires_at    timestamptz NOT NULL,
  opened_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX google_channels_mailbox ON google_channels (mailbox_id);
`,
};
