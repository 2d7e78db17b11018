// A Google mailbox's calendars in the store (adapters/store/sql-google-calendars.ts) on both drivers: the two ids and
// the names the service gave them, replaced together; a row from before the names were kept (NULL) reads as names
// unknown, which the adapter takes as the current setting rather than renaming a calendar its user may have renamed.
import { createSessionStore, SqlGoogleCalendars, type Database } from '../../../src/server/adapters/store/index.js';
import { aMailbox } from '../../support/state-fixtures.js';
import { TEST_DRIVERS, openTestDatabase, stopTestDatabases } from '../../support/test-database.js';

afterAll(stopTestDatabases);

describe.each(TEST_DRIVERS)('Google calendars on %s', (driver) => {
  let db: Database;
  const mailbox = aMailbox({ mailboxId: 'google:gus@fabrikam.example', provider: 'google', email: 'gus@fabrikam.example' });

  beforeAll(async () => {
    db = await openTestDatabase(driver);
    await createSessionStore(db, { ownsDatabase: false }).transaction((tx) => tx.upsertMailbox(mailbox));
  });
  afterAll(() => db.close());

  it('keeps the ids with the names given, and replaces both', async () => {
    const calendars = new SqlGoogleCalendars(db);
    expect(await calendars.get(mailbox.mailboxId)).toBeNull();
    await calendars.put(mailbox.mailboxId, { calendars: { appointment: 'a1@group.calendar.google.com', visit: 'v1@group.calendar.google.com' }, names: { appointment: 'SAP Appointments', visit: 'SAP Visits' } });
    await calendars.put(mailbox.mailboxId, { calendars: { appointment: 'a1@group.calendar.google.com', visit: 'v2@group.calendar.google.com' }, names: { appointment: 'Kundentermine', visit: 'Kundenbesuche' } });
    expect(await calendars.get(mailbox.mailboxId)).toEqual({
      calendars: { appointment: 'a1@group.calendar.google.com', visit: 'v2@group.calendar.google.com' },
      names: { appointment: 'Kundentermine', visit: 'Kundenbesuche' },
    });
  });

  it('reads a row without names (written before migration 0022) as names unknown', async () => {
    await db.query("UPDATE google_calendars SET appointment_name = NULL, visit_name = NULL WHERE mailbox_id = $1", [mailbox.mailboxId]);
    expect(await new SqlGoogleCalendars(db).get(mailbox.mailboxId)).toEqual({ calendars: { appointment: 'a1@group.calendar.google.com', visit: 'v2@group.calendar.google.com' }, names: {} });
  });
});
