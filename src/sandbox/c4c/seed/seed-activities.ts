// Activities owned by the demo users: appointments (with attendees, a linked opportunity and a note), visits
// (with parties), tasks (seed-tasks.ts) and e-mails around the reference time, so every user's calendar has C4C items to sync.
import type { StoredRecord } from '../edm-values.js';
import { deriveReadOnlyFields } from '../derive.js';
import type { C4cStore, Row } from '../store.js';
import type { Prng } from './prng.js';
import { seedTasks } from './seed-tasks.js';
import { TOPICS } from './words.js';

export interface ActivitySeedInput {
  employees: Row[];
  accounts: Row[];
  contacts: Row[];
  now: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function seedActivities(store: C4cStore, rng: Prng, input: ActivitySeedInput): void {
  const add = (set: string, values: StoredRecord): Row => {
    const def = store.schema.entitySets.get(set);
    if (def) deriveReadOnlyFields(store, def, values);
    return store.insert(set, values);
  };
  const dayStart = Math.floor(input.now / DAY) * DAY;
  const opportunities = [...store.table('OpportunityCollection').values()].slice(0, 50);
  const pick = <T>(items: T[]): T | undefined => (items.length === 0 ? undefined : rng.pick(items));
  const id = (row: Row | undefined, prop: string) => (row?.values[prop] as string | undefined) ?? null;

  input.employees.forEach((employee, e) => {
    const empId = id(employee, 'EmployeeID');
    const email = id(employee, 'Email');
    for (let i = 0; i < 12; i += 1) {
      const start = dayStart + (i - 4) * DAY + (8 + rng.int(9)) * HOUR;
      const contact = pick(input.contacts);
      const account = input.accounts.find((a) => a.values['AccountID'] === contact?.values['AccountID']) ?? pick(input.accounts);
      const appointment = add('AppointmentCollection', {
        Subject: `${rng.pick(TOPICS)} – ${String(account?.values['Name'] ?? 'Customer')}`,
        LifeCycleStatusCode: i < 3 ? '3' : '1',
        StartDate: start,
        EndDate: start + HOUR,
        StartDatetimeZoneCode: 'UTC',
        EnddatetimeZoneCode: 'UTC',
        FullDayIndicator: false,
        Priority: '3',
        InformationSensitivityCode: '0',
        Location: String(account?.values['City'] ?? 'Online'),
        OwnerPartyID: empId,
        OrganizerPartyID: empId,
        OrganizerEmailURI: email,
        MainAccountPartyID: id(account, 'AccountID'),
        MainContactPartyID: id(contact, 'ContactID'),
      });
      const party = (values: StoredRecord) => add('AppointmentInvolvedPartiesCollection', { ParentObjectID: appointment.id, ID: id(appointment, 'ID'), ...values });
      party({ PartyID: empId, RoleCode: '35', MainIndicator: true, PartyEmailURI: email });
      if (contact) party({ PartyID: id(contact, 'ContactID'), RoleCode: '55', PartyEmailURI: id(contact, 'Email') });
      const colleague = input.employees[(e + 1) % input.employees.length];
      if (i % 3 === 0 && colleague) party({ PartyID: id(colleague, 'EmployeeID'), RoleCode: '55', PartyEmailURI: id(colleague, 'Email') });
      const opportunity = i % 4 === 0 ? pick(opportunities) : undefined;
      if (opportunity) {
        add('AppointmentBTDReferenceCollection', { ParentObjectID: appointment.id, AppointmentID: id(appointment, 'ID'), ID: id(opportunity, 'ID'), TypeCode: '72', BTDRoleCode: '1' });
      }
      if (i % 2 === 0) {
        add('AppointmentTextCollectionCollection', { ParentObjectID: appointment.id, AppointmentID: id(appointment, 'ID'), Text: 'Agenda: status, next steps.', TypeCode: '10002', LanguageCode: 'EN' });
      }
    }
    for (let i = 0; i < 4; i += 1) {
      const start = dayStart + (i + 1) * DAY + (9 + rng.int(6)) * HOUR;
      const account = pick(input.accounts);
      const visit = add('VisitCollection', {
        Subject: `Visit ${String(account?.values['Name'] ?? 'customer')}`,
        Status: '1',
        StartDateTime: start,
        EndDateTime: start + 2 * HOUR,
        StartTimeZoneCode: 'UTC',
        EndTimeZoneCode: 'UTC',
        AllDayEvent: false,
        PriorityCode: '3',
        Location: String(account?.values['City'] ?? ''),
        OwnerPartyID: empId,
        OrganizerPartyID: empId,
        MainAccountPartyID: id(account, 'AccountID'),
      });
      add('VisitPartyCollection', { ParentObjectID: visit.id, VisitID: id(visit, 'ID'), PartyID: empId, RoleCode: '35', MainIndicator: true });
    }
    seedTasks({ add, rng, employee, index: e, dayStart, accounts: input.accounts, opportunities });
    for (let i = 0; i < 5; i += 1) {
      add('EMailCollection', {
        Subject: `Re: ${rng.pick(TOPICS)}`,
        Status: '3',
        DateTime: dayStart - i * DAY,
        DateTimetimeZoneCode: 'UTC',
        PriorityCode: '3',
        OwnerPartyID: empId,
        MessageFromEmailURI: email,
        MainAccountPartyID: id(pick(input.accounts), 'AccountID'),
      });
    }
  });
}
