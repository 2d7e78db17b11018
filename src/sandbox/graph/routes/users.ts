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

const select = (item: Record<string, unknown>, names: string[] | undefined) =>
  names ? Object.fromEntries(Object.entries(item).filter(([k]) => k === 'id' || names.includes(k))) : item;

export function registerUserRoutes(app: FastifyInstance, store: GraphStore): void {
  const mailboxOf = (req: FastifyRequest) => resolveMailbox(store, req, (req.params as Params).userId);

  app.get('/v1.0/users', async (req) => {
    const who = caller(req);
    if (who.userId === undefined && who.roles.length === 0) throw new GraphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    const query = parseODataQuery(req.query as Query);
    let users = store.users.map(presentUser);
    if (query.filter) users = users.filter((u) => matchesFilter(query.filter!, u));
    return { '@odata.context': `${baseUrl(req)}/v1.0/$metadata#users`, value: users.slice(0, query.top ?? 100).map((u) => select(u, query.select)) };
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
