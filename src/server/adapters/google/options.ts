// What the Google adapter is built with (main-parts.ts): the service account (domain-wide delegation), where Google
// is (the real hosts, or the sandbox's), the calendars' names, and how hard to retry.
import type { CategorySettings, SyncKind } from '../../../shared/categories.js';
import type { GoogleCalendarIds } from '../../ports/google-calendar-ids.js';
import type { Logger } from 'pino';

/** The fields of a service-account key file the JWT-bearer grant needs (the rest of the file is ignored). */
export interface ServiceAccountKey {
  client_email: string;
  private_key: string;
  private_key_id?: string;
  /** The service account's client ID: what an admin adds under domain-wide delegation (the doctor names it). */
  client_id?: string;
}

export interface GoogleRetryOptions {
  /** Attempts including the first (1: no retries). */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}
import type { RunExclusive } from '../../ports/exclusive.js';

export interface GoogleTenantSettings {
  categories: Pick<CategorySettings, 'appointment' | 'visit' | 'error'>;
  calendarNames: Readonly<Record<SyncKind, string>>;
}

export interface GoogleAdapterOptions {
  key: ServiceAccountKey;
  /** The Calendar API's root, e.g. https://www.googleapis.com/ (the client appends calendar/v3/…). */
  apiRootUrl: string;
  /** Where the JWT-bearer grant is posted: https://oauth2.googleapis.com/token, or the sandbox's /token. */
  tokenUrl: string;
  /**
   * The tenant's settings the adapter obeys, read at each session (admins change them at run time): the category
   * names, and R10's calendar names ("SAP Appointments", "SAP Visits"; a change renames the calendars).
   */
  settingsOf(tenantId: string): Promise<GoogleTenantSettings>;
  /** Where each mailbox's two calendar ids are kept (found again after a restart). */
  calendarIds: GoogleCalendarIds;
  logger: Logger;
  retry?: Partial<GoogleRetryOptions>;
  /** Events per events.list page (Google: default 250, at most 2,500). */
  pageSize?: number;
  /** Claims a mailbox across processes while its calendars are found or made (default: this process only). */
  exclusive?: RunExclusive;
}

export const DEFAULT_GOOGLE_RETRY: GoogleRetryOptions = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 30_000 };

/** Google's scope for read and write access to calendars (what the admin delegates). */
export const GOOGLE_CALENDAR_SCOPE = 'https://www.googleapis.com/auth/calendar';
