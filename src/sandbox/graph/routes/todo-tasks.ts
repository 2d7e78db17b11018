// /todo/lists/{listId}/tasks under /users/{id|upn} and /me: list (paged, $filter, $top, $expand=linkedResources),
// create (inline linkedResources), get, patch and delete (If-Match on the task's @odata.etag → 412), and the
// linkedResources navigation property (list, create, get, patch, delete; each write versions the task).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { badRequest } from '../errors.js';
import { isWellFormedId } from '../ids.js';
import { applySelect, etagOf } from '../present.js';
import type { GraphStore, Mailbox } from '../store/graph-store.js';
import { linkedResourceWriteSchema, taskWriteSchema, type StoredTodoList, type StoredTodoTask } from '../todo/todo-model.js';
import {
  addLinkedResource,
  createTask,
  deleteLinkedResource,
  deleteTask,
  findLinkedResource,
  findList,
  findTask,
  updateLinkedResource,
  updateTask,
} from '../todo/todo-ops.js';
import { presentLinkedResource, presentTask } from '../todo/present-todo.js';
import { baseUrl, checkIfMatch, parseBody, preferences, routeForMailboxes, type Params, type Query } from './helpers.js';
import { sendTodoCollection, todoContext, todoMailbox, todoQuery } from './todo-lists.js';

const TASK_TYPE = 'microsoft.graph.todoTask';
const LINK_TYPE = 'microsoft.graph.linkedResource';
const TASKS = '/todo/lists/:listId/tasks';
const TASK = `${TASKS}/:taskId`;
const LINKS = `${TASK}/linkedResources`;
const LINK = `${LINKS}/:linkedResourceId`;

interface Located {
  mailbox: Mailbox;
  list: StoredTodoList;
  task: StoredTodoTask;
}

export function registerTodoTaskRoutes(app: FastifyInstance, store: GraphStore): void {
  const listOf = (req: FastifyRequest) => {
    const mailbox = todoMailbox(store, req);
    return { mailbox, list: findList(mailbox, (req.params as Params).listId ?? '') };
  };
  const taskOf = (req: FastifyRequest): Located => {
    const { mailbox, list } = listOf(req);
    const id = (req.params as Params).taskId ?? '';
    if (!isWellFormedId(id)) throw badRequest('Id is malformed.', 'ErrorInvalidIdMalformed');
    return { mailbox, list, task: findTask(list, id) };
  };
  const render = (req: FastifyRequest, reply: FastifyReply, task: StoredTodoTask, expandLinkedResources = false) =>
    presentTask(task, { timeZone: preferences(req, reply).timeZone, expandLinkedResources });
  const entity = (req: FastifyRequest, mailbox: Mailbox, list: StoredTodoList) => todoContext(req, mailbox, `lists('${list.id}')/tasks/$entity`);

  routeForMailboxes(app, 'GET', [TASKS], async (req, reply) => {
    const { mailbox, list } = listOf(req);
    const { odata, expandLinkedResources } = todoQuery(req.query as Query, TASK_TYPE);
    const rows = [...list.tasks.values()].map((t) => render(req, reply, t, expandLinkedResources));
    const body = sendTodoCollection(req, reply, rows, todoContext(req, mailbox, `lists('${list.id}')/tasks`), { ...odata, select: undefined });
    // $select keeps the expanded navigation property, as Graph does.
    const value = body.value.map((item) => {
      const picked = applySelect(item, odata.select);
      return expandLinkedResources ? { ...picked, linkedResources: item.linkedResources } : picked;
    });
    return { ...body, value };
  });

  routeForMailboxes(app, 'POST', [TASKS], async (req, reply) => {
    const { mailbox, list } = listOf(req);
    const input = parseBody(taskWriteSchema, req.body, TASK_TYPE);
    const task = createTask(store, mailbox, list, input);
    // The create response includes the linked resources created with it (todotasklist-post-tasks example).
    const body = render(req, reply, task, (input.linkedResources?.length ?? 0) > 0);
    return reply.code(201).header('location', `${baseUrl(req)}/v1.0/users/${mailbox.user.id}/todo/lists/${list.id}/tasks/${task.id}`)
      .send({ '@odata.context': entity(req, mailbox, list), ...body });
  });

  routeForMailboxes(app, 'GET', [TASK], async (req, reply) => {
    const { mailbox, list, task } = taskOf(req);
    const { odata, expandLinkedResources } = todoQuery(req.query as Query, TASK_TYPE);
    const item = render(req, reply, task, expandLinkedResources);
    const picked = applySelect(item, odata.select);
    return { '@odata.context': entity(req, mailbox, list), ...picked, ...(expandLinkedResources ? { linkedResources: item.linkedResources } : {}) };
  });

  routeForMailboxes(app, 'PATCH', [TASK], async (req, reply) => {
    const { mailbox, list, task } = taskOf(req);
    checkIfMatch(req, etagOf(task.changeKey));
    const input = parseBody(taskWriteSchema, req.body, TASK_TYPE);
    updateTask(store, mailbox, task, input);
    return { '@odata.context': entity(req, mailbox, list), ...render(req, reply, task) };
  });

  routeForMailboxes(app, 'DELETE', [TASK], async (req, reply) => {
    const { mailbox, list, task } = taskOf(req);
    checkIfMatch(req, etagOf(task.changeKey));
    deleteTask(store, mailbox, list, task);
    return reply.code(204).send();
  });

  const linkContext = (req: FastifyRequest, located: Located, tail = '') =>
    todoContext(req, located.mailbox, `lists('${located.list.id}')/tasks('${located.task.id}')/linkedResources${tail}`);

  routeForMailboxes(app, 'GET', [LINKS], async (req) => {
    const located = taskOf(req);
    return { '@odata.context': linkContext(req, located), value: located.task.linkedResources.map(presentLinkedResource) };
  });

  routeForMailboxes(app, 'POST', [LINKS], async (req, reply) => {
    const located = taskOf(req);
    const input = parseBody(linkedResourceWriteSchema, req.body, LINK_TYPE);
    const resource = addLinkedResource(store, located.mailbox, located.task, input);
    return reply.code(201).send({ '@odata.context': linkContext(req, located, '/$entity'), ...presentLinkedResource(resource) });
  });

  routeForMailboxes(app, 'GET', [LINK], async (req) => {
    const located = taskOf(req);
    const resource = findLinkedResource(located.task, (req.params as Params).linkedResourceId ?? '');
    return { '@odata.context': linkContext(req, located, '/$entity'), ...presentLinkedResource(resource) };
  });

  routeForMailboxes(app, 'PATCH', [LINK], async (req) => {
    const located = taskOf(req);
    const resource = findLinkedResource(located.task, (req.params as Params).linkedResourceId ?? '');
    const input = parseBody(linkedResourceWriteSchema, req.body, LINK_TYPE);
    updateLinkedResource(store, located.mailbox, located.task, resource, input);
    return { '@odata.context': linkContext(req, located, '/$entity'), ...presentLinkedResource(resource) };
  });

  routeForMailboxes(app, 'DELETE', [LINK], async (req, reply) => {
    const located = taskOf(req);
    const resource = findLinkedResource(located.task, (req.params as Params).linkedResourceId ?? '');
    deleteLinkedResource(store, located.mailbox, located.task, resource);
    return reply.code(204).send();
  });
}
