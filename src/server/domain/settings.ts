// Tenant settings the planner obeys.
import { DEFAULT_CATEGORIES, type CategorySettings, type SyncKind } from '../../shared/categories.js';

export type ConflictWinner = 'outlook' | 'crm';
export type VisitSyncTo = 'organizer' | 'owner';
/** R13: which To Do tasks sync: those with the task category (SSI), or also every task of the task list (Siebel). */
export type TaskSyncScope = 'tagged' | 'list';

export interface TaskSettings {
  scope: TaskSyncScope;
  /**
   * The To Do list the service keeps for tasks made in C4C (found by name, created when missing). With scope
   * `list`, every task in it syncs: name it "Tasks" to sync the user's default list, as Siebel does.
   */
  listName: string;
}

/** R14: the contact family. */
export interface ContactSettings {
  /** The contact folder the service keeps the sync list's records in (found by name, created when missing). */
  folderName: string;
}

/** R10: a Google user's two calendars. */
export interface GoogleSettings {
  /**
   * The names of the calendars the service keeps per Google user ("SAP Appointments", "SAP Visits"). A change renames
   * the existing calendars at each mailbox's next session (they are found by stored id and marker, never by name).
   */
  calendarNames: Readonly<Record<SyncKind, string>>;
}

export interface SyncSettings {
  categories: CategorySettings;
  /** R12: who wins a field changed on both sides since the last session. Default Exchange/Google. */
  conflictWinner: ConflictWinner;
  /** R7: which calendar a Visit created in C4C lands in. */
  visitSyncTo: VisitSyncTo;
  /** R5: whether private recurring items sync (default off). */
  syncPrivateRecurring: boolean;
  /** Session guard (sync/plan/guard.ts): more mass changes than this in one session are held for an admin. */
  deleteGuardLimit: number;
  /**
   * Session guard: mass changes reaching this share of a mailbox's synced items (and at least 10) are held too,
   * whatever their number. 0 turns the rule off.
   */
  massChangeShare: number;
  /** The sync window around now. */
  window: { daysBack: number; daysAhead: number };
  /** R3: every mailbox gets a scheduled session this often (minutes), spread over the interval. */
  intervalMinutes: number;
  /** R13: the task family. */
  tasks: TaskSettings;
  /** R14: the contact family. */
  contacts: ContactSettings;
  /** R10: Google Workspace mailboxes. */
  google: GoogleSettings;
}

export const DEFAULT_SYNC_SETTINGS: SyncSettings = {
  categories: { ...DEFAULT_CATEGORIES },
  conflictWinner: 'outlook',
  visitSyncTo: 'organizer',
  syncPrivateRecurring: false,
  deleteGuardLimit: 25,
  massChangeShare: 0.8,
  window: { daysBack: 30, daysAhead: 180 },
  intervalMinutes: 30,
  tasks: { scope: 'tagged', listName: 'SAP Cloud for Customer' },
  contacts: { folderName: 'SAP Cloud for Customer' },
  google: { calendarNames: { appointment: 'SAP Appointments', visit: 'SAP Visits' } },
};

/**
 * Settings with `defaults` filled in for whatever the tenant left out. At start the environment's settings are the
 * defaults (they seed settings a newer version adds); elsewhere the built-in ones.
 */
export function withDefaults(partial: Partial<SyncSettings> = {}, defaults: SyncSettings = DEFAULT_SYNC_SETTINGS): SyncSettings {
  return {
    ...defaults,
    ...partial,
    categories: { ...defaults.categories, ...(partial.categories ?? {}) },
    window: { ...defaults.window, ...(partial.window ?? {}) },
    tasks: { ...defaults.tasks, ...(partial.tasks ?? {}) },
    contacts: { ...defaults.contacts, ...(partial.contacts ?? {}) },
    google: { ...defaults.google, ...(partial.google ?? {}), calendarNames: { ...defaults.google.calendarNames, ...(partial.google?.calendarNames ?? {}) } },
  };
}
