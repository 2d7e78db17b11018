// The contact family's pure pieces (R14): Graph and C4C records → the normalized contact, payloads both ways, the
// note with the C4C link, privacy through MAPI sensitivity, canonical forms and the merge's own rules.
import { DEFAULT_CATEGORIES } from '../../../src/shared/categories.js';
import { contactBlocker, toC4cContactCreate, toC4cContactUpdate } from '../../../src/server/domain/c4c-contact-payloads.js';
import { contactKindOfEntitySet } from '../../../src/server/domain/c4c-contact-fields.js';
import { contactCanonicalFields, contactFieldEqual, hashContact } from '../../../src/server/domain/contact-canonical.js';
import { contactFamily } from '../../../src/server/domain/contact-family.js';
import { CONTACT_KINDS, emptyContact, type NormalizedContact, type OutlookContactPresent } from '../../../src/server/domain/contact-item.js';
import { withDefaults } from '../../../src/server/domain/settings.js';
import { mergeContact, readOnlyEdits } from '../../../src/server/domain/contact-merge.js';
import { applyPatch } from '../../../src/server/domain/family.js';
import { CONTACT_ERROR_PREFIX, contactCategoryFor, contactErrorLine, contactNoteLine, contactReleaseLine, notesWith, notesWithLine, toGraphContactCreate, toGraphContactUpdate } from '../../../src/server/domain/graph-contact-payloads.js';
import { normalizeC4cContact } from '../../../src/server/domain/normalize-c4c-contact.js';
import { RECORD_PROPERTY_ID, SENSITIVITY_PROPERTY_ID, normalizeGraphContact, type GraphContact } from '../../../src/server/domain/normalize-graph-contact.js';
import { baseOfDigests, digestsOf } from '../../../src/server/domain/state-digest.js';
import { TEST_SEAL } from '../../support/test-sealer.js';

const NOW = Date.parse('2026-12-06T12:00:00Z');
const c4cContact = {
  __metadata: { etag: 'W/"datetimeoffset\'2026-12-01T10%3A00%3A00.0000000Z\'"' },
  ObjectID: '00163E0A1B2C',
  ContactID: '1000123',
  FirstName: 'Ada ',
  LastName: 'Lovelace',
  AccountFormattedName: 'Analytical Engines Ltd',
  JobTitle: 'Chief Analyst',
  Department: 'Research',
  Email: 'Ada@Engines.example',
  Phone: '+44 20 7946 0000',
  Mobile: '+44 7700 900123',
  BusinessAddressStreet: 'St James Square',
  BusinessAddressHouseNumber: '12',
  BusinessAddressStreetPostalCode: 'SW1Y 4JH',
  BusinessAddressCity: 'London',
  BusinessAddressCountryCode: 'GB',
  StatusCode: '2',
  EntityLastChangedOn: '/Date(1764583200000)/',
};

const base = (synced: NormalizedContact) => baseOfDigests<NormalizedContact>(TEST_SEAL, contactCanonicalFields, digestsOf(TEST_SEAL, contactCanonicalFields(synced)));

