// /api/attendees and /api/follow-up-tasks (contract: src/shared/people-api.ts): the task pane's matched attendees,
// the contact or lead it creates for an unknown attendee (R8's lead option) and the follow-up task it creates in
// C4C. Like the rest of /api they act as the caller only: their C4C employee bounds what is matched and owns what is
// created, so a caller without one recognises nobody and creates nothing. E-mail addresses travel in bodies, never in
// URLs or logs; C4C's own wording stays in our log, the caller gets ours.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { c4cUiLinkFor, type C4cUiSettings } from '../../shared/c4c-ui-links.js';
import {
  PEOPLE_ROUTES,
  attendeeMatchRequestSchema,
  createAttendeeRequestSchema,
  followUpTaskRequestSchema,
  type AttendeeMatchResponse,
  type CreateAttendeeResponse,
  type FollowUpTaskResponse,
} from '../../shared/people-api.js';
import type { Mailbox } from '../domain/mailbox.js';
import type { CrmAttendees } from '../ports/crm-attendees.js';
import type { StateReader } from '../ports/state-store.js';
import { PortFailure } from '../ports/write-results.js';
import { parse } from './api-routes.js';
import { HttpError } from './errors.js';

export interface PeopleDeps {
  store: Pick<StateReader, 'getMailbox'>;
  attendees: CrmAttendees;
  c4cUi: C4cUiSettings | null;
}

/** The end of a due day, in UTC: a task due "on the 12th" is due until that day is over. */
const endOfDayUtc = (day: string) => `${day}T23:59:59Z`;

export function registerPeopleRoutes(app: FastifyInstance, deps: PeopleDeps): void {
  async function callerEmployee(req: FastifyRequest): Promise<{ mailbox: Mailbox; employee: string | null }> {
    if (!req.caller) throw new HttpError(401, 'unauthorized', 'Sign in first.');
    const mailbox = await deps.store.getMailbox(req.caller.userId);
    if (!mailbox) throw new HttpError(403, 'forbidden', 'Your mailbox is not set up for CRM sync; ask your administrator.');
    return { mailbox, employee: mailbox.employeePartyId };
  }

  const needEmployee = (employee: string | null): string => {
    if (!employee) throw new HttpError(403, 'forbidden', 'You have no employee in SAP Cloud for Customer to create records as; ask your administrator.');
    return employee;
  };

  function upstream(req: FastifyRequest, what: string) {
    return (error: unknown): never => {
      if (!(error instanceof PortFailure)) throw error;
      req.log.warn({ code: error.error.code, err: error.error.message }, `${what} failed in C4C`);
      if (error.error.code === 'invalid') throw new HttpError(400, 'bad_request', 'SAP Cloud for Customer refused the record; check its fields.');
      if (error.error.code === 'throttled') throw new HttpError(503, 'upstream_unavailable', 'The CRM service is busy; try again shortly.', error.error.retryAfterSeconds);
      throw new HttpError(503, 'upstream_unavailable', 'The CRM service could not be reached.');
    };
  }

  app.post(PEOPLE_ROUTES.match.url, async (req): Promise<AttendeeMatchResponse> => {
    const { emails } = parse(attendeeMatchRequestSchema, req.body);
    const { employee } = await callerEmployee(req);
    if (!employee) return { matches: [] };
    return { matches: await deps.attendees.match(emails, employee).catch(upstream(req, 'matching attendees')) };
  });

  app.post(PEOPLE_ROUTES.create.url, async (req, reply) => {
    const body = parse(createAttendeeRequestSchema, req.body);
    const owner = needEmployee((await callerEmployee(req)).employee);
    const existing = await deps.attendees.findByEmail(body.email).catch(upstream(req, 'the duplicate check'));
    if (existing) {
      // Someone C4C knows already: an employee (everyone's colleague) or the caller's own record is answered; another
      // owner's record is only said to exist, as the caller could not find it in the search either.
      const visible = existing.match.kind === 'employee' || existing.ownerPartyId === owner;
      if (!visible) throw new HttpError(409, 'conflict', 'SAP Cloud for Customer already has a record with this e-mail address that you cannot see; ask its owner or your administrator.');
      const answer: CreateAttendeeResponse = { created: false, record: existing.match };
      return reply.code(200).send(answer);
    }
    const person = { email: body.email, firstName: body.firstName || null, lastName: body.lastName, accountId: body.accountId ?? null, ownerPartyId: owner };
    const record =
      body.kind === 'contact'
        ? await deps.attendees.createContact(person).catch(upstream(req, 'creating a contact'))
        : await deps.attendees.createLead({ ...person, company: body.company || null }).catch(upstream(req, 'creating a lead'));
    const answer: CreateAttendeeResponse = { created: true, record };
    return reply.code(201).send(answer);
  });

  app.post(PEOPLE_ROUTES.followUp.url, async (req, reply) => {
    const body = parse(followUpTaskRequestSchema, req.body);
    const processor = needEmployee((await callerEmployee(req)).employee);
    const task = await deps.attendees
      .createFollowUpTask({
        subject: body.subject,
        dueUtc: body.dueDate ? endOfDayUtc(body.dueDate) : null,
        accountPartyId: body.account?.id ?? null,
        contactPartyId: body.contactId ?? null,
        processorPartyId: processor,
      })
      .catch(upstream(req, 'creating a follow-up task'));
    const answer: FollowUpTaskResponse = { task: { ...task, ...(deps.c4cUi ? { url: c4cUiLinkFor(deps.c4cUi, 'task', task.id) } : {}) } };
    return reply.code(201).send(answer);
  });
}
