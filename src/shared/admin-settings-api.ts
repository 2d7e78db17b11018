// The admin console's settings and audit trail (issue 17): part of the /api/admin contract (src/shared/admin-api.ts
// re-exports it). Settings are named as in the environment (CONFLICT_WINNER, CATEGORY_VISIT …) and validated by the
// same rules; the database holds them, the environment only seeds them at the first start.
import { z } from 'zod';

/** A setting's value as JSON carries it: text, a whole number or true/false, as the setting's type is. */
export const settingValueSchema = z.union([z.string(), z.number(), z.boolean()]);
export type SettingValue = z.infer<typeof settingValueSchema>;

// ---------------------------------------------------------------------------------------------------------
// GET /api/admin/settings → 200 SettingsResponse
// PUT /api/admin/settings (SettingsUpdateRequest) → 200 SettingsUpdateResponse; 400 when a value is refused: the
// error message names each refused setting and why, `NAME: reason`, separated by "; " (nothing is saved then).

export const settingSchema = z.object({
  /** The environment variable's name, e.g. `CONFLICT_WINNER`. */
  name: z.string(),
  /** The value every session uses now (the database's). */
  value: settingValueSchema,
  /**
   * `session`: the next session of each worker uses a change (within a minute: sessions read the settings when they
   * start). `restart`: the workers pick it up when they next start (TASK_LIST_NAME, CONTACT_FOLDER_NAME).
   */
  effect: z.enum(['session', 'restart']),
  /** The value the environment (or CONFIG_FILE) sets, or null when it sets none. It only seeded the database. */
  environment: settingValueSchema.nullable(),
  /** True when the environment sets another value than the database holds (the database's applies). */
  environmentDiffers: z.boolean(),
});
export type Setting = z.infer<typeof settingSchema>;

export const settingsResponseSchema = z.object({
  /** Every R-setting, in a stable order. */
  settings: z.array(settingSchema),
  /** The names of the settings whose environment value differs from the stored one (also logged at start). */
  environmentDiffers: z.array(z.string()),
  /** When the settings were last saved, or null. */
  updatedAt: z.string().nullable(),
});
export type SettingsResponse = z.infer<typeof settingsResponseSchema>;

export const settingsUpdateRequestSchema = z.object({
  /** The settings to change, by name; those left out keep their value. */
  settings: z.record(z.string().max(100), settingValueSchema),
});
export type SettingsUpdateRequest = z.infer<typeof settingsUpdateRequestSchema>;

export const settingChangeSchema = z.object({ setting: z.string(), from: settingValueSchema, to: settingValueSchema });
export type SettingChangeView = z.infer<typeof settingChangeSchema>;

export const settingsUpdateResponseSchema = settingsResponseSchema.extend({
  /** What this request changed (empty when every value was already so; then nothing is audited). */
  changes: z.array(settingChangeSchema),
  /**
   * True when a changed setting decides which items sync (a sync category's name, SYNC_PRIVATE_RECURRING,
   * TASK_SYNC_SCOPE, the window): every mailbox's next session then reads its items in full, not just what changed.
   */
  rereads: z.boolean(),
});
export type SettingsUpdateResponse = z.infer<typeof settingsUpdateResponseSchema>;

// ---------------------------------------------------------------------------------------------------------
// GET /api/admin/audit?before=&limit=&target= → 200 AuditResponse: what admins did, newest first.

/** The actions the audit trail records. */
export const AUDIT_ACTIONS = [
  'settings.update',
  'mailbox.pause',
  'mailbox.resume',
  'mailbox.resync',
  'mailbox.erase',
  'item.retry',
  'hold.release',
  'hold.discard',
  'tenant.re-pair',
] as const;

export const auditQuerySchema = z.object({
  /** The `next` of the previous page: entries older than it. */
  before: z.string().regex(/^\d{1,18}$/, 'must be the next value of a previous page').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Only what concerns this mailbox id, hold id or pair id (`settings` for settings changes). */
  target: z.string().min(1).max(320).optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  /** The admin's user id (the token's `oid`). */
  actor: z.string(),
  /** One of AUDIT_ACTIONS (tolerate others from a newer service). */
  action: z.string(),
  target: z.string().nullable(),
  /** For `settings.update`: `{ changes: [{ setting, from, to }] }`; for the others what the action did (counts, ids). */
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntryView = z.infer<typeof auditEntrySchema>;

export const auditResponseSchema = z.object({
  entries: z.array(auditEntrySchema),
  /** Pass as `before` for the next page; null on the last one. */
  next: z.string().nullable(),
});
export type AuditResponse = z.infer<typeof auditResponseSchema>;
