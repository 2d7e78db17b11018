// The contract of the service's admin routes (`/api/admin/*`, DESIGN §3 "Admin console"): what an administrator's
// client sends and gets back. Calls carry `Authorization: Bearer <token>` like /api (src/shared/api.ts), and the
// token must also carry the admin app role (Entra `roles` claim; `CrmSync.Admin` unless configured otherwise).
import { z } from 'zod';
import { API_PREFIX } from './api.js';

// The console's settings and audit trail, and its mailbox views, live in files of their own; they are part of this
// contract.
export * from './admin-settings-api.js';
export * from './admin-mailboxes-api.js';
export * from './admin-enrolment-api.js';
export * from './admin-health-api.js';
export * from './admin-dry-run-api.js';

/** The tables that hold a mailbox's rows; an erasure reports how many rows of each it deleted. */
export const ERASED_TABLES = [
  'sync_pairs',
  'sync_log',
  'crm_inbox',
  'write_intents',
  'pending_creates',
  'guard_holds',
  'graph_subscriptions',
  // The sync list (R14): which C4C records the user keeps as Outlook contacts.
  'sync_list_entries',
  // The records the user took off their sync list, so the admin rule does not add them again.
  'sync_list_dismissals',
  'cursors',
  // The mailbox's registration, with its status (health, last error …).
  'mailboxes',
] as const;
export type ErasedTable = (typeof ERASED_TABLES)[number];

const count = z.number().int().min(0);

// ---------------------------------------------------------------------------------------------------------
// DELETE /api/admin/mailboxes/:mailbox → 200 MailboxErasureResponse (404 when no such mailbox)

export const mailboxErasureParamsSchema = z.object({
  /** The mailbox id (the user's Entra object id) or its e-mail address. */
  mailbox: z.string().min(1).max(320),
});

export const mailboxErasureResponseSchema = z.object({
  mailbox: z.object({ mailboxId: z.string(), email: z.string() }),
  /** Rows deleted, per table. */
  erased: z.object(Object.fromEntries(ERASED_TABLES.map((table) => [table, count])) as Record<ErasedTable, typeof count>),
  /** The mailbox's change subscriptions at Graph, deleted before the rows. */
  graphSubscriptions: z.object({
    deleted: count,
    /** Graph no longer had them. */
    alreadyGone: count,
    /** Not deleted at Graph (they expire on their own within days); the rows are erased all the same. */
    failed: z.array(z.object({ subscriptionId: z.string(), message: z.string() })),
  }),
  /** False when some subscription could not be deleted at Graph. */
  complete: z.boolean(),
});
export type MailboxErasureResponse = z.infer<typeof mailboxErasureResponseSchema>;

// ---------------------------------------------------------------------------------------------------------
// Holds of the session guard: mass changes (deletes, cancels, the sync category removed, the error category put on
// items) a session did not apply because there were too many of them.
// GET /api/admin/holds?mailbox=&status= → 200 HoldListResponse
// POST /api/admin/holds/:holdId/release | /discard → 200 HoldSummary (404 no such hold, 409 already decided)

export const HOLD_STATUSES = ['held', 'released', 'applied', 'discarded'] as const;

export const holdListQuerySchema = z.object({
  /** A mailbox id or e-mail address. */
  mailbox: z.string().min(1).max(320).optional(),
  status: z.enum(HOLD_STATUSES).optional(),
});

export const holdParamsSchema = z.object({ holdId: z.string().min(1).max(200) });

export const holdSummarySchema = z.object({
  holdId: z.string(),
  mailboxId: z.string(),
  createdAt: z.string(),
  /** Why the session held them (the guard's message). */
  reason: z.string(),
  status: z.enum(HOLD_STATUSES),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  /** How many changes of each kind the hold names (e.g. `{ removeCategoryAndNotify: 18 }`). */
  changes: z.record(z.string(), count),
  /** The items concerned (pair ids), at most 100. */
  pairIds: z.array(z.string()),
});
export type HoldSummary = z.infer<typeof holdSummarySchema>;

export const holdListResponseSchema = z.object({ holds: z.array(holdSummarySchema) });
export type HoldListResponse = z.infer<typeof holdListResponseSchema>;

// ---------------------------------------------------------------------------------------------------------
// The C4C system the tenant is paired with (restart safety).
// GET /api/admin/tenant → 200 TenantPairingResponse
// POST /api/admin/tenant/re-pair → 200 TenantRepairResponse: pair with the system C4C_BASE_URL reaches now.

const crmSystemSchema = z.object({ serviceRoot: z.string(), systemId: z.string() });

export const tenantPairingResponseSchema = z.object({
  tenantId: z.string(),
  /** `paired`: sync runs. `mismatch`: C4C_BASE_URL reaches another system and sync is stopped. `unchecked`: C4C not reached yet. */
  state: z.enum(['unchecked', 'paired', 'mismatch']),
  message: z.string().nullable(),
  pairedWith: crmSystemSchema.extend({ pairedAt: z.string(), pairedBy: z.string().nullable() }).nullable(),
  /** What C4C_BASE_URL reaches now, when it differs. */
  found: crmSystemSchema.nullable(),
});
export type TenantPairingResponse = z.infer<typeof tenantPairingResponseSchema>;

export const tenantRepairResponseSchema = z.object({
  pairedWith: crmSystemSchema.extend({ pairedAt: z.string(), pairedBy: z.string().nullable() }),
  /** Pairs of the old system that were forgotten; their items are read afresh by the next sessions. */
  pairsForgotten: count,
});
export type TenantRepairResponse = z.infer<typeof tenantRepairResponseSchema>;

