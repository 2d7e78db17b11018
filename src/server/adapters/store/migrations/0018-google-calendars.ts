// Issue 16 (R10): a Google mailbox's two calendars, "SAP Appointments" and "SAP Visits", by id, so that a restart
// finds them again without a second pair. Removed with the mailbox (erasure).
import type { Migration } from './migration.js';

export const googleCalendars: Migration = {
  id: 18,
  name: 'google-calendars',
  sql: `
CREATE TABLE google_calendars (
  mailbox_id      text PRIMARY KEY REFERENCES mailboxes (mailbox_id) ON DELETE CASCADE,
  appointment_id  text NOT NULL,
  visit_id        text NOT NULL,
  updated_at      timestamptz NOT NULL DEFAULT now()
);
`,
};