describe('C4C records → contact', () => {
  it('reads a contact: names, company, job, e-mail, phones, business address, its id and ETag', () => {
    const record = normalizeC4cContact(c4cContact, 'contact', NOW);
    expect(record).toMatchObject({ objectId: '00163E0A1B2C', displayId: '1000123', kind: 'contact', status: 'open', writable: true, version: c4cContact.__metadata.etag, lastChangedOn: '2025-12-01T10:00:00.000Z' });
    expect(record.fields).toEqual({
      givenName: 'Ada',
      surname: 'Lovelace',
      companyName: 'Analytical Engines Ltd',
      jobTitle: 'Chief Analyst',
      department: 'Research',
      emails: ['Ada@Engines.example'],
      businessPhones: ['+44 20 7946 0000'],
      mobilePhone: '+44 7700 900123',
      businessAddress: { street: 'St James Square 12', postalCode: 'SW1Y 4JH', city: 'London', country: 'GB' },
      private: false,
      crmRef: { kind: 'contact', objectId: '00163E0A1B2C', c4cId: '1000123' },
    });
  });

  it('reads individual customers as private, accounts by their name, employees read-only with their office phone', () => {
    const person = normalizeC4cContact({ ObjectID: 'IC1', CustomerID: '2000007', FirstName: 'Bo', LastName: 'Berg', Email: 'bo@mail.example', LifeCycleStatusCode: '2', City: 'Malmö', CountryCode: 'se' }, 'individualCustomer', NOW);
    expect(person.fields).toMatchObject({ givenName: 'Bo', surname: 'Berg', private: true, businessAddress: { city: 'Malmö', country: 'SE' }, crmRef: { kind: 'individualCustomer', c4cId: '2000007' } });
    const account = normalizeC4cContact({ ObjectID: 'A1', AccountID: '1001', Name: 'Porter Industries', Phone: '+49 30 1000001', LifeCycleStatusCode: '2' }, 'account', NOW);
    expect(account.fields).toMatchObject({ givenName: '', surname: '', companyName: 'Porter Industries', businessPhones: ['+49 30 1000001'], private: false });
    const employee = normalizeC4cContact({ ObjectID: 'E1', EmployeeID: '8000000001', FirstName: 'Cy', LastName: 'Clark', OfficePhoneNumber: '+1 555 0100', MobilePhoneNumber: '+1 555 0199', EmployeeValidityEndDate: '/Date(253402214400000)/' }, 'employee', NOW);
    expect(employee).toMatchObject({ writable: false, status: 'open', fields: { businessPhones: ['+1 555 0100'], mobilePhone: '+1 555 0199' } });
  });

  it('reads blocked and obsolete records, and employees past their validity, as gone', () => {
    expect(normalizeC4cContact({ ...c4cContact, StatusCode: '3' }, 'contact', NOW).status).toBe('cancelled');
    expect(normalizeC4cContact({ ObjectID: 'A1', Name: 'X', LifeCycleStatusCode: '4' }, 'account', NOW).status).toBe('cancelled');
    expect(normalizeC4cContact({ ObjectID: 'E1', EmployeeValidityEndDate: `/Date(${NOW - 3 * 86_400_000})/` }, 'employee', NOW).status).toBe('cancelled');
    // The last valid day is still valid.
    expect(normalizeC4cContact({ ObjectID: 'E1', EmployeeValidityEndDate: `/Date(${Date.parse('2026-12-06T00:00:00Z')})/` }, 'employee', NOW).status).toBe('open');
  });

  it('knows each kind by its entity set', () => {
    expect(['ContactCollection', 'IndividualCustomerCollection', 'EmployeeCollection', 'CorporateAccountCollection', 'LeadCollection'].map(contactKindOfEntitySet)).toEqual(['contact', 'individualCustomer', 'employee', 'account', null]);
  });
});

