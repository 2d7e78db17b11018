// Where a Google mailbox's two calendars (R10: "SAP Appointments", "SAP Visits") are kept by id, so that a restart
// finds them without searching the user's calendar list, and never creates a second pair; and the name the service
// last gave each, so that a changed name setting renames them once (a user's own rename is left alone otherwise).
import type { SyncKind } from '../../shared/categories.js';

export type GoogleCalendarPair = Readonly<Record<SyncKind, string>>;

export interface GoogleCalendarRecord {
  calendars: GoogleCalendarPair;
  /** The name the service last gave each calendar; missing when unknown (a row from before names were kept). */
  names: Partial<Record<SyncKind, string>>;
}

export interface GoogleCalendarIds {
  get(mailboxId: string): Promise<GoogleCalendarRecord | null>;
  put(mailboxId: string, record: GoogleCalendarRecord): Promise<void>;
}
