// The contract of the service's admin routes (`/api/admin/*`, DESIGN §3 "Admin console"): what an administrator's
// client sends and gets back. Calls carry `Authorization: Bearer <token>` like /api (src/shared/api.ts), and the
// token must also carry the admin app role (Entra `roles` claim; `CrmSync.Admin` unless configured otherwise).
import { z } from 'zod';
import { API_PREFIX } from './api.js';

/** The tables that hold a mailbox's rows; an erasure reports how many rows of each it deleted. */
export const ERASED_TABLES = [
  'sync_pairs',
  'sync_log',
  'crm_inbox',
  'write_intents',
  'pending_creates',
  'guard_holds',
  'graph_subscriptions',
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

export const ADMIN_ROUTES = {
  eraseMailbox: { method: 'DELETE', url: `${API_PREFIX}/admin/mailboxes/:mailbox`, status: 200 },
} as const;
