// A Google mailbox's two calendar ids and the names the service gave them (ports/google-calendar-ids.ts) in the
// google_calendars table.
import type { GoogleCalendarIds, GoogleCalendarRecord } from '../../ports/google-calendar-ids.js';
import type { Database } from './database.js';

interface Row extends Record<string, unknown> {
  appointment_id: string;
  visit_id: string;
  appointment_name: string | null;
  visit_name: string | null;
}

export class SqlGoogleCalendars implements GoogleCalendarIds {
  constructor(private readonly db: Database) {}

  async get(mailboxId: string): Promise<GoogleCalendarRecord | null> {
    const { rows } = await this.db.query<Row>('SELECT appointment_id, visit_id, appointment_name, visit_name FROM google_calendars WHERE mailbox_id = $1', [mailboxId]);
    const row = rows[0];
    if (!row) return null;
    return {
      calendars: { appointment: row.appointment_id, visit: row.visit_id },
      names: { ...(row.appointment_name !== null ? { appointment: row.appointment_name } : {}), ...(row.visit_name !== null ? { visit: row.visit_name } : {}) },
    };
  }

  async put(mailboxId: string, record: GoogleCalendarRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO google_calendars (mailbox_id, appointment_id, visit_id, appointment_name, visit_name) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (mailbox_id) DO UPDATE SET appointment_id = EXCLUDED.appointment_id, visit_id = EXCLUDED.visit_id,
         appointment_name = EXCLUDED.appointment_name, visit_name = EXCLUDED.visit_name, updated_at = now()`,
      [mailboxId, record.calendars.appointment, record.calendars.visit, record.names.appointment ?? null, record.names.visit ?? null],
    );
  }
}
