// The admin console's dry run (issue 17): what the next session of a mailbox would do, under the stored settings or
// under proposed ones, before a mailbox is enrolled or a setting saved. It writes nothing anywhere. Part of the admin
// contract (admin-api.ts re-exports it).
import { z } from 'zod';
import { API_PREFIX } from './api.js';
import { settingChangeSchema, settingValueSchema } from './admin-settings-api.js';

export const ADMIN_DRY_RUN_ROUTES = {
  dryRun: { method: 'POST', url: `${API_PREFIX}/admin/dry-run`, status: 200 },
} as const;

/** How many items the answer lists (the counts are always complete). */
export const DRY_RUN_LISTED_ITEMS = 20;

export const dryRunRequestSchema = z.object({
  /** A mailbox id or e-mail address: enrolled or not (a tenant user provisioning found but who is not synced). */
  mailbox: z.string().min(1).max(320),
  /**
   * Proposed settings, named and checked as for PUT /api/admin/settings (the stored ones fill the rest); absent: the
   * stored settings.
   */
  settings: z.record(z.string(), settingValueSchema).optional(),
});
export type DryRunRequest = z.infer<typeof dryRunRequestSchema>;

const count = z.number().int().min(0);

export const dryRunItemSchema = z.object({
  family: z.string(),
  /** The pair the session would record (its id names no content). */
  pairId: z.string(),
  /** The C4C kind (appointment, visit, task …). */
  kind: z.string(),
  /** The engine's actions for the item, in order (createCrm, updateOutlook, cancelCrm …; recordState left out). */
  actions: z.array(z.string()),
  /** Held by the mass-change guard: an admin would decide on it. */
  held: z.boolean(),
  outlookId: z.string().nullable(),
  crmObjectId: z.string().nullable(),
});
export type DryRunItem = z.infer<typeof dryRunItemSchema>;

export const dryRunFamilySchema = z.discriminatedUnion('previewed', [
  z.object({
    family: z.string(),
    previewed: z.literal(true),
    /** Whether the session would read the mailbox in full (first session, or a setting that rereads), else the delta. */
    fullRead: z.boolean(),
    read: z.object({ outlook: count, crm: count }),
    /** Actions by type, as a session's report counts what it applied (recordState left out). */
    actions: z.record(z.string(), count),
    /** Items the mass-change guard would hold for an admin. */
    held: count,
    /** The planner's warnings, by code (e.g. `deleteGuard`, `conflict`). */
    warnings: z.record(z.string(), count),
    /**
     * What the first session would make before it reads, which the dry run read as empty instead (e.g. "To Do list
     * 'SAP Cloud for Customer'", "contact folder 'CRM contacts'", "Google calendar 'SAP Visits'").
     */
    wouldCreate: z.array(z.string()),
    /** What the dry run could not preview of this family (e.g. the sync list rule, evaluated by the session only). */
    notes: z.array(z.string()),
  }),
  z.object({
    family: z.string(),
    previewed: z.literal(false),
    /** Why this family is not previewed (its reads would write: e.g. a To Do list or contact folder made on first read). */
    reason: z.string(),
  }),
]);
export type DryRunFamily = z.infer<typeof dryRunFamilySchema>;

export const dryRunResponseSchema = z.object({
  mailbox: z.object({ mailboxId: z.string(), email: z.string(), enrolled: z.boolean() }),
  /** The proposed settings that differ from the stored ones (empty: the stored settings). */
  settingChanges: z.array(settingChangeSchema),
  families: z.array(dryRunFamilySchema),
  /** The first items with something to do (ids, kinds and actions: no item content). */
  items: z.array(dryRunItemSchema),
  /** How many items have something to do in all. */
  itemCount: count,
});
export type DryRunResponse = z.infer<typeof dryRunResponseSchema>;
