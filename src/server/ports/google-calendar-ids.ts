// Where a Google mailbox's two calendars (R10: "SAP Appointments", "SAP Visits") are kept by id, so that a restart
// finds them without searching the user's calendar list, and never creates a second pair.
import type { SyncKind } from '../../shared/categories.js';

export type GoogleCalendarPair = Readonly<Record<SyncKind, string>>;

export interface GoogleCalendarIds {
  get(mailboxId: string): Promise<GoogleCalendarPair | null>;
  put(mailboxId: string, calendars: GoogleCalendarPair): Promise<void>;
}
