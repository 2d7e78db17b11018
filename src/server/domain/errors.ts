// Error codes: what a failed item or a failed call is tagged with. Kept as stable strings because they are
// stored in the state table, shown in the task pane and counted in logs.

/** Per-item reasons an item cannot sync (R4, R9). Stored in SyncPair.lastError.code. */
export const ITEM_ERROR_CODES = [
  'allDayTooLong', // R4: an all-day event longer than 24 hours
  'privateRecurringNotAllowed', // R5: tenant setting off
  'privateVisit', // R5/R9: a private item tagged as a Visit (C4C Visits cannot be marked private)
  'invalidItem', // data the other side rejects (e.g. end before start, field too long)
  'unknownTimeZone', // a zone name (Windows/IANA from Outlook, an SAP code from C4C) that maps to no known zone
  'readOnlyEdit', // an Outlook edit of what C4C does not take from Outlook (an employee's copy, R14): it was reverted
  'crmRejected', // C4C answered 400 with a message
  'outlookRejected', // Graph answered 400 with a message
  'conflictRetry', // If-Match failed (412); retried next session
  'notFound', // the other side's record vanished
  'authFailed', // token or technical user rejected
  'temporary', // 5xx / network; retried next session
  'throttled', // 429 after the adapter's own retries
] as const;
export type ItemErrorCode = (typeof ITEM_ERROR_CODES)[number];

/**
 * Errors about the Outlook item's own data that only an edit of that item can clear. The next delta returns
 * such an edit, and the C4C change query returns C4C changes, so R9's re-read of the pair every session would
 * only cost requests (the idle-cost benchmark counted two extra Graph requests per mailbox per cycle).
 */
const FIXED_ONLY_BY_AN_EDIT: ReadonlySet<ItemErrorCode> = new Set(['allDayTooLong', 'invalidItem', 'privateVisit', 'unknownTimeZone', 'readOnlyEdit']);

/** R9: whether a pair in this error is re-read every session to retry it. */
export function retriedByRereading(code: ItemErrorCode | undefined): boolean {
  return code === undefined || !FIXED_ONLY_BY_AN_EDIT.has(code);
}

/** Typed failure of a port call (adapters map HTTP statuses to these). */
export type PortErrorCode = 'temporary' | 'throttled' | 'auth' | 'notFound' | 'conflict' | 'cursor' | 'invalid';

export interface PortError {
  code: PortErrorCode;
  /** Ours, naming no content: it goes to logs and to the sync log (adapters build it from status and codes). */
  message: string;
  /**
   * The remote side's own wording (an SAP or Graph error message), which can echo the item's subject or an
   * attendee's address: kept with the pair for its owner to read, never logged (log/content.ts).
   */
  detail?: string;
  /** Seconds to wait, when the remote said so (Retry-After). */
  retryAfterSeconds?: number;
}

/** Maps a port failure to the item error code recorded on the pair. */
export function itemErrorCodeOf(error: PortError, side: 'outlook' | 'crm'): ItemErrorCode {
  switch (error.code) {
    case 'temporary':
      return 'temporary';
    case 'throttled':
      return 'throttled';
    case 'auth':
      return 'authFailed';
    case 'notFound':
      return 'notFound';
    case 'conflict':
      return 'conflictRetry';
    case 'cursor':
      return 'temporary';
    case 'invalid':
      return side === 'crm' ? 'crmRejected' : 'outlookRejected';
  }
}

export interface ItemError {
  code: ItemErrorCode;
  message: string;
  /** The remote side's wording, as on PortError: for the item's owner, not for logs or the sync log. */
  detail?: string;
}

/** What the item's owner reads about an error (the task pane): our message and the remote side's wording. */
export function errorForOwner(error: ItemError): string {
  return error.detail ? `${error.message}: ${error.detail}` : error.message;
}
