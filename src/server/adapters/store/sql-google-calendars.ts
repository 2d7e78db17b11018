// A Google mailbox's two calendar ids (ports/google-calendar-ids.ts) in the google_calendars table.
import type { GoogleCalendarIds, GoogleCalendarPair } from '../../ports/google-calendar-ids.js';
import type { Database } from './database.js';

interface Row extends Record<string, unknown> {
  appointment_id: string;
  visit_id: string;
}

export class SqlGoogleCalendars implements GoogleCalendarIds {
  constructor(private readonly db: Database) {}

  async get(mailboxId: string): Promise<GoogleCalendarPair | null> {
    const { rows } = await this.db.query<Row>('SELECT appointment_id, visit_id FROM google_calendars WHERE mailbox_id = $1', [mailboxId]);
    const row = rows[0];
    return row ? { appointment: row.appointment_id, visit: row.visit_id } : null;
  }

  async put(mailboxId: string, calendars: GoogleCalendarPair): Promise<void> {
    await this.db.query(
      `INSERT INTO google_calendars (mailbox_id, appointment_id, visit_id) VALUES ($1, $2, $3)
       ON CONFLICT (mailbox_id) DO UPDATE SET appointment_id = EXCLUDED.appointment_id, visit_id = EXCLUDED.visit_id, updated_at = now()`,
      [mailboxId, calendars.appointment, calendars.visit],
    );
  }
}
