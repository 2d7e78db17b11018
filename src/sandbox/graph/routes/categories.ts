// Master categories (/users/{id}/outlook/masterCategories): list, get, create (duplicate name → 409),
// recolour (displayName is immutable), delete.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { resolveMailbox } from '../auth.js';
import { GraphError, badRequest } from '../errors.js';
import type { GraphStore, Mailbox, OutlookCategory } from '../store/graph-store.js';
import { baseUrl, parseBody, routeForMailboxes, type Params } from './helpers.js';

const COLORS = ['none', ...Array.from({ length: 25 }, (_, i) => `preset${i}`)] as [string, ...string[]];
const TYPE = 'microsoft.graph.outlookCategory';
const createSchema = z.object({ displayName: z.string().min(1).max(255), color: z.enum(COLORS).default('none'), '@odata.type': z.string().optional() }).strict();
const patchSchema = z.object({ color: z.enum(COLORS).optional(), displayName: z.string().optional(), id: z.string().optional() }).strict();

export function registerCategoryRoutes(app: FastifyInstance, store: GraphStore): void {
  const mailboxOf = (req: FastifyRequest) => resolveMailbox(store, req, (req.params as Params).userId);
  const context = (req: FastifyRequest, mailbox: Mailbox) => `${baseUrl(req)}/v1.0/$metadata#users('${mailbox.user.id}')/outlook/masterCategories`;
  const find = (mailbox: Mailbox, req: FastifyRequest): OutlookCategory => {
    const category = mailbox.categories.get((req.params as Params).categoryId ?? '');
    if (!category) throw new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
    return category;
  };
  const collection = ['/outlook/masterCategories'];
  const item = ['/outlook/masterCategories/:categoryId'];

  routeForMailboxes(app, 'GET', collection, async (req) => {
    const mailbox = mailboxOf(req);
    return { '@odata.context': context(req, mailbox), value: [...mailbox.categories.values()].map((c) => ({ ...c })) };
  });
  routeForMailboxes(app, 'GET', item, async (req) => {
    const mailbox = mailboxOf(req);
    return { '@odata.context': `${context(req, mailbox)}/$entity`, ...find(mailbox, req) };
  });
  routeForMailboxes(app, 'POST', collection, async (req, reply) => {
    const mailbox = mailboxOf(req);
    const input = parseBody(createSchema, req.body, TYPE);
    const name = input.displayName.trim();
    if ([...mailbox.categories.values()].some((c) => c.displayName.toLowerCase() === name.toLowerCase())) {
      throw new GraphError(409, 'ErrorDuplicateItem', `A category with the name '${name}' already exists.`);
    }
    const created = store.addCategory(mailbox, name, input.color);
    return reply.code(201).send({ '@odata.context': `${context(req, mailbox)}/$entity`, ...created });
  });
  routeForMailboxes(app, 'PATCH', item, async (req) => {
    const mailbox = mailboxOf(req);
    const category = find(mailbox, req);
    const input = parseBody(patchSchema, req.body, TYPE);
    if (input.displayName !== undefined && input.displayName !== category.displayName) {
      throw badRequest('The displayName of a category cannot be changed.', 'ErrorInvalidRequest');
    }
    if (input.color) category.color = input.color;
    return { '@odata.context': `${context(req, mailbox)}/$entity`, ...category };
  });
  routeForMailboxes(app, 'DELETE', item, async (req, reply) => {
    const mailbox = mailboxOf(req);
    mailbox.categories.delete(find(mailbox, req).id);
    return reply.code(204).send();
  });
}
