// POST /_sandbox/employees grows the employees to the first N tenant users (the same people, by e-mail, as the
// Graph sandbox's POST /_sandbox/users), so the service provisions N mailboxes. Reset goes back to the demo users.
import { DEMO_USERS, generatedUser, tenantUsers } from '../../../src/sandbox/common/demo-tenant.js';
import { json, startHarness, type Feed, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const emailFilter = (mails: readonly string[]) => encodeURIComponent(mails.map((m) => `Email eq '${m}'`).join(' or '));

describe('C4C sandbox: employees of a tenant of many users', () => {
  it('adds the missing employees up to the count, idempotently', async () => {
    const res = await h.control('POST', 'employees', { count: 1000 });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ added: 995, employees: 1000 });
    expect(await json(await h.control('POST', 'employees', { count: 10 }))).toEqual({ added: 0, employees: 1000 });
    expect(await (await h.call('GET', 'EmployeeCollection/$count')).text()).toBe('1000');
  });

  it('finds them by e-mail with the ids the Graph users carry, twenty to a filter', async () => {
    const wanted = tenantUsers(1000).slice(980);
    const feed = await json<Feed>(await h.call('GET', `EmployeeCollection?$filter=${emailFilter(wanted.map((u) => u.mail))}&$select=EmployeeID,BusinessPartnerID,UUID,Email`));
    const rows = feed.d.results.map((r) => [r['Email'], r['EmployeeID'], r['BusinessPartnerID'], r['UUID']]);
    expect(rows.sort()).toEqual(wanted.map((u) => [u.mail, u.c4cEmployeeId, u.c4cEmployeeId, u.c4cEmployeeUuid]).sort());
    const info = await json<{ employees: { email: string }[] }>(await h.control('GET', 'info'));
    expect(info.employees.length).toBe(1000);
    expect(info.employees.slice(0, 5).map((e) => e.email)).toEqual(DEMO_USERS.map((u) => u.mail));
  });

  it('gives the new employees no activities (their calendars start empty)', async () => {
    const someone = generatedUser(500);
    const feed = await json<Feed>(await h.call('GET', `AppointmentCollection?$filter=${encodeURIComponent(`OwnerPartyID eq '${someone.c4cEmployeeId}'`)}`));
    expect(feed.d.results).toEqual([]);
  });

  it('refuses counts that are not 1…20,000 with a C4C error body', async () => {
    for (const body of [{ count: 0 }, { count: -1 }, { count: 20_001 }, { count: 1.5 }, { count: 'many' }, {}, { count: 5, more: 1 }]) {
      const res = await h.control('POST', 'employees', body);
      expect(res.status).toBe(400);
      const error = (await res.json()) as { error?: { code?: string } };
      expect(error.error?.code).toBe('BAD_REQUEST');
    }
  });

  it('goes back to the demo users employees on reset', async () => {
    await h.control('POST', 'reset');
    expect(await (await h.call('GET', 'EmployeeCollection/$count')).text()).toBe(String(DEMO_USERS.length));
  });
});
