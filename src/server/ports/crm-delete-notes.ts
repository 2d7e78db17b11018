// C4C `deleted` notifications not yet confirmed with C4C (sync/tenant/delete-notes.ts).

/** A C4C `deleted` notification not yet confirmed with C4C (sync/tenant/delete-notes.ts). */
export interface CrmDeleteHint {
  tenantId: string;
  /** The record's kind (its family follows from it). */
  kind: string;
  objectId: string;
  /** ISO UTC time the first notification for the activity arrived. */
  notedAt: string;
}

export interface CrmDeleteHints {
  /** Commits at once, in its own transaction; a repeated notification keeps the first time. */
  noteCrmDelete(tenantId: string, kind: string, objectId: string): Promise<void>;
  listCrmDeleteHints(tenantId: string): Promise<CrmDeleteHint[]>;
}

export interface CrmDeleteHintsWriter {
  dropCrmDeleteHints(tenantId: string, objectIds: readonly string[]): Promise<void>;
}

