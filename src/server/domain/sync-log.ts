// Records the store keeps for people: the per-action sync log and the session guard's holds.
import type { Action } from './actions.js';
import type { ConflictRecord } from './conflict-record.js';

export type SyncLogOutcome = 'ok' | 'error' | 'held' | 'skipped';

export interface SyncLogEntry {
  /** ISO UTC. */
  at: string;
  sessionId: string;
  mailboxId: string;
  pairId: string | null;
  /** Action type (Action['type']) or a session-level event such as `session.start`. */
  event: string;
  outcome: SyncLogOutcome;
  code: string | null;
  message: string | null;
  /** For `event: 'conflict'` (R12): which fields, whose edits (versions and keyed digests) and the winner. */
  conflict?: ConflictRecord;
  /** For `event: 'session'`: what the session as a whole did (the admin console's recent sessions). */
  session?: SessionSummary;
}

/** The sync log's `event` for a session's summary line (written by the worker after the session: jobs/register-jobs.ts). */
export const SESSION_EVENT = 'session';

/** A session in numbers: counts and codes only, never item content. */
export interface SessionSummary {
  /** Why it ran: scheduled, insta, manual, retry, followUp. */
  reason: string;
  fullRead: boolean;
  read: { outlook: number; crm: number };
  /** Applied actions by type (recordState, the state-only decisions, left out). */
  applied: Record<string, number>;
  failed: number;
  held: number;
  durationMs: number;
}

/** A session summary stored in the log's detail, or null when `detail` is none. */
export function sessionSummaryFrom(detail: unknown): SessionSummary | null {
  if (typeof detail !== 'object' || detail === null) return null;
  const d = detail as Partial<SessionSummary>;
  if (typeof d.reason !== 'string' || typeof d.durationMs !== 'number' || typeof d.read !== 'object' || typeof d.applied !== 'object') return null;
  return d as SessionSummary;
}

/** `released` by an admin → `applied` by the next session; or `discarded` (sync/tenant/holds.ts). */
export type HoldStatus = 'held' | 'released' | 'applied' | 'discarded';

/**
 * Mass changes the session guard refused to apply (sync/plan/guard.ts). An admin releases them (the next session,
 * a full read, applies them) or discards them (the pairs are forgotten; both sides stay as they are).
 */
export interface SessionHold {
  holdId: string;
  mailboxId: string;
  createdAt: string;
  reason: string;
  actions: Action<object, string>[];
  status: HoldStatus;
  decidedAt: string | null;
  decidedBy: string | null;
}

/** The pairs a hold names (each held group: its steps, then its record). */
export function heldPairIds(hold: Pick<SessionHold, 'actions'>): string[] {
  return [...new Set(hold.actions.map((a) => a.pairId))];
}
