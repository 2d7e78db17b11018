// The task pane's creates in C4C (ports/crm-attendees.ts): a contact or a lead for an unknown attendee, and a
// follow-up task. Each is one POST of a creatable entity set with only creatable properties of the tenant $metadata
// (ContactCollection: FirstName, LastName (mandatory), Email, AccountID, ContactOwnerID; LeadCollection: Name
// (mandatory), ContactFirstName, ContactLastName, ContactEMail, AccountPartyID, Company, OwnerPartyID; TasksCollection:
// Subject, Status, DueDateTime + zone, MainAccountPartyID, MainContactPartyID, ProcessorPartyID). The bodies are pure
// functions, tested on their own; C4C fills the readable ids (ContactID, ID) and the names.
import { C4C_TASK_NAMES, C4C_TASK_STATUS } from '../../domain/c4c-task-fields.js';
import { parseIsoUtc, toODataDate } from '../../domain/time.js';
import type { AttendeeMatch, NewContact, NewFollowUpTask, NewLead } from '../../ports/crm-attendees.js';
import { PortFailure } from '../../ports/write-results.js';
import { portErrorForStatus } from './http-errors.js';
import type { ODataHttp } from './odata-http.js';
import type { ODataEntity } from './odata-read.js';

type Body = Record<string, unknown>;

/** C4C's MaxLengths of the fields written (a longer value is refused by C4C rather than cut). */
const cut = (value: string, max: number) => value.slice(0, max);
const withValue = (entries: [string, string | null][]): Body => Object.fromEntries(entries.filter((e): e is [string, string] => e[1] !== null && e[1] !== ''));

export function contactCreateBody(c: NewContact): Body {
  return withValue([
    ['FirstName', c.firstName === null ? null : cut(c.firstName, 40)],
    ['LastName', cut(c.lastName, 40)],
    ['Email', cut(c.email.toLowerCase(), 255)],
    ['AccountID', c.accountId],
    ['ContactOwnerID', c.ownerPartyId],
  ]);
}

/** A lead's Name (its title, mandatory) names the person and their company, as a rep would type it. */
export function leadCreateBody(l: NewLead): Body {
  const person = [l.firstName, l.lastName].filter(Boolean).join(' ');
  return withValue([
    ['Name', cut(l.company ? `${person} (${l.company})` : person, 255)],
    ['ContactFirstName', l.firstName === null ? null : cut(l.firstName, 40)],
    ['ContactLastName', cut(l.lastName, 40)],
    ['ContactEMail', cut(l.email.toLowerCase(), 255)],
    ['AccountPartyID', l.accountId],
    ['Company', l.company === null ? null : cut(l.company, 40)],
    ['OwnerPartyID', l.ownerPartyId],
  ]);
}

/** An open task the caller processes; the due instant goes in UTC with zone code UTC (a whole day, no local time). */
export function followUpTaskBody(t: NewFollowUpTask): Body {
  const body: Body = {
    Subject: cut(t.subject, 765),
    Status: C4C_TASK_STATUS.open,
    ProcessorPartyID: t.processorPartyId,
  };
  if (t.dueUtc !== null) Object.assign(body, { DueDateTime: toODataDate(parseIsoUtc(t.dueUtc)), DueDatetimeZoneCode: 'UTC' });
  if (t.accountPartyId !== null) body.MainAccountPartyID = t.accountPartyId;
  if (t.contactPartyId !== null) body.MainContactPartyID = t.contactPartyId;
  return body;
}

/** POSTs one entity; C4C's answer (201 with the entity in `d`) or a PortFailure with the mapped error. */
async function create(http: ODataHttp, set: string, body: Body): Promise<ODataEntity> {
  // Not repeated on a network error: a lost answer could otherwise make a second record.
  const res = await http.send({ method: 'POST', path: set, body: JSON.stringify(body), idempotent: false });
  if (res.status !== 201 && res.status !== 200) throw new PortFailure(portErrorForStatus(res.status, res.text, res.headers.get('retry-after')));
  const entity = (JSON.parse(res.text || '{}') as { d?: ODataEntity }).d;
  if (!entity) throw new PortFailure({ code: 'temporary', message: `C4C answered the create in ${set} without the record` });
  return entity;
}

const str = (row: ODataEntity, key: string) => (typeof row[key] === 'string' && row[key] !== '' ? (row[key] as string) : null);

export async function createContact(http: ODataHttp, c: NewContact): Promise<AttendeeMatch> {
  const row = await create(http, 'ContactCollection', contactCreateBody(c));
  const id = str(row, 'ContactID');
  if (!id) throw new PortFailure({ code: 'temporary', message: 'C4C answered the new contact without its ContactID' });
  const name = str(row, 'Name') ?? [c.firstName, c.lastName].filter(Boolean).join(' ');
  const account = c.accountId ? { id: c.accountId, name: str(row, 'AccountFormattedName') ?? c.accountId } : null;
  return { email: c.email.toLowerCase(), kind: 'contact', c4cId: id, name, account };
}

export async function createLead(http: ODataHttp, l: NewLead): Promise<AttendeeMatch> {
  const row = await create(http, 'LeadCollection', leadCreateBody(l));
  const id = str(row, 'ID');
  if (!id) throw new PortFailure({ code: 'temporary', message: 'C4C answered the new lead without its ID' });
  const account = l.accountId ? { id: l.accountId, name: str(row, 'AccountPartyName') ?? l.accountId } : null;
  return { email: l.email.toLowerCase(), kind: 'lead', c4cId: id, name: [l.firstName, l.lastName].filter(Boolean).join(' '), account };
}

export async function createFollowUpTask(http: ODataHttp, t: NewFollowUpTask): Promise<{ id: string; subject: string }> {
  const row = await create(http, C4C_TASK_NAMES.entitySet, followUpTaskBody(t));
  const id = str(row, 'ID');
  if (!id) throw new PortFailure({ code: 'temporary', message: 'C4C answered the new task without its ID' });
  return { id, subject: str(row, 'Subject') ?? t.subject };
}
