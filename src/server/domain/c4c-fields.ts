// Field names and codes of C4C Appointments and Visits (API-NOTES A.2; codes as the sandbox's code lists,
// [M] where C4C's standard values are not verified). The two entities name the same things differently.
import type { SyncKind } from '../../shared/categories.js';
import type { CrmObjectType } from '../../shared/crm-links.js';
import type { ShowAs } from './calendar-item.js';
import type { CrmActivityStatus } from './snapshots.js';

export interface C4cActivityFieldNames {
  entitySet: 'AppointmentCollection' | 'VisitCollection';
  start: string;
  end: string;
  startZone: string;
  endZone: string;
  allDay: string;
  priority: string;
  status: string;
  /** Null: the entity has no such field (Visit has neither sensitivity nor availability). */
  sensitivity: string | null;
  availability: string | null;
  partiesNav: string;
  partiesSet: string;
  /** E-mail properties of a party row, in order of preference. */
  partyEmail: readonly string[];
  btdNav: string;
  btdSet: string;
  textNav: string;
  textSet: string;
}

export const C4C_FIELDS: Record<SyncKind, C4cActivityFieldNames> = {
  appointment: {
    entitySet: 'AppointmentCollection',
    start: 'StartDate',
    end: 'EndDate',
    startZone: 'StartDatetimeZoneCode',
    endZone: 'EnddatetimeZoneCode',
    allDay: 'FullDayIndicator',
    priority: 'Priority',
    status: 'LifeCycleStatusCode',
    sensitivity: 'InformationSensitivityCode',
    availability: 'AvailabilityCode',
    partiesNav: 'AppointmentInvolvedParties',
    partiesSet: 'AppointmentInvolvedPartiesCollection',
    partyEmail: ['PartyEmailURI', 'EMail'],
    btdNav: 'AppointmentBTDReference',
    btdSet: 'AppointmentBTDReferenceCollection',
    textNav: 'AppointmentTextCollection',
    textSet: 'AppointmentTextCollectionCollection',
  },
  visit: {
    entitySet: 'VisitCollection',
    start: 'StartDateTime',
    end: 'EndDateTime',
    startZone: 'StartTimeZoneCode',
    endZone: 'EndTimeZoneCode',
    allDay: 'AllDayEvent',
    priority: 'PriorityCode',
    status: 'Status',
    sensitivity: null,
    availability: null,
    partiesNav: 'VisitParty',
    partiesSet: 'VisitPartyCollection',
    partyEmail: ['Email', 'EmailURI'],
    btdNav: 'VisitBTDReference',
    btdSet: 'VisitBTDReferenceCollection',
    textNav: 'VisitTextCollection',
    textSet: 'VisitTextCollectionCollection',
  },
};

/** LifeCycleStatusCode / Status. */
export const C4C_STATUS = { open: '1', inProcess: '2', completed: '3', cancelled: '4' } as const;

export function activityStatusOf(code: string | null | undefined): CrmActivityStatus {
  if (code === C4C_STATUS.completed) return 'completed';
  if (code === C4C_STATUS.cancelled) return 'cancelled';
  return 'open';
}

/** InformationSensitivityCode: 0 normal, 1 personal, 2 private, 3 confidential. */
export const C4C_SENSITIVITY = { normal: '0', private: '2' } as const;
export const C4C_PRIVATE_CODES: readonly string[] = ['1', '2', '3'];

export const C4C_PRIORITY_NORMAL = '3';

const AVAILABILITY_BY_SHOW_AS: Partial<Record<ShowAs, string>> = { free: '1', tentative: '2', busy: '3', oof: '4' };

export function availabilityCodeOf(showAs: ShowAs): string {
  return AVAILABILITY_BY_SHOW_AS[showAs] ?? '3';
}

export function showAsOf(code: string | null | undefined): ShowAs {
  const entry = Object.entries(AVAILABILITY_BY_SHOW_AS).find(([, c]) => c === code);
  return (entry?.[0] as ShowAs | undefined) ?? 'busy';
}

/**
 * Party roles: 39 employee responsible (owner), 34 contact, 31 account, 55 attendee, 35 organizer (the code a public
 * C4C integration writes for AppointmentInvolvedParties). Only 35 is seen in public code, the rest are [M]: the
 * adapter reads the tenant's AppointmentInvolvedPartiesRoleCodeCollection / VisitPartyRoleCodeCollection
 * (domain/c4c-codes.ts) and uses these only when a tenant serves no such list.
 */
export const C4C_PARTY_ROLE = { owner: '39', contact: '34', account: '31', attendee: '55', organizer: '35' } as const;
/** Party types: 147 employee, 159 business partner, 167 contact person. */
export const C4C_PARTY_TYPE = { employee: '147', businessPartner: '159', contact: '167' } as const;

/**
 * BTD reference TypeCode per linkable document type (accounts and contacts are the header's main account/contact and
 * involved parties). C4C's standard codes as far as public integrations show them; the adapter reads the tenant's
 * AppointmentBTDReferenceTypeCodeCollection / VisitBTDReferenceTypeCodeCollection (domain/c4c-codes.ts) instead.
 */
export const BTD_TYPE_CODES: Partial<Record<CrmObjectType, string>> = {
  opportunity: '72',
  ticket: '118',
  salesQuote: '30',
  salesOrder: '2059',
  task: '542',
  email: '39',
  lead: '1754',
};

/** Text type of the activity's body note. [M] */
export const C4C_BODY_TEXT_TYPE = '10002';
