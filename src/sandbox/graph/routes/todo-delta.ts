// /todo/lists/{listId}/tasks/delta (learn.microsoft.com todotask-delta): initial and incremental rounds over one
// list, paged with Prefer: odata.maxpagesize, nextLink ($skiptoken) / deltaLink ($deltatoken), `@removed` entries
// for deleted tasks, 410 SyncStateNotFound for expired or foreign tokens. The docs list $select, $top and $expand
// as supported on todoTask delta, so $expand=linkedResources (and $select) given on the first call are encoded in
// the tokens and applied on every later page, as the calendar delta does with its $expand.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { badRequest } from '../errors.js';
import { DeltaTokenCodec, type DeltaState } from '../delta-tokens.js';
import { applySelect } from '../present.js';
import type { GraphSandboxState } from '../sandbox-state.js';
import { findList } from '../todo/todo-ops.js';
import { presentTask } from '../todo/present-todo.js';
import { deltaPage, roundEntries, syncStateNotFound } from './delta-paging.js';
import { baseUrl, preferences, routeForMailboxes, type Params, type Query } from './helpers.js';
import { todoMailbox, todoQuery } from './todo-lists.js';

const DEFAULT_DELTA_PAGE = 10;

export function registerTodoDeltaRoute(app: FastifyInstance, sandbox: GraphSandboxState): void {
  const codec = new DeltaTokenCodec(sandbox.deltaKey, 'todoTasks');
  const store = sandbox.store;

  routeForMailboxes(app, 'GET', ['/todo/lists/:listId/tasks/delta'], async (req, reply: FastifyReply) => {
    const mailbox = todoMailbox(store, req);
    const list = findList(mailbox, (req.params as Params).listId ?? '');
    const q = req.query as Query;
    const token = (q.$skiptoken ?? q.$deltatoken) as string | undefined;
    let state: DeltaState;
    if (token !== undefined) {
      const decoded = codec.decode(String(token));
      if (!decoded || decoded.epoch !== sandbox.tokenEpoch || decoded.listId === undefined) throw syncStateNotFound(req);
      if (decoded.mailboxId !== mailbox.user.id || decoded.listId !== list.id) throw badRequest('The delta token belongs to another task list.', 'invalidRequest');
      state = q.$deltatoken !== undefined ? { ...decoded, base: decoded.high, high: store.seq, after: undefined } : decoded;
    } else {
      const { $top: _top, ...rest } = q;
      const { odata } = todoQuery(rest, 'microsoft.graph.todoTask');
      if (odata.filter || odata.orderBy || odata.skip !== undefined) throw badRequest('Only $select, $top and $expand are supported on todoTask delta.', 'invalidRequest');
      state = {
        epoch: sandbox.tokenEpoch, mailboxId: mailbox.user.id, listId: list.id, from: 0, to: 0, base: 0, high: store.seq,
        expand: typeof q.$expand === 'string' ? q.$expand : undefined,
        select: typeof q.$select === 'string' ? q.$select : undefined,
      };
    }
    const prefs = preferences(req, reply);
    const top = typeof q.$top === 'string' && /^\d+$/.test(q.$top) ? Number(q.$top) : undefined;
    const pageSize = prefs.maxPageSize ?? top ?? DEFAULT_DELTA_PAGE;
    const { page, links } = deltaPage(req, codec, state, roundEntries(list.tasks.values(), list.tombstones, state), pageSize);
    const { odata, expandLinkedResources } = todoQuery({ ...(state.expand ? { $expand: state.expand } : {}), ...(state.select ? { $select: state.select } : {}) }, 'microsoft.graph.todoTask');
    const value = page.map((entry) => {
      if (!entry.item) return { id: entry.id, '@removed': { reason: 'deleted' } };
      const item = presentTask(entry.item, { timeZone: prefs.timeZone, expandLinkedResources });
      const picked = applySelect(item, odata.select);
      return expandLinkedResources ? { ...picked, linkedResources: item.linkedResources } : picked;
    });
    return { '@odata.context': `${baseUrl(req)}/v1.0/$metadata#Collection(todoTask)`, ...links, value };
  });
}
