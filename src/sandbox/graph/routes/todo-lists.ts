// /users/{id|upn}/todo/lists and /me/todo/lists: list (paged), create, get, rename, delete (todoTaskList), plus
// the query handling the To Do routes share ($expand=linkedResources, filtering and paging of rendered JSON).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { resolveMailbox } from '../auth.js';
import { badRequest } from '../errors.js';
import { parseODataQuery, type ODataQuery } from '../odata/query.js';
import { applySelect } from '../present.js';
import type { GraphStore, Mailbox } from '../store/graph-store.js';
import { listWriteSchema } from '../todo/todo-model.js';
import { createList, deleteList, findList, renameList } from '../todo/todo-ops.js';
import { presentList } from '../todo/present-todo.js';
import { baseUrl, checkIfMatch, filterOrderPage, parseBody, routeForMailboxes, type Params, type Query } from './helpers.js';

export const TODO_DEFAULT_PAGE = 10;

export function todoMailbox(store: GraphStore, req: FastifyRequest): Mailbox {
  return resolveMailbox(store, req, (req.params as Params).userId);
}

export function todoContext(req: FastifyRequest, mailbox: Mailbox, tail: string): string {
  return `${baseUrl(req)}/v1.0/$metadata#users('${mailbox.user.id}')/todo/${tail}`;
}

/** $expand on To Do: only the navigation properties Graph has (linkedResources; checklistItems/attachments are not emulated). */
export function todoQuery(query: Query, typeName: string): { odata: ODataQuery; expandLinkedResources: boolean } {
  const { $expand, ...rest } = query;
  let expandLinkedResources = false;
  if ($expand !== undefined) {
    if (typeof $expand !== 'string') throw badRequest("Query option '$expand' was specified more than once.");
    for (const item of $expand.split(',').map((s) => s.trim()).filter(Boolean)) {
      if (/^linkedResources$/i.test(item)) expandLinkedResources = true;
      else throw badRequest(`Parsing OData Select and Expand failed: Could not find a property named '${item}' on type '${typeName}'.`);
    }
  }
  return { odata: parseODataQuery(rest), expandLinkedResources };
}

/** Filters ($filter over the rendered JSON), orders, pages and selects a To Do collection. */
export function sendTodoCollection(req: FastifyRequest, reply: FastifyReply, items: Record<string, unknown>[], context: string, query: ODataQuery) {
  const { page, nextLink } = filterOrderPage(req, reply, items, query, TODO_DEFAULT_PAGE);
  return { '@odata.context': context, value: page.map((item) => applySelect(item, query.select)), ...(nextLink ? { '@odata.nextLink': nextLink } : {}) };
}

export function registerTodoListRoutes(app: FastifyInstance, store: GraphStore): void {
  const TYPE = 'microsoft.graph.todoTaskList';
  const listOf = (req: FastifyRequest) => {
    const mailbox = todoMailbox(store, req);
    return { mailbox, list: findList(mailbox, (req.params as Params).listId ?? '') };
  };

  routeForMailboxes(app, 'GET', ['/todo/lists'], async (req, reply) => {
    const mailbox = todoMailbox(store, req);
    const { odata } = todoQuery(req.query as Query, TYPE);
    return sendTodoCollection(req, reply, [...mailbox.todoLists.values()].map(presentList), todoContext(req, mailbox, 'lists'), odata);
  });

  routeForMailboxes(app, 'POST', ['/todo/lists'], async (req, reply) => {
    const mailbox = todoMailbox(store, req);
    const input = parseBody(listWriteSchema, req.body, TYPE);
    if (!input.displayName) throw badRequest('displayName is required.', 'invalidRequest');
    const list = createList(store, mailbox, input.displayName);
    return reply.code(201).send({ '@odata.context': todoContext(req, mailbox, 'lists/$entity'), ...presentList(list) });
  });

  routeForMailboxes(app, 'GET', ['/todo/lists/:listId'], async (req) => {
    const { mailbox, list } = listOf(req);
    const { odata } = todoQuery(req.query as Query, TYPE);
    return { '@odata.context': todoContext(req, mailbox, 'lists/$entity'), ...applySelect(presentList(list), odata.select) };
  });

  routeForMailboxes(app, 'PATCH', ['/todo/lists/:listId'], async (req) => {
    const { mailbox, list } = listOf(req);
    checkIfMatch(req, presentList(list)['@odata.etag'] as string);
    const input = parseBody(listWriteSchema, req.body, TYPE);
    if (input.displayName !== undefined) renameList(store, list, input.displayName);
    return { '@odata.context': todoContext(req, mailbox, 'lists/$entity'), ...presentList(list) };
  });

  routeForMailboxes(app, 'DELETE', ['/todo/lists/:listId'], async (req, reply) => {
    const { mailbox, list } = listOf(req);
    deleteList(store, mailbox, list);
    return reply.code(204).send();
  });
}