describe('contact → Outlook (Graph)', () => {
  const fields = normalizeC4cContact(c4cContact, 'contact', NOW).fields;

  it('creates the copy with its category, the note with the C4C link, its record property and normal sensitivity', () => {
    const line = contactNoteLine('contact', '1000123', 'https://my000000.crm.ondemand.com/sap/ap/ui/runtime?bo_ns=x&id=1000123');
    const body = toGraphContactCreate(fields, { category: contactCategoryFor('contact', DEFAULT_CATEGORIES), noteLine: line, notes: '' });
    expect(body).toMatchObject({
      givenName: 'Ada',
      surname: 'Lovelace',
      displayName: 'Ada Lovelace',
      companyName: 'Analytical Engines Ltd',
      emailAddresses: [{ address: 'Ada@Engines.example', name: 'Ada Lovelace' }],
      businessPhones: ['+44 20 7946 0000'],
      businessAddress: { street: 'St James Square 12', postalCode: 'SW1Y 4JH', city: 'London', countryOrRegion: 'GB' },
      personalNotes: line,
      categories: ['SAP Cloud for Customer'],
      singleValueExtendedProperties: [
        { id: SENSITIVITY_PROPERTY_ID, value: '0' },
        { id: RECORD_PROPERTY_ID, value: 'contact|00163E0A1B2C|1000123' },
      ],
    });
  });

  it('marks an individual customer private (PidTagSensitivity 2) and files accounts under the company name', () => {
    const person = normalizeC4cContact({ ObjectID: 'IC1', CustomerID: '2000007', FirstName: 'Bo', LastName: 'Berg' }, 'individualCustomer', NOW).fields;
    const body = toGraphContactCreate(person, { category: contactCategoryFor('individualCustomer', DEFAULT_CATEGORIES), noteLine: contactNoteLine('individualCustomer', '2000007', null), notes: '' });
    expect(body.singleValueExtendedProperties).toContainEqual({ id: 'Integer 0x36', value: '2' });
    expect(body).toMatchObject({ categories: ['Individual Customer'], personalNotes: 'SAP Cloud for Customer: CustomerID 2000007' });
    const account = normalizeC4cContact({ ObjectID: 'A1', AccountID: '1001', Name: 'Porter Industries' }, 'account', NOW).fields;
    expect(toGraphContactCreate(account, { category: 'Account', noteLine: 'x', notes: '' })).toMatchObject({ displayName: 'Porter Industries', fileAs: 'Porter Industries', categories: ['Account'] });
  });

  it("updates only what changed, keeps the user's own note lines and categories, and replaces only the service's line", () => {
    expect(notesWithLine('Met at CeBIT\r\nSAP Cloud for Customer: old link\n', 'SAP Cloud for Customer: new link')).toBe('Met at CeBIT\nSAP Cloud for Customer: new link');
    const after = { ...fields, surname: 'King' };
    const body = toGraphContactUpdate({ surname: 'King' }, after, { category: 'SAP Cloud for Customer', noteLine: 'SAP Cloud for Customer: link', notes: 'Mine\nSAP Cloud for Customer: link', categories: ['Red category'] });
    expect(body).toEqual({ surname: 'King', displayName: 'Ada King', fileAs: 'Ada King', categories: ['Red category', 'SAP Cloud for Customer'] });
  });

  // Known bug 11: a contact made in Outlook released because the folder mirrors its record already says so in its
  // notes (add-ins do not run on contacts), in the service's one line, which later writes replace and a link takes over.
  it("releases a contact: the record property emptied, the privacy left alone, the reason in the service's note line", () => {
    const reason = contactFamily.releaseNotice?.({ ...emptyContact(), givenName: 'Ada', surname: 'Lovelace' }) ?? '';
    expect(reason).toBe('Ada Lovelace in this folder is already the copy of this C4C contact; copy what you need over to it and delete this one.');
    expect(contactFamily.releaseNotice?.(null)).toMatch(/^Another contact in this folder is already the copy/);
    const line = contactReleaseLine(reason);
    expect(line).toBe(`⚠ Not synced with SAP Cloud for Customer: ${reason}`);
    expect(contactReleaseLine('two\nlines ')).toBe('⚠ Not synced with SAP Cloud for Customer: two lines');
    const mine = { ...fields, crmRef: null, private: true };
    const body = toGraphContactUpdate({ crmRef: null }, mine, { category: '', noteLine: line, notes: 'Met at CeBIT\n' });
    expect(body).toEqual({ singleValueExtendedProperties: [{ id: RECORD_PROPERTY_ID, value: '' }], personalNotes: `Met at CeBIT\n${line}` });
    expect(normalizeGraphContact({ id: 'x', singleValueExtendedProperties: body.singleValueExtendedProperties as GraphContact['singleValueExtendedProperties'] })).toMatchObject({ fields: { crmRef: null } });
  });

  it("replaces the reason line rather than adding one, and the C4C link replaces it when the contact is linked again", () => {
    const reason = contactReleaseLine('Ada Lovelace in this folder is already the copy of this C4C contact.');
    const released = notesWithLine('Mine\nSAP Cloud for Customer: https://c4c/old', reason);
    expect(released).toBe(`Mine\n${reason}`);
    expect(notesWithLine(released, contactReleaseLine('Another reason.'))).toBe('Mine\n⚠ Not synced with SAP Cloud for Customer: Another reason.');
    expect(notesWithLine(`${reason}\r\nMine`, 'SAP Cloud for Customer: https://c4c/new')).toBe('Mine\nSAP Cloud for Customer: https://c4c/new');
    // No line at all (a release with nothing to say): the service's line goes and no blank line is left behind.
    expect(notesWithLine(`Mine\n${reason}`, '')).toBe('Mine');
    // A link write names the record and leaves the privacy alone; only a privacy change writes the sensitivity.
    const ref = { kind: 'contact' as const, objectId: 'C1', c4cId: '1' };
    expect(toGraphContactUpdate({ crmRef: ref }, { ...fields, crmRef: ref }, { category: '', noteLine: 'x', notes: 'x' }).singleValueExtendedProperties).toEqual([{ id: RECORD_PROPERTY_ID, value: 'contact|C1|1' }]);
    expect(toGraphContactUpdate({ private: true }, { ...fields, private: true }, { category: '', noteLine: 'x', notes: 'x' }).singleValueExtendedProperties).toEqual([{ id: SENSITIVITY_PROPERTY_ID, value: '2' }]);
  });
});