// ---------------------------------------------------------------------------------------------------------
// POST /api/admin/mailboxes/:mailbox/sync → 200 SyncNowResponse: asks the workers for a session of the mailbox now
// and reports what it did (`npm run sync` through a running service). `finished` false: no session ended in time.

export const syncNowResponseSchema = z.object({
  mailbox: z.object({ mailboxId: z.string(), email: z.string() }),
  finished: z.boolean(),
  /** Writes and markers applied, by action type (from the sync log). */
  applied: z.record(z.string(), count),
  failed: z.array(z.object({ pairId: z.string().nullable(), code: z.string().nullable(), message: z.string().nullable() })),
  /**
   * R12 conflicts these sessions decided (from the sync log): the pair, the fields both sides changed, and whose
   * edit won. `applied` false: the winner's values could not be written yet (the next session decides again).
   */
  conflicts: z.array(z.object({ pairId: z.string().nullable(), fields: z.array(z.string()), winner: z.enum(['outlook', 'crm']), applied: z.boolean() })),
  /** Mass changes the guard held in these sessions (see /api/admin/holds). */
  held: count,
  health: z.string().nullable(),
  lastError: z.object({ code: z.string().nullable(), message: z.string().nullable() }).nullable(),
});
export type SyncNowResponse = z.infer<typeof syncNowResponseSchema>;

// ---------------------------------------------------------------------------------------------------------
// GET /api/admin/checks → 200 DoctorReport: the checks of `npm run doctor`, run by the service with the configuration
// it runs with (the admin console shows them; the CLI prints them).

/** `ok` ✔, `fail` ✖ (with what to do), `skip` – (does not apply, or could not run because an earlier check failed). */
export const CHECK_STATUSES = ['ok', 'fail', 'skip'] as const;

export const checkResultSchema = z.object({
  /** Stable id, e.g. `graph.token`, `c4c.read`. */
  id: z.string(),
  /** What was checked, in a few words. */
  title: z.string(),
  status: z.enum(CHECK_STATUSES),
  /** What was found (or why the check was skipped). */
  detail: z.string(),
  /** What to do: the setting or portal step that fixes it (failures only). */
  fix: z.string().nullable(),
});
export type CheckResult = z.infer<typeof checkResultSchema>;

export const doctorReportSchema = z.object({
  /** True when no check failed. */
  ok: z.boolean(),
  checkedAt: z.string(),
  checks: z.array(checkResultSchema),
});
export type DoctorReport = z.infer<typeof doctorReportSchema>;

export const ADMIN_ROUTES = {
  checks: { method: 'GET', url: `${API_PREFIX}/admin/checks`, status: 200 },
  syncMailbox: { method: 'POST', url: `${API_PREFIX}/admin/mailboxes/:mailbox/sync`, status: 200 },
  eraseMailbox: { method: 'DELETE', url: `${API_PREFIX}/admin/mailboxes/:mailbox`, status: 200 },
  listHolds: { method: 'GET', url: `${API_PREFIX}/admin/holds`, status: 200 },
  releaseHold: { method: 'POST', url: `${API_PREFIX}/admin/holds/:holdId/release`, status: 200 },
  discardHold: { method: 'POST', url: `${API_PREFIX}/admin/holds/:holdId/discard`, status: 200 },
  tenant: { method: 'GET', url: `${API_PREFIX}/admin/tenant`, status: 200 },
  repairTenant: { method: 'POST', url: `${API_PREFIX}/admin/tenant/re-pair`, status: 200 },
  settings: { method: 'GET', url: `${API_PREFIX}/admin/settings`, status: 200 },
  updateSettings: { method: 'PUT', url: `${API_PREFIX}/admin/settings`, status: 200 },
  audit: { method: 'GET', url: `${API_PREFIX}/admin/audit`, status: 200 },
  listMailboxes: { method: 'GET', url: `${API_PREFIX}/admin/mailboxes`, status: 200 },
  pauseMailbox: { method: 'POST', url: `${API_PREFIX}/admin/mailboxes/:mailbox/pause`, status: 200 },
  resumeMailbox: { method: 'POST', url: `${API_PREFIX}/admin/mailboxes/:mailbox/resume`, status: 200 },
  resyncMailbox: { method: 'POST', url: `${API_PREFIX}/admin/mailboxes/:mailbox/resync`, status: 200 },
  mailbox: { method: 'GET', url: `${API_PREFIX}/admin/mailboxes/:mailbox`, status: 200 },
  retryItem: { method: 'POST', url: `${API_PREFIX}/admin/mailboxes/:mailbox/items/:pairId/retry`, status: 202 },
  enrolment: { method: 'GET', url: `${API_PREFIX}/admin/enrolment`, status: 200 },
  previewEnrolment: { method: 'POST', url: `${API_PREFIX}/admin/enrolment/preview`, status: 200 },
  applyEnrolment: { method: 'PUT', url: `${API_PREFIX}/admin/enrolment`, status: 200 },
  enrolMailbox: { method: 'POST', url: `${API_PREFIX}/admin/mailboxes/:mailbox/enrol`, status: 200 },
  removeMailbox: { method: 'POST', url: `${API_PREFIX}/admin/mailboxes/:mailbox/remove`, status: 200 },
} as const;
