// The bodies of the task pane's creates in C4C: only creatable properties of the tenant $metadata, cut to their
// MaxLength, empty values left out (C4C would store "" rather than nothing), the e-mail in lower case, a lead's
// mandatory Name built from the person and company, and a follow-up task open, processed by the caller, due in UTC.
import { contactCreateBody, followUpTaskBody, leadCreateBody } from '../../../src/server/adapters/c4c/attendee-writer.js';

describe('attendee create bodies', () => {
  it('a contact: names, lower-case e-mail, account and owner; no empty first name', () => {
    expect(contactCreateBody({ email: 'Nia.New@Porter.example', firstName: '', lastName: 'N'.repeat(50), accountId: '1000001', ownerPartyId: '8000000001' })).toEqual({
      LastName: 'N'.repeat(40),
      Email: 'nia.new@porter.example',
      AccountID: '1000001',
      ContactOwnerID: '8000000001',
    });
  });

  it("a lead: Name from the person and company, the contact's fields, no account when there is none", () => {
    expect(leadCreateBody({ email: 'Lee@X.example', firstName: 'Kim', lastName: 'Lee', accountId: null, company: 'X Ltd', ownerPartyId: '8000000001' })).toEqual({
      Name: 'Kim Lee (X Ltd)',
      ContactFirstName: 'Kim',
      ContactLastName: 'Lee',
      ContactEMail: 'lee@x.example',
      Company: 'X Ltd',
      OwnerPartyID: '8000000001',
    });
    expect(leadCreateBody({ email: 'a@b.example', firstName: null, lastName: 'Lee', accountId: '1000001', company: null, ownerPartyId: '1' })).toMatchObject({ Name: 'Lee', AccountPartyID: '1000001' });
  });

  it('a follow-up task: open, processed by the caller, due in UTC, with main account and contact only when given', () => {
    expect(followUpTaskBody({ subject: 'Follow-up', dueUtc: '2026-12-18T23:59:59Z', accountPartyId: '1000001', contactPartyId: null, processorPartyId: '8000000001' })).toEqual({
      Subject: 'Follow-up',
      Status: '1',
      ProcessorPartyID: '8000000001',
      DueDateTime: `/Date(${Date.parse('2026-12-18T23:59:59Z')})/`,
      DueDatetimeZoneCode: 'UTC',
      MainAccountPartyID: '1000001',
    });
    expect(followUpTaskBody({ subject: 'x', dueUtc: null, accountPartyId: null, contactPartyId: '2000001', processorPartyId: '1' })).toEqual({ Subject: 'x', Status: '1', ProcessorPartyID: '1', MainContactPartyID: '2000001' });
  });
});
