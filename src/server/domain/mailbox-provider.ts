// R10 enrolment: whether a user's calendar is at Microsoft 365 (Graph) or Google Workspace, by the admin's setting
// (GOOGLE_USERS: listed addresses; GOOGLE_DOMAINS: every address of a domain). Everyone else is at Microsoft 365.
import type { MailboxProvider } from './mailbox.js';

export interface GoogleEnrolment {
  /** Lower-case addresses. */
  users: readonly string[];
  /** Lower-case mail domains. */
  domains: readonly string[];
}

export function providerOf(email: string, google: GoogleEnrolment): MailboxProvider {
  const address = email.trim().toLowerCase();
  if (google.users.includes(address)) return 'google';
  const domain = address.slice(address.lastIndexOf('@') + 1);
  return google.domains.includes(domain) ? 'google' : 'graph';
}
