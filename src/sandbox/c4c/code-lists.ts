// Values for the code lists the product reads. The metadata names the code-list sets but carries no values;
// these follow C4C's standard codes as far as public integrations show them ([M] where not verified). Every
// other code-list set from the metadata is served, empty. A tenant's own values (PUT /_sandbox/code-lists/:set)
// replace them: they are kept in the store's table of that set, so they persist with the tenant and a reseed
// goes back to these.
import { badRequest } from './errors.js';
import { SAP_TIME_ZONES } from './sap-time-zones.js';
import type { EntitySetDef } from './schema.js';
import type { C4cStore } from './store.js';

export interface CodeValue {
  Code: string;
  Description: string;
  Context?: string;
}

const ACTIVITY_STATUS = [
  { Code: '1', Description: 'Open' },
  { Code: '2', Description: 'In Process' },
  { Code: '3', Description: 'Completed' },
  { Code: '4', Description: 'Canceled' },
];
const PRIORITY = [
  { Code: '1', Description: 'Immediate' },
  { Code: '2', Description: 'Urgent' },
  { Code: '3', Description: 'Normal' },
  { Code: '7', Description: 'Low' },
];
const SENSITIVITY = [
  { Code: '0', Description: 'Normal' },
  { Code: '1', Description: 'Personal' },
  { Code: '2', Description: 'Private' },
  { Code: '3', Description: 'Confidential' },
];
const AVAILABILITY = [
  { Code: '1', Description: 'Free' },
  { Code: '2', Description: 'Tentative' },
  { Code: '3', Description: 'Busy' },
  { Code: '4', Description: 'Out of Office' },
];
// '35' Organizer is what a public C4C integration (team5 "crocodile", AppointmentInvolvedParties) sends; the others
// are unverified.
const PARTY_ROLES = [
  { Code: '35', Description: 'Organizer' },
  { Code: '55', Description: 'Attendee' },
  { Code: '39', Description: 'Employee Responsible' },
  { Code: '34', Description: 'Contact' },
  { Code: '31', Description: 'Account' },
];
const PARTY_TYPES = [
  { Code: '147', Description: 'Employee' },
  { Code: '159', Description: 'Business Partner' },
  { Code: '167', Description: 'Contact Person' },
];
const BTD_TYPES = [
  { Code: '72', Description: 'Opportunity' },
  { Code: '118', Description: 'Service Request' },
  { Code: '30', Description: 'Sales Quote' },
  { Code: '2059', Description: 'Customer Order' },
  { Code: '12', Description: 'Appointment' },
  { Code: '542', Description: 'Task' },
  { Code: '39', Description: 'E-Mail' },
  { Code: '1754', Description: 'Lead' },
];

// Opportunities and tickets, for the task pane's preview cards ([M]: C4C's standard codes as its UI shows them;
// tenants configure their own phases and ticket statuses).
const OPPORTUNITY_STATUS = [
  { Code: '1', Description: 'Open' },
  { Code: '2', Description: 'In Process' },
  { Code: '3', Description: 'Won' },
  { Code: '4', Description: 'Lost' },
  { Code: '5', Description: 'Stopped' },
];
const SALES_PHASES = [
  { Code: '001', Description: 'Identify Opportunity' },
  { Code: '002', Description: 'Qualify' },
  { Code: '003', Description: 'Propose Solution' },
  { Code: '004', Description: 'Negotiate' },
];
const TICKET_STATUS = [
  { Code: '1', Description: 'Open' },
  { Code: '2', Description: 'In Process' },
  { Code: '3', Description: 'Completed' },
  { Code: '5', Description: 'Closed' },
];

