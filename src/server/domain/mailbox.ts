// A mailbox the service syncs (a user's Exchange mailbox or Google calendar) and its C4C identity.

export type MailboxProvider = 'graph' | 'google';

export interface Mailbox {
  mailboxId: string;
  /** C4C tenant (one change query per tenant per session). */
  tenantId: string;
  provider: MailboxProvider;
  /** Lower-case primary SMTP address; matched against C4C organizer/owner e-mails (R7). */
  email: string;
  displayName: string;
  /** The user's C4C employee business partner id (OwnerPartyID / OrganizerPartyID), once resolved. */
  employeePartyId: string | null;
  enabled: boolean;
  /**
   * An admin paused it: no sessions (scheduled, insta or manual) until resumed; pairs, cursors and subscriptions
   * stay. Absent when it syncs.
   */
  paused?: true;
}

export type MailboxHealth = 'ok' | 'error' | 'held' | 'never';

/** The mailbox's last session outcome, shown to admins. */
export interface MailboxStatus {
  mailboxId: string;
  health: MailboxHealth;
  lastSessionAt: string | null;
  lastSuccessAt: string | null;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  /** Pairs currently in error (R9), for the admin overview. */
  pairsInError: number;
}
