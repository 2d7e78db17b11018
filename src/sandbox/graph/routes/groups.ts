// GET /groups/{id}/transitiveMembers and its cast to users, /transitiveMembers/microsoft.graph.user
// (learn.microsoft.com group-list-transitivemembers): the group's members through nested groups, a flat list, in
// pages of 100 unless $top says otherwise (at most 999), with an opaque $skiptoken in `@odata.nextLink`. An unknown
// group is a 404 `Request_ResourceNotFound`, worded as Graph words it. The app needs GroupMember.Read.All (or a wider
// group or directory permission). The ConsistencyLevel header and $count, which Graph asks for with a cast, are
// accepted; `@odata.count` is given when $count=true.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { caller } from '../auth.js';
import { GraphError } from '../errors.js';
import { transitiveMembers, type DemoGroup } from '../groups.js';
import { parseODataQuery } from '../odata/query.js';
import type { GraphStore } from '../store/graph-store.js';
import { baseUrl, type Params, type Query } from './helpers.js';

const DEFAULT_PAGE = 100;
const MAX_PAGE = 999;
const GROUP_READERS = ['GroupMember.Read.All', 'GroupMember.ReadWrite.All', 'Group.Read.All', 'Group.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];

function offsetOf(token: unknown, groupId: string): number {
  if (token === undefined) return 0;
  const text = typeof token === 'string' ? Buffer.from(token, 'base64url').toString('utf8') : '';
  const prefix = `members:${groupId}:`;
  const offset = text.startsWith(prefix) ? Number(text.slice(prefix.length)) : NaN;
  if (!Number.isInteger(offset) || offset < 0) throw new GraphError(400, 'Request_UnsupportedQuery', 'The specified page token value has expired or is invalid.');
  return offset;
}

function nextLinkOf(req: FastifyRequest, groupId: string, offset: number): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(req.query as Query)) if (name.toLowerCase() !== '$skiptoken' && typeof value === 'string') params.set(name, value);
  params.set('$skiptoken', Buffer.from(`members:${groupId}:${offset}`).toString('base64url'));
  return `${baseUrl(req)}${req.url.split('?')[0]}?${params.toString()}`;
}

export function registerGroupRoutes(app: FastifyInstance, store: GraphStore, groups: readonly DemoGroup[]): void {
  const list = async (req: FastifyRequest, usersOnly: boolean) => {
    const who = caller(req);
    if (who.userId === undefined && !who.roles.some((role) => GROUP_READERS.includes(role))) {
      throw new GraphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    }
    const groupId = (req.params as Params).groupId ?? '';
    const members = transitiveMembers(groups, groupId);
    if (!members) throw new GraphError(404, 'Request_ResourceNotFound', `Resource '${groupId}' does not exist or one of its queried reference-property objects are not present.`);
    const query = parseODataQuery(req.query as Query, 'microsoft.graph.directoryObject');
    const pageSize = query.top ?? DEFAULT_PAGE;
    if (pageSize < 1 || pageSize > MAX_PAGE) throw new GraphError(400, 'Request_UnsupportedQuery', `Invalid page size specified: '${pageSize}'. Must be between 1 and ${MAX_PAGE} inclusive.`);
    const users = members.users.flatMap((id) => {
      const user = store.findUser(id);
      return user ? [{ '@odata.type': '#microsoft.graph.user', id: user.id, displayName: user.displayName, mail: user.mail, userPrincipalName: user.mail }] : [];
    });
    const nested = usersOnly ? [] : members.groups.map((id) => ({ '@odata.type': '#microsoft.graph.group', id, displayName: groups.find((g) => g.id === id)?.displayName ?? '' }));
    const all: Array<Record<string, unknown>> = [...users, ...nested];
    const offset = offsetOf((req.query as Query)['$skiptoken'], groupId);
    const pick = (item: Record<string, unknown>) => (query.select ? Object.fromEntries(Object.entries(item).filter(([k]) => k === 'id' || (!usersOnly && k === '@odata.type') || query.select!.includes(k))) : item);
    const page = all.slice(offset, offset + pageSize).map(pick);
    const count = String((req.query as Query)['$count']).toLowerCase() === 'true' ? { '@odata.count': all.length } : {};
    const next = offset + pageSize < all.length ? { '@odata.nextLink': nextLinkOf(req, groupId, offset + pageSize) } : {};
    return { '@odata.context': `${baseUrl(req)}/v1.0/$metadata#${usersOnly ? 'users' : 'directoryObjects'}`, ...count, value: page, ...next };
  };
  app.get('/v1.0/groups/:groupId/transitiveMembers', (req) => list(req, false));
  app.get('/v1.0/groups/:groupId/transitiveMembers/microsoft.graph.user', (req) => list(req, true));
}
