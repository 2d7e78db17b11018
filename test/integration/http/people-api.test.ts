// /api/attendees/match, /api/attendees and /api/follow-up-tasks: the pane's matched attendees (bounded by the
// caller's employee), the contact or lead it creates after a duplicate check by e-mail (the caller's own record or an
// employee is answered instead; another owner's is only said to exist), and the follow-up task, processed by the
// caller, due at the end of the day given. A caller without a C4C employee recognises nobody and creates nothing;
// C4C failures are ours to word.
import type { CrmAttendees, FoundByEmail, NewContact, NewFollowUpTask, NewLead } from '../../../src/server/ports/crm-attendees.js';
import { PortFailure } from '../../../src/server/ports/write-results.js';
import { attendeeMatchResponseSchema, createAttendeeResponseSchema, followUpTaskResponseSchema, PEOPLE_ROUTES, type AttendeeMatch } from '../../../src/shared/people-api.js';
import { buildTestApp } from '../../support/http-app-fakes.js';

describe('/api/attendees and /api/follow-up-tasks', () => {
  const pat: AttendeeMatch = { email: 'pat@porter.example', kind: 'contact', c4cId: '2000001', name: 'Pat Lee', account: { id: '1000001', name: 'Porter' } };
  const known = new Map<string, FoundByEmail>();
  const calls: { op: string; arg: unknown }[] = [];
  let fail: PortFailure | null = null;
  let test: Awaited<ReturnType<typeof buildTestApp>>;
  const attendees: CrmAttendees = {
    match: async (emails, owner) => (calls.push({ op: 'match', arg: { emails, owner } }), [pat]),
    findByEmail: async (email) => {
      calls.push({ op: 'find', arg: email });
      if (fail) throw fail;
      return known.get(email) ?? null;
    },
    createContact: async (c: NewContact) => (calls.push({ op: 'contact', arg: c }), { email: c.email, kind: 'contact', c4cId: '2000100', name: `${c.firstName} ${c.lastName}`, account: c.accountId ? { id: c.accountId, name: 'Porter' } : null }),
    createLead: async (l: NewLead) => (calls.push({ op: 'lead', arg: l }), { email: l.email, kind: 'lead', c4cId: '50100', name: l.lastName, account: null }),
    createFollowUpTask: async (t: NewFollowUpTask) => (calls.push({ op: 'task', arg: t }), { id: '30100', subject: t.subject }),
  };
  beforeAll(async () => {
    test = await buildTestApp({ items: { ava: [], ben: [] }, employees: { ava: '8000000001' }, attendees });
  });
  afterAll(async () => test.app.close());
  beforeEach(() => {
    calls.length = 0;
    fail = null;
  });
  const post = async (oid: string, url: string, payload: unknown) => test.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${await test.mint({ oid })}` }, payload: payload as object });

  it("matches attendees bounded by the caller's employee; nobody for a caller without one; refuses a bad body", async () => {
    const res = await post('ava', PEOPLE_ROUTES.match.url, { emails: ['pat@porter.example'] });
    expect(res.statusCode).toBe(200);
    expect(attendeeMatchResponseSchema.parse(res.json())).toEqual({ matches: [pat] });
    expect(calls).toEqual([{ op: 'match', arg: { emails: ['pat@porter.example'], owner: '8000000001' } }]);
    expect((await post('ben', PEOPLE_ROUTES.match.url, { emails: ['pat@porter.example'] })).json()).toEqual({ matches: [] });
    expect((await post('ava', PEOPLE_ROUTES.match.url, { emails: ['no address'] })).statusCode).toBe(400);
    expect((await test.app.inject({ method: 'POST', url: PEOPLE_ROUTES.match.url, payload: { emails: ['pat@porter.example'] } })).statusCode).toBe(401);
  });

  it('creates a contact with its account, and a lead, owned by the caller, after the duplicate check', async () => {
    const res = await post('ava', PEOPLE_ROUTES.create.url, { kind: 'contact', email: 'new@porter.example', firstName: 'Nia', lastName: 'New', accountId: '1000001' });
    expect(res.statusCode).toBe(201);
    expect(createAttendeeResponseSchema.parse(res.json())).toMatchObject({ created: true, record: { kind: 'contact', c4cId: '2000100', account: { id: '1000001' } } });
    expect(calls).toEqual([
      { op: 'find', arg: 'new@porter.example' },
      { op: 'contact', arg: { email: 'new@porter.example', firstName: 'Nia', lastName: 'New', accountId: '1000001', ownerPartyId: '8000000001' } },
    ]);
    calls.length = 0;
    const lead = await post('ava', PEOPLE_ROUTES.create.url, { kind: 'lead', email: 'lee@x.example', lastName: 'Lee', company: 'X Ltd' });
    expect(lead.statusCode).toBe(201);
    expect(calls[1]).toEqual({ op: 'lead', arg: { email: 'lee@x.example', firstName: null, lastName: 'Lee', accountId: null, company: 'X Ltd', ownerPartyId: '8000000001' } });
  });

  it("answers the caller's own record or an employee instead of a duplicate, and only says another owner's exists", async () => {
    known.set('pat@porter.example', { match: pat, ownerPartyId: '8000000001' });
    known.set('sam@corp.example', { match: { email: 'sam@corp.example', kind: 'employee', c4cId: '8000000002', name: 'Sam', account: null }, ownerPartyId: null });
    known.set('hidden@rival.example', { match: { ...pat, email: 'hidden@rival.example', name: 'Secret Name' }, ownerPartyId: '8000000009' });
    const own = await post('ava', PEOPLE_ROUTES.create.url, { kind: 'lead', email: 'pat@porter.example', lastName: 'Lee' });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toEqual({ created: false, record: pat });
    expect((await post('ava', PEOPLE_ROUTES.create.url, { kind: 'contact', email: 'sam@corp.example', lastName: 'Sam' })).json()).toMatchObject({ created: false, record: { kind: 'employee' } });
    const other = await post('ava', PEOPLE_ROUTES.create.url, { kind: 'contact', email: 'hidden@rival.example', lastName: 'X' });
    expect(other.statusCode).toBe(409);
    expect(other.body).not.toContain('Secret');
    expect(calls.filter((c) => c.op === 'contact' || c.op === 'lead')).toEqual([]);
  });

  it('refuses creates without a C4C employee, without a last name or with a quote in the account id, and hides C4C failures', async () => {
    expect((await post('ben', PEOPLE_ROUTES.create.url, { kind: 'contact', email: 'a@b.example', lastName: 'A' })).statusCode).toBe(403);
    for (const bad of [{ kind: 'contact', email: 'a@b.example' }, { kind: 'contact', email: 'a@b.example', lastName: 'A', accountId: "1' or 1 eq 1" }, { kind: 'account', email: 'a@b.example', lastName: 'A' }]) {
      expect((await post('ava', PEOPLE_ROUTES.create.url, bad)).statusCode).toBe(400);
    }
    expect(calls).toEqual([]);
    fail = new PortFailure({ code: 'temporary', message: 'C4C said something internal' });
    const res = await post('ava', PEOPLE_ROUTES.create.url, { kind: 'contact', email: 'a@b.example', lastName: 'A' });
    expect(res.statusCode).toBe(503);
    expect(res.body).not.toContain('internal');
  });

  it('creates a follow-up task processed by the caller, linked to the account, due at the end of the day, with its C4C link', async () => {
    const res = await post('ava', PEOPLE_ROUTES.followUp.url, { subject: 'Follow-up: Review', dueDate: '2026-12-18', account: { type: 'account', id: '1000001' }, contactId: '2000001' });
    expect(res.statusCode).toBe(201);
    const body = followUpTaskResponseSchema.parse(res.json());
    expect(body.task).toMatchObject({ id: '30100', subject: 'Follow-up: Review' });
    expect(body.task.url).toMatch(/^https:\/\/my000000\.crm\.ondemand\.com\//);
    expect(calls).toEqual([{ op: 'task', arg: { subject: 'Follow-up: Review', dueUtc: '2026-12-18T23:59:59Z', accountPartyId: '1000001', contactPartyId: '2000001', processorPartyId: '8000000001' } }]);
    expect((await post('ben', PEOPLE_ROUTES.followUp.url, { subject: 'x' })).statusCode).toBe(403);
    expect((await post('ava', PEOPLE_ROUTES.followUp.url, { subject: 'x', dueDate: '18.12.2026' })).statusCode).toBe(400);
  });
});
