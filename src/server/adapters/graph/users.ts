// The tenant's users (application permission User.Read.All): the candidates for mailbox provisioning.
import { PortFailure } from '../../ports/write-results.js';
import { portErrorOf } from './graph-errors.js';
import { TENANT_SCOPE, type GraphHttp } from './graph-http.js';

export interface GraphUser {
  id: string;
  displayName: string;
  mail: string | null;
  userPrincipalName: string;
}

interface UsersPage {
  value?: unknown[];
  '@odata.nextLink'?: string;
}

function isUser(value: unknown): value is GraphUser {
  const v = value as Partial<GraphUser> | null;
  return typeof v?.id === 'string' && typeof v.userPrincipalName === 'string';
}

/** All users of the tenant, following `@odata.nextLink` (bounded, so a misbehaving server cannot loop us). */
export async function listUsers(http: GraphHttp, maxPages = 1000): Promise<GraphUser[]> {
  const users: GraphUser[] = [];
  let url: string | undefined = '/users?$select=id,displayName,mail,userPrincipalName&$top=999';
  for (let page = 0; url && page < maxPages; page++) {
    const response = await http.send(TENANT_SCOPE, { method: 'GET', url });
    if (response.status !== 200) throw new PortFailure(portErrorOf(response.status, response.body));
    const body = response.body as UsersPage;
    for (const user of body.value ?? []) {
      if (isUser(user)) users.push({ id: user.id, displayName: user.displayName ?? '', mail: user.mail ?? null, userPrincipalName: user.userPrincipalName });
    }
    url = body['@odata.nextLink'];
  }
  return users;
}
