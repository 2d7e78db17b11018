// The doctor's checks over fake probes: which line fails, and which setting or portal step its fix names, for the
// answers the sandboxes cannot give (C4C refusing an entity set, a mailbox Exchange does not know, another app id).
import { c4cChecks } from '../../../src/server/doctor/c4c-checks.js';
import { graphChecks } from '../../../src/server/doctor/graph-checks.js';
import type { CrmProbes, GraphProbes, ProbeFailure, ProbeOutcome, StoreProbe } from '../../../src/server/ports/doctor-probes.js';

const clock = { now: () => new Date('2026-12-06T12:00:00Z') };
const passed: ProbeOutcome = { ok: true };
const refused = (status: number, code: string, message = ''): ProbeFailure => ({ ok: false, status, code, message });
const ava = { id: 'a1', email: 'ava@contoso.example' };

function graph(overrides: Partial<GraphProbes> = {}): GraphProbes {
  return {
    token: async () => passed,
    serverDate: async () => new Date('2026-12-06T12:00:10Z'),
    firstUser: async () => ({ ok: true, mailbox: ava }),
    findUser: async () => ({ ok: true, mailbox: ava }),
    readCalendar: async () => passed,
    writeCalendar: async () => passed,
    readMasterCategories: async () => passed,
    writeMasterCategories: async () => passed,
    todo: async () => passed,
    subscription: async () => passed,
    groupMembers: async () => passed,
    ...overrides,
  };
}

const settings = { publicUrl: 'https://crmsync.contoso.com', mailbox: null, tasks: true };
const statusOf = (lines: { id: string; status: string }[]) => Object.fromEntries(lines.map((l) => [l.id, l.status]));

it('names CLIENT_ID when Entra does not know the app, and runs nothing that needs a token', async () => {
  const lines = await graphChecks(graph({ token: async () => refused(400, 'unauthorized_client', "AADSTS700016: Application with identifier 'x' was not found") }), null, settings, clock);
  expect(lines[0]).toMatchObject({ id: 'graph.token', status: 'fail', fix: expect.stringContaining('CLIENT_ID') });
  expect(lines.slice(1).every((l) => l.status === 'skip')).toBe(true);
});

it('tells DOCTOR_MAILBOX to name a real mailbox when Graph does not know it', async () => {
  const lines = await graphChecks(graph({ findUser: async () => refused(404, 'Request_ResourceNotFound', "Resource 'x' does not exist") }), null, { ...settings, mailbox: 'nobody@contoso.example' }, clock);
  expect(lines.find((l) => l.id === 'graph.mailbox')).toMatchObject({ status: 'fail', fix: expect.stringContaining('DOCTOR_MAILBOX names no user') });
  expect(statusOf(lines)['graph.publicUrl']).toBe('skip');
});

it("counts Graph's timed-out handshake as PUBLIC_URL, and a clock 10 s off as fine", async () => {
  const lines = await graphChecks(graph({ subscription: async () => refused(400, 'InvalidRequest', 'Subscription validation request timed out.') }), null, settings, clock);
  expect(statusOf(lines)).toMatchObject({ 'graph.clock': 'ok', 'graph.subscription': 'skip', 'graph.publicUrl': 'fail' });
});

const SALES = '5a1e5000-0000-4000-8000-0000000000b1';
const storeWith = (group: string | null): StoreProbe => ({ migrations: async () => ({ ok: true, applied: 1, known: 1, unknown: [] }), firstMailbox: async () => ava, enrolmentGroup: async () => group });

it("checks the enrolment group's members only under a group policy, and names GroupMember.Read.All and the portal step on a 403", async () => {
  const asked: string[] = [];
  const members = (answer: ProbeOutcome) => async (groupId: string) => {
    asked.push(groupId);
    return answer;
  };
  const notGroup = await graphChecks(graph({ groupMembers: members(passed) }), storeWith(null), settings, clock);
  expect(notGroup.find((l) => l.id === 'graph.groupMembers')).toMatchObject({ status: 'skip', detail: expect.stringContaining('not an Entra group') });
  expect(asked).toEqual([]);

  const denied = await graphChecks(graph({ groupMembers: members(refused(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.')) }), storeWith(SALES), settings, clock);
  expect(asked).toEqual([SALES]);
  const line = denied.find((l) => l.id === 'graph.groupMembers');
  expect(line).toMatchObject({ status: 'fail', detail: expect.stringContaining('403 Authorization_RequestDenied') });
  expect(line?.fix).toContain('Application permissions › GroupMember.Read.All');
  expect(line?.fix).toContain('Grant admin consent');
  // A directory read: no Exchange mailbox scope can be the cause, so the fix does not send the admin looking for one.
  expect(line?.fix).not.toContain('RBAC');

  const gone = await graphChecks(graph({ groupMembers: members(refused(404, 'Request_ResourceNotFound', "Resource 'x' does not exist")) }), storeWith(SALES), settings, clock);
  expect(gone.find((l) => l.id === 'graph.groupMembers')).toMatchObject({ status: 'fail', fix: expect.stringContaining('apply another enrolment policy') });
});

function crm(overrides: Partial<CrmProbes> = {}): CrmProbes {
  return { csrf: async () => passed, read: async () => passed, write: async () => passed, ...overrides };
}
const answering = (status: number) => (async () => new Response(null, { status })) as unknown as typeof fetch;
const c4cSettings = { publicUrl: 'https://crmsync.contoso.com', webhook: { user: 'C4C', password: 'a-password-of-16-chars' } };

it('lists the entity sets C4C refuses, and the arrangement to fix them in', async () => {
  const probes = crm({ read: async (set) => (set === 'LeadCollection' || set === 'EMailCollection' ? refused(403, 'auth', 'C4C answered 403') : passed) });
  const lines = await c4cChecks(probes, c4cSettings, answering(202));
  const read = lines.find((l) => l.id === 'c4c.read');
  expect(read).toMatchObject({ status: 'fail', fix: expect.stringContaining('Communication Arrangements') });
  expect(read?.detail).toMatch(/^refused: LeadCollection \(403 auth: C4C answered 403\); EMailCollection/);
  expect(statusOf(lines)).toMatchObject({ 'c4c.csrf': 'ok', 'c4c.write.AppointmentCollection': 'ok', 'c4c.notifications': 'ok' });
});

it('names the technical user on a 401, and the consumer credentials when the service refuses them', async () => {
  const lines = await c4cChecks(crm({ csrf: async () => refused(401, 'auth', 'C4C answered 401') }), c4cSettings, answering(401));
  expect(lines.find((l) => l.id === 'c4c.csrf')).toMatchObject({ status: 'fail', fix: expect.stringContaining('C4C_USER / C4C_PASSWORD') });
  expect(statusOf(lines)).toMatchObject({ 'c4c.read': 'skip', 'c4c.write': 'skip' });
  expect(lines.find((l) => l.id === 'c4c.notifications')).toMatchObject({ status: 'fail', fix: expect.stringContaining('C4C_WEBHOOK_USER / C4C_WEBHOOK_PASSWORD') });
});