describe('Outlook (Graph) → contact', () => {
  const graph: GraphContact = {
    id: 'AAMk-c1',
    changeKey: 'ck1',
    parentFolderId: 'folder-sap',
    categories: ['SAP Cloud for Customer'],
    givenName: 'Ada',
    surname: 'Lovelace',
    emailAddresses: [{ name: 'Ada', address: 'ada@engines.example' }, { address: ' ' }, { address: 'ada@home.example' }],
    businessPhones: ['+44 20 7946 0000'],
    businessAddress: { street: 'St James Square 12', city: 'London', state: 'Greater London', countryOrRegion: 'GB', postalCode: 'SW1Y 4JH' },
    personalNotes: 'SAP Cloud for Customer: link',
    singleValueExtendedProperties: [
      { id: 'Integer 0x0036', value: '2' },
      { id: 'String {00020329-0000-0000-c000-000000000046} Name crmSyncContactRecord', value: 'individualCustomer|IC1|2000007' },
    ],
  };

  it('reads the fields, the private flag (whatever form the property id takes) and the record the copy mirrors', () => {
    const item = normalizeGraphContact(graph);
    if (item.removed) throw new Error('expected a present contact');
    expect(item).toMatchObject({ id: 'AAMk-c1', version: 'ck1', folderId: 'folder-sap', notes: 'SAP Cloud for Customer: link' });
    expect(item.fields).toMatchObject({ emails: ['ada@engines.example', 'ada@home.example'], private: true, crmRef: { kind: 'individualCustomer', objectId: 'IC1', c4cId: '2000007' }, businessAddress: { country: 'GB' } });
    expect(normalizeGraphContact({ id: 'gone', '@removed': { reason: 'deleted' } })).toEqual({ removed: true, id: 'gone' });
    // A record property that is not ours is no record.
    const foreign = normalizeGraphContact({ ...graph, singleValueExtendedProperties: [{ id: RECORD_PROPERTY_ID, value: 'lead|X|1' }] });
    expect(!foreign.removed && foreign.fields.crmRef).toBeNull();
  });

  it('compares phones without punctuation and e-mails without case, and hashes only what each side holds', () => {
    const a = { ...emptyContact(), emails: ['Ada@X.example', 'b@x.example'], businessPhones: ['+44 (20) 7946-0000'] };
    const b = { ...emptyContact(), emails: ['ada@x.example', 'b@x.example'], businessPhones: ['+442079460000'] };
    expect(contactFieldEqual(a, b, 'emails')).toBe(true);
    expect(contactFieldEqual(a, b, 'businessPhones')).toBe(true);
    expect(hashContact(a, 'outlook', 'contact')).toBe(hashContact(b, 'outlook', 'contact'));
    // C4C holds the primary only: the second address does not change its side's hash.
    expect(hashContact(a, 'crm', 'contact')).toBe(hashContact({ ...b, emails: ['ada@x.example'] }, 'crm', 'contact'));
    expect(hashContact(a, 'outlook', 'contact')).not.toBe(hashContact({ ...b, emails: ['ada@x.example'] }, 'outlook', 'contact'));
  });
});

