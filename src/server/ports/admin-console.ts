// What the admin console needs of the store beyond a session's needs: the tenant's settings written with their
// audit row in one transaction, and the audit trail itself (docs/admin.md). Implemented by
// adapters/store/sql-admin-console.ts.
import type { SyncSettings } from '../domain/settings.js';

/** What an admin did; `detail` says to what and how (e.g. `{ changes: [{ setting, from, to }] }`). Never item content. */
export interface AuditRecord {
  actor: string;
  action: string;
  /** What it acted on: a mailbox id, a hold id, a pair id, `settings`. */
  target: string | null;
  detail: Record<string, unknown>;
}

export interface AuditEntry extends AuditRecord {
  id: string;
  at: string;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  next: string | null;
}

export interface StoredSettings {
  settings: SyncSettings;
  /** When they were last written (ISO), or null when never. */
  updatedAt: string | null;
}

export interface AdminConsoleStore {
  readSettings(tenantId: string): Promise<StoredSettings>;
  /**
   * Reads the settings under a row lock, lets `decide` compute the new ones, and writes them with their audit row in
   * the same transaction (two admins saving at once: the second decides on the first's result). `decide` returns
   * `next: null` to write nothing (refused, or nothing changed); `rereads`: forget the groupware cursors of every
   * mailbox of the tenant in the same transaction, so their next sessions read in full.
   */
  updateSettings<R>(tenantId: string, decide: (current: SyncSettings) => { next: SyncSettings | null; audit: AuditRecord | null; rereads?: boolean; result: R }): Promise<R>;
  recordAudit(tenantId: string, record: AuditRecord): Promise<void>;
  /** Newest first, `limit` at most, older than `before` (an entry id) when given; only `target`'s when given. */
  listAudit(tenantId: string, page: { before?: string; limit: number; target?: string }): Promise<AuditPage>;
}
