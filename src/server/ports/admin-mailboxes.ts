// The admin console's view of the mailboxes and its mailbox actions (pause, resume, full resync), each written with
// its audit row in one transaction. Implemented by adapters/store/sql-admin-mailboxes.ts.
import type { MailboxProvider } from '../domain/mailbox.js';
import type { SyncLogEntry } from '../domain/sync-log.js';
import type { AuditRecord } from './admin-console.js';

/** The first that applies, in this order: disabled, paused, held, error, active. */
export type MailboxState = 'active' | 'paused' | 'held' | 'error' | 'disabled';

export interface MailboxOverview {
  mailboxId: string;
  tenantId: string;
  email: string;
  displayName: string;
  provider: MailboxProvider;
  state: MailboxState;
  pausedAt: string | null;
  pausedBy: string | null;
  lastSessionAt: string | null;
  lastSuccessAt: string | null;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  /** Per family: pairs not closed, and those in error. */
  families: Record<string, { items: number; errors: number }>;
  openHolds: number;
}

export interface MailboxPageQuery {
  /** The last row of the previous page (keyset: e-mail, then id). */
  after?: { email: string; mailboxId: string };
  limit: number;
  /** Part of the e-mail or display name, case-insensitive. */
  q?: string;
  state?: MailboxState;
  provider?: MailboxProvider;
}

export interface AdminMailboxes {
  page(tenantId: string, query: MailboxPageQuery): Promise<{ rows: MailboxOverview[]; more: boolean }>;
  /** One mailbox by id or e-mail address, or null. */
  find(tenantId: string, idOrEmail: string): Promise<MailboxOverview | null>;
  /** Pauses (at `at`) or resumes; false when it was so already (then nothing is written or audited). */
  setPaused(tenantId: string, mailboxId: string, pause: { at: string } | null, audit: AuditRecord): Promise<boolean>;
  /** The mailbox's last session summaries and conflict records from the sync log, newest first. */
  logOf(mailboxId: string, event: 'session' | 'conflict', limit: number): Promise<SyncLogEntry[]>;
  /** Its pairs in error (R9), oldest error first. */
  errorsOf(mailboxId: string, limit: number): Promise<PairInError[]>;
  /** Records the retry of a pair in error (audit); false when the mailbox has no such pair in error. */
  retryItem(tenantId: string, mailboxId: string, pairId: string, audit: AuditRecord): Promise<boolean>;
  /** Forgets the mailbox's groupware cursors (delta links), keeping its pairs; returns how many went. */
  forgetCursors(tenantId: string, mailboxId: string, audit: AuditRecord): Promise<number>;
}

export interface PairInError {
  pairId: string;
  family: string;
  kind: string;
  code: string | null;
  message: string | null;
  since: string | null;
  outlookId: string | null;
  crmObjectId: string | null;
}
