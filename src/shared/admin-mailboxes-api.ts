// The admin console's mailbox list and actions (issue 17): part of the /api/admin contract (src/shared/admin-api.ts
// re-exports it). The list is paged on the server (keyset pages in e-mail order), so it works for any number of
// mailboxes; every action is audited (GET /api/admin/audit).
import { z } from 'zod';

/**
 * - `active`: syncs (its last session succeeded, or it has not had one yet);
 * - `paused`: an admin paused it: no sessions until resumed;
 * - `held`: the mass-change guard holds some of its changes for an admin (GET /api/admin/holds);
 * - `error`: its last session failed (see `lastError`);
 * - `disabled`: not enrolled (no longer a C4C employee, or erased): no sessions.
 * The first that applies, in the order disabled, paused, held, error, active.
 */
export const MAILBOX_STATES = ['active', 'paused', 'held', 'error', 'disabled'] as const;
export type MailboxState = (typeof MAILBOX_STATES)[number];

/** `graph`: Microsoft 365 (Exchange Online); `google`: Google Calendar. */
export const MAILBOX_PROVIDERS = ['graph', 'google'] as const;

/** The item families a mailbox's pairs belong to. */
export const ITEM_FAMILIES = ['calendar', 'tasks', 'contacts'] as const;

const count = z.number().int().min(0);

// ---------------------------------------------------------------------------------------------------------
// GET /api/admin/mailboxes?cursor=&limit=&q=&state=&provider= → 200 MailboxListResponse

export const mailboxListQuerySchema = z.object({
  /** The `next` of the previous page (opaque). */
  cursor: z.string().max(1000).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Part of the e-mail address or display name (case-insensitive). */
  q: z.string().min(1).max(200).optional(),
  state: z.enum(MAILBOX_STATES).optional(),
  provider: z.enum(MAILBOX_PROVIDERS).optional(),
});
export type MailboxListQuery = z.infer<typeof mailboxListQuerySchema>;

const familyCountsSchema = z.object({
  /** Items mirrored (pairs that are not closed). */
  items: count,
  /** Items in error (R9). */
  errors: count,
});

export const mailboxRowSchema = z.object({
  mailboxId: z.string(),
  email: z.string(),
  displayName: z.string(),
  provider: z.enum(MAILBOX_PROVIDERS),
  state: z.enum(MAILBOX_STATES),
  /** When an admin paused it and who, while paused. */
  paused: z.object({ at: z.string(), by: z.string().nullable() }).nullable(),
  /** The last session's start (ISO), or null when it never had one. */
  lastSessionAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  /**
   * When its next scheduled session is due (ISO, to the minute), from the tenant's SYNC_INTERVAL_MINUTES; null while
   * paused or disabled. Insta-sync runs sessions in between.
   */
  nextSessionAt: z.string().nullable(),
  lastError: z.object({ code: z.string().nullable(), message: z.string().nullable() }).nullable(),
  /** Per family (calendar, tasks, contacts): items mirrored and in error. Families without items are left out. */
  families: z.record(z.string(), familyCountsSchema),
  /** Items in error across families (R9): what the admin has to look at. */
  openErrors: count,
  /** Holds of the guard still waiting for a decision. */
  openHolds: count,
});
export type MailboxRow = z.infer<typeof mailboxRowSchema>;

export const mailboxListResponseSchema = z.object({
  mailboxes: z.array(mailboxRowSchema),
  /** Pass as `cursor` for the next page; null on the last one. */
  next: z.string().nullable(),
});
export type MailboxListResponse = z.infer<typeof mailboxListResponseSchema>;

// ---------------------------------------------------------------------------------------------------------
// POST /api/admin/mailboxes/:mailbox/pause | /resume | /resync → 200 MailboxActionResponse (404 no such mailbox)
// - pause: no sessions until resumed (scheduled, insta-sync and sync-now all skip it); nothing is forgotten, and
//   C4C changes meant for it wait in its inbox. A session already running when the pause is recorded finishes: the
//   answer comes once it has (at most ~10 s), so nothing more is written after it; `sessionRunning` says if it had not.
// - resume: sessions again; one is asked for at once.
// - resync: its delta links are forgotten, so the next session (asked for at once) reads everything in the window
//   again; the pairs stay, so nothing is created twice.

