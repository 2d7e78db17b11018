// /users/{id}/events, /users/{id}/calendar/events, /me/... : list, get, create (transactionId), patch (If-Match),
// delete, meeting responses, and the instances of a series.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { resolveMailbox } from '../auth.js';
import { notFound, badRequest } from '../errors.js';
import { isWellFormedId } from '../ids.js';
import { eventWriteSchema, type ResponseType } from '../model.js';
import { matchesFilter } from '../odata/filter.js';
import { parseODataQuery, type ODataQuery } from '../odata/query.js';
import { applySelect, etagOf, presentEvent } from '../present.js';
import { createEvent, deleteEvent, respondToEvent, updateEvent } from '../store/event-ops.js';
import type { GraphStore, Mailbox } from '../store/graph-store.js';
import { resolveView, seriesInstances, storedView, type EventView } from '../store/views.js';
import { parseQueryInstant } from '../time.js';
import { CALENDAR_SEGMENTS, baseUrl, checkCalendar, checkIfMatch, pageWithSkip, parseBody, preferences, routeForMailboxes, type Params, type Query } from './helpers.js';

const EVENT_TYPE = 'microsoft.graph.event';
const responseSchema = z.object({ comment: z.string().optional(), sendResponse: z.boolean().optional() }).strict();

function contextUrl(req: FastifyRequest, mailbox: Mailbox, tail: string): string {
  return `${baseUrl(req)}/v1.0/$metadata#users('${mailbox.user.id}')/${tail}`;
}

/** Filters, orders, pages and renders views as a Graph collection response. */
export function sendViews(req: FastifyRequest, reply: FastifyReply, mailbox: Mailbox, views: EventView[], tail: string, query: ODataQuery) {
  const prefs = preferences(req, reply);
  const options = { timeZone: prefs.timeZone, bodyAsText: prefs.bodyAsText, extendedProperties: query.expandExtendedProperties };
  let items = views.map((v) => presentEvent(v, { ...options, extendedProperties: null }));
  if (query.filter) items = items.filter((item) => matchesFilter(query.filter!, item));
  for (const clause of [...(query.orderBy ?? [])].reverse()) {
    const key = (item: Record<string, unknown>) => clause.path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), item);
    items.sort((a, b) => String(key(a) ?? '').localeCompare(String(key(b) ?? '')) * (clause.descending ? -1 : 1));
  }
  const byId = new Map(views.map((v) => [v.id, v]));
  const { page, nextLink } = pageWithSkip(req, items, query.skip ?? 0, query.top ?? prefs.maxPageSize ?? 10);
  const value = page.map((item) => {
    const view = byId.get(item.id as string);
    const rendered = view ? presentEvent(view, options) : item;
    return applySelect(rendered, query.select);
  });
  return { '@odata.context': contextUrl(req, mailbox, tail), value, ...(nextLink ? { '@odata.nextLink': nextLink } : {}) };
}

