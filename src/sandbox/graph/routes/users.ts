// /users, /users/{id|upn}, /me and the (single, default) calendar of each mailbox.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DemoUser } from '../../common/demo-tenant.js';
import { caller, resolveMailbox } from '../auth.js';
import { GraphError } from '../errors.js';
import { matchesFilter } from '../odata/filter.js';
import { parseODataQuery } from '../odata/query.js';
import type { GraphStore, Mailbox } from '../store/graph-store.js';
import { baseUrl, routeForMailboxes, type Params, type Query } from './helpers.js';

function presentUser(user: DemoUser): Record<string, unknown> {
  return {
    id: user.id, displayName: user.displayName, givenName: user.givenName, surname: user.surname,
    userPrincipalName: user.mail, mail: user.mail, jobTitle: user.jobTitle, businessPhones: [], mobilePhone: null,
    officeLocation: null, preferredLanguage: 'en-US',
  };
}

function presentCalendar(mailbox: Mailbox): Record<string, unknown> {
  return {
    id: mailbox.calendarId, name: 'Calendar', color: 'auto', hexColor: '', isDefaultCalendar: true, changeKey: 'AAAAAA==',
    canShare: true, canViewPrivateItems: true, canEdit: true, allowedOnlineMeetingProviders: ['teamsForBusiness'],
    defaultOnlineMeetingProvider: 'teamsForBusiness', isTallyingResponses: true, isRemovable: false,
    owner: { name: mailbox.user.displayName, address: mailbox.user.mail },
  };
}

/** Graph's directory pages: 100 users unless $top says otherwise, at most 999 (learn.microsoft.com, "Paging"). */
const DEFAULT_USERS_PAGE = 100;
const MAX_USERS_PAGE = 999;
const SKIP_TOKEN_PREFIX = 'users:';

/** The $skiptoken is opaque to clients (as in Graph); here it carries the offset of the next page. */
function offsetOfSkipToken(token: unknown): number {
  if (token === undefined) return 0;
  const text = typeof token === 'string' ? Buffer.from(token, 'base64url').toString('utf8') : '';
  const offset = text.startsWith(SKIP_TOKEN_PREFIX) ? Number(text.slice(SKIP_TOKEN_PREFIX.length)) : NaN;
  if (!Number.isInteger(offset) || offset < 0) throw new GraphError(400, 'Request_UnsupportedQuery', 'The specified page token value has expired or is invalid.');
  return offset;
}

/** The same request (same $select, $filter, $top) with the $skiptoken of the page at `offset`. */
function nextLinkOf(req: FastifyRequest, offset: number): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(req.query as Query)) {
    if (name.toLowerCase() !== '$skiptoken' && typeof value === 'string') params.set(name, value);
  }
  params.set('$skiptoken', Buffer.from(`${SKIP_TOKEN_PREFIX}${offset}`).toString('base64url'));
  return `${baseUrl(req)}/v1.0/users?${params.toString()}`;
}

const select = (item: Record<string, unknown>, names: string[] | undefined) =>
  names ? Object.fromEntries(Object.entries(item).filter(([k]) => k === 'id' || names.includes(k))) : item;

export function registerUserRoutes(app: FastifyInstance, store: GraphStore): void {
  const mailboxOf = (req: FastifyRequest) => resolveMailbox(store, req, (req.params as Params).userId);

  app.get('/v1.0/users', async (req) => {
    const who = caller(req);
    // Listing users with an app token needs User.Read.All (or a wider directory permission), as Graph documents it.
    const directoryRoles = ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];
    if (who.userId === undefined && !who.roles.some((role) => directoryRoles.includes(role))) {
      throw new GraphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    }
    const query = parseODataQuery(req.query as Query);
    const pageSize = query.top ?? DEFAULT_USERS_PAGE;
    if (pageSize < 1 || pageSize > MAX_USERS_PAGE) throw new GraphError(400, 'Request_UnsupportedQuery', `Invalid page size specified: '${pageSize}'. Must be between 1 and ${MAX_USERS_PAGE} inclusive.`);
    const offset = offsetOfSkipToken((req.query as Query)['$skiptoken']);
    let users = store.users.map(presentUser);
    if (query.filter) users = users.filter((u) => matchesFilter(query.filter!, u));
    const page = users.slice(offset, offset + pageSize).map((u) => select(u, query.select));
    const next = offset + pageSize < users.length ? { '@odata.nextLink': nextLinkOf(req, offset + pageSize) } : {};
    return { '@odata.context': `${baseUrl(req)}/v1.0/$metadata#users`, value: page, ...next };
  });

  routeForMailboxes(app, 'GET', [''], async (req) => {
    const mailbox = mailboxOf(req);
    const query = parseODataQuery(req.query as Query);
    return { '@odata.context': `${baseUrl(req)}/v1.0/$metadata#users/$entity`, ...select(presentUser(mailbox.user), query.select) };
  });

  routeForMailboxes(app, 'GET', ['/calendars'], async (req) => {
    const mailbox = mailboxOf(req);
    return { '@odata.context': `${baseUrl(req)}/v1.0/$metadata#users('${mailbox.user.id}')/calendars`, value: [presentCalendar(mailbox)] };
  });

  routeForMailboxes(app, 'GET', ['/calendar', '/calendars/:calendarId'], async (req) => {
    const mailbox = mailboxOf(req);
    const calendarId = (req.params as Params).calendarId;
    if (calendarId !== undefined && calendarId !== mailbox.calendarId) throw new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
    return { '@odata.context': `${baseUrl(req)}/v1.0/$metadata#users('${mailbox.user.id}')/calendars/$entity`, ...presentCalendar(mailbox) };
  });
}
