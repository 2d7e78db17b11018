// An Entra group's users, nested groups included (application permission GroupMember.Read.All): the enrolment
// policy `group` (issue 17). `GET /groups/{id}/transitiveMembers/microsoft.graph.user` casts the members to users
// (devices, contacts and the nested groups themselves are left out); Graph documents the cast as an advanced query,
// so the request carries `ConsistencyLevel: eventual` and `$count=true`, which Graph accepts either way.
import type { GroupMembers } from '../../domain/enrolment.js';
import { UnknownGroupError } from '../../ports/enrolment.js';
import { PortFailure } from '../../ports/write-results.js';
import { portErrorOf } from './graph-errors.js';
import { TENANT_SCOPE, type GraphHttp } from './graph-http.js';

interface MembersPage {
  value?: Array<{ id?: unknown; mail?: unknown; userPrincipalName?: unknown }>;
  '@odata.nextLink'?: string;
}

/** Every page, following `@odata.nextLink` (bounded, so a misbehaving server cannot loop us). */
export async function groupMembers(http: GraphHttp, groupId: string, maxPages = 1000): Promise<GroupMembers> {
  const ids = new Set<string>();
  const emails = new Set<string>();
  let url: string | undefined = `/groups/${encodeURIComponent(groupId)}/transitiveMembers/microsoft.graph.user?$select=id,mail,userPrincipalName&$top=999&$count=true`;
  for (let page = 0; url && page < maxPages; page++) {
    const response = await http.send(TENANT_SCOPE, { method: 'GET', url, headers: { ConsistencyLevel: 'eventual' } });
    if (response.status === 404) throw new UnknownGroupError(groupId);
    if (response.status !== 200) throw new PortFailure(portErrorOf(response.status, response.body));
    const body = response.body as MembersPage;
    for (const member of body.value ?? []) {
      if (typeof member.id === 'string') ids.add(member.id);
      for (const address of [member.mail, member.userPrincipalName]) if (typeof address === 'string' && address.includes('@')) emails.add(address.toLowerCase());
    }
    url = body['@odata.nextLink'];
  }
  return { ids, emails };
}