export function registerEventRoutes(app: FastifyInstance, store: GraphStore): void {
  const mailboxOf = (req: FastifyRequest) => {
    const mailbox = resolveMailbox(store, req, (req.params as Params).userId);
    checkCalendar(req, mailbox);
    return mailbox;
  };
  const viewOf = (req: FastifyRequest, mailbox: Mailbox): EventView => {
    const id = (req.params as Params).eventId ?? '';
    if (!isWellFormedId(id)) throw badRequest('Id is malformed.', 'ErrorInvalidIdMalformed');
    const view = resolveView(mailbox, id);
    if (!view) throw notFound();
    return view;
  };
  const present = (req: FastifyRequest, reply: FastifyReply, view: EventView, query: ODataQuery) => {
    const prefs = preferences(req, reply);
    const body = presentEvent(view, { timeZone: prefs.timeZone, bodyAsText: prefs.bodyAsText, extendedProperties: query.expandExtendedProperties });
    return applySelect(body, query.select);
  };
  const events = CALENDAR_SEGMENTS.map((s) => `${s}/events`);
  const event = events.map((s) => `${s}/:eventId`);

  routeForMailboxes(app, 'GET', events, async (req, reply) => {
    const mailbox = mailboxOf(req);
    const query = parseODataQuery(req.query as Query);
    const views = [...mailbox.events.values()]
      .filter((e) => e.kind !== 'exception')
      .sort((a, b) => a.createdDateTime.localeCompare(b.createdDateTime) || a.seq - b.seq)
      .map(storedView);
    return sendViews(req, reply, mailbox, views, 'events', query);
  });

  routeForMailboxes(app, 'GET', event, async (req, reply) => {
    const mailbox = mailboxOf(req);
    const view = viewOf(req, mailbox);
    const body = present(req, reply, view, parseODataQuery(req.query as Query));
    return { '@odata.context': contextUrl(req, mailbox, 'events/$entity'), ...body };
  });

  routeForMailboxes(app, 'POST', events, async (req, reply) => {
    const mailbox = mailboxOf(req);
    const input = parseBody(eventWriteSchema, req.body, EVENT_TYPE);
    const created = createEvent(store, mailbox, input);
    const body = present(req, reply, storedView(created), { expandExtendedProperties: undefined });
    return reply.code(201).header('location', `${baseUrl(req)}/v1.0/users/${mailbox.user.id}/events/${created.id}`)
      .send({ '@odata.context': contextUrl(req, mailbox, 'events/$entity'), ...body });
  });

  routeForMailboxes(app, 'PATCH', event, async (req, reply) => {
    const mailbox = mailboxOf(req);
    const view = viewOf(req, mailbox);
    checkIfMatch(req, etagOf(view.record.changeKey));
    const input = parseBody(eventWriteSchema, req.body, EVENT_TYPE);
    const record = updateEvent(store, mailbox, view, input);
    const body = present(req, reply, storedView(record), { expandExtendedProperties: undefined });
    return { '@odata.context': contextUrl(req, mailbox, 'events/$entity'), ...body };
  });

  routeForMailboxes(app, 'DELETE', event, async (req, reply) => {
    const mailbox = mailboxOf(req);
    const view = viewOf(req, mailbox);
    checkIfMatch(req, etagOf(view.record.changeKey));
    deleteEvent(store, mailbox, view);
    return reply.code(204).send();
  });

  const responses: Record<string, ResponseType> = { accept: 'accepted', decline: 'declined', tentativelyAccept: 'tentativelyAccepted' };
  for (const [action, response] of Object.entries(responses)) {
    routeForMailboxes(app, 'POST', event.map((s) => `${s}/${action}`), async (req, reply) => {
      const mailbox = mailboxOf(req);
      const view = viewOf(req, mailbox);
      parseBody(responseSchema, req.body ?? {}, `microsoft.graph.${action}`);
      respondToEvent(store, mailbox, view, response);
      return reply.code(202).send();
    });
  }

  routeForMailboxes(app, 'POST', event.map((s) => `${s}/cancel`), async (req, reply) => {
    const mailbox = mailboxOf(req);
    const view = viewOf(req, mailbox);
    parseBody(z.object({ comment: z.string().optional() }).strict(), req.body ?? {}, 'microsoft.graph.cancel');
    if (!view.record.isOrganizer) throw badRequest('Your request can\'t be completed. Only the meeting organizer can cancel a meeting.', 'ErrorInvalidRequest');
    deleteEvent(store, mailbox, view);
    return reply.code(202).send();
  });

  routeForMailboxes(app, 'GET', event.map((s) => `${s}/instances`), async (req, reply) => {
    const mailbox = mailboxOf(req);
    const view = viewOf(req, mailbox);
    const q = req.query as Query;
    const from = parseQueryInstant('startDateTime', q.startDateTime);
    const to = parseQueryInstant('endDateTime', q.endDateTime);
    const instances = view.type === 'seriesMaster' ? seriesInstances(mailbox, view.record, from, to) : [];
    return sendViews(req, reply, mailbox, instances, 'events', parseODataQuery(q));
  });
}
