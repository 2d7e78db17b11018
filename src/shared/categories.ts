// Category names of DESIGN R1/R9/R14. They are tenant settings; these are the defaults.
export const DEFAULT_CATEGORIES = {
  appointment: 'SAP Cloud for Customer',
  visit: 'Visit',
  error: 'Error in SAP Cloud for Customer SSI',
  /** R14: a C4C contact's Outlook copy (SSI files contacts under the appointments' category). */
  contact: 'SAP Cloud for Customer',
  employee: 'Employee',
  account: 'Account',
  individualCustomer: 'Individual Customer',
  /** R13: a To Do task with this category syncs as a C4C Task (SSI uses the appointments' category for tasks too). */
  task: 'SAP Cloud for Customer',
} as const;

export type CategorySettings = { -readonly [K in keyof typeof DEFAULT_CATEGORIES]: string };

export type SyncKind = 'appointment' | 'visit';

/**
 * Colours of the sync categories in a mailbox's master list (Graph's `preset0` … `preset24`; Office.js names them
 * `Preset0` …): appointments blue, Visits green, tasks teal, errors red.
 */
export const SYNC_CATEGORY_PRESETS = { appointment: 'preset7', visit: 'preset4', task: 'preset5', error: 'preset0' } as const;

/**
 * R1: an item is mirrored only while it carries the Appointment or the Visit category. When both are present the
 * Visit category wins, because tagging "as Visit" is the more specific choice a user makes.
 */
export function syncKindOf(categories: readonly string[], settings: CategorySettings = DEFAULT_CATEGORIES): SyncKind | null {
  const set = new Set(categories.map((c) => c.toLowerCase()));
  if (set.has(settings.visit.toLowerCase())) return 'visit';
  if (set.has(settings.appointment.toLowerCase())) return 'appointment';
  return null;
}
