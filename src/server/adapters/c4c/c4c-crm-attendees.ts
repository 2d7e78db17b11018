// The task pane's attendee look-ups and creates (ports/crm-attendees.ts) over c4codataapi, as the technical user on
// the same transport as the families (Basic auth, CSRF token and session cookies, retries of reads, SAP error mapping).
import type { Logger } from 'pino';
import type { CrmAttendees, NewContact, NewFollowUpTask, NewLead } from '../../ports/crm-attendees.js';
import { findPersonByEmail, matchAttendees } from './attendee-match.js';
import { createContact, createFollowUpTask, createLead } from './attendee-writer.js';
import type { C4cAdapterOptions } from './c4c-crm-activities.js';
import { guarded } from './change-query.js';
import { ODataHttp } from './odata-http.js';

export class C4cCrmAttendees implements CrmAttendees {
  private readonly http: ODataHttp;
  private readonly logger: Logger;

  constructor(options: C4cAdapterOptions) {
    this.logger = options.logger.child({ adapter: 'c4c', part: 'attendees' });
    this.http = new ODataHttp({ ...options, logger: this.logger });
  }

  match(emails: readonly string[], ownerPartyId: string) {
    return guarded(() => matchAttendees(this.http, emails, ownerPartyId));
  }

  findByEmail(email: string) {
    return guarded(() => findPersonByEmail(this.http, email));
  }

  async createContact(contact: NewContact) {
    const made = await guarded(() => createContact(this.http, contact));
    this.logger.info({ contactId: made.c4cId }, 'c4c contact created from the task pane');
    return made;
  }

  async createLead(lead: NewLead) {
    const made = await guarded(() => createLead(this.http, lead));
    this.logger.info({ leadId: made.c4cId }, 'c4c lead created from the task pane');
    return made;
  }

  async createFollowUpTask(task: NewFollowUpTask) {
    const made = await guarded(() => createFollowUpTask(this.http, task));
    this.logger.info({ taskId: made.id }, 'c4c follow-up task created from the task pane');
    return made;
  }
}
