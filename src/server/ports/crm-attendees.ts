// What the task pane's attendee and follow-up features need of the CRM (routes: http/people-routes.ts). Implemented
// by adapters/c4c as the technical user; the answers are bounded to what the caller's employee owns (contacts and
// leads; employees are everyone's colleagues), as the CRM search's owner mode is, so they never show more than C4C
// would show the user. New records are owned by the caller's employee.
import type { AttendeeMatch } from '../../shared/people-api.js';

export type { AttendeeMatch } from '../../shared/people-api.js';

/** A record with an e-mail address, found by the duplicate check whoever owns it. */
export interface FoundByEmail {
  match: AttendeeMatch;
  /** The employee party owning it (contacts: ContactOwnerID, leads: OwnerPartyID); null for employees. */
  ownerPartyId: string | null;
}

export interface NewContact {
  email: string;
  firstName: string | null;
  lastName: string;
  /** The AccountID the contact works for. */
  accountId: string | null;
  ownerPartyId: string;
}

export interface NewLead {
  email: string;
  firstName: string | null;
  lastName: string;
  accountId: string | null;
  company: string | null;
  ownerPartyId: string;
}

export interface NewFollowUpTask {
  subject: string;
  /** ISO UTC instant, or null for none. */
  dueUtc: string | null;
  /** The main account's party id (an AccountID or an individual customer's CustomerID). */
  accountPartyId: string | null;
  contactPartyId: string | null;
  processorPartyId: string;
}

export interface CrmAttendees {
  /** Employees (any), contacts and leads owned by `ownerPartyId`, matched by e-mail; unmatched addresses left out. */
  match(emails: readonly string[], ownerPartyId: string): Promise<AttendeeMatch[]>;
  /** The first employee, contact or lead (in that order) with this address, whoever owns it; null when none. */
  findByEmail(email: string): Promise<FoundByEmail | null>;
  createContact(contact: NewContact): Promise<AttendeeMatch>;
  createLead(lead: NewLead): Promise<AttendeeMatch>;
  /** Creates the task and answers its readable id. */
  createFollowUpTask(task: NewFollowUpTask): Promise<{ id: string; subject: string }>;
}
