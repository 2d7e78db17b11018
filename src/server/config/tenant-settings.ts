// The tenant's sync-rule settings (R-settings) as the admin console reads and writes them. They are named, spelt
// and validated exactly as in the environment (env-schema.ts): an admin who types `CONFLICT_WINNER=crm` in the
// console or in the environment gets the same rule and the same message. The environment only seeds them: after
// the first start the database is the source of truth (docs/admin.md, "Precedence").
import type { SyncSettings } from '../domain/settings.js';
import { crossFieldIssues, envSchema, type EnvName, type SettingIssue } from './env-schema.js';

export type TenantSettingValue = string | number | boolean;

interface TenantSetting {
  /** The value in the stored settings, as the environment spells it (a percentage, not a share). */
  get(s: SyncSettings): TenantSettingValue;
  /** A copy of `s` with the (validated) value. */
  set(s: SyncSettings, value: TenantSettingValue): SyncSettings;
  /**
   * `session`: the next session of every worker uses it. `restart`: the adapters read it when a worker starts
   * (the To Do list and the contact folder are found by name once per mailbox and process).
   */
  effect: 'session' | 'restart';
  /**
   * Decides which items sync: a change makes every mailbox's next session read its items in full, as the delta since
   * the last session would not show the items the new value takes in (e.g. those already tagged with a renamed category).
   */
  rereads?: true;
}

const category = (key: keyof SyncSettings['categories'], rereads = false): TenantSetting => ({
  get: (s) => s.categories[key],
  set: (s, v) => ({ ...s, categories: { ...s.categories, [key]: String(v) } }),
  effect: 'session',
  ...(rereads ? { rereads: true as const } : {}),
});

/** R10: a Google calendar's name. A change renames each mailbox's calendar at its next session (adapters/google). */
const googleCalendar = (kind: keyof SyncSettings['google']['calendarNames']): TenantSetting => ({
  get: (s) => s.google.calendarNames[kind],
  set: (s, v) => ({ ...s, google: { ...s.google, calendarNames: { ...s.google.calendarNames, [kind]: String(v) } } }),
  effect: 'session',
});

const TENANT_SETTINGS = {
  CONFLICT_WINNER: { get: (s) => s.conflictWinner, set: (s, v) => ({ ...s, conflictWinner: v as SyncSettings['conflictWinner'] }), effect: 'session' },
  VISIT_SYNC_TO: { get: (s) => s.visitSyncTo, set: (s, v) => ({ ...s, visitSyncTo: v as SyncSettings['visitSyncTo'] }), effect: 'session' },
  SYNC_PRIVATE_RECURRING: { get: (s) => s.syncPrivateRecurring, set: (s, v) => ({ ...s, syncPrivateRecurring: Boolean(v) }), effect: 'session', rereads: true },
  DELETE_GUARD_LIMIT: { get: (s) => s.deleteGuardLimit, set: (s, v) => ({ ...s, deleteGuardLimit: Number(v) }), effect: 'session' },
  // Stored as a share (0.8), shown and validated as the environment's whole percentage.
  MASS_CHANGE_PERCENT: { get: (s) => Math.round(s.massChangeShare * 100), set: (s, v) => ({ ...s, massChangeShare: Number(v) / 100 }), effect: 'session' },
  SYNC_INTERVAL_MINUTES: { get: (s) => s.intervalMinutes, set: (s, v) => ({ ...s, intervalMinutes: Number(v) }), effect: 'session' },
  SYNC_WINDOW_DAYS_BACK: { get: (s) => s.window.daysBack, set: (s, v) => ({ ...s, window: { ...s.window, daysBack: Number(v) } }), effect: 'session', rereads: true },
  SYNC_WINDOW_DAYS_AHEAD: { get: (s) => s.window.daysAhead, set: (s, v) => ({ ...s, window: { ...s.window, daysAhead: Number(v) } }), effect: 'session', rereads: true },
  TASK_SYNC_SCOPE: { get: (s) => s.tasks.scope, set: (s, v) => ({ ...s, tasks: { ...s.tasks, scope: v as SyncSettings['tasks']['scope'] } }), effect: 'session', rereads: true },
  TASK_LIST_NAME: { get: (s) => s.tasks.listName, set: (s, v) => ({ ...s, tasks: { ...s.tasks, listName: String(v) } }), effect: 'restart' },
  CONTACT_FOLDER_NAME: { get: (s) => s.contacts.folderName, set: (s, v) => ({ ...s, contacts: { ...s.contacts, folderName: String(v) } }), effect: 'restart' },
  CATEGORY_APPOINTMENT: category('appointment', true),
  CATEGORY_VISIT: category('visit', true),
  CATEGORY_ERROR: category('error'),
  CATEGORY_TASK: category('task', true),
  CATEGORY_CONTACT: category('contact'),
  CATEGORY_EMPLOYEE: category('employee'),
  CATEGORY_ACCOUNT: category('account'),
  CATEGORY_INDIVIDUAL_CUSTOMER: category('individualCustomer'),
  GOOGLE_CALENDAR_APPOINTMENTS: googleCalendar('appointment'),
  GOOGLE_CALENDAR_VISITS: googleCalendar('visit'),
} satisfies Partial<Record<EnvName, TenantSetting>>;

