// R10: the name the service last gave each of a Google mailbox's two calendars, so that a changed name setting
// (GOOGLE_CALENDAR_APPOINTMENTS / _VISITS, changed by an admin at run time) renames them once, and a name a user gave
// a calendar themselves is otherwise left alone. NULL: not known (rows from before), taken as the current setting.
import type { Migration } from './migration.js';

export const googleCalendarNames: Migration = {
  id: 22,
  name: 'google-calendar-names',
  sql: `
ALTER TABLE google_calendars ADD COLUMN appointment_name text;
ALTER TABLE google_calendars ADD COLUMN visit_name text;
`,
};
