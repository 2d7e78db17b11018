// Values for the code lists the product reads. The metadata names the code-list sets but carries no values;
// these follow C4C's standard codes as far as public integrations show them ([M] where not verified). Every
// other code-list set from the metadata is served, empty.
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
const TIME_ZONES = ['UTC', 'CET', 'GMTUK', 'EST', 'CST', 'MST', 'PST', 'INDIA', 'JAPAN', 'AUSNSW', 'BRAZIL', 'EET'].map((c) => ({
  Code: c,
  Description: c,
}));
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
  [/ime?[Zz]oneCodeCollection$/, TIME_ZONES],
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
