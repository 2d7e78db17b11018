// POST /_sandbox/users grows the directory to N users (the demo users first, then user0006@… with empty calendars),
// and GET /users pages them like Graph: 100 a page by default, $top up to 999, @odata.nextLink with a $skiptoken
// that keeps $select and $filter. Reset goes back to the five demo users.
import { generatedUser, tenantUsers } from '../../../src/sandbox/common/demo-tenant.js';
import { AVA, DEMO_USERS, expectGraphError, startHarness, type Harness, type Json } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Follows @odata.nextLink from `path` to the end; returns the users and the page sizes. */
async function allPages(path: string): Promise<{ users: Json[]; pages: number[] }> {
  const users: Json[] = [];
  const pages: number[] = [];
  let next: string | undefined = `${h.url}/v1.0${path}`;
  while (next) {
    const res = await h.graph('GET', next.slice(`${h.url}/v1.0`.length));
    expect(res.status).toBe(200);
    users.push(...(res.body.value as Json[]));
    pages.push((res.body.value as Json[]).length);
    next = res.body['@odata.nextLink'] as string | undefined;
    if (next) expect(next.startsWith(`${h.url}/v1.0/users?`)).toBe(true);
  }
  return { users, pages };
}

describe('Graph sandbox: a tenant of many users', () => {
  it('generates distinct, GUID-shaped users after the demo users, matching by e-mail scheme', () => {
    const users = tenantUsers(1000);
    expect(users.slice(0, 5)).toEqual([...DEMO_USERS]);
    expect(users[41]).toEqual(generatedUser(42));
    expect(users[41]?.mail).toBe('user0042@contoso.example');
    for (const key of ['id', 'mail', 'c4cEmployeeId', 'c4cEmployeeUuid'] as const) expect(new Set(users.map((u) => u[key])).size).toBe(1000);
    expect(users.every((u) => GUID.test(u.id) && /^[0-9a-f-]{36}$/.test(u.c4cEmployeeUuid))).toBe(true);
    expect(tenantUsers(20_000)[19_999]?.id).toMatch(GUID);
  });

  it('grows to 1,000 users and pages GET /users with nextLinks: 100 by default, $top up to 999', async () => {
    const grown = await h.control('POST', '/users', { count: 1000 });
    expect(grown.status).toBe(200);
    expect(grown.body).toEqual({ added: 995, users: 1000 });
    expect((await h.control('POST', '/users', { count: 1000 })).body).toEqual({ added: 0, users: 1000 });

    const byDefault = await allPages('/users');
    expect(byDefault.pages).toEqual(Array(10).fill(100));
    expect(byDefault.users.map((u) => u.mail)).toEqual(tenantUsers(1000).map((u) => u.mail));

    const big = await allPages('/users?$select=id,mail,userPrincipalName&$top=999');
    expect(big.pages).toEqual([999, 1]);
    expect(Object.keys(big.users[500] ?? {}).sort()).toEqual(['id', 'mail', 'userPrincipalName']);
    expect(big.users.map((u) => u.id)).toEqual(tenantUsers(1000).map((u) => u.id));
  });

  it('keeps $filter across pages and serves the new users mailboxes', async () => {
    const filtered = await allPages(`/users?$filter=${encodeURIComponent("startswith(mail,'user09')")}&$top=30`);
    expect(filtered.pages).toEqual([30, 30, 30, 10]);
    expect(filtered.users.every((u) => String(u.mail).startsWith('user09'))).toBe(true);

    const someone = generatedUser(777);
    const byUpn = await h.graph('GET', `/users/${someone.mail}`);
    expect(byUpn.body).toMatchObject({ id: someone.id, mail: someone.mail, displayName: 'User 0777' });
    const events = await h.graph('GET', `/users/${someone.id}/events`);
    expect(events.status).toBe(200);
    expect(events.body.value).toEqual([]);
    const created = await h.graph('POST', `/users/${someone.id}/events`, {
      body: { subject: 'first item', start: { dateTime: '2030-01-02T10:00:00', timeZone: 'UTC' }, end: { dateTime: '2030-01-02T11:00:00', timeZone: 'UTC' } },
    });
    expect(created.status).toBe(201);
  });

  it('signs the new users in (delegated tokens reach their own mailbox through /me)', async () => {
    const someone = generatedUser(321);
    const token = await h.userToken(someone.mail);
    const me = await h.graph('GET', '/me', { token });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(someone.id);
    const unknown = await fetch(`${h.url}/_sandbox/token?user=${generatedUser(1001).mail}`);
    expect(unknown.status).toBe(400);
  });

  it('refuses bad counts and bad page options with Graph errors', async () => {
    for (const body of [{ count: 0 }, { count: -3 }, { count: 20_001 }, { count: 2.5 }, { count: '10' }, {}, { count: 10, extra: true }]) {
      const res = await h.control('POST', '/users', body);
      expect(res.status).toBe(400);
      expectGraphError(res.body);
    }
    const tooBig = await h.graph('GET', '/users?$top=1000');
    expect(tooBig.status).toBe(400);
    expectGraphError(tooBig.body, 'Request_UnsupportedQuery');
    const badToken = await h.graph('GET', '/users?$skiptoken=not-ours');
    expect(badToken.status).toBe(400);
    expectGraphError(badToken.body, 'Request_UnsupportedQuery');
  });

  it('goes back to the five demo users on reset', async () => {
    expect((await h.control('POST', '/reset')).status).toBe(204);
    const after = await h.graph('GET', '/users');
    expect(after.body.value.map((u: Json) => u.id)).toEqual(DEMO_USERS.map((u) => u.id));
    expect(after.body['@odata.nextLink']).toBeUndefined();
    expect((await h.graph('GET', `/users/${generatedUser(6).id}`)).status).toBe(404);
    expect((await h.graph('GET', `/users/${AVA.id}/events`)).body.value.length).toBeGreaterThan(0);
  });
});