export type TenantSettingName = keyof typeof TENANT_SETTINGS;
export const TENANT_SETTING_NAMES = Object.keys(TENANT_SETTINGS) as TenantSettingName[];

const isTenantSetting = (name: string): name is TenantSettingName => Object.hasOwn(TENANT_SETTINGS, name);

export function settingEffect(name: TenantSettingName): 'session' | 'restart' {
  return TENANT_SETTINGS[name].effect;
}

/** Every R-setting's value, keyed by its environment name. */
export function tenantSettingValues(settings: SyncSettings): Record<TenantSettingName, TenantSettingValue> {
  return Object.fromEntries(TENANT_SETTING_NAMES.map((name) => [name, TENANT_SETTINGS[name].get(settings)])) as Record<TenantSettingName, TenantSettingValue>;
}

export interface SettingChange {
  setting: TenantSettingName;
  from: TenantSettingValue;
  to: TenantSettingValue;
}

export type SettingsUpdate = { ok: true; settings: SyncSettings; changes: SettingChange[]; rereads: boolean } | { ok: false; issues: SettingIssue[] };

/**
 * Applies `input` (setting name → value, as JSON gives it) to `current`, validating each value with the
 * environment's schema and the settings together with its cross-field rules (the category names must differ).
 * Unknown names, and settings that are not the tenant's (secrets, URLs …), are refused by name.
 */
export function applySettingValues(current: SyncSettings, input: Record<string, unknown>): SettingsUpdate {
  const issues: SettingIssue[] = [];
  let next = current;
  for (const [name, value] of Object.entries(input)) {
    if (!isTenantSetting(name)) {
      issues.push({ name, message: 'is not a setting the console can change (the R-settings are listed by GET /api/admin/settings)' });
      continue;
    }
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      issues.push({ name, message: 'must be a string, number or boolean' });
      continue;
    }
    // The environment's own rule: what CONFLICT_WINNER=crm or DELETE_GUARD_LIMIT=40 would be checked with at start.
    const parsed = envSchema.shape[name].safeParse(String(value).trim());
    if (!parsed.success) {
      issues.push({ name, message: parsed.error.issues[0]?.message ?? 'is not valid' });
      continue;
    }
    next = TENANT_SETTINGS[name].set(next, parsed.data as TenantSettingValue);
  }
  if (issues.length === 0) issues.push(...crossSettingIssues(next));
  if (issues.length > 0) return { ok: false, issues };
  const changes = settingChanges(current, next);
  return { ok: true, settings: next, changes, rereads: changes.some((c) => 'rereads' in TENANT_SETTINGS[c.setting]) };
}

/** The environment's rules that involve several of these settings, run on the settings as they would be stored. */
function crossSettingIssues(settings: SyncSettings): SettingIssue[] {
  const raw: Record<string, string> = { SANDBOX: 'true' };
  for (const [name, value] of Object.entries(tenantSettingValues(settings))) raw[name] = String(value);
  // SANDBOX=true and no other setting: only the rules about these settings can speak.
  return crossFieldIssues(raw).filter((issue) => isTenantSetting(issue.name));
}

export function settingChanges(before: SyncSettings, after: SyncSettings): SettingChange[] {
  const a = tenantSettingValues(before);
  const b = tenantSettingValues(after);
  return TENANT_SETTING_NAMES.filter((name) => a[name] !== b[name]).map((setting) => ({ setting, from: a[setting], to: b[setting] }));
}

export interface EnvironmentDifference {
  setting: TenantSettingName;
  /** What the environment (or CONFIG_FILE) says; it no longer applies. */
  environment: TenantSettingValue;
  /** What the database holds and the service uses. */
  stored: TenantSettingValue;
}

/** Settings the environment sets explicitly to another value than the stored one (logged at start, shown by GET). */
export function environmentDifferences(stored: SyncSettings, environment: SyncSettings, setInEnvironment: readonly string[]): EnvironmentDifference[] {
  const s = tenantSettingValues(stored);
  const e = tenantSettingValues(environment);
  return TENANT_SETTING_NAMES.filter((name) => setInEnvironment.includes(name) && s[name] !== e[name]).map((setting) => ({ setting, environment: e[setting], stored: s[setting] }));
}
