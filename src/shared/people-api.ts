// The task pane's "Attendees" and "Follow-up" features: which of a meeting's attendees C4C knows (contacts, employees,
// leads, with their account), the creation of a contact or lead for an unknown attendee after a duplicate check by
// e-mail (R8's lead option), and a follow-up task in C4C linked to the item's account. The /api contract shared by
// the pane and the service (routes: src/server/http/people-routes.ts). Everything acts as the signed-in caller: new
// records are owned by the caller's C4C employee, and a follow-up task is theirs to process.
import { z } from 'zod';
import { syncListC4cIdSchema } from './sync-list-api.js';

/** Attendees asked about at once (a meeting's first 50; the sync list's look-up takes as many). */
export const ATTENDEE_MATCH_MAX_EMAILS = 50;

const emailSchema = z.string().trim().max(254).regex(/^[^\s@]+@[^\s@]+$/, 'an e-mail address');

/** The account a known attendee belongs to, as a link the pane can make the item's primary account. */
export const attendeeAccountSchema = z.object({ id: z.string().min(1), name: z.string() });
export type AttendeeAccount = z.infer<typeof attendeeAccountSchema>;

export const attendeeKindSchema = z.enum(['contact', 'employee', 'lead']);
export type AttendeeKind = z.infer<typeof attendeeKindSchema>;

export const attendeeMatchSchema = z.object({
  /** The attendee's address as matched (lower-case). */
  email: z.string(),
  kind: attendeeKindSchema,
  /** The readable C4C id (ContactID, EmployeeID, the lead's ID). */
  c4cId: z.string().min(1),
  name: z.string(),
  /** The contact's or lead's account; null for employees and for records without one. */
  account: attendeeAccountSchema.nullable(),
});
export type AttendeeMatch = z.infer<typeof attendeeMatchSchema>;

// POST /api/attendees/match { emails } → 200 { matches }: employees first, then the caller's own contacts, then the
// caller's own leads, in the order asked for. POST keeps the addresses out of URLs and request logs.
export const attendeeMatchRequestSchema = z.object({ emails: z.array(emailSchema).min(1).max(ATTENDEE_MATCH_MAX_EMAILS) }).strict();
export const attendeeMatchResponseSchema = z.object({ matches: z.array(attendeeMatchSchema) });
export type AttendeeMatchResponse = z.infer<typeof attendeeMatchResponseSchema>;

/** C4C's field lengths: FirstName/LastName 40 (Contact, Lead's ContactFirstName/ContactLastName), Lead's Company 40. */
const nameField = z.string().trim().max(40);

// POST /api/attendees { kind, email, firstName?, lastName, accountId?, company? } → 201 { created: true, record },
// or 200 { created: false, record } when C4C already holds somebody the caller may see with that address (the
// duplicate check by e-mail across employees, contacts and leads comes first), or 409 `conflict` when the address
// belongs to a record the caller may not see (nothing is created, nothing about the record is told).
export const createAttendeeRequestSchema = z
  .object({
    kind: z.enum(['contact', 'lead']),
    email: emailSchema,
    firstName: nameField.optional(),
    lastName: nameField.min(1),
    /** The account the new contact works for, or the lead's account (the item's primary account, in the pane). */
    accountId: syncListC4cIdSchema.optional(),
    /** A lead's company, when it has no account. */
    company: nameField.optional(),
  })
  .strict();
export type CreateAttendeeRequest = z.infer<typeof createAttendeeRequestSchema>;
export const createAttendeeResponseSchema = z.object({ created: z.boolean(), record: attendeeMatchSchema });
export type CreateAttendeeResponse = z.infer<typeof createAttendeeResponseSchema>;

// POST /api/follow-up-tasks { subject, dueDate?, account?, contactId? } → 201 { task }: a C4C task the caller
// processes, its main account the item's (an account or an individual customer), due on the day given.
export const followUpTaskRequestSchema = z
  .object({
    subject: z.string().trim().min(1).max(765),
    /** The due day (YYYY-MM-DD), due at its end in UTC; none: no due date. */
    dueDate: z.iso.date().optional(),
    account: z.object({ type: z.enum(['account', 'individualCustomer']), id: syncListC4cIdSchema }).strict().optional(),
    /** The item's primary contact. */
    contactId: syncListC4cIdSchema.optional(),
  })
  .strict();
export type FollowUpTaskRequest = z.infer<typeof followUpTaskRequestSchema>;
export const followUpTaskResponseSchema = z.object({
  task: z.object({
    /** The task's readable C4C id (shown to the user, a CrmLink's id). */
    id: z.string().min(1),
    subject: z.string(),
    /** The C4C screen of the task, when the service knows the C4C UI (C4C_UI_URL). */
    url: z.string().optional(),
  }),
});
export type FollowUpTaskResponse = z.infer<typeof followUpTaskResponseSchema>;

export const PEOPLE_ROUTES = {
  match: { method: 'POST', url: '/api/attendees/match', status: 200 },
  create: { method: 'POST', url: '/api/attendees', status: 201 },
  followUp: { method: 'POST', url: '/api/follow-up-tasks', status: 201 },
} as const;