export const mailboxActionResponseSchema = z.object({
  mailbox: mailboxRowSchema,
  /** False when the action changed nothing (pausing a paused mailbox); nothing is audited then. */
  changed: z.boolean(),
  /** Pause only: a session that started before the pause was still running when the answer was given. */
  sessionRunning: z.boolean().optional(),
});
export type MailboxActionResponse = z.infer<typeof mailboxActionResponseSchema>;

// ---------------------------------------------------------------------------------------------------------
// GET /api/admin/mailboxes/:mailbox → 200 MailboxDetailResponse (404 no such mailbox): a mailbox's page.

export const sessionViewSchema = z.object({
  sessionId: z.string(),
  /** When it ended. */
  at: z.string(),
  /** scheduled, insta (a change notification), manual (an admin or the task pane), retry, followUp (what arrived while the previous one ran). */
  reason: z.string(),
  /** `error`: the session failed as a whole (see `error`); its items were not committed and the next session tries again. */
  outcome: z.enum(['ok', 'error']),
  /** It read the mailbox in full (first session, expired delta link, full resync) rather than the changes. */
  fullRead: z.boolean(),
  read: z.object({ outlook: count, crm: count }),
  /** Writes and markers applied, by action type. */
  applied: z.record(z.string(), count),
  failed: count,
  held: count,
  durationMs: count,
  error: z.object({ code: z.string().nullable(), message: z.string().nullable() }).nullable(),
});
export type SessionView = z.infer<typeof sessionViewSchema>;

export const itemErrorSchema = z.object({
  pairId: z.string(),
  family: z.string(),
  /** appointment, visit, task, contact … */
  kind: z.string(),
  /** The R9 reason: a stable code (e.g. `allDayTooLong`) and the message the user sees in Outlook. */
  code: z.string().nullable(),
  message: z.string().nullable(),
  since: z.string().nullable(),
  /** The Outlook item's id and the C4C object's id, when the pair has them. */
  outlookId: z.string().nullable(),
  crmObjectId: z.string().nullable(),
});
export type ItemError = z.infer<typeof itemErrorSchema>;

/** One side's edit in a conflict: its version tag (Graph changeKey, C4C ETag); values are never stored (privacy). */
const conflictSideSchema = z.object({ version: z.string().nullable() });

export const conflictViewSchema = z.object({
  at: z.string(),
  sessionId: z.string(),
  pairId: z.string().nullable(),
  /** The fields both sides changed to different values. */
  fields: z.array(z.string()),
  /** Whose values were kept (the CONFLICT_WINNER of that moment). */
  winner: z.enum(['outlook', 'crm']),
  /** False: the winner's values could not be written yet; the next session decides again. */
  applied: z.boolean(),
  outlook: conflictSideSchema,
  crm: conflictSideSchema,
});
export type ConflictView = z.infer<typeof conflictViewSchema>;

export const mailboxDetailResponseSchema = z.object({
  mailbox: mailboxRowSchema,
  /** Its last sessions, newest first (at most 20). */
  sessions: z.array(sessionViewSchema),
  /** Its items in error (R9), oldest error first (at most 100); each can be retried. */
  errors: z.array(itemErrorSchema),
  /** Its last conflicts (R12), newest first (at most 50). */
  conflicts: z.array(conflictViewSchema),
});
export type MailboxDetailResponse = z.infer<typeof mailboxDetailResponseSchema>;

// ---------------------------------------------------------------------------------------------------------
// POST /api/admin/mailboxes/:mailbox/items/:pairId/retry → 202 ItemRetryResponse (404 no such mailbox or item in
// error): a session of the mailbox is asked for; it reads the item's both sides again and retries it (R9). Audited.

export const itemParamsSchema = z.object({ mailbox: z.string().min(1).max(320), pairId: z.string().min(1).max(200) });

export const itemRetryResponseSchema = z.object({ pairId: z.string(), sessionAsked: z.literal(true) });
export type ItemRetryResponse = z.infer<typeof itemRetryResponseSchema>;
