// Records the store keeps for people: the per-action sync log and the session guard's holds.
import type { Action } from './actions.js';

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
}

export type HoldStatus = 'held' | 'released' | 'discarded';

/**
 * Destructive actions the session guard refused to apply (more cancels/deletes than settings.deleteGuardLimit).
 * An admin releases (applies on the next session) or discards them.
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