describe('contact → C4C', () => {
  const fields: NormalizedContact = { ...emptyContact(), givenName: 'Ada', surname: 'Lovelace', companyName: 'Engines', jobTitle: 'Analyst', emails: ['ada@x.example', 'a2@x.example'], businessPhones: ['+1 555 0100'], mobilePhone: '+1 555 0199', businessAddress: { street: 'Main St 5', postalCode: '10115', city: 'Berlin', country: 'Germany' } };

  it("creates a C4C contact from an Outlook contact: the primary address and phone, the street whole, no free-text country, no company (the account's)", () => {
    expect(toC4cContactCreate(fields)).toEqual({
      FirstName: 'Ada',
      LastName: 'Lovelace',
      JobTitle: 'Analyst',
      Department: '',
      Email: 'ada@x.example',
      Phone: '+1 555 0100',
      Mobile: '+1 555 0199',
      BusinessAddressStreet: 'Main St 5',
      BusinessAddressHouseNumber: '',
      BusinessAddressStreetPostalCode: '10115',
      BusinessAddressCity: 'Berlin',
    });
  });

  it("updates only the changed fields C4C takes for the kind, and never an employee", () => {
    expect(toC4cContactUpdate('contact', { surname: 'King', companyName: 'Other' }, { ...fields, surname: 'King' })).toEqual({ LastName: 'King' });
    expect(toC4cContactUpdate('account', { companyName: 'Engines plc' }, { ...fields, companyName: 'Engines plc' })).toEqual({ Name: 'Engines plc' });
    expect(toC4cContactUpdate('individualCustomer', { jobTitle: 'Boss', emails: ['new@x.example'] }, { ...fields, emails: ['new@x.example'] })).toEqual({ Email: 'new@x.example' });
    expect(toC4cContactUpdate('employee', { surname: 'King' }, { ...fields, surname: 'King' })).toEqual({});
  });

  it('refuses a contact without a last name or with a name C4C cannot keep', () => {
    expect(contactBlocker({ ...fields, surname: ' ' }, 'contact')?.code).toBe('invalidItem');
    expect(contactBlocker({ ...fields, givenName: 'x'.repeat(41) }, 'contact')?.message).toMatch(/givenName/);
    expect(contactBlocker(fields, 'contact')).toBeNull();
  });
});

describe('contact merge rules', () => {
  const synced: NormalizedContact = { ...emptyContact(), givenName: 'Ada', surname: 'Lovelace', companyName: 'Engines', emails: ['ada@x.example', 'home@x.example'], crmRef: { kind: 'contact', objectId: 'C1', c4cId: '1' } };
  const crm = { ...synced, emails: ['ada@x.example'] };

  it('takes a corrected last name to C4C and keeps an address added in Outlook', () => {
    const outlook = { ...synced, surname: 'King', emails: [...synced.emails, 'work2@x.example'] };
    const result = mergeContact({ base: base(synced), outlook, crm, kind: 'contact', winner: 'outlook', ours: null });
    expect(result.crmPatch).toEqual({ surname: 'King' });
    expect(result.outlookPatch).toEqual({});
  });

  it("puts C4C's new address first and drops the one it replaced; Outlook's own second address stays", () => {
    const result = mergeContact({ base: base(synced), outlook: synced, crm: { ...crm, emails: ['new@x.example'] }, kind: 'contact', winner: 'outlook', ours: null });
    expect(result.outlookPatch.emails).toEqual(['new@x.example', 'home@x.example']);
    expect(result.crmPatch).toEqual({});
  });

  it('sends Outlook\'s new primary to C4C when the user removes the old one', () => {
    const result = mergeContact({ base: base(synced), outlook: { ...synced, emails: ['home@x.example'] }, crm, kind: 'contact', winner: 'crm', ours: null });
    expect(result.crmPatch).toEqual({ emails: ['home@x.example'] });
    expect(result.outlookPatch).toEqual({});
  });

  it("reverts an Outlook edit of a contact's company (its account's) and of anything on an employee, and says which fields", () => {
    const outlook = { ...synced, companyName: 'Mine', surname: 'King' };
    const contact = mergeContact({ base: base(synced), outlook, crm, kind: 'contact', winner: 'outlook', ours: null });
    expect(contact.outlookPatch).toEqual({ companyName: 'Engines' });
    expect(readOnlyEdits(base(synced), outlook, crm, 'contact')).toEqual(['companyName']);
    const employee = mergeContact({ base: base(synced), outlook, crm, kind: 'employee', winner: 'outlook', ours: null });
    expect(employee.crmPatch).toEqual({});
    expect(applyPatch(outlook, employee.outlookPatch)).toMatchObject({ companyName: 'Engines', surname: 'Lovelace', emails: ['ada@x.example'] });
    expect(readOnlyEdits(base(synced), outlook, crm, 'employee')).toEqual(['surname', 'companyName']);
  });

  it('gives the Outlook copy the privacy and the record link C4C has, whatever Outlook did', () => {
    const result = mergeContact({ base: base(synced), outlook: { ...synced, private: true, crmRef: null }, crm, kind: 'contact', winner: 'outlook', ours: null });
    expect(result.outlookPatch).toEqual({ private: false, crmRef: crm.crmRef });
  });
});