// Text types of the activities' text collections. 10002 is the body text SAP's own Manage Task Activities web
// service example writes for a task (help.sap.com, ManageTaskActivityIn); 10011 is the type the sync service
// gives its Microsoft To Do reference entry ([M]: description unverified; tenants list their own).
const TEXT_TYPES = [
  { Code: '10002', Description: 'Body Text' },
  { Code: '10011', Description: 'Internal Comment' },
];
// CreatedBySSI: set when the Server-Side (groupware) Integration created the record. [M] the code value is a guess;
// public payloads only ever show it empty.
const CREATED_BY_SSI = [{ Code: '1', Description: 'Created by Server-Side Integration' }];
const LANGUAGES = [
  { Code: 'EN', Description: 'English' },
  { Code: 'DE', Description: 'German' },
];

const BY_SUFFIX: [RegExp, CodeValue[]][] = [
  [/^(Appointment|Visit|Tasks|EMail)(LifeCycleStatusCode|Status)Collection$/, ACTIVITY_STATUS],
  [/^(Appointment|Visit|Tasks|EMail)Priority(Code)?Collection$/, PRIORITY],
  [/^ServiceRequestServicePriorityCodeCollection$/, PRIORITY],
  [/^OpportunityLifeCycleStatusCodeCollection$/, OPPORTUNITY_STATUS],
  [/^OpportunitySalesCyclePhaseCodeCollection$/, SALES_PHASES],
  [/^ServiceRequestServiceRequest(User)?LifeCycleStatusCodeCollection$/, TICKET_STATUS],
  [/ime?[Zz]oneCodeCollection$/, SAP_TIME_ZONES],
  [/InformationSensitivityCodeCollection$/, SENSITIVITY],
  [/AvailabilityCodeCollection$/, AVAILABILITY],
  [/(InvolvedParties|Party)RoleCodeCollection$/, PARTY_ROLES],
  [/(InvolvedParties|Party)PartyTypeCodeCollection$/, PARTY_TYPES],
  [/BTDReferenceTypeCodeCollection$/, BTD_TYPES],
  [/TextCollectionTypeCodeCollection$/, TEXT_TYPES],
  [/TextCollectionLanguageCodeCollection$/, LANGUAGES],
  [/CreatedBySSICollection$/, CREATED_BY_SSI],
];

export function codeListValues(setName: string): CodeValue[] {
  return BY_SUFFIX.find(([re]) => re.test(setName))?.[1] ?? [];
}

/** The row key of a code value (ContextualCodeList rows are keyed by Context and Code). */
export function codeRowId(value: CodeValue): string {
  return value.Context === undefined ? value.Code : `${value.Context}|${value.Code}`;
}

/** The tenant's values of a code list: its own when it has them, else the standard ones above. */
export function tenantCodeList(store: C4cStore, setName: string): CodeValue[] {
  const own = store.table(setName);
  if (own.size === 0) return codeListValues(setName);
  return [...own.values()].map((row) => ({ ...(row.values as unknown as CodeValue) }));
}

/** Gives the tenant its own values of a code list (empty: back to the standard ones). */
export function setTenantCodeList(store: C4cStore, setName: string, values: readonly CodeValue[]): void {
  const table = store.table(setName);
  table.clear();
  for (const value of values) table.set(codeRowId(value), { id: codeRowId(value), values: { ...value }, etagIso: '' });
}

/**
 * Codes C4C checks against the tenant's code list on write ([M]: seen as "value not valid" errors, not documented
 * per field): the involved parties' roles, the BTD references' types and the time-zone codes, the codes the sync
 * writes from the lists.
 */
const CHECKED_CODE_LISTS = /(InvolvedParties|Party)RoleCodeCollection$|BTDReferenceTypeCodeCollection$|ime?[Zz]oneCodeCollection$/;

export function checkCodes(store: C4cStore, set: EntitySetDef, values: Record<string, unknown>): void {
  for (const [name, p] of set.type.properties) {
    const value = values[name];
    if (!p.valueHelp || !CHECKED_CODE_LISTS.test(p.valueHelp) || typeof value !== 'string') continue;
    const list = tenantCodeList(store, p.valueHelp);
    if (list.length > 0 && !list.some((c) => c.Code === value)) {
      throw badRequest(`Value '${value}' of ${name} is not in code list ${p.valueHelp}`, 'INVALID_CODE');
    }
  }
}
