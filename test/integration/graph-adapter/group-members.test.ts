// The enrolment policy `group` (issue 17): the Graph sandbox answers GET /groups/{id}/transitiveMembers (and its cast
// to users) as Graph documents it (nested groups flattened, pages with @odata.nextLink, 404 Request_ResourceNotFound
// for an unknown group, 403 without a group permission), and the adapter reads every page.
import { DEMO_GROUPS } from '../../../src/sandbox/graph/groups.js';
import { DEMO_USERS } from '../../../src/sandbox/common/demo-tenant.js';
import { UnknownGroupError } from '../../../src/server/ports/enrolment.js';
import { startAdapterHarness, type AdapterHarness, type Json } from './support.js';

let h: AdapterHarness;
beforeAll(async () => {
  h = await startAdapterHarness();
});
afterAll(() => h.close());

const [SALES, MANAGERS] = DEMO_GROUPS as [(typeof DEMO_GROUPS)[0], (typeof DEMO_GROUPS)[0]];
const mailOf = (given: string) => DEMO_USERS.find((u) => u.givenName === given)?.mail;
const UNKNOWN = '5a1e5000-0000-4000-8000-0000000000ff';

describe('Graph sandbox and adapter: an Entra group\'s transitive members', () => {
  it('flattens nested groups; the user cast leaves the groups out and keeps $select', async () => {
    const all = await h.graph('GET', `/groups/${SALES.id}/transitiveMembers`);
    expect(all.status).toBe(200);
    expect((all.body.value as Json[]).map((m) => [m['@odata.type'], m.mail ?? m.displayName])).toEqual([
      ['#microsoft.graph.user', mailOf('Ava')],
      ['#microsoft.graph.user', mailOf('Ben')],
      ['#microsoft.graph.user', mailOf('Chloe')],
      ['#microsoft.graph.group', MANAGERS.displayName],
    ]);
    const users = await h.graph('GET', `/groups/${SALES.id}/transitiveMembers/microsoft.graph.user?$select=id,mail,userPrincipalName&$count=true`, undefined, { ConsistencyLevel: 'eventual' });
    expect(users.body['@odata.count']).toBe(3);
    expect((users.body.value as Json[]).map((m) => Object.keys(m).sort())).toEqual(Array(3).fill(['id', 'mail', 'userPrincipalName']));
  });

  it('pages with @odata.nextLink ($top), and refuses a page size above 999', async () => {
    const first = await h.graph('GET', `/groups/${SALES.id}/transitiveMembers/microsoft.graph.user?$top=2&$select=mail`);
    expect((first.body.value as Json[]).map((m) => m.mail)).toEqual([mailOf('Ava'), mailOf('Ben')]);
    const next = first.body['@odata.nextLink'] as string;
    expect(new URL(next).searchParams.get('$top')).toBe('2');
    const second = await h.graph('GET', next.slice(`${h.url}/v1.0`.length));
    expect((second.body.value as Json[]).map((m) => m.mail)).toEqual([mailOf('Chloe')]);
    expect(second.body['@odata.nextLink']).toBeUndefined();
    expect((await h.graph('GET', `/groups/${SALES.id}/transitiveMembers?$top=1000`)).status).toBe(400);
  });

  it('answers 404 Request_ResourceNotFound for an unknown group, and 403 without a group permission', async () => {
    const missing = await h.graph('GET', `/groups/${UNKNOWN}/transitiveMembers/microsoft.graph.user`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('Request_ResourceNotFound');
    expect(missing.body.error.message).toContain(UNKNOWN);
    await h.control('PUT', '/app-permissions', { denied: ['GroupMember.Read.All'] });
    try {
      const denied = await h.adapter().groupMembers(SALES.id).then(() => 'read', (error: Error) => error.message);
      expect(denied).not.toBe('read');
    } finally {
      await h.control('DELETE', '/app-permissions');
    }
  });

  it('the adapter reads every member by id and address, and names an unknown group', async () => {
    const members = await h.adapter().groupMembers(SALES.id);
    expect([...members.emails].sort()).toEqual([mailOf('Ava'), mailOf('Ben'), mailOf('Chloe')].sort());
    expect(members.ids.size).toBe(3);
    await expect(h.adapter().groupMembers(UNKNOWN)).rejects.toBeInstanceOf(UnknownGroupError);
  });
});
