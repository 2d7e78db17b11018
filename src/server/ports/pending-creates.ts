// Write-ahead records of CRM creates (sync/run/pending-creates.ts).

/**
 * A C4C create about to be sent, recorded (committed) before it is sent: if the process dies between the C4C
 * commit and the session's state commit, and the user then deletes the Outlook item, the next session still
 * knows which activity to cancel (R11) — it finds it by GroupwareItemID.
 */
export interface PendingCreate {
  mailboxId: string;
  pairId: string;
  outlookId: string;
  kind: string;
  groupwareItemId: string;
}

export interface PendingCreates {
  listPendingCreates(mailboxId: string): Promise<PendingCreate[]>;
  /** Commits at once, in its own transaction (it must survive a crash of the session). */
  putPendingCreates(entries: readonly PendingCreate[]): Promise<void>;
}

export interface PendingCreatesWriter {
  deletePendingCreates(mailboxId: string, pairIds: readonly string[]): Promise<void>;
}
