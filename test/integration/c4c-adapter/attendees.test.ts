// The task pane's attendee adapter (C4cCrmAttendees) against the C4C sandbox: a contact and a lead created for
// unknown attendees (with their account, owned by the caller's employee) are then matched by e-mail with that
// account, employees too; another employee's contacts and leads are not matched, though the duplicate check finds
// them; a quote in an address stays inert; the follow-up task lands in TasksCollection with its account, processor
// and due date.
import { pino } from 'pino';
import { C4cCrmAttendees } from '../../../src/server/adapters/c4c/index.js';
import { FAST_RETRY, startAdapterHarness, type AdapterHarness } from './harness.js';

let h: AdapterHarness;
let attendees: C4cCrmAttendees;
let account: { id: string; name: string };
const get = async (path: string) => {
  const auth = Buffer.from(`${h.info.technicalUser.user}:${h.info.technicalUser.password}`).toString('base64');
  const res = await fetch(`${h.svc}${path}`, { headers: { authorization: `Basic ${auth}`, accept: 'application/json' } });
  return ((await res.json()) as { d: { results: Record<string, unknown>[] } }).d.results;
};
beforeAll(async () => {
  h = await startAdapterHarness();
  attendees = new C4cCrmAttendees({ baseUrl: h.svc, ...h.info.technicalUser, logger: pino({ level: 'silent' }), timeoutMs: 10_000, retry: FAST_RETRY });
  const [row] = await get('CorporateAccountCollection?$top=1&$select=AccountID,Name&$format=json');
  account = { id: String(row?.['AccountID']), name: String(row?.['Name']) };
});
afterAll(async () => h.close());

describe('C4C attendee adapter', () => {
  it("creates a contact and a lead owned by the caller's employee and matches them, with their account, beside an employee", async () => {
    const [me, colleague] = h.info.employees;
    if (!me || !colleague) throw new Error('the sandbox has too few employees');
    const contact = await attendees.createContact({ email: 'Grace.Hopper@navy.example', firstName: 'Grace', lastName: 'Hopper', accountId: account.id, ownerPartyId: me.partyId });
    expect(contact).toMatchObject({ kind: 'contact', email: 'grace.hopper@navy.example', name: 'Grace Hopper', account: { id: account.id, name: account.name } });
    const lead = await attendees.createLead({ email: 'alan@bletchley.example', firstName: 'Alan', lastName: 'Turing', accountId: null, company: 'Bletchley', ownerPartyId: me.partyId });
    expect(lead).toMatchObject({ kind: 'lead', name: 'Alan Turing', account: null });
    expect(lead.c4cId).toMatch(/^\d+$/);

    const matches = await attendees.match(['nobody@x.example', 'alan@bletchley.example', 'GRACE.HOPPER@navy.example', colleague.email, "o'brien@x.example"], me.partyId);
    expect(matches.map((m) => [m.kind, m.email, m.c4cId])).toEqual([
      ['lead', 'alan@bletchley.example', lead.c4cId],
      ['contact', 'grace.hopper@navy.example', contact.c4cId],
      ['employee', colleague.email.toLowerCase(), colleague.employeeId],
    ]);
    expect(matches[1]?.account).toEqual({ id: account.id, name: account.name });

    // The colleague owns neither record: nothing of theirs is matched, but the duplicate check finds both, with owner.
    expect((await attendees.match(['alan@bletchley.example', 'grace.hopper@navy.example'], colleague.partyId)).map((m) => m.kind)).toEqual([]);
    expect(await attendees.findByEmail('Grace.Hopper@navy.example')).toMatchObject({ ownerPartyId: me.partyId, match: { kind: 'contact', c4cId: contact.c4cId } });
    expect(await attendees.findByEmail('alan@bletchley.example')).toMatchObject({ ownerPartyId: me.partyId, match: { kind: 'lead', c4cId: lead.c4cId } });
    expect(await attendees.findByEmail(colleague.email)).toMatchObject({ ownerPartyId: null, match: { kind: 'employee' } });
    expect(await attendees.findByEmail("o'brien' or Email ne '@x.example")).toBeNull();
  });

  it('creates a follow-up task processed by the caller, with its account, contact and due date', async () => {
    const [me] = h.info.employees;
    if (!me) throw new Error('the sandbox has no employees');
    const contact = await attendees.createContact({ email: 'kat@johnson.example', firstName: null, lastName: 'Johnson', accountId: account.id, ownerPartyId: me.partyId });
    const task = await attendees.createFollowUpTask({ subject: 'Follow-up: Quarterly review', dueUtc: '2026-12-18T23:59:59Z', accountPartyId: account.id, contactPartyId: contact.c4cId, processorPartyId: me.partyId });
    expect(task.subject).toBe('Follow-up: Quarterly review');
    const [row] = await get(`TasksCollection?$filter=ID eq '${task.id}'&$format=json`);
    expect(row).toMatchObject({ Subject: 'Follow-up: Quarterly review', Status: '1', MainAccountPartyID: account.id, MainContactPartyID: contact.c4cId, ProcessorPartyID: me.partyId, DueDatetimeZoneCode: 'UTC' });
    expect(row?.['DueDateTime']).toBe(`/Date(${Date.parse('2026-12-18T23:59:59Z')})/`);
  });
});