describe('contact family (scope and categories)', () => {
  const settings = withDefaults();
  const item = (overrides: Partial<OutlookContactPresent>): OutlookContactPresent => ({ removed: false, id: 'c1', version: 'v1', transactionId: null, categories: [], folderId: 'f', notes: '', fields: emptyContact(), ...overrides });

  it("syncs the service's copies as their record's kind, a contact the user tagged as a new C4C contact, and nothing else", () => {
    expect(contactFamily.scopeOf(item({ fields: { ...emptyContact(), crmRef: { kind: 'employee', objectId: 'E1', c4cId: '8' } } }), settings)).toBe('employee');
    expect(contactFamily.scopeOf(item({ categories: ['sap cloud for customer'] }), settings)).toBe('contact');
    expect(contactFamily.scopeOf(item({ categories: ['Account'] }), settings)).toBeNull();
    expect(contactFamily.scopeOf(item({}), settings)).toBeNull();
  });

  it('names the category of each kind from the settings, and finds its record by the record property', () => {
    expect(CONTACT_KINDS.map((k) => contactFamily.categoryFor(k, settings))).toEqual(['SAP Cloud for Customer', 'Individual Customer', 'Employee', 'Account']);
    expect(contactFamily.syncCategories(withDefaults({ categories: { ...settings.categories, account: 'Kunde' } }))).toEqual(['SAP Cloud for Customer', 'Individual Customer', 'Employee', 'Kunde']);
    expect(contactFamily.crmObjectIdOf?.(item({ fields: { ...emptyContact(), crmRef: { kind: 'contact', objectId: 'C9', c4cId: '9' } } }))).toBe('C9');
  });
  // R9 on the item (Outlook add-ins do not run on contacts): a copy in error shows the reason above its C4C link, which
  // stays, and loses it when the error clears; a reason line (released, R11) takes the error line with it.
  it('puts the error line above the link line and takes it off again, keeping the link and the user\'s lines', () => {
    const link = 'SAP Cloud for Customer: https://c4c/EmployeeCollection/7';
    const reverted = { message: 'Employees are read-only in Outlook; your change was undone: surname.' };
    const error = contactErrorLine({ code: 'readOnlyEdit', message: reverted.message });
    expect(error).toBe(`${CONTACT_ERROR_PREFIX}${reverted.message}`);
    const inError = notesWith(`Mine\n${link}`, { error });
    expect(inError).toBe(`Mine\n${error}\n${link}`);
    expect(notesWith(inError, { error: contactErrorLine({ code: 'invalidItem', message: 'The contact has no last name.' }) })).toBe(`Mine\n${CONTACT_ERROR_PREFIX}The contact has no last name.\n${link}`);
    expect(notesWith(inError, { line: 'SAP Cloud for Customer: https://c4c/new' })).toBe(`Mine\n${error}\nSAP Cloud for Customer: https://c4c/new`);
    expect(notesWith(inError, { error: null })).toBe(`Mine\n${link}`);
    expect(notesWith(inError, { line: contactReleaseLine('Gone.') })).toBe(`Mine\n${contactReleaseLine('Gone.')}`);
    expect(notesWith('', { error })).toBe(error);
    // A passing failure says only that the service tries again; C4C's own refusal is told with its words.
    expect(contactErrorLine({ code: 'temporary', message: 'C4C 503 on PATCH ContactCollection' })).toBe(`${CONTACT_ERROR_PREFIX}this contact could not be synced just now; the next sync tries again.`);
    expect(contactErrorLine({ code: 'crmRejected', message: 'C4C refused the change', detail: 'Phone number invalid' })).toBe(`${CONTACT_ERROR_PREFIX}C4C refused the change: Phone number invalid`);
    // The update body of a revert: the reverted field, and the notes with the reason above the link.
    const body = toGraphContactUpdate({ surname: 'Lovelace' }, { ...emptyContact(), surname: 'Lovelace' }, { category: '', notes: `Mine\n${link}`, errorLine: error });
    expect(body.personalNotes).toBe(`Mine\n${error}\n${link}`);
    expect(toGraphContactUpdate({ surname: 'Lovelace' }, { ...emptyContact(), surname: 'Lovelace' }, { category: '', notes: `Mine\n${link}` }).personalNotes).toBeUndefined();
  });
});
